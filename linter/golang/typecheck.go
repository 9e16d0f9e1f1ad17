package golang

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"sync"

	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/packages"
)

// listMode lists packages and their dependencies without types: the
// loader type-checks them itself (typeCheck).
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes

// ownPackage reports whether the analyzer reads p's code: the user's own
// packages, not the standard library or the module cache.
func ownPackage(p *packages.Package) bool {
	if p.Module == nil {
		return hardcodedlocalhost.OwnCode(p.PkgPath, false, "")
	}
	return hardcodedlocalhost.OwnCode(p.PkgPath, true, p.Module.Version)
}

// typeCheck parses and type-checks pkgs and their dependencies from
// source, as go/packages does in LoadAllSyntax mode, with one difference:
// only the user's own packages are checked in full. The others (the
// standard library, the module cache) are checked without function bodies
// and without recording types, which the analyzer never reads there:
// that was most of a load's time (net/http and its imports, body by body).
func typeCheck(roots []*packages.Package) {
	fset := token.NewFileSet()
	var all []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })

	// Parse every file once (a package and its test variant share files),
	// on every core.
	type parsed struct {
		f   *ast.File
		err error
	}
	files := map[string]*parsed{}
	type job struct {
		name string
		own  bool
		out  *parsed
	}
	var jobs []job
	for _, p := range all {
		own := ownPackage(p)
		for _, name := range p.CompiledGoFiles {
			if files[name] == nil {
				files[name] = &parsed{}
				jobs = append(jobs, job{name, own, files[name]})
			}
		}
	}
	work := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.out.f, j.out.err = parseGo(fset, j.name, j.own)
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()

	// Type-check in dependency order, packages whose imports are done in
	// parallel.
	done := make(map[*packages.Package]chan struct{}, len(all))
	for _, p := range all {
		done[p] = make(chan struct{})
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, p := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[p])
			for _, imp := range p.Imports {
				<-done[imp]
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			var syntax []*ast.File
			var errs []error
			for _, name := range p.CompiledGoFiles {
				f := files[name]
				if f.err != nil {
					errs = append(errs, f.err)
				}
				if f.f != nil {
					syntax = append(syntax, f.f)
				}
			}
			checkPackage(fset, p, syntax, errs)
		}()
	}
	wg.Wait()
}

// parseGo parses a file of the user's own code as go/packages does
// (comments, object resolution); another file without comments.
func parseGo(fset *token.FileSet, name string, own bool) (*ast.File, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	mode := parser.AllErrors | parser.ParseComments
	if !own {
		mode = parser.AllErrors | parser.SkipObjectResolution
	}
	return parser.ParseFile(fset, name, src, mode)
}

// checkPackage type-checks p from its parsed files, recording errors and
// IllTyped as go/packages does.
func checkPackage(fset *token.FileSet, p *packages.Package, syntax []*ast.File, parseErrs []error) {
	p.Fset = fset
	if p.PkgPath == "unsafe" {
		p.Types, p.Syntax, p.TypesInfo = types.Unsafe, []*ast.File{}, &types.Info{}
		return
	}
	addError := func(err error) {
		var pathErr *os.PathError
		var list scanner.ErrorList
		var typeErr types.Error
		switch {
		case errors.As(err, &pathErr):
			p.Errors = append(p.Errors, packages.Error{Pos: pathErr.Path + ":1", Msg: pathErr.Err.Error(), Kind: packages.ParseError})
		case errors.As(err, &list):
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case errors.As(err, &typeErr):
			p.TypeErrors = append(p.TypeErrors, typeErr)
			p.Errors = append(p.Errors, packages.Error{Pos: typeErr.Fset.Position(typeErr.Pos).String(), Msg: typeErr.Msg, Kind: packages.TypeError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	for _, err := range parseErrs {
		addError(err)
	}
	p.Syntax = syntax
	own := ownPackage(p)
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	p.TypesInfo = &types.Info{}
	if own {
		p.TypesInfo = &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
	}
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if imp := p.Imports[path]; imp != nil && imp.Types != nil {
				return imp.Types, nil
			}
			return nil, fmt.Errorf("no metadata for %s", path)
		}),
		// Without bodies go/types also skips the unused-import check.
		IgnoreFuncBodies: !own,
		Error:            addError,
		Sizes:            p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	before := len(p.Errors)
	if err := types.NewChecker(tc, fset, p.Types, p.TypesInfo).Files(syntax); err != nil && len(p.Errors) == before {
		addError(err)
	}
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
