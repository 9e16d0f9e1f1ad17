package jsts

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Kind is what a finding's loopback address is used for.
type Kind int

// Kinds of findings.
const (
	Connect  Kind = iota // a network client dials it
	Listen               // a server listens on it
	Fallback             // an environment lookup falls back to it
	Proxy                // a dev server or Next.js rewrite forwards to it
)

// Phase is when an environment variable is read.
type Phase int

// Phases of a read.
const (
	Runtime Phase = iota // when the process runs: the service's environment
	Build                // when the bundle is built: build arguments
)

// Finding is one loopback address at a position of a file.
type Finding struct {
	Kind       Kind
	Sink       string // what uses it: "fetch", "new Pool", "listen", "next.config rewrites", ...
	Value      string // the literal's value (a template's constant head)
	Host       string
	Start, End int // the literal in the file, quotes included (byte offsets)
	HostStart  int // the host in the file; -1 when the source spells it differently
	HostEnd    int
	Var        string    // Fallback: the variable looked up
	Phase      Phase     // Fallback: when Var is read
	Also       []EnvRead // Fallback: further variables read before it (A || B || "..."); any one set avoids it
	// Port is the port a bare host is reached on, from a sibling key
	// ({host, port}), a positional argument (new Redis(6379, host)) or,
	// with DefaultPort set, the client's default (pg: 5432); 0 when
	// unknown or when Value holds its own.
	Port        int
	DefaultPort bool
	// Implicit: nothing is written; the client dials its default address
	// (Value) because it is given none (new Redis(), createClient()).
	// Start and End are the callee's name.
	Implicit bool
	// Ignored is the option an implicit finding's client ignores ("host":
	// node-redis 4 reads socket.host).
	Ignored string
}

// Result is what Analyze found in one file.
type Result struct {
	Side     Side
	Findings []Finding
	// DrivesDocker: the file starts docker or docker compose through
	// child_process (a test setup that brings the stack up and polls it):
	// a program for the host, where localhost reaches published ports.
	DrivesDocker bool
}

// Analyze parses src and returns its side and findings; rel is the path
// relative to pkg's directory (or the walk root when pkg is nil). The
// error is a parse error: the file is then skipped.
func Analyze(name, rel string, src []byte, pkg *Package) (Result, error) {
	return AnalyzeReached(name, rel, src, pkg, Unreached)
}

// AnalyzeReached is Analyze for a file whose place in the module graph is
// known: an entry point runs on the server whatever its path says; shared
// code that server code imports is judged by the calls inside it; and in
// a package whose entry points are known, a file no entry point reaches
// is no longer server code by default.
func AnalyzeReached(name, rel string, src []byte, pkg *Package, how Reach) (Result, error) {
	side, fallback := classify(rel, pkg)
	switch {
	case pkg.isTests() || pkg.isDesktop():
		// Its entry points too run under a test runner or on the
		// user's machine, never in a service's container.
	case how == Entry:
		side = Server
	case how == Imported && side == Shared:
		side = Reached
	case how == Unreached && fallback && (pkg == nil || pkg.Entered):
		// A file outside any package.json that no entry point reaches
		// (a page's script served by nginx) is server code only when it
		// imports a server module; so is an unreached file of a package
		// whose entry points are known.
		side = Shared
	}
	if side == Silent || side == Client || !mayHaveLoopback(src) {
		return Result{Side: side}, nil
	}
	t, err := parseSource(name, src)
	if err != nil {
		return Result{Side: side}, err
	}
	a := &analyzer{t: t, pkg: pkg, consts: map[*js.Var]js.IExpr{}, imports: map[string]string{}, serverFns: map[js.INode]bool{}, seen: map[int]int{}}
	a.collect()
	switch {
	case a.directive("use client"):
		if side != NextConfig && side != ViteConfig {
			return Result{Side: Client}, nil
		}
	case a.directive("use server") || a.serverImport:
		if side == Shared || side == Partial || side == Reached {
			side = Server
		}
	}
	if side == Shared {
		return Result{Side: side}, nil
	}
	a.side = side
	js.Walk(a, t.AST)
	a.placeImplicit()
	if side == Reached {
		// An exported constant may only ever reach the browser.
		a.out = slices.DeleteFunc(a.out, func(f Finding) bool { return f.Sink == "" })
	}
	return Result{Side: side, Findings: a.out, DrivesDocker: len(a.out) > 0 && a.drivesDocker(src)}, nil
}

// processModules start programs.
var processModules = []string{"child_process", "node:child_process", "execa", "zx"}

// drivesDocker reports whether the file imports a module that starts
// programs and names docker as the program of a command line.
func (a *analyzer) drivesDocker(src []byte) bool {
	imports := false
	for _, m := range a.imports {
		mod, _, _ := strings.Cut(m, ".")
		if slices.Contains(processModules, mod) || slices.Contains(processModules, m) {
			imports = true
			break
		}
	}
	if !imports {
		return false
	}
	for _, q := range []string{`"`, `'`, "`"} {
		for _, cmd := range []string{"docker ", "docker-compose", "docker" + q} {
			if bytes.Contains(src, []byte(q+cmd)) {
				return true
			}
		}
	}
	return false
}

// parseSource is Parse; the tests compare it with esbuild's lowering.
var parseSource = Parse

