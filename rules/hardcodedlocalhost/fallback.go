package hardcodedlocalhost

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/types/typeutil"
)

// Fallback is a loopback address used as the default of an environment
// variable, a flag or a struct-tag setting. It is dead code in a container
// that sets the variable, and the address used when it does not: only a
// caller that knows which services run the code (the reachlint CLI, which
// reads the compose files) can tell, so the analyzer returns fallbacks as
// its result (with Config.Fallbacks) and reports none itself.
type Fallback struct {
	Pos, End token.Pos // the default as written
	Var      string    // the environment variable, "" for a flag
	Flag     string    // the flag name, "" for a variable
	// FlagSet names the subcommand a flag belongs to: the name of the
	// flag.NewFlagSet, or the first word of the cobra command's Use, that
	// it is defined on; "" for the program's own flags.
	FlagSet string
	Value   string // the default value
	Host    string // its loopback host
	// Field is the struct field a tag default belongs to (its declaration's
	// position), "" otherwise; with Use set the entry is not a default but
	// a read of Field that reaches a sink at Pos, in this package.
	Field token.Pos
	Use   bool
}

// FallbackType is the analyzer's ResultType when Config.Fallbacks is set.
var FallbackType = reflect.TypeOf([]Fallback(nil))

// envName is what an environment variable name looks like.
var envName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
})

// browserSide are variable-name parts of addresses meant for someone
// outside the container (a browser, a redirect), where localhost may be right.
var browserSide = []string{"PUBLIC", "EXTERNAL", "CALLBACK", "REDIRECT", "ORIGIN", "CORS", "FRONTEND", "BROWSER", "SITE_URL", "WEB_URL"}

// addFallback records a loopback default, and returns it; nil when value
// is none.
func (c *checker) addFallback(at ast.Expr, value, env, flagName string) *Fallback {
	if c.fallbacks == nil {
		return nil
	}
	host, ok := localHost(value)
	if !ok {
		if h, _, ok2 := loopbackListen(value); ok2 {
			host, ok = h, true
		}
	}
	if !ok {
		return nil
	}
	name := strings.ToUpper(env + flagName)
	if !strings.Contains(value, ":") && !strings.Contains(name, "HOST") && !strings.Contains(name, "ADDR") && !strings.Contains(name, "SERVER") {
		return nil // a bare "localhost" is an address only when the name says so
	}
	for _, p := range browserSide {
		if strings.Contains(name, p) {
			return nil
		}
	}
	for _, f := range *c.fallbacks {
		if f.Pos == at.Pos() && !f.Use {
			return nil
		}
	}
	*c.fallbacks = append(*c.fallbacks, Fallback{Pos: at.Pos(), End: at.End(), Var: env, Flag: flagName, Value: value, Host: host})
	return &(*c.fallbacks)[len(*c.fallbacks)-1]
}

