package hardcodedlocalhost_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"golang.org/x/tools/go/analysis/analysistest"
)

var update = flag.Bool("update", false, "rewrite testdata/columns/*.golden")

// checkColumns pins each diagnostic's start and end (line and rune column)
// and its fix edits, which analysistest does not check: it matches lines only.
func checkColumns(t *testing.T, name string, results []*analysistest.Result) {
	t.Helper()
	src := filepath.Join(analysistest.TestData(), "src")
	files := map[string]*source.File{}
	var ds []diag.Diagnostic
	var fixes = map[diag.Range]string{}
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			p, e := fset.PositionFor(d.Pos, false), fset.PositionFor(d.End, false)
			f := files[p.Filename]
			if f == nil {
				data, err := os.ReadFile(p.Filename)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(src, p.Filename)
				f = source.New(filepath.ToSlash(rel), data)
				files[p.Filename] = f
			}
			rng := f.Range(p.Offset, e.Offset)
			ds = append(ds, diag.Diagnostic{Range: rng, Message: d.Message})
			for _, r := range d.Related {
				rp, re := fset.PositionFor(r.Pos, false), fset.PositionFor(r.End, false)
				fixes[rng] += fmt.Sprintf("\trelated %d:%d-%d:%d: %s\n", rp.Line, rp.Column, re.Line, re.Column, r.Message)
			}
			for _, sf := range d.SuggestedFixes {
				for _, te := range sf.TextEdits {
					er := f.Range(fset.PositionFor(te.Pos, false).Offset, fset.PositionFor(te.End, false).Offset)
					fixes[rng] += fmt.Sprintf("\tfix %q: %d:%d-%d:%d -> %s\n", sf.Message, er.Start.Line, er.Start.Col, er.End.Line, er.End.Col, te.NewText)
				}
			}
		}
	}
	var b strings.Builder
	for _, d := range diag.Sort(ds) {
		r := d.Range
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s\n%s", r.File, r.Start.Line, r.Start.Col, r.End.Line, r.End.Col, d.Message, fixes[r])
	}
	path := filepath.Join("testdata", "columns", name+".golden")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("%s mismatch (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, b.String(), want)
	}
}
