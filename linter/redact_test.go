package linter

import (
	"path/filepath"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/source"
)

// TestLineMatchesSource: a line masked alone (Result.Line, what snippets
// print) is the same line of the file masked whole (Result.Source), over
// the rule fixtures, the corpus when present, and secrets written across
// lines, next to URLs and in several files.
func TestLineMatchesSource(t *testing.T) {
	const s = "Zk8-leak-S3NT"
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: >-\n        " + s + "\n        second-line-" + s + "\n" +
			"      API_URL: http://localhost:3000/?k=" + s + "\n      DB_URL: postgres://u:" + s + "@localhost:5432/x\n" +
			"      CRLF: \"é ü\"\r\n    command: [\"app\", \"--password\", \"" + s + "\"]\n",
		".env":       "API_SECRET=`" + s + "`\nOTHER_TOKEN=\"" + s + "\nmulti\nline\"\nPLAIN=" + s + "\n",
		"other.yaml": "services:\n  b:\n    image: x\n    environment:\n      X: " + s + "\n",
	})
	paths := []string{dir + "/..."}
	if abs, err := filepath.Abs("../testdata/rules"); err == nil {
		paths = append(paths, abs+"/...")
	}
	if c := testenv.CorpusDir(); c != "" {
		abs, _ := filepath.Abs(c)
		paths = append(paths, abs+"/...")
	}
	cfg := config.Default()
	for _, p := range paths {
		res, err := Run(Options{Cwd: filepath.Dir(p), Paths: []string{p}, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for path := range res.sources {
			whole := res.Source(path)
			if whole == nil {
				if _, ok := res.Line(path, 1); ok {
					t.Errorf("%s: Line shows a file Source hides", path)
				}
				continue
			}
			f := source.New(path, whole)
			for n := 1; n <= f.LineCount()+1; n++ {
				got, ok := res.Line(path, n)
				if want := f.Line(n); got != want || ok != (n <= f.LineCount()) {
					t.Errorf("%s:%d: Line gives %q (%v), Source %q", path, n, got, ok, want)
				}
				lines++
			}
		}
		if lines == 0 {
			t.Errorf("%s: no line compared", p)
		}
	}
}
