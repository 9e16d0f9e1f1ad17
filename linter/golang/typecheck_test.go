package golang

import (
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestOwnCodeInFullDependenciesWithoutBodies: the user's packages are
// type-checked with every body and their types recorded, for the analyzer;
// the standard library only as far as its declarations, and nothing is
// recorded there. Both are complete and well typed.
func TestOwnCodeInFullDependenciesWithoutBodies(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("testdata", "mod"))
	pkgs, err := packages.Load(&packages.Config{Mode: listMode, Dir: dir, Env: hermeticEnv(os.Environ(), "off")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	typeCheck(pkgs)
	seen := map[string]*packages.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) { seen[p.PkgPath] = p })
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
