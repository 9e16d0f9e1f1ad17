package hardcodedlocalhost

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// A function of the package that hands one of its parameters, unchanged,
// to a sink is a sink for that argument too: NewRedis(addr) that builds
// redis.Options{Addr: addr} makes NewRedis("localhost:6379") a finding at
// the call. Wrappers of wrappers are followed a few levels deep, within the
// package.

// paramOf is a parameter's function and index.
type paramOf struct {
	fn *types.Func
	i  int
}

// paramSink is a sink a function's parameter reaches.
type paramSink struct {
	i    int
	sk   Sink
	name string // the sink's name, "redis.Options.Addr"
}

// collectParams indexes the parameters of the package's functions, and
// the one value a function without parameters returns.
func (c *checker) collectParams(f *ast.File) {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Type.Params == nil {
			continue
		}
		fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		if fd.Body != nil && len(fd.Body.List) == 1 {
			// func redisAddr() string { return "localhost:6379" }, and
			// func dsn(db string) string { return fmt.Sprintf("postgres://localhost/%s", db) }:
			// parameters are unknown where the value is resolved.
			if ret, ok := fd.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
				c.returns[fn] = ret.Results[0]
			}
		}
		i := 0
		for _, field := range fd.Type.Params.List {
			if len(field.Names) == 0 {
				i++
			}
			for _, id := range field.Names {
				if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
					c.params[v] = paramOf{fn, i}
				}
				i++
			}
		}
	}
}

// noteParam records that e, a parameter never reassigned, reaches sk.
func (c *checker) noteParam(e ast.Expr, sk Sink, sinkName string) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return
	}
	p, ok := c.params[v]
	if !ok {
		return
	}
	if d := c.vars[v]; d == nil || d.count != 1 || d.init != nil {
		return // reassigned in the function: not the caller's value
	}
	for _, ps := range c.paramSinks[p.fn] {
		if ps.i == p.i && ps.sk.Name == sk.Name {
			return
		}
	}
	c.paramSinks[p.fn] = append(c.paramSinks[p.fn], paramSink{p.i, sk, sinkName})
	c.newParamSinks = true
}

// wrapperSinks is the package fact of the exported functions whose
// parameters reach sinks, for calls in the packages that import them
// (clients.NewRedis("localhost:6379")). A package fact, not one per
// object: every driver supports those.
type wrapperSinks struct{ Funcs []WrappedFunc }

// WrappedFunc is one wrapper, by its full name, and its parameters that
// reach sinks.
type WrappedFunc struct {
	Name   string
	Params []WrappedParam
}

// WrappedParam is one parameter of a wrapper and the sink it reaches.
type WrappedParam struct {
	I    int
	Sink Sink
	Name string
}

func (*wrapperSinks) AFact() {}

func (w *wrapperSinks) String() string {
	var parts []string
	for _, f := range w.Funcs {
		for _, p := range f.Params {
			parts = append(parts, fmt.Sprintf("%s#%d %s", f.Name, p.I, p.Name))
		}
	}
	return "wrapperSinks(" + strings.Join(parts, ", ") + ")"
}

// importWrappers reads the wrappers of the packages this one imports.
func (c *checker) importWrappers() {
	for _, pf := range c.pass.AllPackageFacts() {
		if w, ok := pf.Fact.(*wrapperSinks); ok {
			for _, f := range w.Funcs {
				for _, p := range f.Params {
					c.imported[f.Name] = append(c.imported[f.Name], paramSink{p.I, p.Sink, p.Name})
				}
			}
		}
	}
}

// sinksOf returns the parameter sinks of fn: found in this package, or
// exported by the package that declares it.
func (c *checker) sinksOf(fn *types.Func) []paramSink {
	if _, ok := c.sinks[fn.FullName()]; ok {
		return nil // read as the sink it is
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.paramSinks[fn]
	}
	return c.imported[fn.FullName()]
}

