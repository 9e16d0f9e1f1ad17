package golang

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/packages"
)

// listMode lists packages and their dependencies without types: the
// loader type-checks them itself (typeCheck), with the sizes goSizes asks
// for. Neither compiled file lists nor sizes are asked of go list (see
// goSizes): go list runs with CGO_ENABLED=0 (hermeticEnv), where a
// package's compiled files are its Go files.
const listMode = packages.NeedName | packages.NeedFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule

// ownPackage reports whether the analyzer reads p's code: the user's own
// packages, not the standard library or the module cache.
func ownPackage(p *packages.Package) bool {
	if p.Module == nil {
		return hardcodedlocalhost.OwnCode(p.PkgPath, false, "")
	}
	return hardcodedlocalhost.OwnCode(p.PkgPath, true, p.Module.Version)
}

// typeCheck parses and type-checks pkgs and their dependencies from
// source, as go/packages does in LoadAllSyntax mode, with two differences.
// Only the user's own packages are checked in full: the others (the
// standard library, the module cache) are checked without function bodies
// and without recording types, which the analyzer never reads there (that
// was most of a load's time: net/http and its imports, body by body). And
// those others are kept for the process (depTypes): the modules of one run
// and a test binary's loads check net/http once.
func typeCheck(roots []*packages.Package, sizes types.Sizes, switched cgoSwitched) {
	var all []*packages.Package // imports first
	packages.Visit(roots, nil, func(p *packages.Package) {
		p.TypesSizes = sizes
		all = append(all, p)
	})
	keys := depKeys(all)
	fset, gen, kept := depTypes.session(all, keys)
	hits := map[*packages.Package]bool{}
	for p, t := range kept {
		p.Fset, p.Types, p.TypesInfo, p.Syntax, hits[p] = fset, t, &types.Info{}, nil, true
	}

	// Parse every file left once (a package and its test variant share
	// files), on every core.
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
		if hits[p] {
			continue
		}
		own := ownPackage(p)
		for _, name := range goFiles(p) {
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
		if hits[p] {
			close(done[p])
		}
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, p := range all {
		if hits[p] {
			continue
		}
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
			for _, name := range goFiles(p) {
				f := files[name]
				if f.err != nil {
					errs = append(errs, f.err)
				}
				if f.f != nil {
					syntax = append(syntax, f.f)
				}
			}
			checkPackage(fset, p, syntax, errs)
			if orig, ok := switched[p]; ok && len(p.Errors) > 0 {
				// Its cgo files do not type-check with the rest: as listed.
				p.GoFiles, p.CompiledGoFiles, p.Imports, p.Errors, p.TypeErrors = orig.files, orig.files, orig.imports, nil, nil
				syntax, errs = nil, nil
				for _, name := range p.GoFiles {
					f, err := parseGo(fset, name, ownPackage(p))
					if err != nil {
						errs = append(errs, err)
					}
					if f != nil {
						syntax = append(syntax, f)
					}
				}
				checkPackage(fset, p, syntax, errs)
			}
			if keys[p] != "" && !p.IllTyped {
				depTypes.put(gen, keys[p], p, keys)
			}
		}()
	}
	wg.Wait()
}

// goFiles are the files p is type-checked from: none for unsafe, whose
// types go/types has, and none for a package go list could not find.
func goFiles(p *packages.Package) []string {
	if p.PkgPath == "unsafe" || unfound(p) {
		return nil
	}
	return p.GoFiles
}

// unfound reports a package go list could not find (its module is not in
// the module cache): it has no name, and the files go/packages lists for
// it are the importers' files named in its error messages.
func unfound(p *packages.Package) bool { return p.Name == "" && len(p.Errors) > 0 }

// depKeys names the packages whose types may be kept: not the user's own,
// listed without errors, and importing only such packages. A key hashes
// what the types depend on: the package, its files (name, size, time),
// the language version, the sizes, and the keys of its imports.
func depKeys(all []*packages.Package) map[*packages.Package]string {
	keys := make(map[*packages.Package]string, len(all))
	for _, p := range all {
		if ownPackage(p) || len(p.Errors) > 0 || p.PkgPath == "unsafe" {
			continue
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%T%+v\x00", p.ID, p.Name, p.TypesSizes, p.TypesSizes)
		if p.Module != nil {
			fmt.Fprintf(h, "%s@%s go%s\x00", p.Module.Path, p.Module.Version, p.Module.GoVersion)
		}
		ok := true
		for _, name := range goFiles(p) {
			st, err := os.Stat(name)
			if err != nil {
				ok = false
				break
			}
			fmt.Fprintf(h, "%s %d %d\x00", name, st.Size(), st.ModTime().UnixNano())
		}
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			imp := p.Imports[path]
			if imp.PkgPath == "unsafe" {
				continue
			}
			if keys[imp] == "" {
				ok = false
				break
			}
			fmt.Fprintf(h, "%s=%s\x00", path, keys[imp])
		}
		if ok {
			keys[p] = hex.EncodeToString(h.Sum(nil))
		}
	}
	return keys
}

// depTypes keeps the types of dependencies, all positions in one file set,
// until that set has grown by maxDepSource bytes of source; then it starts
// over (a new generation).
var depTypes depCache

const maxDepSource = 128 << 20

type depCache struct {
	mu   sync.Mutex
	gen  int
	fset *token.FileSet
	pkgs map[string]*types.Package
}

// session returns the file set a load parses into, its generation, and
// the kept types of the load's packages, all looked up at once: a package
// is kept only after its imports, and entries are never replaced, so the
// types a load takes are consistent with one another (looked up one at a
// time, another load could store a package between two look-ups, checked
// against an import this load has just missed and will check itself).
func (c *depCache) session(all []*packages.Package, keys map[*packages.Package]string) (*token.FileSet, int, map[*packages.Package]*types.Package) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fset == nil || c.fset.Base() > maxDepSource {
		c.gen++
		c.fset, c.pkgs = token.NewFileSet(), map[string]*types.Package{}
	}
	kept := map[*packages.Package]*types.Package{}
	for _, p := range all {
		if t := c.pkgs[keys[p]]; keys[p] != "" && t != nil {
			kept[p] = t
		}
	}
	return c.fset, c.gen, kept
}

// put keeps p's types when they were checked in the current generation
// against the very imports kept: two loads checking one package at once
// must not leave a package whose imports are other objects than the kept
// ones (the same type would then be two).
func (c *depCache) put(gen int, key string, p *packages.Package, keys map[*packages.Package]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || c.pkgs[key] != nil {
		return
	}
	for _, imp := range p.Imports {
		if imp.PkgPath != "unsafe" && c.pkgs[keys[imp]] != imp.Types {
			return
		}
	}
	c.pkgs[key] = p.Types
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
	if unfound(p) {
		// No types: its importers report "could not import", the cause,
		// instead of what its absence does to their code.
		p.Syntax, p.TypesInfo, p.IllTyped = nil, &types.Info{}, true
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
			if strings.Contains(typeErr.Msg, "with invalid type") {
				// A value whose type an earlier error left unknown, or a
				// cgo file's C names (withCgo): that error is the cause.
				return
			}
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
		// A module's cgo files (withCgo): their C names are not known.
		FakeImportC: true,
		Error:       addError,
		Sizes:       p.TypesSizes,
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
