package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/suggest"
)

var restartPolicy = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "restart-policy", Severity: diag.Error, Enabled: true,
		Summary: "a restart policy Docker does not know",
		What: "Reports a restart: value other than no, always, on-failure[:N] and unless-stopped, and a deploy.restart_policy.condition other than none, on-failure and any " +
			"(Compose also maps none/any and no/always onto each other, so those pass), with the closest valid spelling. A negative retry count is reported too.",
		Why: "The Compose schema types both as free strings, so the file validates; Compose hands the value to the engine, which refuses to create the container " +
			"(\"invalid restart policy: unknown policy\") when `up` reaches the service.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    restart: unless_stopped\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n",
	},
	Check: checkRestartPolicy,
}

// Compose maps deploy.restart_policy conditions and restart: names alike
// onto the engine's policies.
var restartNames = []string{"no", "always", "on-failure", "unless-stopped", "none", "any"}

func checkRestartPolicy(p *Pass) {
	for _, s := range p.Project.Services {
		if n := s.Node.Get("restart"); n != nil {
			checkRestartValue(p, s, n, "restart", []string{"no", "always", "on-failure", "unless-stopped"}, true)
		}
		if n := s.Node.Path("deploy", "restart_policy", "condition"); n != nil {
			checkRestartValue(p, s, n, "deploy.restart_policy.condition", []string{"none", "on-failure", "any"}, false)
		}
	}
}

func checkRestartValue(p *Pass, s *compose.Service, n *compose.Node, field string, shown []string, count bool) {
	if field == "restart" {
		field = "restart policy"
	}
	if n.Kind != compose.Scalar || n.Tag != "!!str" || unresolved(p, n) {
		return // other types are compose-schema's
	}
	v := n.Value
	name, retries, hasCount := v, "", false
	if count {
		name, retries, hasCount = strings.Cut(v, ":")
	}
	valid := false
	for _, r := range restartNames {
		valid = valid || name == r
	}
	if valid && hasCount {
		if c, err := strconv.Atoi(retries); err == nil && c < 0 {
			p.Report(diag.Diagnostic{Range: n.Range,
				Message: fmt.Sprintf("negative retry count in %s %q of service %q; use \"on-failure:%d\" or %q", field, v, s.Name, -c, name),
				Why:     "Docker refuses a negative retry count"})
		}
		return
	}
	if valid {
		return
	}
	d := diag.Diagnostic{Range: n.Range,
		Message: fmt.Sprintf("unknown %s %q of service %q; use %s", field, v, s.Name, orList(shown)),
		Why:     "Docker does not know it: the engine refuses to create the container"}
	norm := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	c, sure := norm, true
	if !slices.Contains(shown, norm) {
		c, sure = suggest.Closest(norm, shown), false
	}
	if c != "" {
		fixed := c
		if hasCount {
			fixed += ":" + retries
		}
		d.Message = fmt.Sprintf("unknown %s %q of service %q; did you mean %q?", field, v, s.Name, fixed)
		if rng, ok := n.ExactRange(0, len(v)); ok && n.Segs == nil {
			// Only a change of case or of "_" is surely what was meant.
			d.Fix = &diag.Fix{Description: fmt.Sprintf("use %q", fixed), Unsafe: !sure, Edits: []diag.TextEdit{{Range: rng, NewText: fixed}}}
			if fixed == "no" && !n.Quoted {
				d.Fix.Edits[0].NewText = `"no"` // a plain no is a boolean to YAML 1.1 readers
			}
		}
	}
	p.Report(d)
}

// orList renders names as "a", "b" or "c".
func orList(names []string) string {
	l := QuoteList(names)
	if i := strings.LastIndex(l, " and "); i >= 0 {
		l = l[:i] + " or " + l[i+len(" and "):]
	}
	return l
}
