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
