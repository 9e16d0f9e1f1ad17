package golangci_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"github.com/reachlint/reachlint/internal/frontends"
	"github.com/reachlint/reachlint/internal/testfs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The integration test builds golangci-lint v2.15.0 with this plugin from the
// tiny main module in testdata/golangci/builder (modules come from the Go
// module proxy or cache; nothing is cloned from GitHub) and runs it on
// testdata/golangci/fixture. It takes minutes on a cold cache, so it runs only
// with REACHLINT_INTEGRATION=1. The binary is cached under
// $REACHLINT_GOLANGCI_CACHE (default: $TMPDIR/reachlint-golangci), keyed by
// the sources it is built from.

func TestGolangciLintPlugin(t *testing.T) {
	if os.Getenv("REACHLINT_INTEGRATION") != "1" {
		t.Skip("set REACHLINT_INTEGRATION=1 to build golangci-lint with the plugin and run it")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := buildGolangciLint(t, root)
	// golangci-lint caches analysis results by package content, not by
	// analyzer version: a fresh cache keeps a changed analyzer honest.
	t.Setenv("GOLANGCI_LINT_CACHE", t.TempDir())

	t.Run("defaults", func(t *testing.T) {
		dir := copyFixture(t, root)
		issues, code := runGolangciLint(t, bin, dir)
		if code != 1 {
			t.Errorf("exit code %d, want 1 (issues found)", code)
		}
		want := []string{
			`main.go:11:24 "http://localhost:8000/users" reaches http.Get`,
			`main.go:26:22 "127.0.0.1:8081" reaches http.ListenAndServe`,
		}
		checkIssues(t, issues, want)
	})

	t.Run("settings", func(t *testing.T) {
		// include-tests and extra-sinks reach the analyzer.
		dir := copyFixture(t, root)
		issues, code := runGolangciLint(t, bin, dir, "-c", "golangci-settings.yml")
		if code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		want := []string{
			`main.go:11:24 "http://localhost:8000/users" reaches http.Get`,
			`main.go:19:17 "nats://localhost:4222" reaches client.Connect`,
			`main.go:26:22 "127.0.0.1:8081" reaches http.ListenAndServe`,
			`main_test.go:9:11 "http://localhost:8000/test-only" reaches http.Get`,
		}
		checkIssues(t, issues, want)
	})

	t.Run("fix", func(t *testing.T) {
		dir := copyFixture(t, root)
		cmd := exec.Command(bin, "run", "--fix", "./...")
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		data, err := os.ReadFile(filepath.Join(dir, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(`http.ListenAndServe(":8081", nil)`)) {
			t.Errorf("--fix did not rewrite the listen address; output:\n%s\nmain.go:\n%s", out, data)
		}
		if !bytes.Contains(data, []byte(`http.Get("http://localhost:8000/users")`)) {
			t.Errorf("--fix rewrote a client URL, which has no safe fix:\n%s", data)
		}
		// Nothing fixable is left, and the client URL still fails the run.
		issues, code := runGolangciLint(t, bin, dir)
		if code != 1 || len(issues) != 1 {
			t.Errorf("after --fix: exit %d, issues %q; want 1 and the client URL only", code, issues)
		}
	})

	t.Run("same as the CLI and go vet", func(t *testing.T) {
		// The three front ends report the same production findings on one
		// module (go vet's side is in cmd/hardcodedlocalhost). golangci-lint
		// loads test files; the CLI does not.
		dir := testfs.CopyDir(t, filepath.Join(root, frontends.Fixture))
		data, err := os.ReadFile(filepath.Join(root, "testdata/golangci/fixture/.golangci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, ".golangci.yml"), string(data))
		issues, code := runGolangciLint(t, bin, dir)
		if code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		// golangci-lint shows no related locations: the explanation
		// follows the headline.
		cli, err := frontends.OneLine(dir)
		if err != nil {
			t.Fatal(err)
		}
		if d := frontends.Diff("golangci-lint", issues, "reachlint", cli); d != "" {
			t.Errorf("front ends disagree:\n%s", d)
		}
	})

	t.Run("clean", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/clean\n\ngo 1.26.0\n")
		writeFile(t, filepath.Join(dir, "main.go"), "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() { http.Get(os.Getenv(\"API_BASE_URL\")) }\n")
		data, err := os.ReadFile(filepath.Join(root, "testdata/golangci/fixture/.golangci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, ".golangci.yml"), string(data))
		issues, code := runGolangciLint(t, bin, dir)
		if code != 0 || len(issues) != 0 {
			t.Errorf("clean module: exit %d, issues %q; want 0 and none", code, issues)
		}
	})
}

// buildGolangciLint builds the builder module against this checkout, or
// reuses a binary built from the same sources.
func buildGolangciLint(t *testing.T, root string) string {
	t.Helper()
	builder := filepath.Join(root, "testdata/golangci/builder")
	h := sha256.New()
	inputs := []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}
	for _, dir := range []string{builder, filepath.Join(root, "rules/golangci"), filepath.Join(root, "rules/hardcodedlocalhost")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() && !strings.HasSuffix(e.Name(), "_test.go") {
				inputs = append(inputs, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, f := range inputs {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f))
		h.Write(data)
	}
	cache := os.Getenv("REACHLINT_GOLANGCI_CACHE")
	if cache == "" {
		cache = filepath.Join(os.TempDir(), "reachlint-golangci")
	}
	bin := filepath.Join(cache, "golangci-lint-"+hex.EncodeToString(h.Sum(nil))[:16])
	if _, err := os.Stat(bin); err == nil {
		t.Logf("reusing %s", bin)
		return bin
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}

	// Build from a copy whose replace points at this checkout by absolute
	// path, with -mod=mod so that a dependency added to reachlint since the
	// builder's go.sum was written does not break the build.
	work := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum", "main.go"} {
		data, err := os.ReadFile(filepath.Join(builder, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(work, name), string(data))
	}
	goCmd(t, work, "mod", "edit", "-replace=github.com/reachlint/reachlint="+root)
	tmp := bin + ".tmp"
	t.Logf("building golangci-lint with the plugin into %s (minutes on a cold cache)", bin)
	goCmd(t, work, "build", "-mod=mod", "-o", tmp, ".")
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func copyFixture(t *testing.T, root string) string {
	t.Helper()
	return testfs.CopyDir(t, filepath.Join(root, "testdata/golangci/fixture"))
}

// runGolangciLint returns each issue as "file:line:col text" and the exit
// code.
func runGolangciLint(t *testing.T, bin, dir string, args ...string) ([]string, int) {
	t.Helper()
	// The JSON goes to a file: golangci-lint prints its stats to stdout.
	jsonPath := filepath.Join(t.TempDir(), "issues.json")
	cmd := exec.Command(bin, append(append([]string{"run", "--output.json.path=" + jsonPath, "--output.text.path=stderr"}, args...), "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	data, err := os.ReadFile(jsonPath)
	if err == nil {
		err = json.Unmarshal(data, &report)
	}
	if err != nil {
		t.Fatalf("no JSON report (%v), exit %d:\n%s\nstderr:\n%s", err, code, stdout.Bytes(), stderr.Bytes())
	}
	var issues []string
	for _, is := range report.Issues {
		if is.FromLinter != "hardcodedlocalhost" {
			t.Errorf("issue from linter %q: %s", is.FromLinter, is.Text)
		}
		issues = append(issues, filepath.ToSlash(is.Pos.Filename)+":"+itoa(is.Pos.Line)+":"+itoa(is.Pos.Column)+" "+is.Text)
	}
	slices.Sort(issues)
	if t.Failed() {
		t.Logf("stderr:\n%s", stderr.Bytes())
	}
	return issues, code
}

// checkIssues compares issues by prefix: the message tail is the analyzer's
// own tests' business.
func checkIssues(t *testing.T, got, want []string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("issues:\n  %s\nwant (prefixes):\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for _, g := range got {
		if strings.Contains(g, "9090/metrics") {
			t.Errorf("//nolint:hardcodedlocalhost did not suppress: %s", g)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
