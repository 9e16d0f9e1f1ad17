package golang

import (
	"fmt"
	"go/types"
	"os"
	"reflect"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// A small in-process driver for one analyzer with package facts, in place of
// x/tools' checker: the checker links encoding/gob (for a sanity check this
// driver never needs), whose start-up every reachlint process paid. The
// analyzer runs on each package after the packages it imports, so their
// package facts are there; object facts are not supported (the analyzer
// declares none).

// action is the analyzer run on one package.
type action struct {
	pkg    *packages.Package
	isRoot bool
	diags  []analysis.Diagnostic
	result any
	err    error
	facts  []analysis.Fact // the package facts it exported
	deps   []*action
}

// analyze runs a on roots and on everything they import, dependencies
// first, and returns the actions of the roots. Analyzers that require
// others or declare object facts are not supported.
func analyze(a *analysis.Analyzer, roots []*packages.Package) ([]*action, error) {
	if len(a.Requires) > 0 {
		return nil, fmt.Errorf("analyzer %s requires other analyzers", a.Name)
	}
	acts := map[*packages.Package]*action{}
	var order []*action
	var visit func(p *packages.Package) *action
	visit = func(p *packages.Package) *action {
		if act, ok := acts[p]; ok {
			return act
		}
		act := &action{pkg: p}
		acts[p] = act
		if len(a.FactTypes) > 0 {
			// Facts flow from imports; without facts only roots run.
			for _, imp := range p.Imports {
				act.deps = append(act.deps, visit(imp))
			}
		}
		order = append(order, act)
		return act
	}
	var out []*action
	for _, p := range roots {
		act := visit(p)
		act.isRoot = true
		out = append(out, act)
	}
	for _, act := range order {
		act.run(a)
	}
	return out, nil
}

// run applies the analyzer to the action's package, recovering from a
// panic as a failure of that package alone.
func (act *action) run(a *analysis.Analyzer) {
	p := act.pkg
	if p.Types == nil || p.TypesInfo == nil || p.IllTyped {
		act.err = fmt.Errorf("%s: not type-checked", p.PkgPath)
		return
	}
	for _, d := range act.deps {
		if d.err != nil {
			act.err = fmt.Errorf("dependency %s: %w", d.pkg.PkgPath, d.err)
			return
		}
	}
	var module *analysis.Module
	if m := p.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         p.Fset,
		Files:        p.Syntax,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    p.TypesInfo,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   p.TypeErrors,
		Module:       module,
		ResultOf:     map[*analysis.Analyzer]any{},
		Report:       func(d analysis.Diagnostic) { act.diags = append(act.diags, d) },
		ReadFile:     os.ReadFile,
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
			return act.importFact(pkg.Path(), fact)
		},
		ExportPackageFact: func(fact analysis.Fact) { act.facts = append(act.facts, fact) },
		AllPackageFacts:   act.allFacts,
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact: func(types.Object, analysis.Fact) {
			panic("hardcodedlocalhost's driver has no object facts")
		},
		AllObjectFacts: func() []analysis.ObjectFact { return nil },
	}
	defer func() {
		if r := recover(); r != nil {
			act.err = fmt.Errorf("analyzer %s panicked on %s: %v\n%s", a.Name, p.PkgPath, r, debug.Stack())
		}
	}()
	act.result, act.err = a.Run(pass)
}

// transitive lists the actions of everything the package imports,
// directly or not, each once.
func (act *action) transitive() []*action {
	seen := map[*action]bool{}
	var out []*action
	var walk func(a *action)
	walk = func(a *action) {
		for _, d := range a.deps {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				walk(d)
			}
		}
	}
	walk(act)
	return out
}

// importFact copies the fact of pkgPath's type into fact, as the
// framework's drivers do: the same type, found among the imports' facts.
func (act *action) importFact(pkgPath string, fact analysis.Fact) bool {
	want := reflect.TypeOf(fact)
	for _, d := range act.transitive() {
		if d.pkg.PkgPath != pkgPath {
			continue
		}
		for _, f := range d.facts {
			if reflect.TypeOf(f) == want {
				reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
				return true
			}
		}
	}
	return false
}

func (act *action) allFacts() []analysis.PackageFact {
	var out []analysis.PackageFact
	for _, d := range act.transitive() {
		for _, f := range d.facts {
			out = append(out, analysis.PackageFact{Package: d.pkg.Types, Fact: f})
		}
	}
	return out
}