// loopbackWords are the spellings IsLoopback accepts, as they appear in
// source text; a file with none of them has nothing to report, which lets
// most files skip parsing.
var loopbackWords = [][]byte{[]byte("localhost"), []byte("127."), []byte("::1"), []byte("0.0.0.0"), []byte("[::]"), []byte("ip6-"), []byte("'::'"), []byte(`"::"`), []byte("::ffff:7f"), []byte("0:0:0:0:0:0:0:1"), []byte("LOCALHOST"), []byte("Localhost")}

// clientWords are the quoted names of the modules implicitClients holds:
// a file that imports one may construct a client without an address.
var clientWords = [][]byte{[]byte(`ioredis"`), []byte(`ioredis'`), []byte(`"redis"`), []byte(`'redis'`), []byte(`@redis/client`),
	[]byte(`"mysql`), []byte(`'mysql`), []byte(`"pg"`), []byte(`'pg'`), []byte(`amqplib`), []byte(`"nats"`), []byte(`'nats'`)}

func mayHaveLoopback(src []byte) bool {
	for _, w := range clientWords {
		if bytes.Contains(src, w) {
			return true
		}
	}
	for _, w := range loopbackWords {
		if bytes.Contains(src, w) {
			return true
		}
	}
	return false
}

type analyzer struct {
	t            *Tree
	side         Side
	consts       map[*js.Var]js.IExpr
	imports      map[string]string // local name -> module (or module.export)
	serverImport bool
	serverFns    map[js.INode]bool
	inServerFn   int
	out          []Finding
	seen         map[int]int // literal offset -> index in out
	calls        map[string]int
	implicits    []implicitCall
	pkg          *Package
}

func (a *analyzer) directive(d string) bool {
	for _, s := range a.t.AST.List {
		switch s := s.(type) {
		case *js.DirectivePrologueStmt:
			if unquote(s.Value) == d {
				return true
			}
		case *js.ExprStmt:
			if l, ok := s.Value.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
				if unquote(l.Data) == d {
					return true
				}
				continue
			}
			return false
		default:
			return false
		}
	}
	return false
}

// collect records imports, requires and the initializers of variables.
func (a *analyzer) collect() {
	js.Walk(collector{a}, a.t.AST)
}

type collector struct{ a *analyzer }

func (c collector) Enter(n js.INode) js.IVisitor {
	a := c.a
	switch n := n.(type) {
	case *js.ImportStmt:
		mod := unquote(n.Module)
		if serverModules[mod] {
			a.serverImport = true
		}
		if n.Default != nil {
			a.imports[string(n.Default)] = mod
		}
		for _, al := range n.List {
			if al.Binding == nil {
				continue
			}
			switch {
			case string(al.Name) == "*", string(al.Name) == "default":
				a.imports[string(al.Binding)] = mod
			case al.Name == nil: // import { Pool } from "pg"
				a.imports[string(al.Binding)] = mod + "." + string(al.Binding)
			default:
				a.imports[string(al.Binding)] = mod + "." + string(al.Name)
			}
		}
	case *js.VarDecl:
		for _, el := range n.List {
			mod := requireOf(el.Default)
			if serverModules[mod] {
				a.serverImport = true
			}
			switch b := el.Binding.(type) {
			case *js.Var:
				if mod != "" {
					a.imports[string(b.Data)] = mod
				} else if el.Default != nil {
					a.consts[b] = el.Default
				}
				if serverFunctions[string(b.Data)] && isFunc(el.Default) {
					a.serverFns[el.Default] = true
				}
			case *js.BindingObject:
				for _, it := range b.List {
					v, ok := it.Value.Binding.(*js.Var)
					if !ok || it.Key == nil {
						continue
					}
					if mod != "" {
						a.imports[string(v.Data)] = mod + "." + string(it.Key.Literal.Data)
					}
				}
			}
		}
	case *js.FuncDecl:
		if n.Name != nil && serverFunctions[string(n.Name.Data)] {
			a.serverFns[n] = true
		}
	case *js.MethodDecl: // class Page { static async getInitialProps() {} }
		if n.Static && serverFunctions[string(n.Name.Literal.Data)] {
			a.serverFns[n] = true
		}
	case *js.BinaryExpr: // Page.getInitialProps = async () => {}
		if d, ok := n.X.(*js.DotExpr); ok && n.Op == js.EqToken && serverFunctions[ident(d.Y)] && isFunc(n.Y) {
			a.serverFns[n.Y] = true
		}
	}
	return c
}

func (collector) Exit(js.INode) {}

// isFuncNode reports whether n is a function, which the walk passes as a
// pointer (other nodes can be values, which cannot key a map).
func isFuncNode(n js.INode) bool {
	switch n.(type) {
	case *js.ArrowFunc, *js.FuncDecl, *js.MethodDecl:
		return true
	}
	return false
}

func isFunc(e js.IExpr) bool {
	switch e.(type) {
	case *js.ArrowFunc, *js.FuncDecl:
		return true
	}
	return false
}

