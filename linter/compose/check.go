package compose

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// checkConsistency does Compose's reference checks (undefined services and
// networks, network_mode with networks, dependency cycles) in linear time,
// each at the position to edit. compose-go's own check is exponential on
// shared dependencies, so it is not used.
func (p *Project) checkConsistency() {
	report := func(n *Node, format string, args ...any) {
		p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: n.Range, Message: fmt.Sprintf(format, args...)})
	}
	all := p.allServiceNames()
	// An override without its base: the base defines what it refers to.
	undefined := func(known bool) bool { return !known && !p.Fragment }
	for k := range p.elsewhere {
		if name, ok := strings.CutPrefix(k, "services/"); ok {
			all[name] = true
		}
	}
	for _, s := range p.Services {
		if s.NetworkMode != nil {
			if nets := s.Node.Get("networks"); nets != nil {
				k, _ := s.Node.GetPair("networks")
				report(k.Key, "service %q sets both network_mode and networks; Compose refuses this, keep one", s.Name)
			}
			mode := s.NetworkMode.Value
			if ref, ok := strings.CutPrefix(mode, "service:"); ok && undefined(all[ref]) {
				report(s.NetworkMode, "service %q uses network_mode %q, but no service %q is defined", s.Name, mode, ref)
			}
		}
		for _, n := range s.Networks {
			if n.Key == nil {
				continue
			}
			if _, ok := p.Networks[n.Name]; undefined(ok || n.Name == "default" || p.elsewhere["networks/"+n.Name]) {
				report(n.Key, "service %q joins network %q, which is not defined under the top-level networks:", s.Name, n.Name)
			}
		}
		for _, d := range s.DependsOn {
			if undefined(all[d.Service]) && d.Required {
				report(d.Key, "service %q depends on %q, which is not defined", s.Name, d.Service)
			}
		}
		for _, l := range s.Links {
			if undefined(all[l.Service]) {
				report(l.Node, "service %q links to %q, which is not defined", s.Name, l.Service)
			}
		}
	}
	p.checkCycles(report)
}

// allServiceNames includes services left out by --profile: references to
// them are not errors.
func (p *Project) allServiceNames() map[string]bool {
	out := map[string]bool{}
	if svcs := p.Root.Get("services"); svcs != nil && svcs.Kind == Map {
		for _, pr := range svcs.Pairs {
			out[pr.Key.Value] = true
		}
	}
	return out
}

// checkCycles finds depends_on cycles with one depth-first search.
func (p *Project) checkCycles(report func(*Node, string, ...any)) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(s *Service)
	visit = func(s *Service) {
		color[s.Name] = grey
		stack = append(stack, s.Name)
		for _, d := range s.DependsOn {
			t := p.byName[d.Service]
			if t == nil {
				continue
			}
			switch color[t.Name] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != t.Name {
					i--
				}
				cycle := append(append([]string(nil), stack[i:]...), t.Name)
				report(d.Key, "dependency cycle: %s; Compose cannot decide what to start first", strings.Join(cycle, " -> "))
			case white:
				visit(t)
			}
		}
		stack = stack[:len(stack)-1]
		color[s.Name] = black
	}
	for _, s := range p.Services {
		if color[s.Name] == white {
			visit(s)
		}
	}
}
