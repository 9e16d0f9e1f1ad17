package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/reachlint/reachlint/internal/frontends"
	"github.com/reachlint/reachlint/internal/testfs"
)

// buildTool builds this command once per test binary run (TestMain removes
// it).
func buildTool(t *testing.T) string {
	t.Helper()
	tool.once.Do(func() {
		dir, err := os.MkdirTemp("", "hardcodedlocalhost-tool")
		if err != nil {
			tool.err = err
			return
		}
		tool.dir = dir
		tool.bin = filepath.Join(dir, "hardcodedlocalhost")
		// The same binary from every checkout of the same code: go vet
		// caches a tool's results on its content, and checking the standard
		// library's packages for facts is most of a cold run.
		build := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-o", tool.bin, ".")
		if out, err := build.CombinedOutput(); err != nil {
			tool.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if tool.err != nil {
		t.Fatal(tool.err)
	}
	return tool.bin
}

var tool struct {
	once     sync.Once
	dir, bin string
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if tool.dir != "" {
		os.RemoveAll(tool.dir)
	}
	os.Exit(code)
}

// fixture copies a module of testdata so that -fix can edit it: vetmod
// (net/http, with a test file) or netmod (net only: run standalone, the
// tool type-checks every dependency from source, net/http's in 5 s).
func fixture(t *testing.T, mod string) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(filepath.Join("testdata", mod))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		name := e.Name()
		data, err := os.ReadFile(filepath.Join("testdata", mod, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &ee):
		return string(out), ee.ExitCode()
	}
	t.Fatalf("%s %v: %v", name, args, err)
	return "", 0
}

// TestVetTool's runs are independent and mostly wait for go vet or
// type-check from source: they run in parallel.
func TestVetTool(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a binary and runs go vet")
	}
	bin := buildTool(t)
	dir := fixture(t, "vetmod")

	t.Run("go vet", func(t *testing.T) {
		t.Parallel()
		out, code := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
		if code != 1 {
			t.Errorf("go vet exit code %d, want 1\n%s", code, out)
		}
		wantLines(t, out,
			[]string{
				`main.go:9:11: "http://localhost:3000/health" reaches http.Get`,
				`main.go:11:22: "127.0.0.1:8080" reaches http.ListenAndServe`,
			},
			[]string{"main.go:10:", "main_test.go"})
	})

	t.Run("go vet -include-tests", func(t *testing.T) {
		t.Parallel()
		out, code := run(t, dir, "go", "vet", "-vettool="+bin, "-include-tests", "./...")
		if code != 1 {
			t.Errorf("exit code %d, want 1\n%s", code, out)
		}
		wantLines(t, out, []string{`main_test.go:9:11: "http://localhost:3000/test" reaches http.Get`}, nil)
	})

	t.Run("standalone", func(t *testing.T) {
		t.Parallel()
		out, code := run(t, fixture(t, "netmod"), bin, "./...")
		if code != 3 {
			t.Errorf("exit code %d, want 3 (findings)\n%s", code, out)
		}
		wantLines(t, out,
			[]string{
				`main.go:9:18: "localhost:3000" reaches net.Dial`,
				`main.go:11:20: "127.0.0.1:8080" reaches net.Listen`,
			},
			[]string{"main.go:10:"})
	})

	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		fixDir := fixture(t, "netmod")
		run(t, fixDir, bin, "-fix", "./...")
		data, err := os.ReadFile(filepath.Join(fixDir, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		got := string(data)
		if !strings.Contains(got, `net.Listen("tcp", ":8080")`) || !strings.Contains(got, `net.Dial("tcp", "localhost:3000")`) {
			t.Errorf("-fix: want only the listen address rewritten, got:\n%s", got)
		}
	})

	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		clean := t.TempDir()
		os.WriteFile(filepath.Join(clean, "go.mod"), []byte("module example.com/clean\n\ngo 1.26.0\n"), 0o644)
		os.WriteFile(filepath.Join(clean, "main.go"), []byte("package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"), 0o644)
		if out, code := run(t, clean, "go", "vet", "-vettool="+bin, "./..."); code != 0 {
			t.Errorf("clean module: exit code %d, want 0\n%s", code, out)
		}
	})
}

func wantLines(t *testing.T, out string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	for _, w := range notWant {
		if strings.Contains(out, w) {
			t.Errorf("output has %q:\n%s", w, out)
		}
	}
}

// TestSameFindingsAsCLI: go vet with this tool (which analyses the test
// variants of packages) and the reachlint CLI (which does not load test
// files) report the same production findings on the shared fixture. The
// golangci-lint plugin joins the comparison in rules/golangci's integration
// test.
func TestSameFindingsAsCLI(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a binary and runs go vet")
	}
	bin := buildTool(t)
	dir := testfs.CopyDir(t, filepath.Join("../..", frontends.Fixture))
	out, code := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if code != 1 {
		t.Fatalf("go vet exit %d:\n%s", code, out)
	}
	vet := frontends.Vet(out)
	cli, err := frontends.CLI(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cli) < 5 {
		t.Errorf("the fixture should give at least 5 findings, got:\n%s", strings.Join(cli, "\n"))
	}
	if d := frontends.Diff("go vet", vet, "reachlint", cli); d != "" {
		t.Errorf("front ends disagree:\n%s", d)
	}
}
