package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPositions(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		off        int
		line, col  int
	}{
		{"start", "ab\ncd", 0, 1, 1},
		{"second line", "ab\ncd", 4, 2, 2},
		{"runes", "é=x\n", 3, 1, 3}, // é is two bytes, one column
		{"crlf", "a\r\nb", 3, 2, 1},
		{"bom is no column", "\uFEFFab", 4, 1, 2},
		{"bom only on line 1", "\uFEFFa\nb", 5, 2, 1},
		{"end", "ab", 2, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New("f", []byte(tc.data))
			p := f.Pos(tc.off)
			if p.Line != tc.line || p.Col != tc.col || p.Offset != tc.off {
				t.Fatalf("Pos(%d) = %+v, want %d:%d", tc.off, p, tc.line, tc.col)
			}
			if back := f.Offset(tc.line, tc.col); back != tc.off {
				t.Fatalf("Offset(%d, %d) = %d, want %d", tc.line, tc.col, back, tc.off)
			}
		})
	}
}

func TestLine(t *testing.T) {
	f := New("f", []byte("\uFEFFone\r\ntwo\n"))
	if got := f.Line(1); got != "one" {
		t.Errorf("Line(1) = %q", got)
	}
	if got := f.Line(2); got != "two" {
		t.Errorf("Line(2) = %q", got)
	}
	if got := f.Line(9); got != "" {
		t.Errorf("Line(9) = %q", got)
	}
}

// naivePos is the definition: the line, and the runes between the line's
// first column and off.
func naivePos(data []byte, off int) (line, col int) {
	start, line := 0, 1
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	if line == 1 && len(data) >= 3 && string(data[:3]) == "\uFEFF" {
		start = min(3, off)
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}

// FuzzPositions checks the indexed conversions against the definition on
// any bytes, including long lines, non-ASCII and invalid UTF-8.
func FuzzPositions(f *testing.F) {
	f.Add([]byte("a: é\n\tb: ü🚀x\n"), uint16(7))
	f.Add([]byte("\uFEFF"+strings.Repeat("ééé ", 100)+"\nx"), uint16(250))
	f.Add([]byte("\xff\xfe\xe2\x82a\nb"), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, at uint16) {
		file := New("f", data)
		ascii := true
		for _, b := range data {
			ascii = ascii && b < utf8.RuneSelf
		}
		if file.ascii != ascii {
			t.Fatalf("ascii = %v for %q", file.ascii, data)
		}
		for off := 0; off <= len(data); off++ {
			if off < len(data) && !utf8.RuneStart(data[off]) {
				continue
			}
			p := file.Pos(off)
			line, col := naivePos(data, off)
			if p.Line != line || p.Col != col {
				t.Fatalf("Pos(%d) = %d:%d, want %d:%d", off, p.Line, p.Col, line, col)
			}
		}
		// Offset of any line and column stays on that line.
		line := int(at)%file.LineCount() + 1
		for col := 1; col < 300; col += 7 {
			off := file.Offset(line, col)
			if off < 0 || off > len(data) {
				t.Fatalf("Offset(%d, %d) = %d out of range", line, col, off)
			}
			if p := file.Pos(off); p.Line != line || p.Col > col {
				t.Fatalf("Offset(%d, %d) = %d, which is %d:%d", line, col, off, p.Line, p.Col)
			}
			// The naive walk: col-1 runes from the line's start, to its end.
			start, _ := file.LineSpan(line)
			end := len(data) // the last line runs to the end, '\r' and all
			if line < file.LineCount() {
				end = file.lines[line] - 1
			}
			want := start
			for r := 1; r < col && want < end; r++ {
				_, size := utf8.DecodeRune(data[want:end])
				want += size
			}
			if off != want {
				t.Fatalf("Offset(%d, %d) = %d, walking gives %d", line, col, off, want)
			}
		}
	})
}

func TestLongLinePositions(t *testing.T) {
	line := strings.Repeat("ä", 5000) + "X"
	f := New("f", []byte("a\n"+line+"\n"))
	off := strings.Index(string(f.Data), "X")
	if p := f.Pos(off); p.Line != 2 || p.Col != 5001 {
		t.Fatalf("Pos = %+v", p)
	}
	if got := f.Offset(2, 5001); got != off {
		t.Fatalf("Offset = %d, want %d", got, off)
	}
}

func TestInvalidUTF8(t *testing.T) {
	for data, want := range map[string]int{
		"":                 -1,
		"ascii\n":          -1,
		"é\uFFFD\n":        -1, // an encoded U+FFFD is UTF-8
		"a\xffb":           1,
		"é\xc3\n":          2, // a lead byte without its continuation
		"\xe2\x82":         0, // cut short at the end
		"ok\n\xed\xa0\x80": 3, // a surrogate is not UTF-8
	} {
		if got := New("f", []byte(data)).InvalidUTF8(); got != want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", data, got, want)
		}
	}
}

// PosOnLine is Pos, whatever line it is told: the right one, another, or
// none; in ASCII, multi-byte and byte-order-marked files.
func FuzzPosOnLine(f *testing.F) {
	for _, s := range []string{"a: 1\nb: 2\n", "\ufeffk: é\n\nx", "", "\n\n", "ü\r\nv: 'é'\n"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, data string, line int) {
		sf := New("f", []byte(data))
		for off := -1; off <= len(data)+1; off++ {
			want := sf.Pos(off)
			for _, l := range []int{want.Line, line, want.Line + 1, want.Line - 1} {
				if got := sf.PosOnLine(off, l); got != want {
					t.Fatalf("PosOnLine(%d, %d) = %+v, Pos = %+v", off, l, got, want)
				}
			}
		}
	})
}
