// Package hardcodedlocalhost is a go/analysis analyzer that reports loopback
// hosts written into Go code where they reach the network: a client that
// dials "localhost" reaches its own container, not the service it means, and
// a server that listens on 127.0.0.1 cannot be reached from other containers
// or through published ports.
//
// A value reaches a sink when it is a compile-time constant (a literal, a named
// constant, a constant-folded concatenation), a constant prefix of a
// concatenation, or a variable assigned exactly once from such a value, also
// through url.Parse. Sinks are recognised by their types, so renamed imports
// and aliases work; the table is DefaultSinks. Values that may come from the
// environment, messages, tests and generated files are left alone.
//
// This package is public API, for Go tools that run analyzers (vet tools,
// multicheckers, the golangci-lint plugin in rules/golangci); see "Public
// surface" in docs/architecture.md.
package hardcodedlocalhost

import (
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Name is the analyzer's name, which is also its rule id and nolint key.
const Name = "hardcodedlocalhost"

// Doc is the analyzer's documentation shown by -help.
const Doc = `report loopback hosts that reach network calls in Go code

Inside a container, localhost and 127.0.0.1 are that container itself.
A client that dials "http://localhost:8000" from one container does not
reach the service in another one, and a server listening on
"127.0.0.1:8080" cannot be reached from other containers or through
published ports. Read addresses from the environment (keeping localhost
only as the fallback) and listen on ":8080".

Test files are skipped unless -include-tests is set; generated files,
values read from the environment, text in messages and a program dialing
its own listen port (a health check run in the same container) are never
reported.`

// Config tunes the analyzer.
type Config struct {
	// IncludeTests also reports in _test.go files.
	IncludeTests bool
	// ExtraSinks adds to DefaultSinks.
	ExtraSinks []Sink
	// Fallbacks makes the analyzer's result the []Fallback of the package:
	// loopback defaults of environment variables, flags and struct tags,
	// for a caller that knows which services set them.
	Fallbacks bool
	// NoRelated leaves out the related locations: the explanation of a
	// finding, which then follows its headline after "; ", and the sinks a
	// literal reaches (the headline names them). golangci-lint turns each
	// related location into an issue of its own, which a //nolint on the
	// literal's line would not suppress.
	NoRelated bool
	// OwnCodeOnly skips packages that are not the user's own code: the
	// standard library and versioned modules (pass.Module with a version).
	// The analyzer has facts, so drivers run it on every dependency; only
	// the user's packages can listen on what its dials are made of. Set it
	// where packages are loaded in module mode (in GOPATH mode every
	// package looks like the standard library).
	OwnCodeOnly bool
}

// Analyzer reports with the default configuration; its flags are
// -include-tests and -extra-sinks.
var Analyzer = newWithFlags()

// New returns an analyzer with a fixed configuration, for embedding (the
// golangci-lint plugin, the reachlint CLI).
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: Name,
		Doc:  Doc,
		URL:  "https://github.com/reachlint/reachlint#hardcodedlocalhost",
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, &cfg) },
		// The ports a package listens on, for dials in its importers; the
		// functions whose parameters reach sinks, for calls there.
		FactTypes: []analysis.Fact{new(listenPorts), new(wrapperSinks), new(pkgVars), new(ownPkg)},
	}
	if cfg.Fallbacks {
		a.ResultType = FallbackType
	}
	return a
}

func newWithFlags() *analysis.Analyzer {
	cfg := new(Config)
	a := &analysis.Analyzer{
		Name: Name,
		Doc:  Doc,
		URL:  "https://github.com/reachlint/reachlint#hardcodedlocalhost",
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
		// The ports a package listens on, for dials in its importers; the
		// functions whose parameters reach sinks, for calls there.
		FactTypes: []analysis.Fact{new(listenPorts), new(wrapperSinks), new(pkgVars), new(ownPkg)},
	}
	// Not "-test": go vet owns that flag.
	a.Flags.BoolVar(&cfg.IncludeTests, "include-tests", false, "also report in _test.go files")
	a.Flags.Var((*sinksFlag)(&cfg.ExtraSinks), "extra-sinks",
		`comma-separated extra sinks: "import/path.Func#N", "(*import/path.Type).Method#N", "import/path.Type.Field", prefixed with "listen:" for server addresses`)
	return a
}

type sinksFlag []Sink

var _ flag.Value = (*sinksFlag)(nil)

func (f *sinksFlag) String() string {
	if f == nil {
		return ""
	}
	names := make([]string, len(*f))
	for i, s := range *f {
		names[i] = s.Name
	}
	return strings.Join(names, ",")
}

func (f *sinksFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		s, err := ParseSink(part)
		if err != nil {
			return err
		}
		*f = append(*f, s)
	}
	return nil
}

type checker struct {
	pass     *analysis.Pass
	sinks    map[string]Sink
	vars     map[*types.Var]*varDef
	readOnly map[*types.Var]bool       // fieldsOnlyRead, made on first need
	consts   map[*types.Const]ast.Expr // the value written in a const spec of this package
	findings map[findingKey]*finding
	order    []findingKey

	cfg       *Config
	fallbacks *[]Fallback               // nil unless Config.Fallbacks
	envOf     map[*types.Var]string     // variables assigned from os.Getenv("X")
	allInits  map[*types.Var][]ast.Expr // every value assigned to a variable

	tagFields map[token.Pos][]*types.Var // the fields of a struct-tag default, by the tag's position

	listens    map[string]bool // what the program's listen addresses are made of (objKey)
	ownListens map[string]bool // the part this package writes, for its fact

	params        map[*types.Var]paramOf             // the package's functions' parameters
	paramSinks    map[*types.Func][]paramSink        // parameters that reach sinks
	newParamSinks bool                               // paramSinks grew since the last look
	imported      map[string][]paramSink             // wrappers of imported packages, by full name
	fieldSinks    map[*types.Var][]fieldSink         // fields of the package's structs that reach sinks
	fieldValues   map[string][]FuncValue             // loopback values written into its exported fields (pkgVars.Fields)
	usedFrom      map[*types.Package]map[string]bool // names of other packages this one uses
	facts         map[*types.Package]*pkgVars        // pkgVars of the user's other packages (nil: none)
	lookupOK      map[*types.Var]*types.Var          // ok of v, ok := os.LookupEnv(...) -> v
	returns       map[*types.Func]ast.Expr           // what a function of the package with one return statement returns
	touched       map[*types.Var]bool                // variables of other packages this one assigns or takes the address of
}

