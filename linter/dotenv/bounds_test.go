package dotenv

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestExpansionBounds: doubling variables and deep nesting (issue 12: 24 GB
// and 53 s) stop at the bounds with a positioned problem, quickly.
func TestExpansionBounds(t *testing.T) {
	var b strings.Builder
	b.WriteString("A0=0123456789abcdef\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "A%d=${A%d}${A%d}\n", i, i-1, i-1)
	}
	start := time.Now()
	f := Parse(".env", []byte(b.String()), nil)
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("doubling took %v", el)
	}
	total := 0
	for _, e := range f.Entries {
		total += len(e.Value)
	}
	if total > 2*MaxExpandedTotal {
		t.Errorf("values hold %d bytes", total)
	}
	if len(f.Warnings) == 0 || !strings.Contains(f.Warnings[0].Why, "at most") || f.Warnings[0].Range.Start.Line < 2 {
		t.Errorf("problems = %+v", f.Warnings)
	}

	n := 10000
	deep := "N=" + strings.Repeat("${A:-", n) + "x" + strings.Repeat("}", n) + "\n"
	start = time.Now()
	f = Parse(".env", []byte(deep), nil)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("deep nesting took %v", el)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Message, "levels deep") || f.Warnings[0].Range.Start.Line != 1 {
		t.Errorf("problems = %+v", f.Warnings)
	}

	// Many references to one large value: the per-file total stops it.
	var m strings.Builder
	m.WriteString("BIG=" + strings.Repeat("x", 1<<19) + "\n")
	for i := range 100 {
		fmt.Fprintf(&m, "B%d=${BIG}${BIG}\n", i)
	}
	f = Parse(".env", []byte(m.String()), nil)
	total = 0
	for _, e := range f.Entries {
		total += len(e.Value)
	}
	if total > MaxExpandedTotal+2*MaxExpandedValue || len(f.Warnings) != 1 {
		t.Errorf("total %d bytes, problems %+v", total, f.Warnings)
	}
}

// FuzzInterpolation builds .env files of variables that refer to each
// other (doubling, nesting, defaults, escapes) and checks that values stay
// within the bounds and every warning is positioned in the file.
func FuzzInterpolation(f *testing.F) {
	f.Add(uint8(40), uint8(2), "0123456789", "${A}")
	f.Add(uint8(10), uint8(70), "x", "${B:-")
	f.Add(uint8(5), uint8(1), "$$", "${A:?e}")
	f.Fuzz(func(t *testing.T, lines, fan uint8, seed, glue string) {
		if len(seed) > 64 || len(glue) > 16 || lines > 64 || fan > 80 {
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "A0=%q\n", seed)
		for i := 1; i <= int(lines); i++ {
			fmt.Fprintf(&b, "A%d=", i)
			for range fan {
				fmt.Fprintf(&b, "${A%d}%s", i-1, glue)
			}
			b.WriteString("\n")
		}
		data := []byte(b.String())
		f := Parse(".env", data, nil)
		total := 0
		for _, e := range f.Entries {
			if len(e.Value) > MaxExpandedValue+len(data) {
				t.Fatalf("%s holds %d bytes", e.Key, len(e.Value))
			}
			total += len(e.Value)
		}
		if total > MaxExpandedTotal+MaxExpandedValue+len(data) {
			t.Fatalf("values hold %d bytes", total)
		}
		for _, w := range append(f.Warnings, f.Problems...) {
			if !w.Range.Start.IsValid() || w.Range.End.Offset > len(data) {
				t.Fatalf("unpositioned %+v", w)
			}
		}
	})
}
