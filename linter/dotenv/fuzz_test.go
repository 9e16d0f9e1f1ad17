package dotenv

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
)

func FuzzParse(f *testing.F) {
	for _, in := range tricky {
		f.Add([]byte(in))
	}
	for _, data := range composeFixtures(f) {
		f.Add(data)
	}
	for _, data := range corpusFiles(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPositions(t, data)
		checkAgainstCompose(t, "fuzz", data)
	})
}

// checkPositions parses data and asserts that every range is inside the
// file, that its line and column agree with its offset, and that key, value
// and comment ranges cover exactly their text.
func checkPositions(t *testing.T, data []byte) *File {
	t.Helper()
	const path = "x.env"
	f := Parse(path, data, testLookup)
	base := 0
	if bytes.HasPrefix(data, []byte(bom)) {
		base = len(bom)
	}
	check := func(what string, r diag.Range) {
		t.Helper()
		if r.File != path {
			t.Fatalf("%s: range file %q", what, r.File)
		}
		if r.Start.Offset < base || r.Start.Offset > r.End.Offset || r.End.Offset > len(data) {
			t.Fatalf("%s: offsets [%d,%d) out of [%d,%d]\ninput: %q", what, r.Start.Offset, r.End.Offset, base, len(data), data)
		}
		for _, p := range []diag.Pos{r.Start, r.End} {
			line := 1 + bytes.Count(data[:p.Offset], []byte("\n"))
			ls := bytes.LastIndexByte(data[:p.Offset], '\n') + 1
			if ls == 0 {
				ls = base
			}
			col := 1 + utf8.RuneCount(data[ls:p.Offset])
			if p.Line != line || p.Col != col {
				t.Fatalf("%s: position %d:%d for offset %d, want %d:%d\ninput: %q", what, p.Line, p.Col, p.Offset, line, col, data)
			}
		}
	}
	text := func(r diag.Range) string { return string(data[r.Start.Offset:r.End.Offset]) }
	for _, e := range f.Entries {
		check("entry", e.Range)
		check("key", e.KeyRange)
		for _, r := range []diag.Range{e.KeyRange, e.ValueRange} {
			if r.Start.Offset < e.Range.Start.Offset || r.End.Offset > e.Range.End.Offset {
				t.Fatalf("entry range %s does not contain %s\ninput: %q", span(e.Range), span(r), data)
			}
		}
		check("value", e.ValueRange)
		if got := text(e.KeyRange); got != e.Key {
			t.Fatalf("key range covers %q, key is %q\ninput: %q", got, e.Key, data)
		}
		if got := text(e.ValueRange); got != e.Raw {
			t.Fatalf("value range covers %q, raw is %q\ninput: %q", got, e.Raw, data)
		}
		if e.Line != e.KeyRange.Start.Line {
			t.Fatalf("entry line %d, key at line %d", e.Line, e.KeyRange.Start.Line)
		}
		for _, r := range []*diag.Range{e.CutComment, e.Trailing, e.StrayQuote} {
			if r != nil {
				check("fact", *r)
			}
		}
	}
	for _, c := range f.Comments {
		check("comment", c.Range)
		if got := text(c.Range); got != c.Text || c.Text[0] != '#' {
			t.Fatalf("comment range covers %q, text is %q", got, c.Text)
		}
	}
	for _, p := range f.Problems {
		check("problem", p.Range)
	}
	for _, p := range f.Warnings {
		check("warning", p.Range)
	}
	return f
}