// findingKey identifies one literal to edit: one finding however many sinks
// it reaches.
type findingKey struct {
	pos, end token.Pos
	kind     Kind
}

// finding is a value written at one place and the sinks it reaches.
type finding struct {
	o     origin
	host  string
	uses  []sinkUse
	fixOK bool       // the literal is written at its only sink: a fix may edit it
	exprs []ast.Expr // the expressions that carry it to its sinks
	// implicit is what the client dials when the value names no host
	// (":6379", "root:pw@/app"); host is then "localhost".
	implicit string
	// missing is the address field an options literal leaves out
	// (redis.Options{} without Addr); o.shown is then the literal's type.
	missing string
}

// sinkUse is one sink a value reaches.
type sinkUse struct {
	sk   Sink
	name string   // "http.Get"
	at   ast.Node // the callee or field, for the related location
	via  string   // "url.Parse"
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	if cfg.OwnCodeOnly && !ownCode(pass) {
		if cfg.Fallbacks {
			return []Fallback(nil), nil
		}
		return nil, nil
	}
	c := &checker{
		cfg:      cfg,
		pass:     pass,
		sinks:    make(map[string]Sink),
		vars:     make(map[*types.Var]*varDef),
		consts:   make(map[*types.Const]ast.Expr),
		findings: make(map[findingKey]*finding),
		envOf:    make(map[*types.Var]string),
		allInits: make(map[*types.Var][]ast.Expr),

		tagFields: make(map[token.Pos][]*types.Var),

		listens:    make(map[string]bool),
		ownListens: make(map[string]bool),

		params:     make(map[*types.Var]paramOf),
		paramSinks: make(map[*types.Func][]paramSink),
		imported:   make(map[string][]paramSink),
		fieldSinks: make(map[*types.Var][]fieldSink),
		lookupOK:   make(map[*types.Var]*types.Var),
		returns:    make(map[*types.Func]ast.Expr),
		touched:    make(map[*types.Var]bool),
	}
	c.importListens()
	c.importWrappers()
	if cfg.Fallbacks {
		c.fallbacks = new([]Fallback)
	}
	for _, s := range DefaultSinks {
		c.sinks[s.Name] = s
	}
	for _, s := range cfg.ExtraSinks {
		c.sinks[s.Name] = s
	}
	// The assignments of the production files decide whether a variable
	// holds one constant value there: a test that overrides a base URL must
	// not hide the finding, so results do not depend on whether the loader
	// included the test files. Test files see every assignment.
	isTest := func(f *ast.File) bool {
		return strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go")
	}
	var prodFiles []*ast.File
	for _, f := range pass.Files {
		if !isTest(f) {
			c.collectDefs(f)
			c.collectParams(f)
		}
	}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) || isTest(f) {
			continue
		}
		prodFiles = append(prodFiles, f)
		ast.Inspect(f, c.visit)
	}
	c.wrapperCalls(prodFiles)
	c.collectFieldValues(prodFiles)
	if cfg.IncludeTests {
		c.vars = make(map[*types.Var]*varDef)
		for _, f := range pass.Files {
			c.collectDefs(f)
		}
		for _, f := range pass.Files {
			if !ast.IsGenerated(f) && isTest(f) {
				ast.Inspect(f, c.visit)
			}
		}
	}
	c.flush()
	c.exportListens()
	c.exportWrappers()
	c.exportVars()
	if m := pass.Module; m != nil && m.Path != "" && m.Version == "" {
		pass.ExportPackageFact(&ownPkg{Own: true}) // a module of the workspace, not GOPATH code
	}
	if c.fallbacks != nil {
		var prod []*ast.File
		for _, f := range pass.Files {
			if !isTest(f) {
				prod = append(prod, f)
			}
		}
		c.dropConditional(prod)
		return *c.fallbacks, nil
	}
	return nil, nil
}

func (c *checker) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		c.call(n)
		if c.fallbacks != nil {
			c.fallbackCall(n)
		}
	case *ast.IfStmt:
		if c.fallbacks != nil {
			c.fallbackIf(n)
		}
	case *ast.StructType:
		if c.fallbacks != nil {
			c.fallbackTags(n)
		}
	case *ast.CompositeLit:
		c.compositeLit(n)
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if sk, name, ok := c.fieldSink(sel); ok {
				if rhs := pick(n.Rhs, len(n.Lhs), i); rhs != nil {
					c.value(rhs, sk, name, sel.Sel, true)
				}
			}
		}
	}
	return true
}

func (c *checker) call(call *ast.CallExpr) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	sig := fn.Signature()
	if d, ok := addressDefaults[fn.FullName()]; ok {
		switch {
		case d.Receiver:
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				c.defaultAddress(call, fn, d, c.onlyFormatted(sel.X, call))
			}
		case len(call.Args) > 0:
			c.defaultAddress(call, fn, d, call.Args[0])
		}
	}
	sk, ok := c.sinks[fn.FullName()]
	if !ok {
		c.callByName(call, fn)
		return
	}
	if sk.Field || sk.Arg >= len(call.Args) {
		return
	}
	if sig.Variadic() && sk.Arg == sig.Params().Len()-1 && !call.Ellipsis.IsValid() {
		// kgo.SeedBrokers("a:9092", "localhost:9092"): every variadic argument.
		for _, a := range call.Args[sk.Arg:] {
			c.value(a, sk, funcName(fn), call.Fun, true)
		}
		return
	}
	c.value(call.Args[sk.Arg], sk, funcName(fn), call.Fun, true)
}

// addressDefault is a client constructor whose options struct dials a
// loopback address when its address field is left out.
type addressDefault struct {
	// Receiver: the options are the method's receiver (cfg.FormatDSN()),
	// a local variable set once from a literal and otherwise only read.
	Receiver bool
	Field    string   // the address field: "Addr"
	Network  string   // a field naming the network: only "tcp" keeps Default
	Default  string   // what the client dials without it
	Unless   []string // fields that make the default moot (a custom dialer)
	Env      string
}