// constStr is the constant string value of e.
func (c *checker) constStr(e ast.Expr) (string, bool) {
	tv, ok := c.pass.TypesInfo.Types[ast.Unparen(e)]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// envRead returns the variable an expression reads: os.Getenv("X"),
// os.LookupEnv("X"), or a helper whose name mentions env called with a
// constant name first.
func (c *checker) envRead(e ast.Expr) (string, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || !strings.Contains(strings.ToLower(fn.Name()), "env") {
		return "", false
	}
	name, ok := c.constStr(call.Args[0])
	if !ok || !envName().MatchString(name) {
		return "", false
	}
	return name, true
}

// fallbackCall: getenv("API_URL", "http://localhost:3000") and
// cmp.Or(os.Getenv("API_URL"), "http://localhost:3000").
func (c *checker) fallbackCall(call *ast.CallExpr) {
	if len(call.Args) < 2 {
		return
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	switch {
	case fn.FullName() == "cmp.Or":
		name, ok := c.envRead(call.Args[0])
		if !ok {
			return
		}
		for _, a := range call.Args[1:] {
			if v, ok := c.constStr(a); ok {
				c.addFallback(a, v, name, "")
			}
		}
	case strings.Contains(strings.ToLower(fn.Name()), "env"):
		name, ok := c.constStr(call.Args[0])
		if !ok || !envName().MatchString(name) {
			return
		}
		for _, a := range call.Args[1:] {
			if v, ok := c.constStr(a); ok {
				c.addFallback(a, v, name, "")
			}
		}
	case fn.Pkg() != nil && (fn.Pkg().Path() == "flag" || strings.HasSuffix(fn.Pkg().Path(), "/pflag")):
		c.flagDefault(call, fn)
	}
}

// flagDefault: flag.String("redis", "localhost:6379", ...), flag.StringVar(&v,
// "redis", "localhost:6379", ...), pflag's ...P variants with a shorthand.
func (c *checker) flagDefault(call *ast.CallExpr, fn *types.Func) {
	name := fn.Name()
	nameArg := 0
	if strings.HasSuffix(name, "Var") || strings.HasSuffix(name, "VarP") {
		nameArg = 1
	}
	valArg := nameArg + 1
	if strings.HasSuffix(name, "P") {
		valArg++ // the shorthand
	}
	if !strings.HasPrefix(name, "String") || valArg >= len(call.Args) {
		return
	}
	flagName, ok := c.constStr(call.Args[nameArg])
	if !ok {
		return
	}
	if v, ok := c.constStr(call.Args[valArg]); ok {
		if f := c.addFallback(call.Args[valArg], v, "", flagName); f != nil {
			f.FlagSet = c.flagSetName(call)
		}
	}
}

// flagSetName is the subcommand a flag method call defines its flag on:
// fs.String(...) after fs := flag.NewFlagSet("evaluate", ...), or
// cmd.Flags().String(...) after cmd := &cobra.Command{Use: "evaluate [key]"}
// (its local flags, which only that command parses); "" otherwise.
func (c *checker) flagSetName(call *ast.CallExpr) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	init := func(e ast.Expr) ast.Expr {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || len(c.allInits[v]) != 1 {
			return nil
		}
		return ast.Unparen(c.allInits[v][0])
	}
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		// cmd.Flags(): a cobra command's local flags.
		fs, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok || fs.Sel.Name != "Flags" || len(inner.Args) != 0 {
			return ""
		}
		u, ok := init(fs.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			return ""
		}
		lit, ok := u.X.(*ast.CompositeLit)
		if !ok {
			return ""
		}
		if t, ok := c.pass.TypesInfo.TypeOf(lit).(*types.Named); !ok || t.Obj().Name() != "Command" || t.Obj().Pkg() == nil || !strings.HasSuffix(t.Obj().Pkg().Path(), "spf13/cobra") {
			return ""
		}
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Use" {
					if use, ok := c.constStr(kv.Value); ok {
						if f := strings.Fields(use); len(f) > 0 {
							return f[0]
						}
					}
				}
			}
		}
		return ""
	}
	mk, ok := init(sel.X).(*ast.CallExpr)
	if !ok || len(mk.Args) == 0 {
		return ""
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, mk).(*types.Func)
	if !ok || fn.Name() != "NewFlagSet" || fn.Pkg() == nil || (fn.Pkg().Path() != "flag" && !strings.HasSuffix(fn.Pkg().Path(), "/pflag")) {
		return ""
	}
	name, _ := c.constStr(mk.Args[0])
	return name
}

// fallbackIf: v := os.Getenv("X"); if v == "" { v = "localhost:6379" } and
// target := "localhost:6379"; if v := os.Getenv("X"); v != "" { target = v }.
func (c *checker) fallbackIf(n *ast.IfStmt) {
	if u, ok := ast.Unparen(n.Cond).(*ast.UnaryExpr); ok && u.Op == token.NOT {
		c.fallbackNotFound(u.X, n.Body)
		return
	}
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || (cond.Op != token.EQL && cond.Op != token.NEQ) {
		return
	}
	id, ok := ast.Unparen(cond.X).(*ast.Ident)
	if s, isConst := c.constStr(cond.Y); !ok || !isConst || s != "" {
		return
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return
	}
	name := c.envOf[v]
	if name == "" {
		return
	}
	for _, st := range n.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		lhs, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
		if !ok {
			continue
		}
		w, _ := c.pass.TypesInfo.Uses[lhs].(*types.Var)
		if w == nil {
			continue
		}
		if cond.Op == token.EQL && w == v {
			if s, ok := c.constStr(as.Rhs[0]); ok {
				c.addFallback(as.Rhs[0], s, name, "")
			}
		}
		if rhs, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident); ok && cond.Op == token.NEQ && c.pass.TypesInfo.Uses[rhs] == v {
			if d := c.allInits[w]; d != nil {
				for _, init := range d {
					if s, ok := c.constStr(init); ok {
						c.addFallback(init, s, name, "")
					}
				}
			}
		}
	}
}

