package golang

import (
	"bytes"
	"go/build"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// withCgo gives the module packages that use cgo the files a build with
// cgo compiles. go list runs with CGO_ENABLED=0, so that it never starts a
// C compiler; a package whose API exists only in its cgo files (the
// Producer of confluent-kafka-go) would then lack it, and every package
// importing it would fail to type-check. Its cgo files are type-checked
// with import "C" faked (types.Config.FakeImportC): only their Go
// declarations matter. The standard library keeps its pure-Go files.
// Only files that mention cgo (import "C", a cgo build constraint) change.
func withCgo(pkgs []*packages.Package, cfg *packages.Config) cgoSwitched {
	ctx := build.Default
	ctx.CgoEnabled = true
	ctx.GOOS, ctx.GOARCH = envOr(cfg.Env, "GOOS", runtime.GOOS), envOr(cfg.Env, "GOARCH", runtime.GOARCH)
	ctx.BuildTags = nil
	byPath := map[string]*packages.Package{}
	var all []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		all = append(all, p)
		if p.Name != "" && !strings.Contains(p.ID, " ") {
			byPath[p.PkgPath] = p
		}
	})
	type change struct {
		p       *packages.Package
		add     []string
		imports []string // what the cgo files import that p does not yet
	}
	var changes []change
	var missing []string
	for _, p := range all {
		if p.Module == nil || len(p.IgnoredFiles) == 0 || len(p.GoFiles) == 0 {
			continue
		}
		ch := change{p: p}
		for _, f := range p.IgnoredFiles {
			if strings.HasSuffix(f, ".go") && !strings.HasSuffix(f, "_test.go") && matches(ctx, f) && usesCgo(f, true) {
				ch.add = append(ch.add, f)
			}
		}
		if len(ch.add) == 0 {
			continue
		}
		for _, f := range ch.add {
			for _, path := range fileImports(f) {
				if path == "C" || path == "unsafe" || p.Imports[path] != nil || slices.Contains(ch.imports, path) {
					continue
				}
				ch.imports = append(ch.imports, path)
				if byPath[path] == nil && !slices.Contains(missing, path) {
					missing = append(missing, path)
				}
			}
		}
		changes = append(changes, ch)
	}
	if len(missing) > 0 {
		// Listed as the rest was; what the graph holds already is shared.
		more := *cfg
		more.Tests = false
		if extra, err := packages.Load(&more, missing...); err == nil {
			packages.Visit(extra, nil, func(np *packages.Package) {
				if byPath[np.PkgPath] != nil {
					return
				}
				for path := range np.Imports {
					if q := byPath[path]; q != nil {
						np.Imports[path] = q
					}
				}
				if np.Name != "" && len(np.Errors) == 0 {
					byPath[np.PkgPath] = np
				}
			})
		}
	}
	switched := cgoSwitched{}
	for _, ch := range changes {
		p := ch.p
		if slices.ContainsFunc(ch.imports, func(path string) bool { return byPath[path] == nil || byPath[path] == p }) {
			continue // an import no listing found: the package keeps its files
		}
		switched[p] = withoutCgo{p.GoFiles, p.Imports}
		// The files a build without cgo takes instead (//go:build !cgo).
		files := slices.DeleteFunc(slices.Clone(p.GoFiles), func(f string) bool { return usesCgo(f, false) && !matches(ctx, f) })
		p.GoFiles = append(files, ch.add...)
		p.CompiledGoFiles = p.GoFiles
		if len(ch.imports) > 0 {
			p.Imports = maps.Clone(p.Imports)
			if p.Imports == nil {
				p.Imports = map[string]*packages.Package{}
			}
			for _, path := range ch.imports {
				p.Imports[path] = byPath[path]
			}
		}
	}
	return switched
}

// cgoSwitched are the packages withCgo gave their cgo files, and what they
// had before: a package that does not type-check so (a cgo file that
// redeclares what a pure-Go one declares) is checked as go list listed it.
type cgoSwitched map[*packages.Package]withoutCgo

type withoutCgo struct {
	files   []string
	imports map[string]*packages.Package
}

// fileImports lists the paths a Go file imports; none when it cannot be
// parsed.
func fileImports(path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, im := range f.Imports {
		if v, err := strconv.Unquote(im.Path.Value); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// usesCgo reports a Go file whose build constraint names cgo, or, when
// imports is set, one that imports "C".
func usesCgo(path string, imports bool) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	for line := range bytes.Lines(data) {
		t := bytes.TrimSpace(line)
		if c, ok := bytes.CutPrefix(t, []byte("//go:build ")); ok && bytes.Contains(c, []byte("cgo")) {
			return true
		}
		if imports && bytes.HasPrefix(t, []byte("import")) && bytes.Contains(t, []byte(`"C"`)) {
			return true
		}
		if bytes.HasPrefix(t, []byte("func ")) || bytes.HasPrefix(t, []byte("type ")) {
			break // past the imports
		}
	}
	return false
}

func matches(ctx build.Context, path string) bool {
	ok, err := ctx.MatchFile(filepath.Dir(path), filepath.Base(path))
	return err == nil && ok
}

// envOr is the value of name in env, else def.
func envOr(env []string, name, def string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], name+"="); ok && v != "" {
			return v
		}
	}
	return def
}
