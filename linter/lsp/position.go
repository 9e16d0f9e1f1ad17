package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
)

// Encoding is how an LSP Position's character counts: in UTF-16 code units
// (the protocol's default), UTF-8 bytes or UTF-32 code points.
type Encoding string

const (
	UTF16 Encoding = "utf-16"
	UTF8  Encoding = "utf-8"
	UTF32 Encoding = "utf-32"
)

// Position is an LSP position: 0-based line and character.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Text indexes a document to convert reachlint positions (1-based line,
// rune column, byte offset; a leading BOM is no column) to LSP positions.
type Text struct {
	data  []byte
	lines []int // byte offset of each line's start
	bom   int   // length of a leading UTF-8 BOM
	// bomChar: the client's text holds the BOM, so it is character 0 of
	// line 0. Text read from disk is shown by editors without it.
	bomChar bool
}

// NewText indexes data. bomIsChar says the client sent the BOM as part of
// the document, so LSP characters on the first line count it.
func NewText(data []byte, bomIsChar bool) *Text {
	t := &Text{data: data, lines: []int{0}, bomChar: bomIsChar}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		t.bom = 3
	}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// lineEnd is the offset of line i's end (0-based), before its CR LF.
func (t *Text) lineEnd(i int) int {
	end := len(t.data)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	if end > t.lines[i] && t.data[end-1] == '\r' {
		end--
	}
	return end
}

// character is the LSP character of byte offset off on line i.
func (t *Text) character(i, off int, enc Encoding) int {
	start := t.lines[i]
	if i == 0 && !t.bomChar {
		start = t.bom
	}
	if off <= start {
		return 0
	}
	return units(t.data[start:off], enc)
}

// units counts s in enc's code units.
func units(s []byte, enc Encoding) int {
	switch enc {
	case UTF8:
		return len(s)
	case UTF32:
		return utf8.RuneCount(s)
	}
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if r >= 0x10000 {
			n += 2 // a surrogate pair
		} else {
			n++
		}
	}
	return n
}

// FromPos converts a 1-based line and rune column. Columns past the end of
// the line clamp to it; lines past the end clamp to the end of the text.
func (t *Text) FromPos(p diag.Pos, enc Encoding) Position {
	if p.Line < 1 {
		return Position{}
	}
	if p.Line > len(t.lines) {
		return t.FromOffset(len(t.data), enc)
	}
	i := p.Line - 1
	off, end := t.lines[i], t.lineEnd(i)
	if i == 0 {
		off = t.bom
	}
	for c := 1; c < p.Col && off < end; c++ {
		_, size := utf8.DecodeRune(t.data[off:end])
		off += size
	}
	return Position{Line: i, Character: t.character(i, off, enc)}
}

// FromOffset converts a byte offset.
func (t *Text) FromOffset(off int, enc Encoding) Position {
	off = max(0, min(off, len(t.data)))
	lo, hi := 0, len(t.lines)-1
	for lo < hi { // last line start <= off
		mid := (lo + hi + 1) / 2
		if t.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	// An offset inside a CR LF or a rune belongs to the place before it.
	off = min(off, t.lineEnd(lo))
	for off > t.lines[lo] && off < len(t.data) && !utf8.RuneStart(t.data[off]) {
		off--
	}
	return Position{Line: lo, Character: t.character(lo, off, enc)}
}

// FromRange converts a diagnostic's range; an unknown end is the start.
func (t *Text) FromRange(r diag.Range, enc Encoding) Range {
	s := t.FromPos(r.Start, enc)
	if !r.End.IsValid() || r.End.Before(r.Start) {
		return Range{Start: s, End: s}
	}
	return Range{Start: s, End: t.FromPos(r.End, enc)}
}

// FromEdit converts a fix edit's byte offsets.
func (t *Text) FromEdit(r diag.Range, enc Encoding) Range {
	return Range{Start: t.FromOffset(r.Start.Offset, enc), End: t.FromOffset(r.End.Offset, enc)}
}

// URIToPath turns a file: URI into an absolute OS path.
func URIToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	// file:///C:/x on Windows.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	p = filepath.Clean(filepath.FromSlash(p))
	if !filepath.IsAbs(p) {
		return "", false
	}
	return p, true
}

// PathToURI turns an absolute path into a file: URI.
func PathToURI(p string) string {
	s := filepath.ToSlash(p)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	return (&url.URL{Scheme: "file", Path: s}).String()
}