// lookupEnvDef notes `v, ok := os.LookupEnv("X")`: v holds X, and !ok
// says it is unset.
func (c *checker) lookupEnvDef(n *ast.AssignStmt) {
	if len(n.Lhs) != 2 || len(n.Rhs) != 1 {
		return
	}
	name, ok := c.envRead(n.Rhs[0])
	if !ok {
		return
	}
	varOf := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		obj := c.pass.TypesInfo.Defs[id]
		if obj == nil {
			obj = c.pass.TypesInfo.Uses[id]
		}
		v, _ := obj.(*types.Var)
		return v
	}
	v, okv := varOf(n.Lhs[0]), varOf(n.Lhs[1])
	if v == nil || okv == nil {
		return
	}
	c.envOf[v] = name
	c.lookupOK[okv] = v
}

// fallbackNotFound: `if !ok { v = "localhost:6379" }` after
// `v, ok := os.LookupEnv("X")`.
func (c *checker) fallbackNotFound(x ast.Expr, body *ast.BlockStmt) {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return
	}
	okv, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	v := c.lookupOK[okv]
	if v == nil {
		return
	}
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		if lhs, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident); ok && c.pass.TypesInfo.Uses[lhs] == v {
			if s, ok := c.constStr(as.Rhs[0]); ok {
				c.addFallback(as.Rhs[0], s, c.envOf[v], "")
			}
		}
	}
}

// fallbackTags: struct tags of the common env loaders:
// `env:"REDIS_ADDR" envDefault:"localhost:6379"` (caarlos0/env),
// `envconfig:"REDIS_ADDR" default:"localhost:6379"` (kelseyhightower),
// `env:"REDIS_ADDR, default=localhost:6379"` (sethvargo/go-envconfig),
// `env:"REDIS_ADDR" default:"localhost:6379"` (jessevdk/go-flags).
func (c *checker) fallbackTags(st *ast.StructType) {
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		raw, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		tag := reflect.StructTag(raw)
		env, _ := tag.Lookup("env")
		name, opts, _ := strings.Cut(env, ",")
		name = strings.TrimSpace(name)
		def, hasDef := tag.Lookup("envDefault")
		if !hasDef {
			for _, o := range strings.Split(opts, ",") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(o), "default="); ok {
					def, hasDef = v, true
				}
			}
		}
		if ec, ok := tag.Lookup("envconfig"); ok && name == "" {
			name = ec
			def, hasDef = tag.Lookup("default")
		}
		if name != "" && !hasDef {
			// jessevdk/go-flags and configor: `env:"REDIS_ADDR" default:"..."`.
			def, hasDef = tag.Lookup("default")
		}
		if name == "" || !hasDef || !envName().MatchString(name) {
			continue
		}
		c.addFallback(f.Tag, def, name, "")
		if fb := c.fallbacks; fb != nil && len(*fb) > 0 && (*fb)[len(*fb)-1].Pos == f.Tag.Pos() && len(f.Names) > 0 {
			(*fb)[len(*fb)-1].Field = f.Names[0].Pos()
		}
		for _, id := range f.Names {
			if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
				c.tagFields[f.Tag.Pos()] = append(c.tagFields[f.Tag.Pos()], v)
			}
		}
	}
}