// requireOf returns the module of require("m") (or await import("m")).
func requireOf(e js.IExpr) string {
	for {
		switch x := e.(type) {
		case *js.DotExpr:
			e = x.X // require("m").default
			continue
		case *js.UnaryExpr:
			e = x.X
			continue
		}
		break
	}
	c, ok := e.(*js.CallExpr)
	if !ok || len(c.Args.List) != 1 {
		return ""
	}
	if v, ok := c.X.(*js.Var); !ok || string(v.Data) != "require" {
		return ""
	}
	if l, ok := c.Args.List[0].Value.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
		return unquote(l.Data)
	}
	return ""
}

func unquote(b []byte) string {
	s := string(b)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		if s[0] == '"' {
			if u, err := strconv.Unquote(s); err == nil {
				return u
			}
		}
		return s[1 : len(s)-1]
	}
	return s
}

func (a *analyzer) Enter(n js.INode) js.IVisitor {
	if isFuncNode(n) && a.serverFns[n] {
		a.inServerFn++
	}
	if a.side == Partial && a.inServerFn == 0 {
		return a
	}
	switch n := n.(type) {
	case *js.ClassElementName:
		// js.Walk stops at a class member's name; a computed one is code
		// (and holds a member's decorators once lowered).
		js.Walk(a, &n.PropertyName)
	case *js.CallExpr:
		name := a.callee(n.X)
		a.call(name, n.Args.List)
		a.implicit(name, n.X, n.Args.List)
	case *js.NewExpr:
		name := "new " + a.callee(n.X)
		var args []js.Arg
		if n.Args != nil {
			args = n.Args.List
			a.call(name, args)
		}
		a.implicit(name, n.X, args) // new Redis() has no Args
	case *js.BinaryExpr:
		if n.Op == js.OrToken || n.Op == js.NullishToken {
			if reads := a.envChain(n.X); len(reads) > 0 {
				a.fallback(n.Y, reads)
			}
		}
	case *js.CondExpr:
		if v, ph, ok := a.envLookup(n.Cond); ok {
			a.fallback(n.Y, []EnvRead{{v, ph}})
		}
	case *js.VarDecl:
		for _, el := range n.List {
			if b, ok := el.Binding.(*js.BindingObject); ok && isProcessEnv(el.Default) {
				for _, it := range b.List {
					if it.Key != nil && it.Value.Default != nil {
						a.fallback(it.Value.Default, []EnvRead{{string(it.Key.Literal.Data), phaseOf(string(it.Key.Literal.Data), false)}})
					}
				}
			}
		}
	case *js.Property:
		if n.Name == nil {
			break
		}
		key := unquote(n.Name.Literal.Data)
		switch {
		case a.side == NextConfig && key == "destination":
			a.report(Proxy, "next.config rewrites", n.Value, false)
		case a.side == ViteConfig && key == "proxy":
			if o, ok := n.Value.(*js.ObjectExpr); ok {
				for _, p := range o.List {
					if t, ok := p.Value.(*js.ObjectExpr); ok {
						for _, q := range t.List {
							if q.Name != nil && unquote(q.Name.Literal.Data) == "target" {
								a.report(Proxy, "vite server.proxy", q.Value, false)
							}
						}
					} else {
						a.report(Proxy, "vite server.proxy", p.Value, false)
					}
				}
			}
		}
	}
	return a
}

func (a *analyzer) Exit(n js.INode) {
	if isFuncNode(n) && a.serverFns[n] {
		a.inServerFn--
	}
}

// callee names a call's target with its import resolved: fetch,
// axios.get, pg.Pool, app.listen, ...
func (a *analyzer) callee(e js.IExpr) string {
	switch x := e.(type) {
	case *js.Var:
		name := string(x.Data)
		if m, ok := a.imports[name]; ok {
			return m
		}
		return name
	case *js.DotExpr:
		return a.callee(x.X) + "." + ident(x.Y)
	case *js.GroupExpr:
		return a.callee(x.X)
	}
	return "?"
}

// httpBases are the modules whose get/post/... methods send requests.
var httpBases = map[string]bool{"axios": true, "got": true, "ky": true, "http": true, "https": true, "node:http": true, "node:https": true, "undici": true, "superagent": true, "needle": true, "ofetch": true}

var fetchNames = map[string]bool{"fetch": true, "$fetch": true, "ofetch": true, "got": true, "ky": true, "axios": true, "node-fetch": true, "cross-fetch": true, "isomorphic-fetch": true, "isomorphic-unfetch": true, "unfetch": true, "undici.fetch": true, "undici.request": true, "postgres": true, "knex": true, "socket.io-client": true, "socket.io-client.io": true, "io": true, "graphql-request.request": true, "ioredis": true}

var connectMethods = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true, "create": true, "extend": true, "stream": true}

var newNames = map[string]bool{"WebSocket": true, "EventSource": true, "Pool": true, "Client": true, "MongoClient": true, "Redis": true, "IORedis": true, "Cluster": true, "Kafka": true, "PrismaClient": true, "Sequelize": true, "ApolloClient": true, "HttpLink": true, "GraphQLClient": true, "Agent": true, "ws": true, "ioredis": true}

var connectFuncs = map[string]bool{"connect": true, "createConnection": true, "createPool": true, "createClient": true, "createCluster": true}

var connectModules = map[string]bool{"mongoose": true, "mongodb": true, "amqplib": true, "amqplib/callback_api": true, "amqp": true, "mysql": true, "mysql2": true, "mysql2/promise": true, "redis": true, "@redis/client": true, "net": true, "node:net": true, "MongoClient": true, "mongodb.MongoClient": true, "amqp-connection-manager": true, "nats": true, "mqtt": true}