// addressDefaults are the constructors, by types.Func.FullName, whose
// options a literal written in the call often leaves without an address
// (redis.NewClient(&redis.Options{}), as tutorials write it).
var addressDefaults = map[string]addressDefault{
	"github.com/redis/go-redis/v9.NewClient": {Field: "Addr", Default: "localhost:6379", Unless: []string{"Dialer", "Network"}, Env: "REDIS_ADDR"},
	"github.com/go-redis/redis/v8.NewClient": {Field: "Addr", Default: "localhost:6379", Unless: []string{"Dialer", "Network"}, Env: "REDIS_ADDR"},
	"github.com/go-pg/pg/v10.Connect":        {Field: "Addr", Default: "localhost:5432", Unless: []string{"Dialer", "Network"}, Env: "DATABASE_ADDR"},
	// go-sql-driver writes "user:pw@/db" without Net and Addr: 127.0.0.1:3306.
	"(*github.com/go-sql-driver/mysql.Config).FormatDSN": {Receiver: true, Field: "Addr", Network: "Net", Default: "127.0.0.1:3306", Env: "MYSQL_ADDR"},
}

// onlyFormatted returns the struct literal a local variable x was set to
// once, when every other use of x reads a field or is this call's receiver
// (cfg := mysql.Config{...}; sql.Open("mysql", cfg.FormatDSN())): nothing
// else can give it an address. Else nil.
func (c *checker) onlyFormatted(x ast.Expr, call *ast.CallExpr) ast.Expr {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	info := c.pass.TypesInfo
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	d := c.vars[v]
	if d == nil || d.count != 1 || d.init == nil {
		return nil
	}
	if _, ok := ast.Unparen(d.init).(*ast.CompositeLit); !ok {
		return nil
	}
	recv := ast.Unparen(ast.Unparen(call.Fun).(*ast.SelectorExpr).X)
	clean := true
	c.varUses(func(u *ast.Ident, uv *types.Var, stack []ast.Node) {
		if uv == v && recv != u && !fieldRead(info, stack) {
			clean = false
		}
	})
	if !clean {
		return nil
	}
	return d.init
}

// defaultAddress reports an options literal written in the call that
// leaves out the address: the client then dials d.Default. Options held
// in a variable may get their address later and are left alone.
func (c *checker) defaultAddress(call *ast.CallExpr, fn *types.Func, d addressDefault, arg ast.Expr) {
	if arg == nil {
		return
	}
	arg = ast.Unparen(arg)
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	lit, ok := arg.(*ast.CompositeLit)
	if !ok || namedOf(c.pass.TypesInfo.TypeOf(lit)) == nil {
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return // fields by position: the address is among them
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if key.Name == d.Network {
			// Net: "tcp" keeps the default address; "unix" and the
			// rest do not.
			if o, ok := c.resolve(kv.Value, 0); !ok || !strings.HasPrefix(o.value, "tcp") || strings.Contains(o.shown, unknown) {
				return
			}
			continue
		}
		if key.Name == d.Field || slices.Contains(d.Unless, key.Name) {
			return
		}
	}
	typ := types.TypeString(c.pass.TypesInfo.TypeOf(lit), func(p *types.Package) string { return p.Name() })
	o := origin{value: d.Default, shown: typ, at: lit, local: true}
	key := findingKey{lit.Pos(), lit.End(), Dial}
	if c.findings[key] != nil {
		return
	}
	sk := Sink{What: "address", Env: d.Env}
	c.findings[key] = &finding{o: o, host: "localhost", implicit: d.Default, missing: d.Field,
		uses: []sinkUse{{sk: sk, name: funcName(fn), at: call.Fun}}}
	c.order = append(c.order, key)
}

// addrNames are the parameter and field names that hold a network address
// in most client libraries: the fallback for clients the table does not know.
var addrNames = map[string]string{
	"addr": "ADDR", "addrs": "ADDRS", "address": "ADDR", "addresses": "ADDRS", "hostport": "ADDR",
	"endpoint": "ENDPOINT", "endpoints": "ENDPOINTS", "url": "URL", "urls": "URLS", "baseurl": "URL",
	"dsn": "DSN", "brokers": "BROKERS", "servers": "SERVERS",
}

// byName makes a sink for a field or parameter that is an address by its
// name, in a package from another module outside the standard library.
func (c *checker) byName(pkg *types.Package, owner, name string) (Sink, bool) {
	suffix, ok := addrNames[strings.ToLower(name)]
	if !ok || pkg == nil || !c.foreign(pkg) || strings.Contains(pkg.Path(), "browser") {
		// A browser opener runs on the host: localhost is right there.
		return Sink{}, false
	}
	sk := Sink{Name: "by name", What: "address", Env: strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(displayPkg(pkg))) + "_" + suffix, byName: true}
	switch suffix {
	case "URL", "URLS":
		sk.What = "URL"
	case "DSN":
		sk.What = "DSN"
	case "BROKERS":
		sk.What = "broker list"
	}
	lower := strings.ToLower(owner)
	for _, w := range []string{"redirect", "cors", "origin", "browser", "link"} {
		if strings.Contains(lower, w) {
			// A URL for the user's browser: localhost may be right there.
			return Sink{}, false
		}
	}
	for _, w := range []string{"server", "serve", "listen", "start", "run", "bind"} {
		if strings.Contains(lower, w) {
			sk.Kind = Listen
		}
	}
	return sk, true
}

// foreign reports whether pkg is from a module other than the analysed
// package's and outside the standard library.
func (c *checker) foreign(pkg *types.Package) bool {
	path := pkg.Path()
	first, _, _ := strings.Cut(path, "/")
	if !strings.Contains(first, ".") {
		return false // the standard library (or a GOPATH-style test package)
	}
	own := c.pass.Pkg.Path()
	if c.pass.Module != nil && c.pass.Module.Path != "" {
		own = c.pass.Module.Path
	} else if parts := strings.SplitN(own, "/", 4); len(parts) == 4 {
		own = strings.Join(parts[:3], "/")
	}
	return path != own && !strings.HasPrefix(path, own+"/")
}

