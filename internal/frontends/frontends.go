// Package frontends runs the hardcodedlocalhost analyzer through its front
// ends (the reachlint CLI's loader, the go vet tool, golangci-lint) on one
// module and normalises their findings, so tests can check that they agree.
package frontends

import (
	"bufio"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/golang"
)

// Fixture is the module all front ends are run on, relative to the
// repository root.
const Fixture = "testdata/frontends"

// CLI returns the findings of the reachlint CLI's loader on dir/... as
// "path/relative/to/dir:line:col message", sorted, with the explanation and
// the related locations on lines of their own as go vet prints them.
func CLI(dir string) ([]string, error) { return cli(dir, false) }

// OneLine returns the findings of the reachlint CLI's loader on dir/... as
// golangci-lint shows them: one line each, the explanation after the
// headline, no related locations.
func OneLine(dir string) ([]string, error) { return cli(dir, true) }

func cli(dir string, oneLine bool) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range golang.Lint([]string{abs}, nil, golang.Options{}) {
		if d.Rule != "hardcodedlocalhost" {
			return nil, fmt.Errorf("%s: %s [%s]", d.Range.File, d.Message, d.Rule)
		}
		add := func(r diag.Range, msg string) error {
			p, err := filepath.Abs(r.File)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(abs, p)
			if err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%s:%d:%d %s", filepath.ToSlash(rel), r.Start.Line, r.Start.Col, msg))
			return nil
		}
		if oneLine {
			if err := add(d.Range, d.Text()); err != nil {
				return nil, err
			}
			continue
		}
		if err := add(d.Range, d.Message); err != nil {
			return nil, err
		}
		// go vet prints related locations as lines of their own, the
		// message indented by a tab; the explanation is the first, at
		// the finding itself.
		if d.Why != "" {
			if err := add(d.Range, "\t"+d.Why); err != nil {
				return nil, err
			}
		}
		for _, r := range d.Related {
			if err := add(r.Range, "\t"+r.Message); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

var vetLine = regexp.MustCompile(`^(?:\./)?(\S+\.go):(\d+):(\d+): (.*)$`)

// Vet parses go vet (or singlechecker) output, with paths relative to the
// module, deduplicated (go vet may check a package and its test variant).
func Vet(output string) []string {
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(output))
	for sc.Scan() {
		m := vetLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		s := fmt.Sprintf("%s:%s:%s %s", filepath.ToSlash(m[1]), m[2], m[3], m[4])
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// Diff describes how two sorted finding lists differ, or returns "".
func Diff(aName string, a []string, bName string, b []string) string {
	var sb strings.Builder
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return same(x, y) }) {
			fmt.Fprintf(&sb, "only %s: %s\n", aName, x)
		}
	}
	for _, x := range b {
		if !slices.ContainsFunc(a, func(y string) bool { return same(x, y) }) {
			fmt.Fprintf(&sb, "only %s: %s\n", bName, x)
		}
	}
	return sb.String()
}

var findingLine = regexp.MustCompile(`^(\S+:\d+):(\d+) (.*)$`)

// same reports whether two findings agree. A front end that reads other
// packages from export data (go vet) knows their lines but not their
// columns, so a finding at a constant declared in another package is at
// column 1 there: that column matches any.
func same(x, y string) bool {
	if x == y {
		return true
	}
	mx, my := findingLine.FindStringSubmatch(x), findingLine.FindStringSubmatch(y)
	return mx != nil && my != nil && mx[1] == my[1] && mx[3] == my[3] && (mx[2] == "1" || my[2] == "1")
}