// sink says whether a call to name sends its arguments to a network
// client, and under which name to report it.
func sink(name string) (string, bool) {
	bare := strings.TrimPrefix(name, "new ")
	last, base := bare, ""
	if i := strings.LastIndexByte(bare, '.'); i >= 0 {
		base, last = bare[:i], bare[i+1:]
	}
	if strings.HasPrefix(name, "new ") {
		return name, newNames[last] || newNames[bare]
	}
	switch {
	case fetchNames[bare]:
		return bare, true
	case connectMethods[last] && (httpBases[base] || httpBases[strings.TrimSuffix(base, ".default")]):
		return bare, true
	case connectFuncs[last] && (connectModules[base] || base == "" && last == "createClient"):
		return bare, true
	case last == "connect" && (base == "" || connectModules[base]):
		return bare, true
	}
	return "", false
}

// skipKeys hold values that are not where a client connects.
var skipKeys = map[string]bool{"headers": true, "body": true, "json": true, "data": true, "params": true, "query": true, "searchParams": true, "origin": true, "referrer": true, "cors": true, "credentials": true, "auth": true, "method": true}

// hostKeys hold bare host names.
var hostKeys = map[string]bool{"host": true, "hostname": true, "server": true, "address": true}

func (a *analyzer) call(name string, args []js.Arg) {
	last := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		last = name[i+1:]
	}
	if last == "listen" && !strings.HasPrefix(name, "new ") {
		a.listen(args)
		return
	}
	what, ok := sink(name)
	if !ok {
		return
	}
	pt := port{n: clientPorts[clientModule(what)], def: true}
	if pt.n == 0 {
		pt.def = false
	}
	for _, arg := range args {
		if n := a.portOf(arg.Value, 0); n != 0 {
			pt = port{n: n} // net.connect(5432, "localhost"), new Redis(6379, "localhost")
		}
	}
	for _, arg := range args {
		a.connectArg(what, arg.Value, "", pt, 0)
	}
}

// implicitClient is a client that dials a loopback default when it is given
// no address: ioredis's new Redis(), node-redis's createClient(), mysql's
// createConnection({user}), amqplib's connect(), NATS's connect(); pg's
// new Pool({...}) first reads PGHOST (env).
type implicitClient struct {
	port int
	env  string // the variable the client reads before its default
}

var implicitClients = map[string]implicitClient{
	"ioredis": {port: 6379}, "redis": {port: 6379}, "@redis/client": {port: 6379},
	"mysql": {port: 3306}, "mysql2": {port: 3306}, "mysql2/promise": {port: 3306},
	"amqplib": {port: 5672}, "amqplib/callback_api": {port: 5672}, "nats": {port: 4222},
	"pg": {port: 5432, env: "PGHOST"},
}

// addressKeys are the options that give a client its address (or a way
// to find one): with any of them, or options the code builds elsewhere,
// there is no implicit default to report.
var addressKeys = map[string]bool{"host": true, "hostname": true, "url": true, "uri": true, "socket": true, "path": true,
	"socketPath": true, "sentinels": true, "connectionString": true, "servers": true, "server": true, "nodes": true,
	"rootNodes": true, "brokers": true, "address": true, "addresses": true}

// implicit reports a client constructed without an address, which dials
// its loopback default: at the callee, since nothing is written to edit.
func (a *analyzer) implicit(name string, callee js.IExpr, args []js.Arg) {
	id := string(lastIdent(callee))
	if id == "" {
		return
	}
	if a.calls == nil {
		a.calls = map[string]int{}
	}
	a.calls[id]++ // every call of the name, to find where each one is
	ord := a.calls[id] - 1
	what, ok := sink(name)
	if !ok || !a.imported(callee) {
		return // redis.connect() on a client made elsewhere, not the module's
	}
	mod := clientModule(what)
	c, ok := implicitClients[mod]
	if !ok || (mod == "pg" && !strings.HasPrefix(what, "new ")) {
		return // pg's other calls take a config elsewhere
	}
	pt := c.port
	ignored := ""
	for _, arg := range args {
		switch x := arg.Value.(type) {
		case *js.ObjectExpr:
			if k := a.v4Ignored(mod, x); k != "" {
				ignored = k // createClient({ host }): node-redis 4 reads socket.host
				continue
			}
			for _, p := range x.List {
				if p.Spread || p.Name == nil || p.Name.IsComputed() || addressKeys[unquote(p.Name.Literal.Data)] {
					return
				}
				if unquote(p.Name.Literal.Data) == "port" {
					if pt = a.portOf(p.Value, 0); pt == 0 {
						return
					}
				}
			}
		default:
			// new Redis(6379): a port alone; anything else may be an
			// address (a URL, a host, options built elsewhere).
			if arg.Rest {
				return
			}
			if pt = a.portOf(arg.Value, 0); pt == 0 {
				return
			}
		}
	}
	kind := Connect
	if c.env != "" {
		kind = Fallback
	}
	// Where the call is written is found once the walk is over (the
	// name's slice in the AST is its declaration's).
	a.implicits = append(a.implicits, implicitCall{at: len(a.out), name: id, ord: ord})
	a.out = append(a.out, Finding{Kind: kind, Sink: strings.TrimPrefix(what, "new "), Value: fmt.Sprintf("localhost:%d", pt), Host: "localhost",
		Start: -1, End: -1, HostStart: -1, HostEnd: -1, Var: c.env, Phase: Runtime, Implicit: true, Ignored: ignored})
}

