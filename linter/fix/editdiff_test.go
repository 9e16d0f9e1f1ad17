package fix

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

func randomEdits(rng *rand.Rand, data string, n int) []diag.TextEdit {
	var out []diag.TextEdit
	texts := []string{"", "x", "\n", "y\n", "a\nb", "é"}
	for range n {
		s := rng.Intn(len(data) + 1)
		t := min(s+rng.Intn(6), len(data))
		out = append(out, edit(s, t, texts[rng.Intn(len(texts))]))
	}
	return out
}

// TestEditsDiffApplies: the diff built from edits applies with git apply
// and gives exactly the spliced content, for random edits.
func TestEditsDiffApplies(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	rng := rand.New(rand.NewSource(2))
	words := []string{"a\n", "b\n", "c\r\n", "é\n", "d\n", "x"}
	for i := 0; i < 80; i++ {
		var sb strings.Builder
		for j := rng.Intn(25); j > 0; j-- {
			sb.WriteString(words[rng.Intn(len(words)-1)])
		}
		if rng.Intn(2) == 0 {
			sb.WriteString("x")
		}
		old := sb.String()
		out, _, edits, err := Plan([]byte(old), []diag.Fix{{Edits: randomEdits(rng, old, 1+rng.Intn(4))}, {Edits: randomEdits(rng, old, 1)}})
		if err != nil {
			t.Fatal(err)
		}
		d := EditsDiff("f.txt", []byte(old), edits)
		if (d == "") != (string(out) == old) {
			t.Fatalf("empty diff mismatch: %q -> %q: %q", old, out, d)
		}
		if d == "" {
			continue
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "f.txt"), []byte(old), 0o644)
		os.WriteFile(filepath.Join(dir, "p.diff"), []byte(d), 0o644)
		cmd := exec.Command("git", "apply", "--whitespace=nowarn", "p.diff")
		cmd.Dir = dir
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git apply: %v\n%s\nold %q\nnew %q\nedits %v\ndiff:\n%s", err, o, old, out, edits, d)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "f.txt")); string(got) != string(out) {
			t.Fatalf("applied %q, want %q\ndiff:\n%s", got, out, d)
		}
	}
}

// manyFixes is a file of n lines, each with a fix.
func manyFixes(n int) ([]byte, []diag.Fix) {
	var sb strings.Builder
	var fixes []diag.Fix
	for i := range n {
		off := sb.Len()
		fmt.Fprintf(&sb, "      - URL_%d=http://localhost:%d\n", i, 3000+i%1000)
		s := off + strings.Index(sb.String()[off:], "localhost")
		fixes = append(fixes, diag.Fix{Edits: []diag.TextEdit{edit(s, s+len("localhost"), "api")}})
	}
	return []byte(sb.String()), fixes
}

// BenchmarkDiffManyFixes shows --diff linear in the number of fixes:
// compare ns/op and B/op across sizes (issue 12: 8k fixes took 4 GB).
func BenchmarkDiffManyFixes(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000, 8000} {
		data, fixes := manyFixes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_, _, edits, _ := Plan(data, fixes)
				if EditsDiff("f", data, edits) == "" {
					b.Fatal("no diff")
				}
			}
		})
	}
}

// TestDiffManyFixesBounded: 8k fixes take little memory.
func TestDiffManyFixesBounded(t *testing.T) {
	data, fixes := manyFixes(8000)
	res := testing.Benchmark(func(b *testing.B) {
		for range b.N {
			_, _, edits, _ := Plan(data, fixes)
			EditsDiff("f", data, edits)
		}
	})
	if per := res.AllocedBytesPerOp(); per > 64<<20 {
		t.Errorf("8000 fixes allocate %d bytes", per)
	}
}