// exportWrappers publishes the package's exported wrappers.
func (c *checker) exportWrappers() {
	var w wrapperSinks
	for fn, ps := range c.paramSinks {
		if fn.Pkg() != c.pass.Pkg || !fn.Exported() {
			continue
		}
		f := WrappedFunc{Name: fn.FullName()}
		for _, p := range ps {
			f.Params = append(f.Params, WrappedParam{p.i, p.sk, p.name})
		}
		w.Funcs = append(w.Funcs, f)
	}
	if len(w.Funcs) == 0 {
		return
	}
	slices.SortFunc(w.Funcs, func(a, b WrappedFunc) int { return strings.Compare(a.Name, b.Name) })
	c.pass.ExportPackageFact(&w)
}

// wrapperCalls reads the arguments of calls to functions whose parameters
// reach sinks (this package's, until no new one is found, and imported
// ones).
func (c *checker) wrapperCalls(files []*ast.File) {
	c.newParamSinks = true
	for round := 0; round < 4 && c.newParamSinks; round++ {
		c.newParamSinks = false
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					c.wrapperCall(n)
				case *ast.CompositeLit:
					c.fieldLit(n)
				case *ast.AssignStmt:
					for i, lhs := range n.Lhs {
						if rhs := pick(n.Rhs, len(n.Lhs), i); rhs != nil {
							c.fieldWrite(lhs, rhs)
						}
					}
				}
				return true
			})
		}
	}
}

func (c *checker) wrapperCall(call *ast.CallExpr) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	for _, ps := range c.sinksOf(fn) {
		if ps.i < len(call.Args) && !(fn.Signature().Variadic() && ps.i >= fn.Signature().Params().Len()-1) {
			c.value(call.Args[ps.i], ps.sk, ps.name+" through "+fn.Name(), call.Fun, true)
		}
	}
}

// A field of one of the package's own structs that a sink reads
// (http.Get(cfg.InventoryURL)) is a sink for what is written into it
// (Settings{InventoryURL: "http://localhost:9000"}, s.BaseURL = "..."),
// within the package.

// fieldSink is a sink a field of the package's structs reaches.
type fieldSink struct {
	sk   Sink
	name string
}

// noteField records that e, a field of this package's structs, reaches sk.
func (c *checker) noteField(e ast.Expr, sk Sink, sinkName string) {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return
	}
	v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	if !ok || !v.IsField() || v.Pkg() != c.pass.Pkg {
		return
	}
	for _, fs := range c.fieldSinks[v] {
		if fs.sk.Name == sk.Name {
			return
		}
	}
	field := v.Name()
	if sn := c.pass.TypesInfo.Selections[sel]; sn != nil {
		if n := namedOf(sn.Recv()); n != nil {
			field = n.Obj().Name() + "." + field // Settings.InventoryURL
		}
	}
	c.fieldSinks[v] = append(c.fieldSinks[v], fieldSink{sk, sinkName + " through " + field})
	c.newParamSinks = true
}

// fieldLit reads the values a composite literal writes into sink fields.
func (c *checker) fieldLit(lit *ast.CompositeLit) {
	keyedFields(lit, func(key *ast.Ident, val ast.Expr) {
		if v, ok := c.pass.TypesInfo.Uses[key].(*types.Var); ok && v.IsField() {
			for _, fs := range c.fieldSinks[v] {
				c.value(val, fs.sk, fs.name, key, true)
			}
		}
	})
}

// fieldWrite reads a value assigned to a sink field: s.BaseURL = "...".
func (c *checker) fieldWrite(lhs, rhs ast.Expr) {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
		for _, fs := range c.fieldSinks[v] {
			c.value(rhs, fs.sk, fs.name, sel.Sel, true)
		}
	}
}

// A package variable another package of the module declares with a
// constant value and never assigns again (var DefaultRedisAddr =
// "localhost:6379") is read like a constant there; its package exports
// such variables as a fact, and the finding is reported at the literal
// when the run holds its file, else at the variable.

