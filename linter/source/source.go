// Package source maps byte offsets in a file to the 1-based line and rune
// column positions that every output uses, and back.
package source

import (
	"sort"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
)

// File is a file's content with a line index. A UTF-8 byte order mark at
// the start counts in offsets but not as a column, as editors show it.
type File struct {
	Path  string // as shown to the user
	Data  []byte
	lines []int // byte offset of the start of each line
	bom   int   // length of a leading byte order mark
}

// New indexes data.
func New(path string, data []byte) *File {
	f := &File{Path: path, Data: data, lines: []int{0}}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		f.bom = 3
	}
	for i, b := range data {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// LineCount is the number of lines.
func (f *File) LineCount() int { return len(f.lines) }

// Line returns line n (1-based) without its line ending.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start, end := f.lineStart(n), len(f.Data)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Data[end-1] == '\r' {
		end--
	}
	return string(f.Data[start:end])
}

// Pos converts a byte offset to a position.
func (f *File) Pos(off int) diag.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(f.Data) {
		off = len(f.Data)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	col := utf8.RuneCount(f.Data[min(f.lineStart(i+1), off):off]) + 1
	return diag.Pos{Line: i + 1, Col: col, Offset: off}
}

// Offset converts a 1-based line and rune column to a byte offset, clamped to
// the line.
func (f *File) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return len(f.Data)
	}
	off := f.lineStart(line)
	for c := 1; c < col && off < len(f.Data) && f.Data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(f.Data[off:])
		off += size
	}
	return off
}

// lineStart is the offset of line n's first column.
func (f *File) lineStart(n int) int {
	if n == 1 {
		return f.bom
	}
	return f.lines[n-1]
}

// PosAt returns the position at line and column with its offset filled in.
func (f *File) PosAt(line, col int) diag.Pos {
	return diag.Pos{Line: line, Col: col, Offset: f.Offset(line, col)}
}

// Range returns the range [start, end) of byte offsets.
func (f *File) Range(start, end int) diag.Range {
	return diag.Range{File: f.Path, Start: f.Pos(start), End: f.Pos(end)}
}
