package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
)

// TestRecall runs every rule on the cases of testdata/recall: projects
// rebuilt from public bug reports and fix commits (the source is in each
// LABEL), and correct projects that look like them. A positive case must
// be reported at each "expect: FILE:LINE" of its LABEL and nowhere else; a
// silent case must produce nothing. "missed:" marks a positive the linter
// knowingly does not find (the reason follows); "args:" replaces the
// default command line. The totals are logged: go test -run TestRecall -v.
func TestRecall(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "recall", "*"))
	if len(dirs) == 0 {
		t.Fatal("no recall cases")
	}
	var found, missed, known, wrong, silent int
	loc := regexp.MustCompile(`(?m)^(\S+?):(\d+):\d+: (error|warning|info): `)
	for _, dir := range dirs {
		label, err := os.ReadFile(filepath.Join(dir, "LABEL"))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		kind, args, knownMiss := "", []string{"--no-env", "."}, false
		var expect []string
		for _, l := range strings.Split(string(label), "\n") {
			k, v, _ := strings.Cut(l, ":")
			v = strings.TrimSpace(v)
			switch k {
			case "kind":
				kind = v
			case "args":
				args = strings.Fields(v)
			case "missed":
				knownMiss = true
			case "expect":
				expect = append(expect, strings.Fields(v)[0])
			}
		}
		abs, _ := filepath.Abs(dir)
		var out bytes.Buffer
		cli.Main(append([]string{"--no-color", "--format", "oneline"}, args...),
			&cli.Env{Stdout: &out, Stderr: &out, Cwd: abs, Environ: []string{"HOME=/nonexistent"}, NoGo: true})
		got := map[string]bool{}
		var kept strings.Builder
		for _, l := range strings.SplitAfter(out.String(), "\n") {
			// How a file is spelled (an obsolete version:, a YAML 1.1
			// boolean) is not what these cases are about.
			if !strings.HasSuffix(strings.TrimSpace(l), "[obsolete-version]") && !strings.HasSuffix(strings.TrimSpace(l), "[yaml-1-1-scalar]") {
				kept.WriteString(l)
			}
		}
		for _, m := range loc.FindAllStringSubmatch(kept.String(), -1) {
			got[filepath.ToSlash(m[1])+":"+m[2]] = true
		}
		name := filepath.Base(dir)
		switch kind {
		case "silent":
			silent++
			if len(got) > 0 {
				wrong += len(got)
				t.Errorf("%s: a correct project, but reported:\n%s", name, out.String())
			}
		case "positive":
			stillMissed := 0
			for _, e := range expect {
				switch {
				case got[e]:
					found++
				case knownMiss:
					known++
					stillMissed++
				default:
					missed++
					t.Errorf("%s: %s not reported; output:\n%s", name, e, out.String())
				}
				delete(got, e)
			}
			if knownMiss && stillMissed == 0 {
				t.Errorf("%s: marked missed, but found now: remove the missed: line", name)
			}
			for g := range got {
				wrong++
				t.Errorf("%s: reported at %s, which the LABEL does not expect:\n%s", name, g, out.String())
			}
		default:
			t.Errorf("%s: LABEL has no kind", name)
		}
	}
	t.Logf("recall: %d found, %d known misses, %d missed; %d unexpected findings; %d correct projects", found, known, missed, wrong, silent)
}
