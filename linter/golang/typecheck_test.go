package golang

import (
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"

	"golang.org/x/tools/go/packages"
)

// TestOwnCodeInFullDependenciesWithoutBodies: the user's packages are
// type-checked with every body and their types recorded, for the analyzer;
// the standard library only as far as its declarations, and nothing is
// recorded there. Both are complete and well typed.
func TestOwnCodeInFullDependenciesWithoutBodies(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("testdata", "mod"))
	seen := loadTyped(t, dir)
	for _, path := range []string{"example.com/mod", "example.com/mod/server", "net/http", "fmt"} {
		p := seen[path]
		if p == nil {
			t.Fatalf("%s not loaded", path)
		}
		if p.IllTyped || len(p.Errors) > 0 || p.Types == nil || !p.Types.Complete() || p.TypesInfo == nil {
			t.Fatalf("%s: ill-typed %v, errors %v", path, p.IllTyped, p.Errors)
		}
		own := strings.HasPrefix(path, "example.com/")
		if recorded := len(p.TypesInfo.Types) > 0 && len(p.TypesInfo.Uses) > 0; recorded != own {
			t.Errorf("%s: types recorded %v, want %v", path, recorded, own)
		}
		if own && len(p.Syntax) == 0 {
			t.Errorf("%s: no syntax", path)
		}
	}
	// A body's expressions are recorded in the user's package.
	main := seen["example.com/mod"]
	calls := 0
	for e := range main.TypesInfo.Types {
		if _, ok := e.(*ast.CallExpr); ok {
			calls++
		}
	}
	if calls == 0 {
		t.Error("no expression of main's body recorded")
	}
}

func loadTyped(t *testing.T, dir string) map[string]*packages.Package {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{Mode: listMode, Dir: dir, Env: hermeticEnv(os.Environ(), "off")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	typeCheck(pkgs, goSizes(hermeticEnv(os.Environ(), "off"), dir), nil)
	seen := map[string]*packages.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) { seen[p.PkgPath] = p })
	return seen
}

// TestDependencyTypesKept: a second load (another module of the run, a
// relint) takes the dependencies' types from the first, and checks the
// user's own packages again. Loads at the same time agree.
func TestDependencyTypesKept(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("testdata", "mod"))
	first := loadTyped(t, dir)
	var wg sync.WaitGroup
	again := make([]map[string]*packages.Package, 3)
	for i := range again {
		wg.Go(func() { again[i] = loadTyped(t, dir) })
	}
	wg.Wait()
	for _, second := range again {
		if first["net/http"].Types != second["net/http"].Types || first["fmt"].Types != second["fmt"].Types {
			t.Error("net/http or fmt type-checked again")
		}
		if first["example.com/mod"].Types == second["example.com/mod"].Types {
			t.Error("the user's package was not checked again")
		}
		for path, p := range second {
			if p.IllTyped {
				t.Errorf("%s: ill-typed: %v", path, p.Errors)
			}
		}
	}
}

// TestDependencyEditedIsCheckedAgain: a dependency whose files changed (a
// vendored copy edited) is not taken from an earlier load.
func TestDependencyEditedIsCheckedAgain(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"go.mod":                        "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n",
		"main.go":                       "package main\n\nimport \"example.com/dep\"\n\nfunc main() { println(dep.Addr) }\n",
		"vendor/modules.txt":            "# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n",
		"vendor/example.com/dep/dep.go": "package dep\n\nconst Addr = \"a\"\n",
	})
	if p := loadTyped(t, dir)["example.com/dep"]; p == nil || p.Types.Scope().Lookup("Addr") == nil || ownPackage(p) {
		t.Fatalf("vendored dependency not loaded as one: %+v", p)
	}
	testfs.WriteFiles(t, dir, map[string]string{"vendor/example.com/dep/dep.go": "package dep\n\nconst Addr = \"a\"\n\nconst Port = 8080\n"})
	if p := loadTyped(t, dir)["example.com/dep"]; p.Types.Scope().Lookup("Port") == nil {
		t.Error("the edited dependency's types came from the earlier load")
	}
}