// callByName checks the arguments of a call to another module's function
// whose parameters are named like addresses.
func (c *checker) callByName(call *ast.CallExpr, fn *types.Func) {
	params := fn.Signature().Params()
	for i, a := range call.Args {
		pi := min(i, params.Len()-1)
		if pi < 0 {
			return
		}
		if i >= params.Len()-1 && fn.Signature().Variadic() && call.Ellipsis.IsValid() {
			continue
		}
		owner := fn.Name()
		if r := fn.Signature().Recv(); r != nil {
			if n := namedOf(r.Type()); n != nil {
				owner = n.Obj().Name() + "." + owner
			}
		}
		if sk, ok := c.byName(fn.Pkg(), owner, params.At(pi).Name()); ok {
			c.value(a, sk, funcName(fn), call.Fun, true)
		}
	}
}

func (c *checker) compositeLit(lit *ast.CompositeLit) {
	named := namedOf(c.pass.TypesInfo.TypeOf(lit))
	if named == nil {
		return
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return
	}
	keyedFields(lit, func(key *ast.Ident, val ast.Expr) {
		full, short := fieldNames(named, key.Name)
		if sk, ok := c.sinks[full]; ok && sk.Field {
			c.value(val, sk, short, key, true)
		} else if sk, ok := c.fieldByName(named, key.Name); ok {
			c.value(val, sk, short, key, true)
		}
	})
}

// keyedFields calls f for each Field: value of a struct literal.
func keyedFields(lit *ast.CompositeLit, f func(key *ast.Ident, val ast.Expr)) {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok {
				f(key, kv.Value)
			}
		}
	}
}

// fieldSink finds the struct type that declares the selected field, through
// embedded fields.
func (c *checker) fieldSink(sel *ast.SelectorExpr) (Sink, string, bool) {
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return Sink{}, "", false
	}
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return Sink{}, "", false
		}
		t = st.Field(i).Type()
	}
	named := namedOf(t)
	if named == nil {
		return Sink{}, "", false
	}
	full, short := fieldNames(named, sel.Sel.Name)
	if sk, ok := c.sinks[full]; ok && sk.Field {
		return sk, short, true
	}
	sk, ok := c.fieldByName(named, sel.Sel.Name)
	return sk, short, ok
}

// fieldByName is the by-name fallback for a struct field of another
// module's type: the field must be declared in that type (not promoted from
// the analysed module) and hold strings.
func (c *checker) fieldByName(named *types.Named, field string) (Sink, bool) {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return Sink{}, false
	}
	for f := range st.Fields() {
		if f.Name() != field {
			continue
		}
		if !stringish(f.Type()) {
			return Sink{}, false
		}
		return c.byName(named.Obj().Pkg(), named.Obj().Name(), field)
	}
	return Sink{}, false
}

// stringish: a string, []string or *string, the types an address comes in.
func stringish(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return stringish(u.Elem())
	case *types.Pointer:
		return stringish(u.Elem())
	}
	return false
}

// value checks one expression that reaches sink (written at sinkAt).
// inPlace says the expression is written at the sink, so a fix may edit it.
func (c *checker) value(e ast.Expr, sk Sink, sinkName string, sinkAt ast.Node, inPlace bool) {
	e = ast.Unparen(e)
	// A list held in a variable assigned once: brokers := []string{...}.
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if d := c.vars[v]; d != nil && d.count == 1 {
				if lit, ok := ast.Unparen(d.init).(*ast.CompositeLit); ok {
					c.value(lit, sk, sinkName, sinkAt, false)
					return
				}
			}
		}
	}
	// A literal list of addresses, e.g. redis.ClusterOptions.Addrs.
	if lit, ok := e.(*ast.CompositeLit); ok {
		if t := c.pass.TypesInfo.TypeOf(lit); t == nil {
			return
		} else if _, ok := t.Underlying().(*types.Slice); ok {
			for _, elt := range lit.Elts {
				c.value(elt, sk, sinkName, sinkAt, inPlace)
			}
		}
		return
	}
	if sk.Kind == Listen {
		c.noteListen(e)
	}
	// A parameter or field that starts the value (base + "/v1/items")
	// brings its host.
	first := e
	for b, ok := first.(*ast.BinaryExpr); ok && b.Op == token.ADD; b, ok = first.(*ast.BinaryExpr) {
		first = ast.Unparen(b.X)
	}
	c.noteParam(first, sk, sinkName)
	c.noteField(first, sk, sinkName)
	c.noteFieldUse(first, sinkAt)
	c.moduleField(first, sk, sinkName, sinkAt)
	o, ok := c.resolve(e, 0)
	if !ok {
		return
	}
	c.record(e, o, sk, sinkName, sinkAt, inPlace)
}

// record notes a value o, resolved from e, that reaches sk: a finding when
// it names a loopback host.
func (c *checker) record(e ast.Expr, o origin, sk Sink, sinkName string, sinkAt ast.Node, inPlace bool) {
	var host, implicit string
	var ok bool
	if sk.Kind == Listen {
		h, _, ok := loopbackListen(o.value)
		if !ok {
			return
		}
		host = h
	} else if host, ok = localHost(o.value); !ok {
		if implicit, ok = implicitLocal(o.text(), sk.What); !ok {
			return
		}
		host = "localhost"
	}
	key := findingKey{o.pos(), o.end(), sk.Kind}
	f := c.findings[key]
	if f != nil && slices.ContainsFunc(f.uses, func(u sinkUse) bool { return u.at == sinkAt }) {
		return // the same sink seen again (a wrapper that is also a known sink)
	}
	if f == nil {
		f = &finding{o: o, host: host, implicit: implicit, fixOK: inPlace && o.local && !sk.byName}
		c.findings[key] = f
		c.order = append(c.order, key)
	} else {
		f.fixOK = false // several sinks share the literal: leave it to the user
	}
	f.exprs = append(f.exprs, e)
	for _, u := range f.uses {
		if u.at == sinkAt {
			return
		}
	}
	f.uses = append(f.uses, sinkUse{sk: sk, name: sinkName, at: sinkAt, via: o.via})
}