// v4Ignored returns the top-level address option ("host" or "port") of
// node-redis's createClient options when the package asks for node-redis
// 4 or later, which reads the address from url or socket only and
// ignores those (the options of version 3), with no url or socket given.
func (a *analyzer) v4Ignored(mod string, o *js.ObjectExpr) string {
	if mod != "redis" || a.pkg == nil || major(a.pkg.Versions["redis"]) < 4 {
		return ""
	}
	found := ""
	for _, p := range o.List {
		if p.Spread || p.Name == nil || p.Name.IsComputed() {
			return ""
		}
		switch k := unquote(p.Name.Literal.Data); {
		case k == "url" || k == "socket":
			return ""
		case (k == "host" || k == "port") && found == "":
			found = k
		}
	}
	return found
}

// major returns the major version a package.json range asks for ("^4.6.14",
// "~4.0", "4.x", ">=4.1"), or 0 when it names none.
func major(spec string) int {
	spec = strings.TrimLeft(strings.TrimSpace(spec), "^~>=v ")
	end := 0
	for end < len(spec) && spec[end] >= '0' && spec[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(spec[:end])
	return n
}

// implicitCall is a finding of implicit whose position is not known yet:
// the ord-th call of name in the file.
type implicitCall struct {
	at   int // index in out
	name string
	ord  int
}

// placeImplicit puts each implicit finding at its call: the ord-th place
// where the source calls its name, when the source holds as many such
// calls as the AST (else it is dropped: a place it cannot be sure of).
func (a *analyzer) placeImplicit() {
	if len(a.implicits) == 0 {
		return
	}
	sites := map[string][]int{}
	drop := map[int]bool{}
	for _, ic := range a.implicits {
		s, ok := sites[ic.name]
		if !ok {
			s = callSites(a.t.buf, ic.name)
			sites[ic.name] = s
		}
		off, ok := 0, len(s) == a.calls[ic.name] && ic.ord < len(s)
		if ok {
			off, ok = s[ic.ord], a.t.remap == nil
		}
		if !ok {
			drop[ic.at] = true
			continue
		}
		a.out[ic.at].Start, a.out[ic.at].End = off, off+len(ic.name)
	}
	out := a.out[:0]
	for i, f := range a.out {
		if !drop[i] {
			out = append(out, f)
		}
	}
	a.out = out
}

// callSites returns the offsets of the identifier name where src calls
// it: followed by "(" or a type argument's "<", across blanks and comments.
func callSites(src []byte, name string) []int {
	l := js.NewLexer(parse.NewInputBytes(src))
	var out []int
	off, pending := 0, -1
	for {
		tt, data := l.Next()
		if tt == js.ErrorToken {
			return out
		}
		switch {
		case tt == js.WhitespaceToken || tt == js.LineTerminatorToken || tt == js.CommentToken || tt == js.CommentLineTerminatorToken:
		case pending >= 0 && (tt == js.OpenParenToken || tt == js.LtToken):
			out = append(out, pending)
			pending = -1
		default:
			pending = -1
			if tt == js.IdentifierToken && string(data) == name {
				pending = off
			}
		}
		off += len(data)
	}
}

// imported reports a callee that starts with a name the file imports:
// new Redis() with Redis from ioredis, mysql.createConnection with mysql
// from mysql2, createClient from redis.
func (a *analyzer) imported(e js.IExpr) bool {
	for {
		switch x := e.(type) {
		case *js.Var:
			_, ok := a.imports[string(x.Data)]
			return ok
		case *js.DotExpr:
			e = x.X
		case *js.GroupExpr:
			e = x.X
		default:
			return false
		}
	}
}

// lastIdent is the name a callee ends with: Redis in new Redis(),
// createClient in redis.createClient().
func lastIdent(e js.IExpr) []byte {
	switch x := e.(type) {
	case *js.Var:
		return x.Data
	case *js.DotExpr:
		switch y := x.Y.(type) {
		case js.LiteralExpr:
			return y.Data
		case *js.LiteralExpr:
			return y.Data
		case *js.Var:
			return y.Data
		}
	case *js.GroupExpr:
		return lastIdent(x.X)
	}
	return nil
}

// port is where a bare host is reached, and whether that is the client's
// default rather than written.
type port struct {
	n   int
	def bool
}

// clientPorts are the default ports of database and broker clients, by
// module; dialectPorts by the client: or dialect: of knex, Sequelize and
// TypeORM options.
var clientPorts = map[string]int{"pg": 5432, "postgres": 5432, "pg-promise": 5432, "mysql": 3306, "mysql2": 3306, "mysql2/promise": 3306,
	"redis": 6379, "@redis/client": 6379, "ioredis": 6379, "mongodb": 27017, "mongoose": 27017, "amqplib": 5672, "amqplib/callback_api": 5672,
	"amqp-connection-manager": 5672, "kafkajs": 9092, "mqtt": 1883, "nats": 4222, "Redis": 6379, "IORedis": 6379, "MongoClient": 27017, "Kafka": 9092}

var dialectPorts = map[string]int{"pg": 5432, "postgres": 5432, "postgresql": 5432, "mysql": 3306, "mysql2": 3306, "mariadb": 3306, "mssql": 1433, "tedious": 1433, "mongodb": 27017}

// clientModule is the module of a sink's name: "new pg.Pool" -> "pg".
func clientModule(what string) string {
	bare := strings.TrimPrefix(what, "new ")
	if i := strings.IndexByte(bare, '.'); i >= 0 {
		return bare[:i]
	}
	return bare
}

// portOf returns the port number e evaluates to: 5432, "5432", a
// constant, Number(process.env.PORT || 5432), parseInt(...), +x.
func (a *analyzer) portOf(e js.IExpr, depth int) int {
	if depth > 6 || e == nil {
		return 0
	}
	switch x := e.(type) {
	case *js.LiteralExpr:
		if n, err := strconv.Atoi(unquote(x.Data)); err == nil && n > 0 && n < 65536 {
			return n
		}
	case *js.Var:
		if init, ok := a.consts[resolve(x)]; ok {
			return a.portOf(init, depth+1)
		}
	case *js.GroupExpr:
		return a.portOf(x.X, depth+1)
	case *js.UnaryExpr:
		return a.portOf(x.X, depth+1)
	case *js.BinaryExpr:
		if x.Op == js.OrToken || x.Op == js.NullishToken {
			if n := a.portOf(x.X, depth+1); n != 0 {
				return n
			}
			return a.portOf(x.Y, depth+1)
		}
	case *js.CallExpr:
		if v, ok := x.X.(*js.Var); ok && (string(v.Data) == "Number" || string(v.Data) == "parseInt") && len(x.Args.List) > 0 {
			return a.portOf(x.Args.List[0].Value, depth+1)
		}
	}
	return 0
}

func (a *analyzer) connectArg(what string, e js.IExpr, key string, pt port, depth int) {
	if depth > 4 {
		return
	}
	switch x := e.(type) {
	case *js.ObjectExpr:
		// { host: "localhost", port: 5432 }: the sibling gives the port;
		// { client: "pg", connection: {...} }: the dialect its default.
		var written, dialect int
		for _, p := range x.List {
			if p.Name == nil || p.Spread || p.Value == nil {
				continue
			}
			switch unquote(p.Name.Literal.Data) {
			case "port":
				written = a.portOf(p.Value, 0)
			case "client", "dialect", "type":
				if l, ok := p.Value.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
					dialect = dialectPorts[unquote(l.Data)]
				}
			}
		}
		switch {
		case written != 0:
			pt = port{n: written}
		case dialect != 0 && (pt.n == 0 || pt.def):
			pt = port{n: dialect, def: true}
		}
		for _, p := range x.List {
			if p.Name == nil || p.Spread {
				continue
			}
			k := unquote(p.Name.Literal.Data)
			if skipKeys[k] {
				continue
			}
			if p.Value == nil {
				continue
			}
			a.connectArg(what, p.Value, k, pt, depth+1)
		}
	case *js.ArrayExpr:
		for _, el := range x.List {
			if el.Value != nil {
				a.connectArg(what, el.Value, key, pt, depth+1)
			}
		}
	default:
		// A positional argument or a host key can be a bare host:
		// new Redis(6379, "localhost"), { host: "127.0.0.1" }.
		a.reportPort(Connect, what, e, key == "" || hostKeys[key], pt)
	}
}