// TestDepCacheKeepsConsistentTypes: a package is kept only against the
// kept objects of its imports, and a load takes kept types all at once, so
// one load never sees two objects for one package.
func TestDepCacheKeepsConsistentTypes(t *testing.T) {
	var c depCache
	timeA, timeB := &packages.Package{PkgPath: "time"}, &packages.Package{PkgPath: "time"}
	timeA.Types, timeB.Types = types.NewPackage("time", "time"), types.NewPackage("time", "time")
	ctxB := &packages.Package{PkgPath: "context", Imports: map[string]*packages.Package{"time": timeB}, Types: types.NewPackage("context", "context")}
	keys := map[*packages.Package]string{timeA: "kt", timeB: "kt", ctxB: "kc"}
	_, gen, kept := c.session(nil, keys)
	if len(kept) != 0 {
		t.Fatal("a new cache keeps something")
	}
	c.put(gen, "kt", timeA, keys) // load A checked time first
	c.put(gen, "kt", timeB, keys) // load B's time is not kept: A's is
	c.put(gen, "kc", ctxB, keys)  // B's context was checked against B's time: not kept
	if _, _, kept := c.session([]*packages.Package{timeB, ctxB}, keys); kept[timeB] != timeA.Types || kept[ctxB] != nil {
		t.Errorf("kept %v", kept)
	}
	ctxA := &packages.Package{PkgPath: "context", Imports: map[string]*packages.Package{"time": timeA}, Types: types.NewPackage("context", "context")}
	keys[ctxA] = "kc"
	c.put(gen, "kc", ctxA, keys)
	if _, _, kept := c.session([]*packages.Package{timeB, ctxB}, keys); kept[timeB] != timeA.Types || kept[ctxB] != ctxA.Types {
		t.Errorf("kept %v", kept)
	}
	c.put(gen-1, "kz", timeA, map[*packages.Package]string{timeA: "kz"})
	if _, _, kept := c.session([]*packages.Package{timeA}, map[*packages.Package]string{timeA: "kz"}); len(kept) != 0 {
		t.Error("a package of an earlier generation was kept")
	}
}

// BenchmarkLint lints testdata/mod (net/http and its imports behind it):
// "fresh" drops the kept dependency types before each run, as a process's
// first load does; "kept" is every later load of the process (another
// module of the run).
func BenchmarkLint(b *testing.B) {
	dir, _ := filepath.Abs(filepath.Join("testdata", "mod"))
	for _, fresh := range []bool{true, false} {
		name := "kept"
		if fresh {
			name = "fresh"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if fresh {
					depTypes.mu.Lock()
					depTypes.fset = nil
					depTypes.mu.Unlock()
				}
				if ds := Lint([]string{dir}, nil, Options{}); len(ds) == 0 {
					b.Fatal("no findings")
				}
			}
		})
	}
}

// TestUnfoundImport: a package go list could not find (its module is not in
// the module cache) has no name, and go/packages lists for it the
// importer's files named in its errors. It is not type-checked from them:
// the importer reports the import it could not make, not a package named
// after itself ("imported as runtime").
func TestUnfoundImport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "shutdown.go")
	src := "package runtime\n\nimport \"example.com/missing/grpc\"\n\nvar S *grpc.Server\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := &packages.Package{ID: "example.com/missing/grpc", PkgPath: "example.com/missing/grpc", GoFiles: []string{file},
		Errors: []packages.Error{{Pos: file + ":3:8", Msg: "module lookup disabled by GOPROXY=off", Kind: packages.ListError}}}
	root := &packages.Package{ID: "example.com/app/runtime", PkgPath: "example.com/app/runtime", Name: "runtime", GoFiles: []string{file},
		Imports: map[string]*packages.Package{"example.com/missing/grpc": missing}}
	typeCheck([]*packages.Package{root}, sizesFor("amd64"), nil)
	if !root.IllTyped || missing.Types != nil {
		t.Fatalf("root ill-typed %v, the missing package has types %v", root.IllTyped, missing.Types)
	}
	var msgs []string
	for _, e := range root.Errors {
		msgs = append(msgs, e.Msg)
	}
	if len(msgs) == 0 || !strings.HasPrefix(msgs[0], "could not import example.com/missing/grpc") {
		t.Errorf("errors %q, want the import that failed first", msgs)
	}
	for _, m := range msgs {
		if strings.Contains(m, "imported as") || strings.Contains(m, "redeclared") {
			t.Errorf("an error of the missing package's stand-in: %q", m)
		}
	}
}
