package suppress

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/fix"
	"github.com/reachlint/reachlint/linter/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// known is the rule set of the golden tests: browser-internal-host is known
// but disabled.
var known = map[string]bool{
	"loopback-target": true, "unknown-host": true, "host-network": true,
	"browser-internal-host": false,
}

// TestGolden scans each testdata/suppress/<case>/ input, feeds the findings
// listed in its "findings" file (LINE:COL RULE) through Filter and compares
// the directives, the kept findings and the file after applying the
// unused-ignore fixes with want.golden.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/suppress/*")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ents, _ := os.ReadDir(dir)
			var input string
			for _, e := range ents {
				if n := e.Name(); n != "findings" && n != "want.golden" {
					input = n
				}
			}
			data, err := os.ReadFile(filepath.Join(dir, input))
			if err != nil {
				t.Fatal(err)
			}
			f := source.New(input, data)
			var ds []diag.Diagnostic
			fl, _ := os.ReadFile(filepath.Join(dir, "findings"))
			for _, l := range strings.Split(strings.TrimSpace(string(fl)), "\n") {
				var line, col int
				var rule string
				if _, err := fmt.Sscanf(l, "%d:%d %s", &line, &col, &rule); err != nil {
					t.Fatalf("findings %q: %v", l, err)
				}
				p := f.PosAt(line, col)
				ds = append(ds, diag.Diagnostic{Rule: rule, Severity: diag.Warning, Range: diag.Range{File: input, Start: p, End: p}, Message: "finding"})
			}
			dirs := Scan(input, data)
			var sb strings.Builder
			sb.WriteString("== directives\n")
			for _, d := range dirs {
				fmt.Fprintf(&sb, "%s: kind=%d rules=%q lines=%d-%d reason=%q", d.Range, d.Kind, d.Rules, d.FromLine, d.ToLine, d.Reason)
				for _, r := range d.RuleRanges {
					fmt.Fprintf(&sb, " @%d:%d", r.Start.Line, r.Start.Col)
				}
				if d.Problem != "" {
					fmt.Fprintf(&sb, " problem=%q", d.Problem)
				}
				sb.WriteString("\n")
			}
			out := Filter(ds, dirs, known, false)
			out = diag.Sort(out)
			sb.WriteString("== findings after filtering\n")
			var fixes []diag.Fix
			for _, d := range out {
				fmt.Fprintf(&sb, "%s: %s: %s [%s]\n", d.Range, d.Severity, d.Message, d.Rule)
				if d.Fix != nil {
					fixes = append(fixes, *d.Fix)
				}
			}
			fixed, _, err := fix.ApplyFixes(data, fixes)
			if err != nil {
				t.Fatal(err)
			}
			sb.WriteString("== after fixes\n")
			sb.WriteString(fix.UnifiedDiff(input, data, fixed))
			sb.WriteString("== with --no-inline-ignore\n")
			fmt.Fprintf(&sb, "%d of %d findings kept\n", len(Filter(ds, dirs, known, true)), len(ds))

			golden := filepath.Join(dir, "want.golden")
			if *update {
				os.WriteFile(golden, []byte(sb.String()), 0o644)
			}
			want, _ := os.ReadFile(golden)
			if sb.String() != string(want) {
				t.Errorf("mismatch with %s (-update to rewrite):\n%s", golden, sb.String())
			}
		})
	}
}

func TestAddScope(t *testing.T) {
	at := diag.Range{File: "c.yaml", Start: diag.Pos{Line: 5, Col: 7}}
	dirs := AddScope(nil, at, []string{"loopback-target", "host-network"}, "dev stack", 3, 9)
	ds := []diag.Diagnostic{
		{Rule: "loopback-target", Range: diag.Range{File: "./c.yaml", Start: diag.Pos{Line: 8}}},
		{Rule: "loopback-target", Range: diag.Range{File: "c.yaml", Start: diag.Pos{Line: 10}}},
	}
	out := Filter(ds, dirs, known, false)
	if len(out) != 2 || out[0].Range.Start.Line != 10 || out[1].Rule != RuleUnused || out[1].Fix != nil {
		t.Errorf("got %+v", out)
	}
}

func TestRulesDocumented(t *testing.T) {
	for _, r := range Rules {
		if r.Name == "" || r.Summary == "" || r.What == "" || r.Why == "" || r.Example == "" || r.UseInstead == "" || r.Severity == 0 {
			t.Errorf("rule %q has incomplete docs", r.Name)
		}
	}
}

func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{" reachlint-ignore a,b -- r", "reachlint-ignore-file x", " reachlint-ignore", "reachlint-ignorex", " reachlint-ignore a , b c -- d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, ok := parseDirective(text)
		if !ok {
			return
		}
		for _, r := range p.rules {
			if r.start < 0 || r.end > len(text) || text[r.start:r.end] != r.name || r.name == "" {
				t.Fatalf("bad rule span %+v in %q", r, text)
			}
		}
		if p.problem == "" && len(p.rules) == 0 {
			t.Fatalf("no rules and no problem for %q", text)
		}
	})
}

func FuzzScan(f *testing.F) {
	f.Add("a: 'x' # reachlint-ignore r -- y\n", false)
	f.Add("A=\"x\n# reachlint-ignore r -- y\"\n", true)
	f.Fuzz(func(t *testing.T, data string, env bool) {
		name := "c.yaml"
		if env {
			name = ".env"
		}
		for _, d := range Scan(name, []byte(data)) {
			r := d.Range
			if r.Start.Offset < 0 || r.End.Offset > len(data) || data[r.Start.Offset] != '#' {
				t.Fatalf("directive range %+v does not start at '#' in %q", r, data)
			}
			if d.remove.Start.Offset > r.Start.Offset || d.remove.End.Offset < r.End.Offset {
				t.Fatalf("removal %+v does not cover the directive %+v", d.remove, r)
			}
		}
	})
}