func (a *analyzer) listen(args []js.Arg) {
	var host, portExpr js.IExpr
	if len(args) >= 2 {
		host, portExpr = args[1].Value, args[0].Value
	} else if len(args) == 1 {
		if o, ok := args[0].Value.(*js.ObjectExpr); ok {
			for _, p := range o.List {
				if p.Name == nil {
					continue
				}
				switch unquote(p.Name.Literal.Data) {
				case "host":
					host = p.Value
				case "port":
					portExpr = p.Value
				}
			}
		}
	}
	if host != nil && !isFunc(host) && !anyPort(args[0].Value) {
		var pt port
		if portExpr != nil {
			pt.n = a.portOf(portExpr, 0) // listen(9100, "127.0.0.1")
		}
		a.reportPort(Listen, "listen", host, true, pt)
	}
}

// anyPort: listen(0, host) or listen({port: 0, host}) takes a free port,
// which nothing publishes: the server is meant for its own container.
func anyPort(e js.IExpr) bool {
	if o, ok := e.(*js.ObjectExpr); ok {
		for _, p := range o.List {
			if p.Name != nil && unquote(p.Name.Literal.Data) == "port" {
				e = p.Value
			}
		}
	}
	l, ok := e.(*js.LiteralExpr)
	return ok && l.TokenType >= js.NumericToken && l.TokenType < js.PunctuatorToken && string(l.Data) == "0"
}

// fallback reports a loopback value that an environment lookup of v falls
// back to.
func (a *analyzer) fallback(e js.IExpr, reads []EnvRead) {
	if a.side == NextConfig {
		reads = slices.Clone(reads)
		for i := range reads {
			reads[i].Phase = Build
		}
	}
	for _, s := range tagEnv(a.values(e, 0), reads) {
		a.add(Fallback, "", s, true)
	}
}

