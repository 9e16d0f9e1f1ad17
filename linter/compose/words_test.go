package compose

import (
	"slices"
	"strings"
	"testing"
)

// splitWordsByByte is splitWords without its shortcut for plain words: each
// word is rebuilt byte by byte.
func splitWordsByByte(n *Node) []Arg {
	s := n.Value
	var out []Arg
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		var b strings.Builder
		var q byte
		for i < len(s) {
			c := s[i]
			if q == 0 && (c == ' ' || c == '\t' || c == '\n') {
				break
			}
			switch {
			case q == 0 && (c == '"' || c == '\''):
				q = c
			case q != 0 && c == q:
				q = 0
			case c == '\\' && q != '\'' && i+1 < len(s):
				i++
				b.WriteByte(s[i])
			default:
				b.WriteByte(c)
			}
			i++
		}
		out = append(out, Arg{Value: b.String(), Node: n, Start: start, End: i})
	}
	return out
}

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
		if got, want := splitWords(n), splitWordsByByte(n); !slices.Equal(got, want) {
			t.Errorf("splitWords(%q) = %+v, want %+v", s, got, want)
		}
	}
}
