package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var unsharedNetwork = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unshared-network", Severity: diag.Error, Enabled: true,
		Summary: "a service reaches a service it shares no network with",
		What: "Reports a URL or address naming another service (by service name, container_name, alias or links alias), a links: entry, or a depends_on: on a service that listens on ports (unless a third service, such as a proxy, reaches both), " +
			"when the two services are on no common network, when the service has network_mode none, or when it uses network_mode host or bridge, where service names do not resolve. " +
			"Also reports a name of a service on Docker's default bridge (network_mode: bridge) used from anywhere but a service linked to it on that bridge, " +
			"and the name of a service that borrows another's network (network_mode service:x or container:x), which must be reached as x. " +
			"A database or other known server image handed a whole env_file shared with the application (postgres reading the app's .env) does not read its addresses: it is not counted as reaching them.",
		Why: "Compose's DNS answers a service's name only on the networks that service is attached to. From any other network, and from the host or the legacy bridge network, " +
			"the name does not resolve and the connection fails with \"could not translate host name\" or ENOTFOUND. Docker's default bridge has no DNS at all: only links: entries " +
			"between two services on it write the alias into /etc/hosts (Compose v2.6.1 and later). A service with network_mode service:x has no network endpoint, so no name, of its own.",
		Example:    "services:\n  db:\n    image: postgres:16\n    networks: [backend]\n  web:\n    build: .\n    networks: [frontend]\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\nnetworks:\n  backend: {}\n  frontend: {}\n",
		UseInstead: "services:\n  db:\n    image: postgres:16\n    networks: [backend]\n  web:\n    build: .\n    networks: [frontend, backend]\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\nnetworks:\n  backend: {}\n  frontend: {}\n",
	},
	Check: checkUnsharedNetwork,
}