// report records the loopback values e can take.
func (a *analyzer) report(k Kind, what string, e js.IExpr, bare bool) {
	a.reportPort(k, what, e, bare, port{})
}

func (a *analyzer) reportPort(k Kind, what string, e js.IExpr, bare bool, pt port) {
	for _, s := range a.values(e, 0) {
		s.port = pt
		kind := k
		if s.env != "" {
			kind = Fallback
		}
		a.add(kind, what, s, bare)
	}
}

type value struct {
	lit   []byte // the literal in the AST
	text  string // its constant text
	env   string // set when it is the fallback of this variable
	phase Phase
	also  []EnvRead // further variables read before falling back
	port  port      // where a bare host is reached
}

// values returns the string constants e evaluates to, following
// variables, concatenation, template heads and environment fallbacks.
func (a *analyzer) values(e js.IExpr, depth int) []value {
	if depth > 6 || e == nil {
		return nil
	}
	switch x := e.(type) {
	case *js.LiteralExpr:
		if x.TokenType == js.StringToken {
			return []value{{lit: x.Data, text: unquote(x.Data)}}
		}
	case *js.TemplateExpr:
		if x.Tag != nil {
			return nil
		}
		if len(x.List) == 0 {
			t := strings.TrimPrefix(string(x.Tail), "`")
			return []value{{lit: x.Tail, text: strings.TrimSuffix(t, "`")}}
		}
		h := strings.TrimSuffix(strings.TrimPrefix(string(x.List[0].Value), "`"), "${")
		if h == "" { // `${base}/path`: the host comes from base
			return a.values(x.List[0].Expr, depth+1)
		}
		return []value{{lit: x.List[0].Value, text: h}}
	case *js.Var:
		if init, ok := a.consts[resolve(x)]; ok {
			return a.values(init, depth+1)
		}
	case *js.GroupExpr:
		return a.values(x.X, depth+1)
	case *js.BinaryExpr:
		switch x.Op {
		case js.AddToken:
			return a.values(x.X, depth+1)
		case js.OrToken, js.NullishToken:
			if reads := a.envChain(x.X); len(reads) > 0 {
				return tagEnv(a.values(x.Y, depth+1), reads)
			}
			return append(a.values(x.X, depth+1), a.values(x.Y, depth+1)...)
		}
	case *js.CondExpr:
		if v, ph, ok := a.envLookup(x.Cond); ok {
			return tagEnv(a.values(x.Y, depth+1), []EnvRead{{v, ph}})
		}
		return append(a.values(x.X, depth+1), a.values(x.Y, depth+1)...)
	case *js.NewExpr:
		if v, ok := x.X.(*js.Var); ok && string(v.Data) == "URL" && x.Args != nil {
			var out []value
			for _, arg := range x.Args.List {
				out = append(out, a.values(arg.Value, depth+1)...)
			}
			return out
		}
	case *js.CallExpr:
		// String(x), x.toString(), `${base}/x`.concat(...) keep the host.
		if d, ok := x.X.(*js.DotExpr); ok {
			if n := ident(d.Y); n == "toString" || n == "concat" || n == "replace" {
				return a.values(d.X, depth+1)
			}
		}
	}
	return nil
}

func tagEnv(vs []value, reads []EnvRead) []value {
	for i := range vs {
		if vs[i].env == "" {
			vs[i].env, vs[i].phase, vs[i].also = reads[0].Var, reads[0].Phase, reads[1:]
		}
	}
	return vs
}

// EnvRead is one environment variable read, and when.
type EnvRead struct {
	Var   string
	Phase Phase
}

// envChain returns the variables of process.env.A || process.env.B (or
// ??, with other operands among them): a fallback after them is used only
// when none is set.
func (a *analyzer) envChain(e js.IExpr) []EnvRead {
	if v, ph, ok := a.envLookup(e); ok {
		return []EnvRead{{v, ph}}
	}
	for {
		g, ok := e.(*js.GroupExpr)
		if !ok {
			break
		}
		e = g.X
	}
	b, ok := e.(*js.BinaryExpr)
	if !ok || b.Op != js.OrToken && b.Op != js.NullishToken {
		return nil
	}
	// Other operands (a config field: cfg?.url || process.env.URL) come
	// before the fallback too; one variable read suffices.
	return append(a.envChain(b.X), a.envChain(b.Y)...)
}

// browserPrefixes are inlined into bundles at build time.
var browserPrefixes = []string{"NEXT_PUBLIC_", "VITE_", "REACT_APP_", "NUXT_PUBLIC_", "PUBLIC_", "GATSBY_", "EXPO_PUBLIC_", "VUE_APP_"}

func phaseOf(v string, importMeta bool) Phase {
	if importMeta {
		return Build
	}
	for _, p := range browserPrefixes {
		if strings.HasPrefix(v, p) {
			return Build
		}
	}
	return Runtime
}

