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

// TestGoNestedModulesAndLoadErrors: `reachlint ./...` from a root without
// go.mod lints the modules below it, and a package it cannot check fails the
// run with a go-load error unless the configuration lowers its severity.
func TestGoNestedModulesAndLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("compose.yaml", "services:\n  api:\n    build: ./services/api\n")
	write("services/api/go.mod", "module example.com/api\n\ngo 1.22\n")
	write("services/api/main.go", "package main\n\nfunc main() { undefined() }\n")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := linter.Main(append([]string{"--no-env", "--format", "oneline"}, args...), &linter.Env{
			Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(), GoLint: lintGo,
		})
		return code, out.String() + errb.String()
	}
	code, out := run("./...")
	if code != linter.ExitFindings || !strings.Contains(out, "services/api/main.go:3:15: error: Go package example.com/api was not checked") ||
		!strings.Contains(out, "[go-load]") {
		t.Errorf("exit %d, want 1 with a go-load error:\n%s", code, out)
	}
	write(".reachlint.yaml", "severity:\n  go-load: info\n")
	code, out = run("./...")
	if code != linter.ExitClean || !strings.Contains(out, "info: Go package example.com/api was not checked") {
		t.Errorf("with go-load at info: exit %d, want 0:\n%s", code, out)
	}
}
