package dotenv

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/dotenv")

const goldenDir = "../../testdata/dotenv"

// dump renders a File for golden files: every entry, comment, problem and
// warning with its positions, then the map Compose would load.
func dump(f *File) string {
	var b strings.Builder
	if f.BOM {
		b.WriteString("bom\n")
	}
	for _, e := range f.Entries {
		fmt.Fprintf(&b, "entry %q line %d range %s key %s value %s", e.Key, e.Line, span(e.Range), span(e.KeyRange), span(e.ValueRange))
		if e.Quote != 0 {
			fmt.Fprintf(&b, " quote %c", e.Quote)
		}
		for _, flag := range []struct {
			on   bool
			name string
		}{{e.Export, "export"}, {e.Bare, "bare"}, {e.Unset, "unset"}} {
			if flag.on {
				b.WriteString(" " + flag.name)
			}
		}
		fmt.Fprintf(&b, "\n  raw   %q\n  value %q\n", e.Raw, e.Value)
		if e.CutComment != nil {
			fmt.Fprintf(&b, "  cut-comment %s\n", span(*e.CutComment))
		}
		if e.Trailing != nil {
			fmt.Fprintf(&b, "  trailing %s\n", span(*e.Trailing))
		}
		if e.StrayQuote != nil {
			fmt.Fprintf(&b, "  stray-quote %s\n", span(*e.StrayQuote))
		}
	}
	for _, c := range f.Comments {
		kind := "comment"
		if c.Inline {
			kind = "inline-comment"
		}
		fmt.Fprintf(&b, "%s %s %q\n", kind, span(c.Range), c.Text)
	}
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "problem %s: %s\n", span(p.Range), p.Message)
		if p.Why != "" {
			fmt.Fprintf(&b, "  note: %s\n", p.Why)
		}
	}
	for _, p := range f.Warnings {
		fmt.Fprintf(&b, "warning %s: %s\n", span(p.Range), p.Message)
		if p.Why != "" {
			fmt.Fprintf(&b, "  note: %s\n", p.Why)
		}
	}
	for _, d := range f.Duplicates() {
		fmt.Fprintf(&b, "duplicate %q entries %v\n", d.Key, d.Entries)
	}
	b.WriteString("map\n")
	m := f.Map()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %q = %q\n", k, m[k])
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(goldenDir, "*.env"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs in %s: %v", goldenDir, err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".env")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			f := checkPositions(t, data)
			checkAgainstCompose(t, in, data)
			got := dump(f)
			golden := strings.TrimSuffix(in, ".env") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the output (run go test -update and review the diff)\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}