// dropConditional removes the struct-tag defaults of fields this package
// reads only inside a branch that another setting selects: `case
// "redis_pub_sub":` of a switch on the cache type, `if cfg.Mode ==
// "cluster"`, `if cfg.Redis.Enabled`. Such a default is dead unless that
// setting is chosen, which reachlint cannot see (measured on
// umputun/remark42: REDIS_ADDR's default is read only with the
// redis_pub_sub cache type, which no compose file sets). A field read
// anywhere unconditionally, or not read in this package, keeps its default.
func (c *checker) dropConditional(files []*ast.File) {
	if len(c.tagFields) == 0 {
		return
	}
	owner := map[*types.Var]token.Pos{}
	for pos, vs := range c.tagFields {
		for _, v := range vs {
			owner[v] = pos
		}
	}
	reads := map[token.Pos]int{}
	conditional := map[token.Pos]int{}
	for _, f := range files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
			if !ok {
				return true
			}
			pos, ok := owner[v]
			if !ok {
				return true
			}
			reads[pos]++
			if c.selected(sel, stack, v) {
				conditional[pos]++
			}
			return true
		})
	}
	*c.fallbacks = slices.DeleteFunc(*c.fallbacks, func(f Fallback) bool {
		return reads[f.Pos] > 0 && conditional[f.Pos] == reads[f.Pos]
	})
}

// selected reports whether the expression at the top of stack runs only in
// a branch chosen by another setting's value.
func (c *checker) selected(use ast.Node, stack []ast.Node, field *types.Var) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		inner := use
		if i+1 < len(stack) {
			inner = stack[i+1]
		}
		switch p := stack[i].(type) {
		case *ast.CaseClause:
			if len(p.List) == 0 || !inBody(inner, p.Body) {
				continue
			}
			// The clause's parent is the switch's body, then the switch.
			if i < 2 {
				continue
			}
			if sw, ok := stack[i-2].(*ast.SwitchStmt); ok && sw.Tag != nil && !c.mentions(sw.Tag, field) {
				return true
			}
		case *ast.IfStmt:
			if (inner == ast.Node(p.Body) || inner == p.Else) && c.modeTest(p.Cond, field) {
				return true
			}
		}
	}
	return false
}

func inBody(n ast.Node, body []ast.Stmt) bool {
	for _, s := range body {
		if s == n {
			return true
		}
	}
	return false
}

// modeTest: a comparison of another setting with a non-empty string
// constant, or a boolean setting (a field or variable) on its own.
func (c *checker) modeTest(cond ast.Expr, field *types.Var) bool {
	cond = ast.Unparen(cond)
	if c.mentions(cond, field) {
		return false
	}
	switch x := cond.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			return c.modeTest(x.X, field) || c.modeTest(x.Y, field)
		}
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false
		}
		for _, side := range []ast.Expr{x.X, x.Y} {
			if s, ok := c.constStr(side); ok && s != "" {
				return true
			}
		}
	case *ast.SelectorExpr, *ast.Ident:
		var id *ast.Ident
		if sel, ok := x.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = x.(*ast.Ident)
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		b, ok := v.Type().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Bool && (v.IsField() || v.Parent() == v.Pkg().Scope())
	case *ast.UnaryExpr:
		return x.Op == token.NOT && c.modeTest(x.X, field)
	}
	return false
}

// mentions reports whether e reads field.
func (c *checker) mentions(e ast.Expr, field *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == field {
			found = true
		}
		return !found
	})
	return found
}

// noteFieldUse records, for the caller that matches struct-tag defaults to
// the services that use them, a field whose value reaches a sink here:
// cfg.RedisAddr, or a variable assigned it once (addr := cfg.RedisAddr).
func (c *checker) noteFieldUse(e ast.Expr, at ast.Node) {
	if c.fallbacks == nil {
		return
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if d := c.vars[v]; d != nil && d.count == 1 && d.init != nil {
				e = ast.Unparen(d.init)
			}
		}
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return
	}
	v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	if !ok || !v.IsField() || !v.Pos().IsValid() {
		return
	}
	for _, f := range *c.fallbacks {
		if f.Use && f.Field == v.Pos() {
			return
		}
	}
	*c.fallbacks = append(*c.fallbacks, Fallback{Pos: at.Pos(), End: at.End(), Field: v.Pos(), Use: true})
}