func checkUnsharedNetwork(p *Pass) {
	m := p.Net()
	named := map[*compose.Service]map[*compose.Service]bool{} // reported by URL already
	for _, o := range p.Net().Occurrences() {
		ep := o.EP
		if !(ep.Role == endpoint.Connect || ep.Role == endpoint.Self && selfReached(o.Key)) || ep.Host == "" || endpoint.IsLoopback(ep.Host) {
			continue
		}
		t := m.Identify(ep.Host)
		if t == nil {
			continue
		}
		var bad []*compose.Service
		var head, because string
		for _, s := range o.Services {
			if o.Value != nil && readsWholesale(o.Value, s) && m.KnownServer(s) {
				continue // a database image handed a whole env_file does not read app addresses
			}
			if h, w := unreachable(m, s, t, ep.Host, "it"); h != "" {
				if head == "" {
					head, because = h, w
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
		if len(bad) > 1 {
			head, because = unreachable(m, bad[0], t, ep.Host, fmt.Sprintf("service %q", bad[0].Name))
		}
		rng, exact := o.HostAt()
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("%s %q, but %s", verb(bad, "reaches", "reach"), o.Addr(), head), Why: because}
		for _, s := range bad {
			d.Related = append(d.Related, networksNote(m, s))
		}
		d.Related = append(d.Related, networksNote(m, t))
		d.Related = append(d.Related, o.Related(rng)...)
		if len(bad) == 1 {
			d.Fix = addNetworkFix(m, bad[0], t)
		}
		if rt := m.Root(t); rt != nil && rt != t && exact {
			// The sidecar's owner answers for it, when every service
			// that reads the value reaches the owner.
			ok := true
			for _, s := range bad {
				ok = ok && m.Resolve(s, rt.Name).OK
			}
			if ok {
				d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", ep.Host, rt.Name),
					Edits: []diag.TextEdit{{Range: rng, NewText: rt.Name}}}
			}
		}
		p.Report(d)
	}
	for _, s := range p.Project.Services {
		for _, l := range s.Links {
			t := m.Service(l.Service)
			if t == nil || named[s][t] {
				continue
			}
			// The link is judged by its alias: on the default bridge only
			// the alias (not the service name) is written to /etc/hosts.
			if head, because := unreachable(m, s, t, l.Alias, "it"); head != "" {
				p.Report(diag.Diagnostic{Range: l.Node.Range,
					Message: fmt.Sprintf("service %q links to %q, but %s", s.Name, l.Service, head), Why: because,
					Related: []diag.Related{networksNote(m, s), networksNote(m, t)}, Fix: addNetworkFix(m, s, t)})
			}
		}
		for _, dep := range s.DependsOn {
			t := m.Service(dep.Service)
			if t == nil || named[s][t] || dep.Condition == "service_completed_successfully" || len(m.Listen(t)) == 0 {
				continue
			}
			// Only between services on networks: a host-mode service
			// depending on a database is the host-network rule's business.
			if mode, _ := m.Mode(s); mode != network.ModeNetworks {
				continue
			}
			if mode, _ := m.Mode(t); mode != network.ModeNetworks {
				continue
			}
			if bridged(m, s, t) {
				continue // s -> proxy -> t: the order of start-up, not a connection
			}
			if head, because := unreachable(m, s, t, t.Name, "it"); head != "" {
				p.Report(diag.Diagnostic{Range: dep.Key.Range,
					Message: fmt.Sprintf("service %q depends on %q, but %s", s.Name, t.Name, head),
					Why:     notes(fmt.Sprintf("%q listens on ports", t.Name), because),
					Related: []diag.Related{networksNote(m, s), networksNote(m, t)}, Fix: addNetworkFix(m, s, t)})
			}
		}
	}
}

// bridged reports a third service that s and t can both reach by name,
// such as a reverse proxy on a front and a back network: a depends_on
// across the two then orders start-up along the chain, and the networks
// keep the two apart on purpose.
func bridged(m *network.Model, s, t *compose.Service) bool {
	for _, u := range m.Project().Services {
		if u != s && u != t && m.Resolve(s, u.Name).OK && m.Resolve(u, t.Name).OK {
			return true
		}
	}
	return false
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
// inside s: the headline's "but ...; <fix>" part and the note; zero when it
// does, or when the answer is uncertain. self is how the headline calls s
// ("it" when s is the subject of the headline).
func unreachable(m *network.Model, s, t *compose.Service, name, self string) (head, why string) {
	if r := m.Resolve(s, name); r.OK {
		return "", ""
	}
	if m.Project().Fragment && (partial(s) || partial(t)) {
		return "", "" // its networks are in the file it is layered over
	}
	rs, rt := m.Root(s), m.Root(t)
	if rs == nil || rt == nil {
		return "", ""
	}
	ms, _ := m.Mode(rs)
	mt, _ := m.Mode(rt)
	if rt != t && ms != network.ModeNone && ms != network.ModeHost {
		// A sidecar (network_mode service:x or container:x) is reached
		// as x, on the ports it listens on inside x's namespace.
		head = fmt.Sprintf("%q is a sidecar of %q; use %q", t.Name, rt.Name, rt.Name)
		why = fmt.Sprintf("service %q uses network_mode %q: it has no network identity of its own, so its name does not resolve; %q is the service whose network it shares", t.Name, t.NetworkMode.Value, rt.Name)
		if mh, mw := unreachable(m, s, rt, rt.Name, self); mh != "" {
			// The owner is out of reach too: one headline with both fixes.
			_, fix, _ := strings.Cut(mh, "; ")
			head = fmt.Sprintf("%q is a sidecar of %q; use %q", t.Name, rt.Name, rt.Name)
			if fix != "" {
				head += " and " + fix
			}
			why = notes(why, mw)
		}
		return head, why
	}
	switch ms {
	case network.ModeNone:
		return fmt.Sprintf("%s has network_mode \"none\"", self), "it has no network at all"
	case network.ModeHost:
		return fmt.Sprintf("%s uses network_mode \"host\"; join a network of %q", self, rt.Name),
			"service names do not resolve there; remove network_mode and join a network of " + strconv.Quote(rt.Name)
	case network.ModeBridge:
		if mt == network.ModeBridge {
			return "both use network_mode \"bridge\"; remove it from both",
				fmt.Sprintf("services %q and %q use network_mode \"bridge\": Docker's default bridge has no name resolution; without network_mode: bridge both join the project's default network", rs.Name, rt.Name)
		}
		return fmt.Sprintf("%s uses network_mode \"bridge\"; join a network of %q", self, rt.Name),
			"Docker's legacy default bridge has no name resolution; remove network_mode and join a network of " + strconv.Quote(rt.Name)
	case network.ModeNetworks:
	default:
		return "", ""
	}
	switch mt {
	case network.ModeHost:
		return fmt.Sprintf("%q uses network_mode \"host\"", rt.Name), "it is not on any Compose network, so its name does not resolve"
	case network.ModeBridge:
		head = fmt.Sprintf("%q uses network_mode \"bridge\"; remove it from %q", rt.Name, rt.Name)
		fix := fmt.Sprintf("without network_mode: bridge %q and %q both join the project's default network", rt.Name, rs.Name)
		if !onDefault(m, s) {
			if nets := m.Networks(s); len(nets) > 0 {
				head = fmt.Sprintf("%q uses network_mode \"bridge\"; move %q to network %q", rt.Name, rt.Name, nets[0].Name)
				fix = fmt.Sprintf("remove network_mode: bridge from %q and add it to network %q", rt.Name, nets[0].Name)
			}
		}
		return head, "it is on Docker's default bridge, not on a Compose network, so its name does not resolve; " + fix
	case network.ModeNetworks:
	default:
		return "", ""
	}
	if len(m.Shared(s, t)) > 0 {
		return "", "" // an alias on a network they do not share: leave it to unknown-host
	}
	nets := m.Networks(t)
	if len(nets) == 0 {
		return "", ""
	}
	join := fmt.Sprintf("add %s to network %q", self, nets[0].Name)
	if self == "it" {
		join = fmt.Sprintf("join network %q", nets[0].Name)
	}
	return "they share no network; " + join,
		fmt.Sprintf("%q and %q share no network: Compose's DNS answers a service's name only on the networks it is attached to", s.Name, t.Name)
}

// onDefault reports whether s's namespace is on the project's default
// network, which a service joins when it sets neither networks nor
// network_mode.
func onDefault(m *network.Model, s *compose.Service) bool {
	for _, n := range m.Networks(s) {
		if n.Name == "default" {
			return true
		}
	}
	return false
}

// addNetworkFix adds t's first network to s's networks: list, when that
// list is written as a plain sequence ([a, b] or "- a" lines) in one
// place; nil otherwise (a mapping, an anchor, no list at all).
func addNetworkFix(m *network.Model, s, t *compose.Service) *diag.Fix {
	if mode, _ := m.Mode(s); mode != network.ModeNetworks || len(m.Shared(s, t)) > 0 {
		return nil
	}
	nets := m.Networks(t)
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

// partial reports a service defined without image, build or extends: a
// layer's addition to a service another file defines.
func partial(s *compose.Service) bool {
	return s.Image == "" && s.Build == nil && s.Node.Get("extends") == nil
}