// flush reports each literal once, naming every sink it reaches.
func (c *checker) flush() {
	for _, key := range c.order {
		f := c.findings[key]
		switch {
		case key.kind == Listen:
			c.reportListen(f)
		case c.dialsOwnPort(f):
			// The program calling itself: localhost is right.
		default:
			c.reportDial(f)
		}
	}
}

// reaches says which sinks a finding reaches, with their lines when they
// are not where the literal is: "http.Get (main.go:22) and sql.Open (db.go:9)".
func (c *checker) reaches(f *finding) string {
	fset := c.pass.Fset
	at := fset.Position(f.o.pos())
	var parts []string
	for i, u := range f.uses {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more", len(f.uses)-3))
			break
		}
		s := u.name
		if u.via != "" {
			s += " through " + u.via
		}
		p := fset.Position(u.at.Pos())
		if p.Filename != at.Filename || p.Line != at.Line {
			s += fmt.Sprintf(" (%s:%d)", filepath.Base(p.Filename), p.Line)
		}
		parts = append(parts, s)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// report reports a finding: msg is its headline, why the explanation.
// The explanation is the first related location, at the finding itself (go
// vet prints it as an indented line below the headline, the reachlint CLI
// as a note); without related locations (golangci-lint) it follows the
// headline after "; ", as in formats with one message field.
func (c *checker) report(f *finding, msg, why string, fixes []analysis.SuggestedFix) {
	c.reportAs(f, category(f), msg, why, fixes)
}

// reportAs reports a finding under a category: "sink" or "by-name" for a
// destination, ListenCategory for a listen address.
func (c *checker) reportAs(f *finding, cat, msg, why string, fixes []analysis.SuggestedFix) {
	d := analysis.Diagnostic{Pos: f.o.pos(), End: f.o.end(), Category: cat, Message: msg, SuggestedFixes: fixes}
	if c.cfg.NoRelated {
		d.Message += "; " + why
	} else {
		d.Related = append([]analysis.RelatedInformation{{Pos: d.Pos, End: d.End, Message: why}}, c.related(f)...)
	}
	c.pass.Report(d)
}

func (c *checker) related(f *finding) []analysis.RelatedInformation {
	if len(f.uses) == 1 && c.pass.Fset.Position(f.uses[0].at.Pos()).Line == c.pass.Fset.Position(f.o.pos()).Line &&
		c.pass.Fset.File(f.uses[0].at.Pos()) == c.pass.Fset.File(f.o.pos()) {
		return nil // the sink is on the literal's line
	}
	var out []analysis.RelatedInformation
	for _, u := range f.uses {
		out = append(out, analysis.RelatedInformation{Pos: u.at.Pos(), End: u.at.End(), Message: "reaches " + u.name})
	}
	return out
}

// category tells findings of the sink table from the fallback by name.
func category(f *finding) string {
	for _, u := range f.uses {
		if !u.sk.byName {
			return "sink"
		}
	}
	return "by-name"
}

func (c *checker) reportDial(f *finding) {
	sk := f.uses[0].sk
	host := f.host
	what := sk.What
	if what == "" {
		what = "address"
	}
	msg := fmt.Sprintf("%q reaches %s; read the %s from os.Getenv(%q)", f.o.shown, c.reaches(f), what, sk.Env)
	why := fmt.Sprintf("inside a container %q is that container itself, not another service", host)
	keep := fmt.Sprintf("keep %q only as the fallback", host)
	const itself = "inside a container that container itself, not another service"
	switch {
	case f.missing != "":
		msg = fmt.Sprintf("%s without %s reaches %s; set %s from os.Getenv(%q)", f.o.shown, f.missing, c.reaches(f), f.missing, sk.Env)
		why = fmt.Sprintf("without %s the client dials %s: %s", f.missing, f.implicit, itself)
		keep = fmt.Sprintf("keep %q only as the fallback", f.implicit)
	case f.implicit != "" && sk.What == "DSN":
		why = fmt.Sprintf("it names no address, so the MySQL driver dials %s: %s; name the server, as in tcp(db:3306)", f.implicit, itself)
		keep = "keep the value only as the fallback"
	case f.implicit != "":
		why = fmt.Sprintf("it names no host, so the client dials %s: %s", f.implicit, itself)
		keep = "keep the value only as the fallback"
	case isUnspecified(host):
		why = fmt.Sprintf("%q is a bind address; dialed from a container it reaches that container itself", host)
	}
	c.report(f, msg, fmt.Sprintf("%s; %s is only a suggested name; %s", why, sk.Env, keep), nil)
}

func (c *checker) reportListen(f *finding) {
	_, port, _ := loopbackListen(f.o.value)
	if port == "0" {
		return // a free port the program hands on itself (a test's mock server): nothing publishes it
	}
	to := ":" + port
	if port == "" {
		to = ":<port>"
	}
	msg := fmt.Sprintf("%q reaches %s; listen on %q", f.o.shown, c.reaches(f), to)
	why := fmt.Sprintf("a server listening on %q inside a container cannot be reached from other containers or through published ports", f.host)
	var fixes []analysis.SuggestedFix
	// Only a literal written at its one sink is rewritten: a constant or
	// variable may be used elsewhere too.
	edit := f.o.at
	for {
		// "127.0.0.1:" + port: the literal holding the host is the leftmost.
		b, ok := edit.(*ast.BinaryExpr)
		if !ok {
			break
		}
		edit = ast.Unparen(b.X)
	}
	if lit, ok := edit.(*ast.BasicLit); ok && f.fixOK {
		if s, err := strconv.Unquote(lit.Value); err == nil {
			if _, p, ok := loopbackListen(s); ok && (p != "" || strings.HasSuffix(s, ":")) {
				fixes = []analysis.SuggestedFix{{
					Message:   fmt.Sprintf("replace %q with %q", s, ":"+p),
					TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(":" + p))}},
				}}
			}
		}
	}
	cat := ListenCategory
	if port != "" {
		cat += ":" + port
	}
	c.reportAs(f, cat, msg, why, fixes)
}

// ListenCategory is the category of a listen address on loopback, followed
// by ":" and the port when it is known ("listen:6060"): a driver that knows
// which ports of the container anything reaches can tell a server meant
// for other containers from a debug endpoint kept inside on purpose.
const ListenCategory = "listen"