// pkgVars is the package fact of those variables: name -> value and where
// it is written; of its exported string constants that name a loopback
// host, for the position of their literal; and of the exported functions
// whose one return statement gives a loopback value whatever their
// arguments (func DSN(db string) string { return
// fmt.Sprintf("postgres://localhost:5432/%s", db) }).
type pkgVars struct {
	Vars   map[string]FuncValue
	Consts map[string]FuncValue
	Funcs  map[string]FuncValue
	// Fields holds the loopback values the package writes into exported
	// fields of its exported structs ("Settings.KafkaBrokers"), for
	// importers in which those fields reach sinks.
	Fields map[string][]FuncValue
}

// FuncValue is what a function returns, and where its literal is written
// (file name, line and byte column of its start and end).
type FuncValue struct {
	Value, Shown string
	File         string
	Start, End   [2]int
	In           string // for a field's value: the function or variable that writes it
}

func (*pkgVars) AFact() {}

func (pv *pkgVars) String() string {
	var names []string
	for n := range pv.Vars {
		names = append(names, n)
	}
	for n := range pv.Consts {
		names = append(names, n)
	}
	for n := range pv.Funcs {
		names = append(names, n+"()")
	}
	for n := range pv.Fields {
		names = append(names, n)
	}
	slices.Sort(names)
	return "pkgVars(" + strings.Join(names, ", ") + ")"
}

// exportVars publishes the package's exported variables assigned once, at
// their declaration, to a constant string that names a loopback host, or
// to a list of strings with one.
func (c *checker) exportVars() {
	pv := &pkgVars{Vars: map[string]FuncValue{}, Consts: map[string]FuncValue{}, Funcs: map[string]FuncValue{}}
	for fn, r := range c.returns {
		if !fn.Exported() || fn.Signature().Recv() != nil {
			continue
		}
		o, ok := c.resolve(r, 0)
		if !ok {
			continue
		}
		if _, ok := localHost(o.value); !ok {
			continue
		}
		pv.Funcs[fn.Name()] = c.funcValue(o)
	}
	scope := c.pass.Pkg.Scope()
	for _, n := range scope.Names() {
		v, ok := scope.Lookup(n).(*types.Var)
		if !ok || !v.Exported() {
			continue
		}
		d := c.vars[v]
		if d == nil || d.count != 1 || d.init == nil {
			continue
		}
		vals := []ast.Expr{d.init}
		if lit, ok := ast.Unparen(d.init).(*ast.CompositeLit); ok {
			if _, ok := v.Type().Underlying().(*types.Slice); ok {
				vals = lit.Elts // var Brokers = []string{"localhost:9092"}: its first loopback entry
			}
		}
		for _, e := range vals {
			if o, ok := c.resolve(e, 0); ok && !strings.Contains(o.shown, unknown) {
				if _, ok := localHost(o.value); ok {
					pv.Vars[n] = c.funcValue(o)
					break
				}
			}
		}
	}
	c.exportConsts(pv)
	pv.Fields = c.fieldValues
	if len(pv.Vars) > 0 || len(pv.Consts) > 0 || len(pv.Funcs) > 0 || len(pv.Fields) > 0 {
		c.pass.ExportPackageFact(pv)
	}
}

// ownFact returns the pkgVars fact of the package that declares obj, when
// that is another package of the user's own code (nil otherwise), read
// once per package.
func (c *checker) ownFact(obj types.Object) *pkgVars {
	pkg := obj.Pkg()
	if pkg == nil || pkg == c.pass.Pkg || !obj.Pos().IsValid() {
		return nil
	}
	if pv, ok := c.facts[pkg]; ok {
		return pv
	}
	var pv *pkgVars
	if f := new(pkgVars); c.own(pkg) && c.pass.ImportPackageFact(pkg, f) {
		pv = f
	}
	if c.facts == nil {
		c.facts = map[*types.Package]*pkgVars{}
	}
	c.facts[pkg] = pv
	return pv
}

