package hardcodedlocalhost

import (
	"go/ast"
	"go/token"
	"go/types"
	"net"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
	"golang.org/x/tools/go/types/typeutil"
)

// A program that dials loopback on the port it listens on talks to itself:
// a `--ping` or `healthcheck` subcommand that the image's HEALTHCHECK runs
// in the same container, where localhost is right. A dial whose address is
// built from a variable, field or constant that also makes up a listen
// address of the program is not reported. The ports a package listens on
// are exported as a package fact, so a dial in an importing package (main
// pinging its own server, which lives in another package) is recognised.

// listenPorts is the package fact: keys of the named values (package
// variables, struct fields, constants) the package's listen addresses are
// made of.
type listenPorts struct{ Keys []string }

func (*listenPorts) AFact() {}

func (lp *listenPorts) String() string {
	return "listenPorts(" + strings.Join(lp.Keys, ", ") + ")"
}

// localKey marks keys of a function's own variables, which no other package
// can name: they never go into the fact.
const localKey = "local:"

// objKey names an object across packages: its package path and object
// path (a field of a named struct, a package variable or constant), or a
// position-based key for a local variable; "" for anything else.
func (c *checker) objKey(obj types.Object) string {
	switch obj.(type) {
	case *types.Var, *types.Const:
	default:
		return ""
	}
	if obj.Pkg() == nil {
		return ""
	}
	if p, err := objectpath.For(obj); err == nil {
		return obj.Pkg().Path() + "#" + string(p)
	}
	if obj.Pkg() == c.pass.Pkg && obj.Pos().IsValid() {
		return localKey + c.pass.Fset.Position(obj.Pos()).String()
	}
	return ""
}

// addrKeys returns the keys of the named values an address expression is
// built from: the operands of a concatenation, the arguments of
// fmt.Sprintf and net.JoinHostPort, conversions, and the value a local
// variable was assigned once.
func (c *checker) addrKeys(e ast.Expr, depth int) []string {
	e = ast.Unparen(e)
	if depth > maxDepth {
		return nil
	}
	info := c.pass.TypesInfo
	switch x := e.(type) {
	case *ast.Ident:
		obj := info.Uses[x]
		var out []string
		if k := c.objKey(obj); k != "" {
			out = append(out, k)
		}
		if v, ok := obj.(*types.Var); ok {
			if d := c.vars[v]; d != nil && d.count == 1 && d.init != nil {
				out = append(out, c.addrKeys(d.init, depth+1)...)
			}
		}
		return out
	case *ast.SelectorExpr:
		if k := c.objKey(info.Uses[x.Sel]); k != "" {
			return []string{k}
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return append(c.addrKeys(x.X, depth+1), c.addrKeys(x.Y, depth+1)...)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return c.addrKeys(x.Args[0], depth+1)
		}
		fn, ok := typeutil.Callee(info, x).(*types.Func)
		if !ok {
			return nil
		}
		switch fn.FullName() {
		case "fmt.Sprintf", "net.JoinHostPort", "strconv.Itoa", "fmt.Sprint":
			var out []string
			for _, a := range x.Args {
				out = append(out, c.addrKeys(a, depth+1)...)
			}
			return out
		}
	}
	return nil
}

// noteListen records what a listen address is made of, and the port a
// written one names (":8080"): a loopback dial on it in the same package is
// the program calling itself.
func (c *checker) noteListen(e ast.Expr) {
	for _, k := range c.addrKeys(e, 0) {
		c.listens[k] = true
		if !strings.HasPrefix(k, localKey) {
			c.ownListens[k] = true
		}
	}
	if o, ok := c.resolve(e, 0); ok {
		if _, port, err := net.SplitHostPort(strings.TrimSpace(o.value)); err == nil && isPort(port) {
			c.listens[portKey+port] = true // this package's own: not exported
		}
	}
}

// portKey marks a listen port written as a number in the listen address.
const portKey = "port:"

func isPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n > 0 && n < 65536
}

// dialPort is the port a dialed loopback address names ("http://localhost:8080/x",
// "127.0.0.1:6379"), or "".
func dialPort(v string) string {
	if _, rest, ok := strings.Cut(v, "://"); ok {
		v = rest
	}
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		v = v[:i]
	}
	if i := strings.LastIndexByte(v, '@'); i >= 0 {
		v = v[i+1:]
	}
	if _, port, err := net.SplitHostPort(v); err == nil && isPort(port) {
		return port
	}
	return ""
}

// importListens reads the listen ports of the packages this one imports.
func (c *checker) importListens() {
	for _, pf := range c.pass.AllPackageFacts() {
		if lp, ok := pf.Fact.(*listenPorts); ok {
			for _, k := range lp.Keys {
				c.listens[k] = true
			}
		}
	}
}

// exportListens publishes this package's own listen ports to its importers
// (the facts of the packages it imports reach them anyway).
func (c *checker) exportListens() {
	var keys []string
	for k := range c.ownListens {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return
	}
	slices.Sort(keys)
	c.pass.ExportPackageFact(&listenPorts{Keys: keys})
}

// dialsOwnPort reports whether a dialed address is built from a value the
// program also listens on.
func (c *checker) dialsOwnPort(f *finding) bool {
	if p := dialPort(f.o.value); p != "" && isLoopback(f.host) && c.listens[portKey+p] {
		return true // http.Get("http://localhost:8080/healthz") beside ListenAndServe(":8080", ...)
	}
	for _, e := range f.exprs {
		for _, k := range c.addrKeys(e, 0) {
			if c.listens[k] {
				return true
			}
		}
	}
	return false
}

// ownCode reports whether a package loaded in module mode is the user's:
// not the standard library (no module, a path without a dot in its first
// element) and not a versioned dependency.
func ownCode(pass *analysis.Pass) bool {
	if pass.Module == nil {
		return OwnCode(pass.Pkg.Path(), false, "")
	}
	return OwnCode(pass.Pkg.Path(), true, pass.Module.Version)
}

// OwnCode reports whether the package at path is the user's own code: in
// a module without a version (the main module, a workspace's modules), or
// outside modules on a path that is not the standard library's. A loader
// may skip what only the analyzer would read in other packages.
func OwnCode(path string, inModule bool, version string) bool {
	if !inModule {
		first, _, _ := strings.Cut(path, "/")
		return strings.Contains(first, ".") || path == "command-line-arguments"
	}
	return version == ""
}
