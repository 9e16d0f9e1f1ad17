// Package source maps byte offsets in a file to the 1-based line and rune
// column positions that every output uses, and back.
package source

import (
	"bytes"
	"encoding/binary"
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
	ascii bool  // every byte is ASCII: columns are byte counts
	// cps index rune counts for files that are not ASCII: cpOff[k] is a
	// rune start near k*cpStep and cpRunes[k] the runes before it, so
	// positions on long lines cost O(1), not O(line length).
	cpOff, cpRunes []int
}

const cpStep = 64

// New indexes data.
func New(path string, data []byte) *File {
	f := &File{Path: path, Data: data, lines: make([]int, 1, 1+bytes.Count(data, newline)), ascii: isASCII(data)}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		f.bom = 3
	}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		f.lines = append(f.lines, i)
	}
	if !f.ascii {
		runes, last := 0, 0
		for k := 0; k*cpStep < len(data); k++ {
			off := k * cpStep
			for off < len(data) && off > 0 && !utf8.RuneStart(data[off]) && off < k*cpStep+utf8.UTFMax {
				off++
			}
			if off < last {
				off = last
			}
			runes += utf8.RuneCount(data[last:off])
			f.cpOff, f.cpRunes, last = append(f.cpOff, off), append(f.cpRunes, runes), off
		}
	}
	return f
}

var newline = []byte{'\n'}

// isASCII reports data without a byte of 0x80 or more, eight at a time.
func isASCII(data []byte) bool {
	i := 0
	for ; i+8 <= len(data); i += 8 {
		if binary.LittleEndian.Uint64(data[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(data); i++ {
		if data[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// LineCount is the number of lines.
func (f *File) LineCount() int { return len(f.lines) }

// Line returns line n (1-based) without its line ending.
func (f *File) Line(n int) string {
	start, end := f.LineSpan(n)
	return string(f.Data[start:end])
}

// LineSpan returns the byte range of line n (1-based) without its line
// ending; empty when there is no such line.
func (f *File) LineSpan(n int) (start, end int) {
	if n < 1 || n > len(f.lines) {
		return 0, 0
	}
	start, end = f.lineStart(n), len(f.Data)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Data[end-1] == '\r' {
		end--
	}
	return start, end
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
	start := min(f.lineStart(i+1), off)
	return diag.Pos{Line: i + 1, Col: f.runesBetween(start, off) + 1, Offset: off}
}

// runesBetween counts the runes in Data[start:off]: directly over a short
// span, through the checkpoints over a long one.
func (f *File) runesBetween(start, off int) int {
	switch {
	case f.ascii:
		return off - start
	case off-start <= 4*cpStep:
		return utf8.RuneCount(f.Data[start:off])
	}
	return f.runesBefore(off) - f.runesBefore(start)
}

// runesBefore counts the runes in Data[:off].
func (f *File) runesBefore(off int) int {
	if f.ascii {
		return off
	}
	k := sort.Search(len(f.cpOff), func(k int) bool { return f.cpOff[k] > off }) - 1
	if k < 0 {
		return utf8.RuneCount(f.Data[:off])
	}
	return f.cpRunes[k] + utf8.RuneCount(f.Data[f.cpOff[k]:off])
}

// PosOnLine is Pos(off) for an offset expected on line (1-based): the
// line's bounds are checked instead of searched for. Any other offset is
// looked up as Pos does.
func (f *File) PosOnLine(off, line int) diag.Pos {
	if line < 1 || line > len(f.lines) || off < f.lines[line-1] || off > len(f.Data) ||
		line < len(f.lines) && off >= f.lines[line] {
		return f.Pos(off)
	}
	start := min(f.lineStart(line), off)
	return diag.Pos{Line: line, Col: f.runesBetween(start, off) + 1, Offset: off}
}

// RangeOnLine is Range(start, end) for offsets expected on line.
func (f *File) RangeOnLine(start, end, line int) diag.Range {
	return diag.Range{File: f.Path, Start: f.PosOnLine(start, line), End: f.PosOnLine(end, line)}
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
	start := f.lineStart(line)
	end := len(f.Data)
	if line < len(f.lines) {
		end = f.lines[line] - 1 // the '\n'
	}
	if col <= 1 {
		return start
	}
	if f.ascii {
		return min(start+col-1, end)
	}
	if col <= 4*cpStep { // near the line's start: walk from there
		off := start
		for runes := 1; runes < col && off < end; runes++ {
			_, size := utf8.DecodeRune(f.Data[off:end])
			off += size
		}
		return off
	}
	// Jump to the last checkpoint at or before the wanted rune, then walk.
	want := f.runesBefore(start) + col - 1
	k := sort.Search(len(f.cpRunes), func(k int) bool { return f.cpRunes[k] > want }) - 1
	off, runes := start, want-(col-1)
	if k >= 0 && f.cpOff[k] > start {
		off, runes = f.cpOff[k], f.cpRunes[k]
	}
	for runes < want && off < end {
		_, size := utf8.DecodeRune(f.Data[off:end])
		off += size
		runes++
	}
	return min(off, end)
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

// RuneOffset returns the byte offset of the rune with index i (counted from
// the start of the file, as the YAML library's marks count), or len(Data)
// when the file has fewer runes.
func (f *File) RuneOffset(i int) int {
	n := 0
	for off := range string(f.Data) {
		if n == i {
			return off
		}
		n++
	}
	return len(f.Data)
}

// InvalidUTF8 returns the offset of the first byte that does not start a
// valid UTF-8 sequence, or -1 when the file is UTF-8.
func (f *File) InvalidUTF8() int {
	if f.ascii {
		return -1
	}
	for i := 0; i < len(f.Data); {
		r, size := utf8.DecodeRune(f.Data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
