package rules

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var unsharedNetwork = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unshared-network", Severity: diag.Error, Enabled: true,
		Summary: "a service reaches a service it shares no network with",
		What: "Reports a URL or address naming another service (by service name, container_name, alias or links alias), a links: entry, or a depends_on: on a service that listens on ports, " +
			"when the two services are on no common network, when the service has network_mode none, or when it uses network_mode host or bridge, where service names do not resolve.",
		Why: "Compose's DNS answers a service's name only on the networks that service is attached to. From any other network, and from the host or the legacy bridge network, " +
			"the name does not resolve and the connection fails with \"could not translate host name\" or ENOTFOUND.",
		Example:    "services:\n  db:\n    image: postgres:16\n    networks: [backend]\n  web:\n    build: .\n    networks: [frontend]\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\nnetworks:\n  backend: {}\n  frontend: {}\n",
		UseInstead: "services:\n  db:\n    image: postgres:16\n    networks: [backend]\n  web:\n    build: .\n    networks: [frontend, backend]\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\nnetworks:\n  backend: {}\n  frontend: {}\n",
	},
	Check: checkUnsharedNetwork,
}

func checkUnsharedNetwork(p *Pass) {
	m := newNet(p)
	named := map[*compose.Service]map[*compose.Service]bool{} // reported by URL already
	for _, o := range occurrences(p) {
		ep := o.EP
		if !(ep.Role == endpoint.Connect || ep.Role == endpoint.Self && selfReached(o.Key)) || ep.Host == "" || endpoint.IsLoopback(ep.Host) {
			continue
		}
		t := m.identify(ep.Host)
		if t == nil {
			continue
		}
		var bad []*compose.Service
		var why string
		for _, s := range o.Services {
			if w := m.unreachable(s, t, ep.Host); w != "" {
				if why == "" {
					why = w
				}
				bad = append(bad, s)
				if named[s] == nil {
					named[s] = map[*compose.Service]bool{}
				}
				named[s][t] = true
			}
		}
		if len(bad) == 0 {
			continue
		}
		rng, _ := o.hostAt()
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("%s %q, but %s", verb(bad, "reaches", "reach"), o.addr(), why)}
		for _, s := range bad {
			d.Related = append(d.Related, m.networksNote(s))
		}
		d.Related = append(d.Related, m.networksNote(t))
		d.Related = append(d.Related, o.related(rng)...)
		if len(bad) == 1 {
			d.Fix = m.addNetworkFix(bad[0], t)
		}
		p.Report(d)
	}
	for _, s := range p.Project.Services {
		for _, l := range s.Links {
			t := m.byName[l.Service]
			if t == nil || named[s][t] {
				continue
			}
			if w := m.unreachable(s, t, l.Service); w != "" {
				p.Report(diag.Diagnostic{Range: l.Node.Range,
					Message: fmt.Sprintf("service %q links to %q, but %s", s.Name, l.Service, w),
					Related: []diag.Related{m.networksNote(s), m.networksNote(t)}, Fix: m.addNetworkFix(s, t)})
			}
		}
		for _, dep := range s.DependsOn {
			t := m.byName[dep.Service]
			if t == nil || named[s][t] || dep.Condition == "service_completed_successfully" || len(m.listen[t]) == 0 {
				continue
			}
			// Only between services on networks: a host-mode service
			// depending on a database is the host-network rule's business.
			if mode, _ := m.mode(s); mode != modeNetworks {
				continue
			}
			if mode, _ := m.mode(t); mode != modeNetworks {
				continue
			}
			if w := m.unreachable(s, t, t.Name); w != "" {
				p.Report(diag.Diagnostic{Range: dep.Key.Range,
					Message: fmt.Sprintf("service %q depends on %q, which listens on ports, but %s", s.Name, t.Name, w),
					Related: []diag.Related{m.networksNote(s), m.networksNote(t)}, Fix: m.addNetworkFix(s, t)})
			}
		}
	}
}

