package rules_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden runs every case under testdata/rules/<rule>/<case>/: the case
// directory is the working directory, the command line is read from its
// "args" file (default "--no-env ."), and the text output plus the exit
// code must equal want.txt. Cases named like "silent-*" or "ok-*" must
// produce no finding at all.
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
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			got := runCase(t, dir)
			want := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("missing %s (run go test ./rules -update): %v", want, err)
			}
			if got != string(exp) {
				t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", want, got, exp)
			}
			base := filepath.Base(dir)
			if (strings.HasPrefix(base, "silent") || strings.HasPrefix(base, "ok")) && got != "exit 0\n" {
				t.Errorf("case %s must be silent, got:\n%s", base, got)
			}
		})
	}
}

func runCase(t *testing.T, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-env", "--no-color", "."}
	if data, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		args = strings.Fields(string(data))
	}
	var out, errb bytes.Buffer
	code := linter.Main(args, &linter.Env{Stdout: &out, Stderr: &errb, Cwd: abs, Environ: []string{"HOME=/nonexistent"}})
	s := out.String() + errb.String()
	return fmt.Sprintf("%sexit %d\n", s, code)
}