// origin is a constant string value and where it is written.
type origin struct {
	value string   // the known value, or its known prefix: where the host is
	shown string   // the value written at at, "…" for parts known only at run time
	at    ast.Expr // the expression the user edits: a literal, a const's value, a concatenation
	via   string   // e.g. "url.Parse"
	local bool     // at is lexically inside the sink expression
	// decl is the name of a constant (or a variable) declared in another
	// package of the module: the value is written there, so that is where
	// to report.
	decl types.Object
	// lit is the literal in another package that decl (a function or a
	// field) returns or is given, when the run's files include it.
	lit, litEnd token.Pos
}

// text is the value with "x" for each part known only at run time, where
// the value is shown whole; else the value (or its known prefix).
func (o origin) text() string {
	if strings.Contains(o.shown, unknown) {
		return strings.ReplaceAll(o.shown, unknown, "x")
	}
	return o.value
}

// pos and end are where the value is written: the literal in another
// package (lit), the constant's or variable's declaration there, else at.
func (o origin) pos() token.Pos {
	if o.lit.IsValid() {
		return o.lit
	}
	if o.decl != nil {
		return o.decl.Pos()
	}
	return o.at.Pos()
}

func (o origin) end() token.Pos {
	if o.lit.IsValid() {
		return o.litEnd
	}
	if o.decl != nil {
		return o.decl.Pos() + token.Pos(len(o.decl.Name()))
	}
	return o.at.End()
}

const maxDepth = 8

// unknown stands for a part of a value known only at run time.
const unknown = "…"

// resolve finds the constant string an expression carries.
func (c *checker) resolve(e ast.Expr, depth int) (origin, bool) {
	if depth > maxDepth {
		return origin{}, false
	}
	e = ast.Unparen(e)
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() != constant.String {
			return origin{}, false
		}
		v := constant.StringVal(tv.Value)
		at := c.constAt(e, 0)
		o := origin{value: v, shown: c.constString(at, v), at: at, local: at == e || within(at, e)}
		if k := c.moduleConst(at); k != nil {
			o.decl = k
			o = c.moduleConstAt(k, o)
		}
		return o, true
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, ok := info.Uses[sel.Sel].(*types.Var); ok && !v.IsField() {
			return c.moduleVar(v, e)
		}
		if o, ok := c.localField(sel, depth); ok {
			return o, true
		}
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok && e.Op == token.AND {
			return c.urlLit(lit, depth)
		}
	case *ast.CompositeLit:
		return c.urlLit(e, depth)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return origin{}, false
		}
		d := c.vars[v]
		if d == nil || d.count != 1 || d.init == nil {
			return origin{}, false
		}
		if v.Parent() == v.Pkg().Scope() && v.Exported() {
			return origin{}, false // other packages may assign it
		}
		o, ok := c.resolve(d.init, depth+1)
		o.local = false
		return o, ok
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return origin{}, false
		}
		l, ok := c.resolve(e.X, depth+1)
		if !ok {
			return origin{}, false
		}
		r, rok := c.resolve(e.Y, depth+1)
		if rok && !r.local && bareAddr(r.value) && !strings.Contains(r.shown, unknown) {
			// "http://" + host, host := "localhost": the host is written
			// where the variable or constant is.
			if _, ok := localHost(l.value + r.value); ok {
				if _, ok := localHost(l.value); !ok {
					r.value = l.value + r.value
					return r, true
				}
			}
		}
		if !l.local {
			// The host comes from a constant or variable written
			// elsewhere: that is what to edit.
			if rok && !strings.HasSuffix(l.shown, unknown) {
				l.value += r.value
			}
			return l, true
		}
		// A concatenation written here: show it as written, with "…" for
		// what only the running program knows.
		o := origin{value: l.value, shown: l.shown, at: e, via: l.via, local: true}
		if rok {
			if !strings.Contains(l.shown, unknown) {
				o.value += r.value
			}
			o.shown += r.shown
		} else if !strings.HasSuffix(o.shown, unknown) {
			o.shown += unknown // one "…" for consecutive run-time parts
		}
		return o, true
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, e).(*types.Func)
		if !ok {
			return origin{}, false
		}
		switch fn.FullName() {
		case "net/url.Parse", "net/url.ParseRequestURI":
			if len(e.Args) != 1 {
				return origin{}, false
			}
			o, ok := c.resolve(e.Args[0], depth+1)
			if ok && o.via == "" {
				o.via = "url." + fn.Name()
			}
			return o, ok
		case "(*net/url.URL).String", "(*net/url.URL).JoinPath", "(*net/url.URL).Redacted":
			// The host survives these.
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return c.resolve(sel.X, depth+1)
			}
		case "github.com/aws/aws-sdk-go-v2/aws.String", "strings.Split", "strings.Fields":
			// The value passes through: aws.String("http://localhost:4566"),
			// strings.Split("localhost:9092,kafka:9092", ",").
			if len(e.Args) == 0 {
				return origin{}, false
			}
			return c.resolve(e.Args[0], depth+1)
		case "fmt.Sprintf":
			// "http://localhost:%d": the host is in the format's prefix.
			if len(e.Args) == 0 {
				return origin{}, false
			}
			f, ok := c.resolve(e.Args[0], depth+1)
			if !ok || strings.Contains(f.shown, unknown) {
				return origin{}, false
			}
			prefix, _, _ := strings.Cut(f.value, "%")
			o := origin{value: prefix, shown: verbs().ReplaceAllString(f.value, unknown), at: e, via: f.via, local: f.local}
			if _, ok := localHost(prefix); ok {
				return o, true
			}
			// The host after a verb ("postgres://%s:%s@localhost:5432/db"),
			// or in an argument ("host=%s port=%d", "localhost", 5432): the
			// formatted text, with the arguments known here.
			var args []string
			for _, a := range e.Args[1:] {
				if ao, ok := c.resolve(a, depth+1); ok && !strings.Contains(ao.shown, unknown) {
					if _, ok := localHost(ao.value); ok && hostOf(ao.value) == ao.value {
						return ao, true // a bare loopback host handed in: edit it there
					}
					args = append(args, ao.value)
				} else if tv, ok := info.Types[a]; ok && tv.Value != nil {
					args = append(args, tv.Value.ExactString())
				} else {
					args = append(args, "x") // known only when it runs: no host
				}
			}
			i := 0
			full := verbs().ReplaceAllStringFunc(f.value, func(v string) string {
				if v == "%%" {
					return "%"
				}
				if i < len(args) {
					i++
					return args[i-1]
				}
				return "x"
			})
			if _, ok := localHost(full); ok {
				return origin{value: full, shown: o.shown, at: f.at, via: f.via, local: f.local}, true
			}
			return o, true
		default:
			if r, ok := c.returns[fn]; ok {
				o, ok := c.resolve(r, depth+1)
				o.local = false // written in the function, not at the call
				return o, ok
			}
			return c.moduleFunc(fn, e)
		}
	}
	return origin{}, false
}

