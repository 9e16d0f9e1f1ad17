package source

import "testing"

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
