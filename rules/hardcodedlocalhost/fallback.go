package hardcodedlocalhost

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"strconv"
	"strings"

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
	Value    string    // the default value
	Host     string    // its loopback host
}

// FallbackType is the analyzer's ResultType when Config.Fallbacks is set.
var FallbackType = reflect.TypeOf([]Fallback(nil))

// envName is what an environment variable name looks like.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// browserSide are variable-name parts of addresses meant for someone
// outside the container (a browser, a redirect), where localhost may be right.
var browserSide = []string{"PUBLIC", "EXTERNAL", "CALLBACK", "REDIRECT", "ORIGIN", "CORS", "FRONTEND", "BROWSER", "SITE_URL", "WEB_URL"}

func (c *checker) addFallback(at ast.Expr, value, env, flagName string) {
	if c.fallbacks == nil {
		return
	}
	host, ok := localHost(value)
	if !ok {
		if h, _, ok2 := loopbackListen(value); ok2 {
			host, ok = h, true
		}
	}
	if !ok {
		return
	}
	name := strings.ToUpper(env + flagName)
	if !strings.Contains(value, ":") && !strings.Contains(name, "HOST") && !strings.Contains(name, "ADDR") && !strings.Contains(name, "SERVER") {
		return // a bare "localhost" is an address only when the name says so
	}
	for _, p := range browserSide {
		if strings.Contains(name, p) {
			return
		}
	}
	for _, f := range *c.fallbacks {
		if f.Pos == at.Pos() {
			return
		}
	}
	*c.fallbacks = append(*c.fallbacks, Fallback{Pos: at.Pos(), End: at.End(), Var: env, Flag: flagName, Value: value, Host: host})
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
	if !ok || !envName.MatchString(name) {
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
		if !ok || !envName.MatchString(name) {
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
		c.addFallback(call.Args[valArg], v, "", flagName)
	}
}

// fallbackIf: v := os.Getenv("X"); if v == "" { v = "localhost:6379" } and
// target := "localhost:6379"; if v := os.Getenv("X"); v != "" { target = v }.
func (c *checker) fallbackIf(n *ast.IfStmt) {
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
		if name == "" || !hasDef || !envName.MatchString(name) {
			continue
		}
		c.addFallback(f.Tag, def, name, "")
	}
}