// urlLit resolves a url.URL literal (url.URL{Scheme: "http", Host:
// "localhost:8080"}) to its host, where the value to edit is written.
func (c *checker) urlLit(lit *ast.CompositeLit, depth int) (origin, bool) {
	n := namedOf(c.pass.TypesInfo.TypeOf(lit))
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "net/url" || n.Obj().Name() != "URL" {
		return origin{}, false
	}
	var host origin
	found := false
	keyedFields(lit, func(key *ast.Ident, val ast.Expr) {
		if key.Name == "Host" {
			host, found = c.resolve(val, depth+1)
		}
	})
	if !found || strings.Contains(host.shown, unknown) {
		return origin{}, false
	}
	if host.via == "" {
		host.via = "url.URL.Host"
	}
	return host, true
}

// verbs matches fmt verbs, shown as "…" in messages.
var verbs = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z%]`)
})

// within reports whether inner is lexically inside outer.
func within(inner, outer ast.Node) bool {
	return inner.Pos() >= outer.Pos() && inner.End() <= outer.End()
}

// constAt finds where the loopback part of a constant expression is
// written: the const declaration's value for a constant of this package,
// the operand holding the host for a concatenation.
func (c *checker) constAt(e ast.Expr, depth int) ast.Expr {
	e = ast.Unparen(e)
	if depth > maxDepth {
		return e
	}
	switch x := e.(type) {
	case *ast.Ident:
		if k, ok := c.pass.TypesInfo.Uses[x].(*types.Const); ok {
			if v := c.consts[k]; v != nil {
				return c.constAt(v, depth+1)
			}
		}
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return e
		}
		for _, op := range []ast.Expr{x.X, x.Y} {
			if tv, ok := c.pass.TypesInfo.Types[op]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				if _, ok := localHost(constant.StringVal(tv.Value)); ok {
					return c.constAt(op, depth+1)
				}
				if _, _, ok := loopbackListen(constant.StringVal(tv.Value)); ok {
					return c.constAt(op, depth+1)
				}
			}
		}
	case *ast.CallExpr:
		// A conversion: AddrStr("localhost:1").
		if tv, ok := c.pass.TypesInfo.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return c.constAt(x.Args[0], depth+1)
		}
	}
	return e
}

// moduleConst returns the constant e names when another package of this
// module declares it (the user edits it there), else nil. A constant of
// another module is the user's to replace where it is used.
func (c *checker) moduleConst(e ast.Expr) *types.Const {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = x.Sel
	case *ast.Ident:
		id = x
	default:
		return nil
	}
	k, ok := c.pass.TypesInfo.Uses[id].(*types.Const)
	if !ok || k.Pkg() == nil || k.Pkg() == c.pass.Pkg || !k.Pos().IsValid() || !c.own(k.Pkg()) {
		return nil
	}
	return k
}

// own reports whether pkg is the user's code, where a value it declares is
// edited: the module of the package being analysed, or another module of
// its workspace.
func (c *checker) own(pkg *types.Package) bool {
	return c.sameModule(pkg.Path()) || c.pass.ImportPackageFact(pkg, new(ownPkg))
}

// ownPkg is the package fact of the user's own code (ownCode): the modules
// of a go.work workspace see each other's as their own.
type ownPkg struct{ Own bool } // a field: go vet encodes facts with gob

func (*ownPkg) AFact()         {}
func (*ownPkg) String() string { return "ownPkg" }

// sameModule reports whether an import path belongs to the module of the
// package being analysed (in GOPATH mode: shares its first element).
func (c *checker) sameModule(path string) bool {
	if m := c.pass.Module; m != nil && m.Path != "" {
		return path == m.Path || strings.HasPrefix(path, m.Path+"/")
	}
	first, _, _ := strings.Cut(c.pass.Pkg.Path(), "/")
	other, _, _ := strings.Cut(path, "/")
	return first == other
}

// constString is the value of the constant expression at, or v when it has
// none.
func (c *checker) constString(at ast.Expr, v string) string {
	if tv, ok := c.pass.TypesInfo.Types[at]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	return v
}

// varDef counts the assignments of a variable and keeps its only initializer.
// localField resolves cfg.DBHost where cfg is a local variable set once
// from a struct literal (cfg := Config{DBHost: "localhost"}) whose fields
// are only ever read: nothing assigns a field, takes its address, calls a
// method on it or copies it elsewhere. The literal is what to edit.
func (c *checker) localField(sel *ast.SelectorExpr, depth int) (origin, bool) {
	info := c.pass.TypesInfo
	x, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return origin{}, false
	}
	v, ok := info.Uses[x].(*types.Var)
	f, fok := info.Uses[sel.Sel].(*types.Var)
	if !ok || !fok || !f.IsField() || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return origin{}, false
	}
	d := c.vars[v]
	if d == nil || d.count != 1 || d.init == nil || !c.fieldsOnlyRead()[v] {
		return origin{}, false
	}
	init := ast.Unparen(d.init)
	if u, ok := init.(*ast.UnaryExpr); ok && u.Op == token.AND {
		init = ast.Unparen(u.X)
	}
	lit, ok := init.(*ast.CompositeLit)
	if !ok {
		return origin{}, false
	}
	var val ast.Expr
	keyedFields(lit, func(key *ast.Ident, value ast.Expr) {
		if info.Uses[key] == f {
			val = value
		}
	})
	if val == nil {
		return origin{}, false
	}
	o, ok := c.resolve(val, depth+1)
	o.local = false // written in the literal, not where the field is read
	return o, ok
}

// fieldsOnlyRead lists the local variables of the package whose every use
// reads a field (cfg.Host), never writes one, takes an address, calls a
// method or hands the variable on: a struct literal's values stay theirs.
func (c *checker) fieldsOnlyRead() map[*types.Var]bool {
	if c.readOnly != nil {
		return c.readOnly
	}
	info := c.pass.TypesInfo
	c.readOnly = map[*types.Var]bool{}
	other := map[*types.Var]bool{}
	c.varUses(func(_ *ast.Ident, v *types.Var, stack []ast.Node) {
		if fieldRead(info, stack) {
			c.readOnly[v] = true
		} else {
			other[v] = true
		}
	})
	for v := range other {
		delete(c.readOnly, v)
	}
	return c.readOnly
}

// varUses calls f for every use of a variable (not a field) in the
// package's files, with the path of nodes down to it.
func (c *checker) varUses(f func(id *ast.Ident, v *types.Var, stack []ast.Node)) {
	info := c.pass.TypesInfo
	for _, file := range c.pass.Files {
		var stack []ast.Node
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() {
					f(id, v, stack)
				}
			}
			return true
		})
	}
}

// fieldRead reports whether the identifier on top of stack is the operand
// of a field selection that is only read.
func fieldRead(info *types.Info, stack []ast.Node) bool {
	if len(stack) < 3 {
		return false
	}
	sel, ok := stack[len(stack)-2].(*ast.SelectorExpr)
	if !ok || sel.X != stack[len(stack)-1] {
		return false
	}
	if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
		return false
	}
	switch p := stack[len(stack)-3].(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == sel {
				return false
			}
		}
	case *ast.IncDecStmt:
		return false
	case *ast.UnaryExpr:
		return p.Op != token.AND
	case *ast.SelectorExpr, *ast.IndexExpr:
		return false // cfg.DB.Host = ..., cfg.Hosts[0] = ...: not followed
	}
	return true
}

type varDef struct {
	count int
	init  ast.Expr // nil when not a single expression
}

func (c *checker) def(id *ast.Ident, init ast.Expr) {
	if id == nil || id.Name == "_" {
		return
	}
	obj := c.pass.TypesInfo.Defs[id]
	if obj == nil {
		obj = c.pass.TypesInfo.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() {
		return
	}
	d := c.vars[v]
	if d == nil {
		d = new(varDef)
		c.vars[v] = d
	}
	d.count++
	d.init = init
	if init != nil {
		c.allInits[v] = append(c.allInits[v], init)
		if name, ok := c.envRead(init); ok {
			c.envOf[v] = name
		}
	}
}

func (c *checker) collectDefs(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType:
			// Parameters and results hold values from elsewhere: a later
			// `if addr == "" { addr = "localhost:6379" }` is a fallback.
			for _, fl := range []*ast.FieldList{n.TypeParams, n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, field := range fl.List {
					for _, id := range field.Names {
						c.def(id, nil)
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if k, ok := c.pass.TypesInfo.Defs[id].(*types.Const); ok {
					if len(n.Values) == len(n.Names) {
						c.consts[k] = n.Values[i]
					}
					continue
				}
				c.def(id, pick(n.Values, len(n.Names), i))
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				var init ast.Expr
				if n.Tok == token.DEFINE || n.Tok == token.ASSIGN {
					init = pick(n.Rhs, len(n.Lhs), i)
				}
				c.def(id, init)
			}
			c.lookupEnvDef(n)
			for _, lhs := range n.Lhs {
				c.touch(lhs)
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				c.def(id, nil)
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if id, ok := x.(*ast.Ident); ok {
					c.def(id, nil)
				}
			}
		case *ast.UnaryExpr:
			// &v lets anything assign v: count it as two unknown
			// assignments so v never resolves.
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				c.def(id, nil)
				c.def(id, nil)
			}
			if n.Op == token.AND {
				c.touch(n.X) // flag.StringVar(&config.RedisAddr, ...)
			}
		}
		return true
	})
}

// pick returns the expression assigned to the i-th of n left-hand sides: the
// i-th value, or the call itself for the first result of a multi-value call
// (u, err := url.Parse(s)).
func pick(values []ast.Expr, n, i int) ast.Expr {
	switch {
	case len(values) == n:
		return values[i]
	case len(values) == 1 && i == 0:
		if _, ok := ast.Unparen(values[0]).(*ast.CallExpr); ok {
			return values[0]
		}
	}
	return nil
}

func deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}

func namedOf(t types.Type) *types.Named {
	if t == nil {
		return nil
	}
	n, ok := deref(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	return n.Origin()
}

// fieldNames gives the table key ("github.com/redis/go-redis/v9.Options.Addr")
// and the name shown in messages ("redis.Options.Addr").
func fieldNames(n *types.Named, field string) (full, short string) {
	obj := n.Obj()
	return obj.Pkg().Path() + "." + obj.Name() + "." + field,
		displayPkg(obj.Pkg()) + "." + obj.Name() + "." + field
}

// funcName is how a Go programmer writes the callee: "http.Get",
// "(*http.Client).Get".
func funcName(fn *types.Func) string {
	qual := func(p *types.Package) string { return displayPkg(p) }
	recv := fn.Signature().Recv()
	if recv == nil {
		return displayPkg(fn.Pkg()) + "." + fn.Name()
	}
	return "(" + types.TypeString(recv.Type(), qual) + ")." + fn.Name()
}

// displayPkg names a package in messages as its users import it: a type
// declared in an internal package is shown under the package above
// "internal" ("github.com/x/client/internal/conf" is "client").
func displayPkg(p *types.Package) string {
	parts := strings.Split(p.Path(), "/")
	for i, part := range parts {
		if part == "internal" && i > 0 {
			name := parts[i-1]
			if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" && i > 1 {
				name = parts[i-2] // a major version suffix
			}
			return strings.TrimSuffix(strings.TrimPrefix(name, "go-"), ".go")
		}
	}
	return p.Name()
}
