package compose

import (
	"slices"
	"testing"
)

// A command's words are the same with and without the shortcut, for every
// string of up to four bytes over the bytes that matter.
func TestSplitWords(t *testing.T) {
	const abc = "a \t\n\"'\\="
	in := []string{"", "python -m http.server 8000", `sh -c "echo 'a b'"`, `a\`, `"unterminated`, "x\\ y"}
	for i := range len(abc) * len(abc) * len(abc) * len(abc) {
		in = append(in, string([]byte{abc[i%8], abc[i/8%8], abc[i/64%8], abc[i/512%8]}))
	}
	for _, s := range in {
		n := &Node{Kind: Scalar, Value: s}
		if got, want := splitWords(n), splitWordsBy(n, false); !slices.Equal(got, want) {
			t.Errorf("splitWords(%q) = %+v, want %+v", s, got, want)
		}
	}
}
