package linter

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestArchitecture checks the import graph against the table of packages in
// docs/architecture.md: every package of the module has a row, and imports
// only the module's packages its row allows.
func TestArchitecture(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/reachlint/reachlint/"
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| [^|]+ \\| ([^|]*)\\|$")
	allowed := map[string][]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		var may []string
		for _, q := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[2], -1) {
			may = append(may, q[1])
		}
		allowed[m[1]] = may
	}
	if len(allowed) < 10 {
		t.Fatalf("found %d rows in docs/architecture.md's package table", len(allowed))
	}
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Imports \",\"}}", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imps, _ := strings.Cut(line, "|")
		pkg = strings.TrimPrefix(pkg, mod)
		if pkg == "integration" || strings.Contains(pkg, "testdata") {
			continue
		}
		may, ok := allowed[pkg]
		if !ok {
			t.Errorf("package %s has no row in docs/architecture.md", pkg)
			continue
		}
		for _, imp := range strings.Split(imps, ",") {
			own, ok := strings.CutPrefix(imp, mod)
			if !ok || slices.Contains(may, own) {
				continue
			}
			t.Errorf("%s imports %s, which docs/architecture.md does not allow", pkg, own)
		}
	}
}

// TestBinaryDependencies keeps out of the reachlint binary the packages
// whose initialisation every process would pay whether it needs them or
// not. Tests may import them.
func TestBinaryDependencies(t *testing.T) {
	banned := map[string]string{
		// It compiles its meta-schemas at start-up: 3.2 ms and 21,000
		// allocations, more than a whole run on a small project.
		// linter/schema has its own validator; jsonschema is its tests'
		// oracle.
		"github.com/santhosh-tekuri/jsonschema/v6": "its initialisation costs every process about 3 ms",
		// It imports jsonschema; linter/schema embeds a copy of its schema.
		"github.com/compose-spec/compose-go/v2/schema": "it imports github.com/santhosh-tekuri/jsonschema/v6",
	}
	cmd := exec.Command("go", "list", "-deps", "./cmd/reachlint")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/reachlint/reachlint/linter/schema") {
		t.Fatalf("go list -deps ./cmd/reachlint does not list linter/schema:\n%s", out)
	}
	for _, dep := range deps {
		for pkg, why := range banned {
			if dep == pkg || strings.HasPrefix(dep, pkg+"/") {
				t.Errorf("cmd/reachlint depends on %s: %s", dep, why)
			}
		}
	}
}