// moduleVar resolves a variable of another package of the module from its
// package's fact.
func (c *checker) moduleVar(v *types.Var, at ast.Expr) (origin, bool) {
	pv := c.ownFact(v)
	if pv == nil || c.touched[v] {
		return origin{}, false
	}
	fv, ok := pv.Vars[v.Name()]
	if !ok {
		return origin{}, false
	}
	return c.located(fv, origin{value: fv.Value, shown: fv.Value, at: at, decl: v}), true
}

// exportConsts records where the package's exported string constants
// that name a loopback host are written (const RedisAddr =
// "localhost:6379"): an importer reports them at the literal.
func (c *checker) exportConsts(pv *pkgVars) {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue // iota and implicit repetition: not a string written here
				}
				for i, id := range vs.Names {
					k, ok := c.pass.TypesInfo.Defs[id].(*types.Const)
					if !ok || !k.Exported() || k.Parent() != c.pass.Pkg.Scope() {
						continue
					}
					if o, ok := c.resolve(vs.Values[i], 0); ok && !strings.Contains(o.shown, unknown) {
						if _, ok := localHost(o.value); ok {
							pv.Consts[id.Name] = c.funcValue(o)
						}
					}
				}
			}
		}
	}
}

// moduleConstAt moves o, a constant of another package of the user's
// code, to the literal that package's fact records for it.
func (c *checker) moduleConstAt(k *types.Const, o origin) origin {
	if pv := c.ownFact(k); pv != nil {
		if fv, ok := pv.Consts[k.Name()]; ok {
			return c.located(fv, o)
		}
	}
	return o
}

// moduleFunc resolves a call of a function of the user's other packages
// from its package's fact: reported at the literal it returns when the run
// holds that file, else at the function.
func (c *checker) moduleFunc(fn *types.Func, call *ast.CallExpr) (origin, bool) {
	pv := c.ownFact(fn)
	if pv == nil || fn.Signature().Recv() != nil {
		return origin{}, false
	}
	fv, ok := pv.Funcs[fn.Name()]
	if !ok {
		return origin{}, false
	}
	return c.located(fv, origin{value: fv.Value, shown: fv.Shown, at: call, decl: fn}), true
}

// funcValue is o as a fact records it.
func (c *checker) funcValue(o origin) FuncValue {
	from, to := c.pass.Fset.Position(o.pos()), c.pass.Fset.Position(o.end())
	return FuncValue{Value: o.value, Shown: o.shown, File: from.Filename,
		Start: [2]int{from.Line, from.Column}, End: [2]int{to.Line, to.Column}}
}

// located sets o's position to the literal fv records, when the run holds
// its file.
func (c *checker) located(fv FuncValue, o origin) origin {
	c.pass.Fset.Iterate(func(f *token.File) bool {
		if f.Name() != fv.File {
			return true
		}
		// The file as parsed, not the outline export data gives (go
		// vet): there the position of the function is what is known.
		start, sok := linePos(f, fv.Start)
		end, eok := linePos(f, fv.End)
		if sok && eok {
			o.lit, o.litEnd = start, end
		}
		return false
	})
	return o
}

// collectFieldValues records the loopback values the package writes into
// exported fields of its exported structs, in composite literals
// (Settings{KafkaBrokers: []string{"localhost:9092"}}), with the function
// or variable whose declaration holds the literal.
func (c *checker) collectFieldValues(files []*ast.File) {
	for _, f := range files {
		for _, d := range f.Decls {
			in := ""
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					in = d.Name.Name
				}
			case *ast.GenDecl:
				if d.Tok == token.VAR && len(d.Specs) == 1 {
					if vs, ok := d.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 {
						in = vs.Names[0].Name
					}
				}
			}
			if in == "" || !ast.IsExported(in) {
				continue // only what importers can call or read
			}
			ast.Inspect(d, func(n ast.Node) bool {
				if lit, ok := n.(*ast.CompositeLit); ok {
					c.fieldValuesOf(lit, in)
				}
				return true
			})
		}
	}
}

