package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
	"github.com/reachlint/reachlint/internal/testenv"
)

// TestCorpus lints the corpus of public compose files and compares every
// finding with testdata/corpus.golden, so that a change in what the rules
// say about real files shows up in review. -update rewrites the file;
// read its diff: a wrong finding is fixed in the rule, never here.
func TestCorpus(t *testing.T) {
	dir, err := filepath.Abs(testenv.Corpus(t))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	code := cli.Main([]string{"--no-env", "--no-color", "./..."},
		&cli.Env{Stdout: &out, Stderr: &out, Cwd: dir, Environ: []string{"HOME=/nonexistent"}, NoGo: true})
	got := fmt.Sprintf("%sexit %d\n", out.String(), code)
	golden := filepath.Join("..", "testdata", "corpus.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing %s (run go test ./rules -run TestCorpus -update): %v", golden, err)
	}
	if got != string(want) {
		t.Errorf("findings on the corpus differ from %s (run with -update and read the diff)\n%s", golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := map[string]int{}
	for _, l := range bytes.Split([]byte(got), []byte("\n")) {
		count[string(l)]++
	}
	var b bytes.Buffer
	for _, l := range bytes.Split([]byte(want), []byte("\n")) {
		if count[string(l)] > 0 {
			count[string(l)]--
			continue
		}
		fmt.Fprintf(&b, "- %s\n", l)
	}
	for _, l := range bytes.Split([]byte(got), []byte("\n")) {
		if count[string(l)] > 0 {
			count[string(l)]--
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