// selfReached reports a variable classed as the service's own address
// whose name gives no reason for a service name the service cannot
// resolve: names for the browser (origins, redirects, public URLs) and
// accept lists are the host's or the browser's business, but a name such
// as REDIS_DOMAIN=http://redis:6379 is still dialled from the container.
func selfReached(key string) bool {
	for _, w := range endpoint.KeyWords(key) {
		switch w {
		case "ORIGIN", "ORIGINS", "CORS", "ALLOWED", "ALLOW", "TRUSTED", "CSRF", "WHITELIST", "ALLOWLIST",
			"REDIRECT", "CALLBACK", "PUBLIC", "EXTERNAL", "SITE", "HOMEPAGE", "FRONTEND", "CLIENT", "PROXY",
			"VIRTUAL", "NEXTAUTH", "WEBHOOK", "WEBUI", "AUTH", "APP", "SERVER", "PHX", "ROOT":
			return false
		}
	}
	return true
}

// unreachable explains why name, which designates t, does not reach t from
// inside s; "" when it does, or when the answer is uncertain.
func (m *netModel) unreachable(s, t *compose.Service, name string) string {
	if r := m.resolve(s, name); r.ok {
		return ""
	}
	rs, rt := m.root(s), m.root(t)
	if rs == nil || rt == nil {
		return ""
	}
	switch mode, _ := m.mode(rs); mode {
	case modeNone:
		return fmt.Sprintf("service %q has network_mode \"none\": it has no network at all", s.Name)
	case modeHost:
		return fmt.Sprintf("service %q uses network_mode \"host\", where service names do not resolve; remove network_mode and join a network of %q", s.Name, rt.Name)
	case modeBridge:
		return fmt.Sprintf("service %q uses network_mode \"bridge\", Docker's legacy network without name resolution; remove network_mode and join a network of %q", s.Name, rt.Name)
	case modeNetworks:
	default:
		return ""
	}
	switch mode, _ := m.mode(rt); mode {
	case modeHost:
		return fmt.Sprintf("service %q uses network_mode \"host\": it is not on any Compose network, so its name does not resolve", rt.Name)
	case modeNetworks:
	default:
		return ""
	}
	if rt != t {
		return "" // a sidecar's own name is not in DNS; too unusual to explain well
	}
	if len(m.shared(s, t)) > 0 {
		return "" // an alias on a network they do not share: leave it to unknown-host
	}
	nets := m.networks(t)
	if len(nets) == 0 {
		return ""
	}
	add := nets[0].Name
	return fmt.Sprintf("%q and %q share no network, so the name does not resolve; add network %q to service %q", s.Name, t.Name, add, s.Name)
}

// addNetworkFix adds t's first network to s's networks: list, when that
// list is written as a plain sequence ([a, b] or "- a" lines) in one
// place; nil otherwise (a mapping, an anchor, no list at all).
func (m *netModel) addNetworkFix(s, t *compose.Service) *diag.Fix {
	if mode, _ := m.mode(s); mode != modeNetworks || len(m.shared(s, t)) > 0 {
		return nil
	}
	nets := m.networks(t)
	n := s.Node.Get("networks")
	if len(nets) == 0 || n == nil || n.Shared || n.File == nil {
		return nil
	}
	// The loader turns a list into a mapping; the source still shows the
	// list, which is what we edit.
	var last *compose.Node
	switch {
	case n.Kind == compose.Seq && len(n.Items) > 0:
		last = n.Items[len(n.Items)-1]
	case n.Kind == compose.Map && len(n.Pairs) > 0:
		last = n.Pairs[len(n.Pairs)-1].Key
	default:
		return nil
	}
	name := nets[0].Name
	data := n.File.Data
	start, lastEnd := n.Range.Start.Offset, last.Range.End.Offset
	if start < 0 || lastEnd > len(data) || lastEnd <= start || last.File != n.File {
		return nil
	}
	fix := &diag.Fix{Description: fmt.Sprintf("add network %q to service %q", name, s.Name)}
	if data[start] == '[' && strings.HasPrefix(strings.TrimLeft(string(data[lastEnd:min(len(data), lastEnd+64)]), " \t"), "]") {
		fix.Edits = []diag.TextEdit{{Range: n.File.Range(lastEnd, lastEnd), NewText: ", " + name}}
		return fix
	}
	// Block sequence: repeat the last item's line prefix ("    - ").
	ls := last.Range.Start.Offset
	lineStart := ls
	for lineStart > 0 && data[lineStart-1] != '\n' {
		lineStart--
	}
	prefix := string(data[lineStart:ls])
	if strings.TrimLeft(prefix, " ") != "- " {
		return nil
	}
	fix.Edits = []diag.TextEdit{{Range: n.File.Range(lastEnd, lastEnd), NewText: "\n" + prefix + name}}
	return fix
}
