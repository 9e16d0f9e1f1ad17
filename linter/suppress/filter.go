package suppress

import (
	"fmt"
	"github.com/reachlint/reachlint/linter/suggest"
	"path/filepath"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// Names of the rules this package reports.
const (
	RuleSyntax  = "ignore-syntax"
	RuleUnknown = "ignore-unknown-rule"
	RuleUnused  = "unused-ignore"
)

// Rules describes the diagnostics Filter adds, for the rule list, the config
// and the outputs.
var Rules = []diag.RuleInfo{
	{
		Name: RuleSyntax, Severity: diag.Error, Enabled: true,
		Summary:    "a reachlint-ignore directive is malformed or gives no reason",
		What:       "Reports a reachlint-ignore or reachlint-ignore-file comment that cannot be parsed, names no rule, or has no reason after \"--\".",
		Why:        "A suppression without a reason hides a finding with no record of why it is safe; a malformed one silently suppresses nothing.",
		Example:    "API_URL=http://localhost:3000 # reachlint-ignore loopback-target",
		UseInstead: "API_URL=http://localhost:3000 # reachlint-ignore loopback-target -- the API runs on the host in dev",
	},
	{
		Name: RuleUnknown, Severity: diag.Error, Enabled: true,
		Summary:    "a reachlint-ignore directive names a rule that does not exist",
		What:       "Reports a rule name in a suppression directive that is not a reachlint rule.",
		Why:        "A misspelt rule name suppresses nothing, so the finding it was meant to silence still fails the build.",
		Example:    "# reachlint-ignore loopback-targt -- dev only",
		UseInstead: "# reachlint-ignore loopback-target -- dev only",
	},
	{
		Name: RuleUnused, Severity: diag.Warning, Enabled: true,
		Summary:    "a reachlint-ignore directive suppresses nothing",
		What:       "Reports a suppression directive, or a rule name in it, that matched no finding; the fix deletes it.",
		Why:        "Stale suppressions hide the next real mistake on that line.",
		Example:    "DB_HOST=db # reachlint-ignore loopback-target -- was localhost",
		UseInstead: "DB_HOST=db",
	},
}

// Filter returns the findings that no directive suppresses, followed by
// findings about the directives themselves. known maps every rule name to
// whether it ran (is enabled); names missing from known are unknown, and
// rules that did not run are never called unused. With disregard
// (--no-inline-ignore) ds is returned as is and directives are not checked.
// A directive without a reason still suppresses (its ignore-syntax finding
// is the one that fails the build); a malformed one suppresses nothing.
func Filter(ds []diag.Diagnostic, dirs []Directive, known map[string]bool, disregard bool) []diag.Diagnostic {
	if disregard || len(dirs) == 0 {
		return ds
	}
	used := make([][]bool, len(dirs))
	byFile := map[string][]int{}
	for i, d := range dirs {
		used[i] = make([]bool, len(d.Rules))
		if d.Problem == "" {
			f := filepath.Clean(d.Range.File)
			byFile[f] = append(byFile[f], i)
		}
	}
	var out []diag.Diagnostic
	for _, dg := range ds {
		hit := false
		for _, i := range byFile[filepath.Clean(dg.Range.File)] {
			d := dirs[i]
			if !covers(d, dg.Range.Start.Line) {
				continue
			}
			for j, r := range d.Rules {
				if r == dg.Rule {
					used[i][j] = true
					hit = true
				}
			}
		}
		if !hit {
			out = append(out, dg)
		}
	}
	for i, d := range dirs {
		out = append(out, check(d, used[i], known)...)
	}
	return out
}

func covers(d Directive, line int) bool {
	switch d.Kind {
	case File:
		return true
	case Line, Scope:
		return d.FromLine > 0 && d.FromLine <= line && line <= d.ToLine
	}
	return false
}

func check(d Directive, used []bool, known map[string]bool) []diag.Diagnostic {
	if d.Problem != "" {
		return []diag.Diagnostic{{Rule: RuleSyntax, Severity: diag.Error, Range: d.Range, Message: d.Problem}}
	}
	var out []diag.Diagnostic
	if d.Reason == "" {
		out = append(out, diag.Diagnostic{Rule: RuleSyntax, Severity: diag.Error, Range: d.Range,
			Message: fmt.Sprintf("suppression of %s gives no reason; add \"-- why this is safe\"", quoteList(d.Rules))})
	}
	var keep, unused []string
	for j, r := range d.Rules {
		enabled, ok := known[r]
		switch {
		case !ok:
			msg := fmt.Sprintf("unknown rule %q in suppression", r)
			if s := suggest.ClosestKey(r, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			out = append(out, diag.Diagnostic{Rule: RuleUnknown, Severity: diag.Error, Range: d.RuleRanges[j], Message: msg})
		case used[j] || !enabled:
			keep = append(keep, r)
		default:
			unused = append(unused, r)
		}
	}
	if len(unused) == 0 {
		return out
	}
	dg := diag.Diagnostic{Rule: RuleUnused, Severity: diag.Warning, Range: d.Range}
	if len(keep) == 0 {
		dg.Message = fmt.Sprintf("suppression of %s matches no finding; delete it", quoteList(unused))
		if d.remove.IsValid() {
			dg.Fix = &diag.Fix{Description: "delete the unused suppression", Edits: []diag.TextEdit{{Range: d.remove}}}
		}
	} else {
		dg.Message = fmt.Sprintf("suppression of %s matches no finding; remove it from the list", quoteList(unused))
		if d.list.IsValid() {
			dg.Fix = &diag.Fix{Description: "drop the unused rule names", Edits: []diag.TextEdit{{Range: d.list, NewText: strings.Join(keep, ",")}}}
		}
	}
	return append(out, dg)
}

func quoteList(rules []string) string {
	q := make([]string, len(rules))
	for i, r := range rules {
		q[i] = fmt.Sprintf("%q", r)
	}
	return strings.Join(q, ", ")
}
