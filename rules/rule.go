// Package rules holds reachlint's rules, one per file, and the explicit list
// of them all. A rule is data (name, severity, docs) plus one check that
// reads the loaded project and reports at positions; rules never parse.
//
// It is reachlint's inside, not a public API: names may change in any
// release before v1.0 (see docs/architecture.md, "Public surface").
package rules

import (
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/network"
)

// Rule is one check and its documentation.
type Rule struct {
	diag.RuleInfo
	// Check inspects a project; nil for diagnostics the engine itself
	// reports while loading (yaml-syntax, compose-schema, ...).
	Check func(*Pass)
}

// Settings are the per-rule options a configuration file sets.
type Settings struct {
	BrowserPrefixes []string         // added to endpoint.DefaultBrowserPrefixes
	ImagePorts      map[string][]int // image-name substring -> ports
	AllowHosts      []string         // hosts never reported
}

// Pass is one rule run over one project.
type Pass struct {
	Project  *compose.Project
	Settings Settings
	rule     *Rule
	out      *[]diag.Diagnostic
	shared   *Shared
}

// Shared holds what the rules of one project read alike: the network
// model (with the endpoints in its values), built once, on first use, for
// all of them, and immutable after that.
type Shared struct {
	net *network.Model
}

// NewPass prepares a run of r over p, appending findings to out. Passes of
// one project should share one *Shared (nil: compute everything anew).
func NewPass(r *Rule, p *compose.Project, s Settings, out *[]diag.Diagnostic, shared ...*Shared) *Pass {
	ps := &Pass{Project: p, Settings: s, rule: r, out: out}
	if len(shared) > 0 && shared[0] != nil {
		ps.shared = shared[0]
	} else {
		ps.shared = &Shared{}
	}
	return ps
}

// Next makes p the pass of rule r over the same project, output and shared
// model, for a runner that runs the rules of a project one after another
// (a pass is not kept by the rule it was given to).
func (p *Pass) Next(r *Rule) *Pass {
	p.rule = r
	return p
}

// Net returns the project's network model.
func (p *Pass) Net() *network.Model {
	if p.shared.net == nil {
		p.shared.net = network.Build(p.Project, network.Options{
			ImagePorts: p.Settings.ImagePorts, BrowserPrefixes: p.Settings.BrowserPrefixes, AllowHosts: p.Settings.AllowHosts})
	}
	return p.shared.net
}

// Values returns the project's environment values grouped by where they
// are written.
func (p *Pass) Values() []*network.Value { return p.Net().Values() }

// Report records a finding of the pass's rule at its default severity.
func (p *Pass) Report(d diag.Diagnostic) {
	d.Rule = p.rule.Name
	if d.Severity == 0 {
		d.Severity = p.rule.Severity
	}
	*p.out = append(*p.out, d)
}

// Infos returns the documentation of every rule.
func Infos() []diag.RuleInfo {
	all := All()
	out := make([]diag.RuleInfo, len(all))
	for i, r := range all {
		out[i] = r.RuleInfo
	}
	return out
}

// ByName returns the rule called name.
func ByName(name string) *Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
