package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter"
)

// TestComposeAndGoInOneRun: `reachlint ./...` reports a compose finding and
// a Go finding together, in one output.
func TestComposeAndGoInOneRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/mixed\n\ngo 1.26.0\n")
	write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tresp, err := http.Get(\"http://localhost:8000/users\")\n\tif err == nil {\n\t\tresp.Body.Close()\n\t}\n}\n")
	example, err := os.ReadFile("../../testdata/examples/nextjs-api/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write("compose.yaml", string(example))

	var out, errb bytes.Buffer
	code := linter.Main([]string{"--no-env", "--format", "oneline", "./..."}, &linter.Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(), GoLint: lintGo,
	})
	if code != linter.ExitFindings {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errb.String())
	}
	got := out.String()
	for _, want := range []string{
		"compose.yaml:12:29: error: service \"client\" reaches \"localhost:3000\"",
		"main.go:6:24: warning: \"http://localhost:8000/users\" reaches http.Get",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