func (c *checker) fieldValuesOf(lit *ast.CompositeLit, in string) {
	n := namedOf(c.pass.TypesInfo.TypeOf(lit))
	if n == nil || n.Obj().Pkg() != c.pass.Pkg || !n.Obj().Exported() {
		return
	}
	keyedFields(lit, func(key *ast.Ident, val ast.Expr) {
		v, ok := c.pass.TypesInfo.Uses[key].(*types.Var)
		if !ok || !v.IsField() || !v.Exported() || !stringish(v.Type()) {
			return
		}
		vals := []ast.Expr{val}
		if l, ok := ast.Unparen(val).(*ast.CompositeLit); ok {
			vals = l.Elts
		}
		for _, e := range vals {
			o, ok := c.resolve(e, 0)
			if !ok || !o.local {
				continue // written elsewhere: reported there
			}
			if _, ok := localHost(o.value); ok {
				if c.fieldValues == nil {
					c.fieldValues = map[string][]FuncValue{}
				}
				name := n.Obj().Name() + "." + v.Name()
				fv := c.funcValue(o)
				fv.In = in
				c.fieldValues[name] = append(c.fieldValues[name], fv)
			}
		}
	})
}

// uses reports whether this package refers to the object name of pkg.
func (c *checker) uses(pkg *types.Package, name string) bool {
	if c.usedFrom == nil {
		c.usedFrom = map[*types.Package]map[string]bool{}
		for _, obj := range c.pass.TypesInfo.Uses {
			if p := obj.Pkg(); p != nil && p != c.pass.Pkg && obj.Parent() == p.Scope() {
				if c.usedFrom[p] == nil {
					c.usedFrom[p] = map[string]bool{}
				}
				c.usedFrom[p][obj.Name()] = true
			}
		}
	}
	return c.usedFrom[pkg][name]
}

// moduleField reports the values another package of the user's code writes
// into a field that reaches sk here (cfg.KafkaBrokers, set by config.Load).
func (c *checker) moduleField(e ast.Expr, sk Sink, sinkName string, sinkAt ast.Node) {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return
	}
	v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	if !ok || !v.IsField() {
		return
	}
	pv := c.ownFact(v)
	if pv == nil {
		return
	}
	sn := c.pass.TypesInfo.Selections[sel]
	if sn == nil {
		return
	}
	n := namedOf(sn.Recv())
	if n == nil || n.Obj().Pkg() != v.Pkg() {
		return
	}
	field := n.Obj().Name() + "." + v.Name()
	for _, fv := range pv.Fields[field] {
		if !c.uses(v.Pkg(), fv.In) {
			continue // written by a function or variable this package does not use
		}
		o := c.located(fv, origin{value: fv.Value, shown: fv.Shown, at: sel, decl: v})
		if o.lit.IsValid() {
			c.record(sel, o, sk, sinkName+" through "+field, sinkAt, false)
		}
	}
}

// linePos is the position of line and byte column lc in f, if f has it.
func linePos(f *token.File, lc [2]int) (token.Pos, bool) {
	if lc[0] < 1 || lc[0] > f.LineCount() || lc[1] < 1 {
		return token.NoPos, false
	}
	start := f.LineStart(lc[0])
	if int(start)-f.Base()+lc[1]-1 > f.Size() {
		return token.NoPos, false
	}
	p := start + token.Pos(lc[1]-1)
	if got := f.Position(p); got.Line != lc[0] || got.Column != lc[1] {
		return token.NoPos, false
	}
	return p, true
}

// touch notes a variable of another package that this one may change.
func (c *checker) touch(e ast.Expr) {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && !v.IsField() && v.Pkg() != c.pass.Pkg {
			c.touched[v] = true
		}
	}
}
