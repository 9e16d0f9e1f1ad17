package rules_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
	"github.com/reachlint/reachlint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden runs every case under testdata/rules/<rule>/<case>/: the case
// directory is the working directory, the command line is read from its
// "args" file (default "--no-env ."), and the text output plus the exit
// code must equal want.txt. Only <rule> runs, with the diagnostics of
// reading files (yaml-syntax, compose-schema, env-syntax, ...), so a new
// rule never changes another rule's expectations; TestPipeline covers all
// rules together. Cases named like "silent-*" or "ok-*" must produce no
// finding at all.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules")
	cases, _ := filepath.Glob(filepath.Join(root, "*", "*"))
	if len(cases) == 0 {
		t.Fatal("no golden cases found")
	}
	for _, dir := range cases {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(root, dir)
		rule := filepath.Base(filepath.Dir(dir))
		if rules.ByName(rule) == nil {
			t.Errorf("%s: no rule %q", dir, rule)
			continue
		}
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			got := runCase(t, dir, only(rule)...)
			if !compareWant(t, dir, got) {
				return
			}
			base := filepath.Base(dir)
			if (strings.HasPrefix(base, "silent") || strings.HasPrefix(base, "ok")) && got != "exit 0\n" {
				t.Errorf("case %s must be silent, got:\n%s", base, got)
			}
		})
	}
}

// TestPipeline runs the cases under testdata/pipeline/ with every rule, as
// a user would: the output of several rules together.
func TestPipeline(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "pipeline", "*"))
	if len(cases) == 0 {
		t.Fatal("no pipeline cases found")
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			compareWant(t, dir, runCase(t, dir))
		})
	}
}

// compareWant checks got against dir/want.txt, or rewrites it under
// -update (then it returns false: there is nothing more to check).
func compareWant(t *testing.T, dir, got string) bool {
	t.Helper()
	want := filepath.Join(dir, "want.txt")
	if *update {
		if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return false
	}
	exp, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("missing %s (run go test ./rules -update): %v", want, err)
	}
	if got != string(exp) {
		t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", want, got, exp)
	}
	return true
}

// only returns the flags that run rule alone, with the diagnostics of
// reading files (the rules without a Check). A rule that is off by default
// stays off: its cases turn it on in their args, or show that it is off.
func only(rule string) []string {
	var on []string
	if rules.ByName(rule).Enabled {
		on = append(on, rule)
	}
	for _, r := range rules.All() {
		if r.Check == nil && r.Name != rule {
			on = append(on, r.Name)
		}
	}
	return []string{"--disable", "all", "--enable", strings.Join(on, ",")}
}

func runCase(t *testing.T, dir string, extra ...string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-env", "--no-color", "."}
	if data, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		args = strings.Fields(string(data))
	}
	args = append(extra, args...)
	var out, errb bytes.Buffer
	code := cli.Main(args, &cli.Env{Stdout: &out, Stderr: &errb, Cwd: abs, Environ: []string{"HOME=/nonexistent"}, NoGo: true})
	s := out.String() + errb.String()
	return fmt.Sprintf("%sexit %d\n", s, code)
}
