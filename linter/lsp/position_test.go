package lsp

import (
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

func TestFromPos(t *testing.T) {
	for _, tc := range []struct {
		name      string
		text      string
		bomIsChar bool
		line, col int // reachlint: 1-based, runes
		enc       Encoding
		want      Position
	}{
		{"ascii", "ab\ncd", false, 2, 2, UTF16, Position{1, 1}},
		{"two-byte rune", "é=x", false, 1, 3, UTF16, Position{0, 2}},
		{"two-byte rune utf-8", "é=x", false, 1, 3, UTF8, Position{0, 3}},
		{"astral is two units", "😀=x", false, 1, 2, UTF16, Position{0, 2}},
		{"astral utf-8", "😀=x", false, 1, 2, UTF8, Position{0, 4}},
		{"astral utf-32", "😀=x", false, 1, 2, UTF32, Position{0, 1}},
		{"two astral then text", "a😀😀b", false, 1, 4, UTF16, Position{0, 5}},
		{"bmp cjk", "日本=x", false, 1, 3, UTF16, Position{0, 2}},
		{"crlf second line", "a\r\nb😀c", false, 2, 3, UTF16, Position{1, 3}},
		{"column past crlf line end clamps", "ab\r\ncd", false, 1, 9, UTF16, Position{0, 2}},
		{"bom is no column", "\uFEFFab", false, 1, 2, UTF16, Position{0, 1}},
		{"bom sent by the client counts", "\uFEFFab", true, 1, 2, UTF16, Position{0, 2}},
		{"bom only matters on line 1", "\uFEFFa\nb", false, 2, 2, UTF16, Position{1, 1}},
		{"line past end", "ab\ncd", false, 9, 1, UTF16, Position{1, 2}},
		{"unknown position", "ab", false, 0, 0, UTF16, Position{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := NewText([]byte(tc.text), tc.bomIsChar).FromPos(diag.Pos{Line: tc.line, Col: tc.col}, tc.enc)
			if got != tc.want {
				t.Errorf("FromPos(%d:%d) = %+v, want %+v", tc.line, tc.col, got, tc.want)
			}
		})
	}
}

// TestOffsetAgreesWithPos: converting a byte offset directly (fix edits)
// and through source's line and rune column (findings) give the same LSP
// position for every rune boundary.
func TestOffsetAgreesWithPos(t *testing.T) {
	for _, text := range []string{"a😀b\r\nü日\n\n😀😀\n", "\uFEFFx: 😀\r\ny: é\r\n", "no newline"} {
		src := source.New("f", []byte(text))
		lt := NewText([]byte(text), false)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && (text[off]&0xC0 == 0x80 || text[off] == '\n' && off > 0 && text[off-1] == '\r') {
				continue // inside a rune, or between CR and LF
			}
			if off > 0 && off < 3 && text[0] == 0xEF {
				continue // inside the BOM
			}
			for _, enc := range []Encoding{UTF8, UTF16, UTF32} {
				a, b := lt.FromOffset(off, enc), lt.FromPos(src.Pos(off), enc)
				if a != b {
					t.Errorf("%q offset %d (%v) %s: FromOffset %+v, FromPos %+v", text, off, src.Pos(off), enc, a, b)
				}
			}
		}
	}
}

func TestChooseEncoding(t *testing.T) {
	for _, tc := range []struct {
		offered []string
		want    Encoding
	}{
		{nil, UTF16},
		{[]string{"utf-8", "utf-16"}, UTF16},
		{[]string{"utf-8"}, UTF8},
		{[]string{"utf-32"}, UTF32},
		{[]string{"latin1"}, UTF16},
	} {
		if got := chooseEncoding(tc.offered); got != tc.want {
			t.Errorf("chooseEncoding(%v) = %s, want %s", tc.offered, got, tc.want)
		}
	}
}

func TestURIs(t *testing.T) {
	p := "/tmp/a b/ü#1/compose.yaml"
	u := PathToURI(p)
	if u != "file:///tmp/a%20b/%C3%BC%231/compose.yaml" {
		t.Errorf("PathToURI = %s", u)
	}
	if back, ok := URIToPath(u); !ok || back != p {
		t.Errorf("URIToPath(%s) = %s, %v", u, back, ok)
	}
	for _, bad := range []string{"untitled:Untitled-1", "file://", "http://x/y", "%zz"} {
		if _, ok := URIToPath(bad); ok {
			t.Errorf("URIToPath(%q) accepted", bad)
		}
	}
}