// envLookup recognizes process.env.X, process.env["X"],
// import.meta.env.X and, in a Vite config, env.X where env holds what
// Vite's loadEnv returned (the process environment and .env files).
func (a *analyzer) envLookup(e js.IExpr) (string, Phase, bool) {
	obj, name := member(e)
	if name == "" {
		return "", 0, false
	}
	if isProcessEnv(obj) {
		return name, phaseOf(name, false), true
	}
	if d, ok := obj.(*js.DotExpr); ok {
		if m, ok := d.X.(*js.ImportMetaExpr); ok && m != nil {
			return name, phaseOf(name, true), true
		}
	}
	if v, ok := obj.(*js.Var); ok {
		if c, ok := a.consts[resolve(v)].(*js.CallExpr); ok && a.callee(c.X) == "vite.loadEnv" {
			return name, phaseOf(name, false), true
		}
	}
	return "", 0, false
}

// member splits obj.name and obj["name"] (parentheses around them
// dropped); name is "" for anything else.
func member(e js.IExpr) (obj js.IExpr, name string) {
	for {
		g, ok := e.(*js.GroupExpr)
		if !ok {
			break
		}
		e = g.X
	}
	switch x := e.(type) {
	case *js.DotExpr:
		return x.X, ident(x.Y)
	case *js.IndexExpr:
		if l, ok := x.Y.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
			return x.X, unquote(l.Data)
		}
	}
	return nil, ""
}

func isProcessEnv(e js.IExpr) bool {
	d, ok := e.(*js.DotExpr)
	if !ok {
		return false
	}
	v, ok := d.X.(*js.Var)
	if !ok || string(v.Data) != "process" {
		return false
	}
	return ident(d.Y) == "env"
}

// ident returns the name of a property access's right side, which the
// parser stores as a LiteralExpr value or a Var.
func ident(e js.IExpr) string {
	switch y := e.(type) {
	case js.LiteralExpr:
		return string(y.Data)
	case *js.LiteralExpr:
		return string(y.Data)
	case *js.Var:
		return string(y.Data)
	}
	return ""
}

// add records v when its text holds a loopback host.
func (a *analyzer) add(k Kind, what string, v value, bare bool) {
	host, ok := loopbackHost(v.text, bare)
	if !ok {
		return
	}
	if k == Listen && endpoint.IsBindAll(host) {
		return // 0.0.0.0 and :: are what a container needs
	}
	start, end, ok := a.t.Literal(v.lit)
	if !ok {
		return
	}
	f := Finding{Kind: k, Sink: what, Value: v.text, Host: host, Start: start, End: end, HostStart: -1, HostEnd: -1, Var: v.env, Phase: v.phase, Also: v.also}
	if !hasPort(v.text, host) {
		f.Port, f.DefaultPort = v.port.n, v.port.def
	}
	if i := bytes.Index(a.t.Src[start:end], []byte(host)); i >= 0 {
		f.HostStart, f.HostEnd = start+i, start+i+len(host)
	}
	if i, dup := a.seen[start]; dup {
		// The same literal reached twice (a fallback inside fetch):
		// keep what says most.
		old := &a.out[i]
		if old.Sink == "" {
			old.Sink = what
		}
		if old.Port == 0 {
			old.Port, old.DefaultPort = f.Port, f.DefaultPort
		}
		if k == Fallback || old.Kind == Fallback {
			old.Kind = Fallback
			if old.Var == "" {
				old.Var, old.Phase, old.Also = v.env, v.phase, v.also
			}
		}
		return
	}
	a.seen[start] = len(a.out)
	a.out = append(a.out, f)
}

// loopbackHost returns the loopback host text names: a URL, host:port,
// or (when bare is set) a host alone. A template head such as
// "http://localhost:" counts by its scheme.
func loopbackHost(text string, bare bool) (string, bool) {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 2048 {
		return "", false
	}
	for _, ep := range endpoint.FromString(text) {
		if endpoint.IsLoopback(ep.Host) {
			return ep.Host, true
		}
	}
	if i := strings.Index(text, "://"); i > 0 {
		rest := text[i+3:]
		if at := strings.LastIndexByte(strings.SplitN(rest, "/", 2)[0], '@'); at >= 0 {
			rest = rest[at+1:]
		}
		h := rest
		if strings.HasPrefix(h, "[") {
			if j := strings.IndexByte(h, ']'); j > 0 {
				h = h[:j+1]
			}
		} else if j := strings.IndexAny(h, ":/?#,"); j >= 0 {
			h = h[:j]
		}
		if endpoint.IsLoopback(h) {
			return strings.Trim(h, "[]"), true
		}
		return "", false
	}
	if bare {
		h := text
		if j := strings.LastIndexByte(h, ':'); j > 0 && !strings.Contains(h[:j], ":") {
			h = h[:j] // localhost:3000
		}
		if endpoint.IsLoopback(h) {
			return strings.Trim(h, "[]"), true
		}
	}
	return "", false
}

// hasPort reports whether text names a port (or a scheme's default) for
// host itself.
func hasPort(text, host string) bool {
	for _, ep := range endpoint.FromString(text) {
		if strings.EqualFold(ep.Host, host) && (ep.Port != 0 || ep.DefaultPort != 0) {
			return true
		}
	}
	return false
}

// resolve returns the declaration a use of a variable refers to: a use in
// a nested function is its own Var, linked to the outer one.
func resolve(v *js.Var) *js.Var {
	for i := 0; v.Link != nil && i < 64; i++ {
		v = v.Link
	}
	return v
}
