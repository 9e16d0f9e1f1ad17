package rules

import (
	"fmt"
	"github.com/reachlint/reachlint/linter/suggest"
	"net/netip"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var unknownHost = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unknown-host", Severity: diag.Error, Enabled: true,
		Summary: "a service connects to a single-label hostname nothing in the project defines",
		What: "Reports a single-label hostname (no dots) that a service connects to when no service name, container_name, hostname, network alias, links alias or extra_hosts entry of the project defines it, " +
			"with \"did you mean\" when a defined name is close (a typo, _ for -, or a generated container name such as myapp_db_1). " +
			"On an external network, where other projects' containers resolve too, only near misses are reported.",
		Why:        "Compose's DNS answers only the names the project defines; any other single-label name fails to resolve and the connection fails with ENOTFOUND or \"could not translate host name\".",
		Example:    "services:\n  postgres-db:\n    image: postgres:16\n  api:\n    build: .\n    environment:\n      DB_HOST: postgres_db\n",
		UseInstead: "services:\n  postgres-db:\n    image: postgres:16\n  api:\n    build: .\n    environment:\n      DB_HOST: postgres-db\n",
	},
	Check: checkUnknownHost,
}

func checkUnknownHost(p *Pass) {
	m := newNet(p)
	for _, o := range occurrences(p) {
		ep := o.EP
		host := ep.Host
		if ep.Role != endpoint.Connect || !singleLabel(host) || endpoint.IsLoopback(host) || m.known(host) {
			continue
		}
		if raw := o.text[ep.HostStart:ep.HostEnd]; raw != strings.ToLower(raw) {
			continue // MY_HOST, Server: a placeholder or a template, not a name
		}
		if m.generated(host) {
			continue
		}
		var bad []*compose.Service
		var guess string
		for _, s := range o.Services {
			mode, _ := m.mode(s)
			if (mode != modeNetworks && mode != modeService && mode != modeContainer) || m.networks(s) == nil {
				continue // host, bridge, none: the host's resolver or nothing; not ours to judge
			}
			g := m.suggest(host)
			if g == "" && (m.onExternal(s) || len(p.Project.Siblings) > 0) {
				// Other projects' containers on an external network, or
				// services of compose files layered with this one.
				continue
			}
			if guess == "" {
				guess = g
			}
			bad = append(bad, s)
		}
		if len(bad) == 0 {
			continue
		}
		rng, exact := o.hostAt()
		msg := fmt.Sprintf("%s %q, but no service, alias, container_name or extra_hosts entry of the project is named %q, so the name does not resolve", verb(bad, "reaches", "reach"), o.addr(), host)
		d := diag.Diagnostic{Range: rng}
		if gt, prefix, v2 := m.generatedService(host); gt != nil && gt.Name == guess {
			how := fmt.Sprintf("the name Compose v1 gave the container of service %q; Compose v2 names containers %s-%s-1", guess, m.p.Name, gt.Name)
			if v2 {
				how = fmt.Sprintf("the container name of service %q under the project name %q, but this project is %q", guess, prefix, m.p.Name)
			}
			msg = fmt.Sprintf("%s %q, %s, so it does not resolve; use the service name %q, which resolves under any project name", verb(bad, "reaches", "reach"), o.addr(), how, guess)
		} else if guess != "" {
			msg += fmt.Sprintf("; did you mean %q?", guess)
		}
		if guess != "" {
			if t := m.identify(guess); t != nil {
				d.Related = append(d.Related, diag.Related{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)})
			}
			if exact {
				d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", host, guess),
					Edits: []diag.TextEdit{{Range: rng, NewText: guess}}}
			}
		} else {
			msg += "; use the name of the service that provides it, or add it to the project"
		}
		d.Message = msg
		d.Related = append(d.Related, o.related(rng)...)
		p.Report(d)
	}
}

// singleLabel reports a hostname without dots that is not an IP address.
func singleLabel(h string) bool {
	if h == "" || strings.ContainsAny(h, ".:[]") {
		return false
	}
	if _, err := netip.ParseAddr(h); err == nil {
		return false
	}
	return true
}

// generatedService matches a container name Compose generates for a
// service: project-service-1 (v2) or project_service_1 (v1), and returns
// the service and the project prefix.
func (m *netModel) generatedService(host string) (*compose.Service, string, bool) {
	i := strings.LastIndexAny(host, "-_")
	if i < 0 || i == len(host)-1 || strings.Trim(host[i+1:], "0123456789") != "" {
		return nil, "", false
	}
	rest := host[:i]
	// Try every split of rest into project + separator + service, longest
	// service name first, looking the candidate up by name.
	for j := 0; j < len(rest); j++ {
		sep := rest[j]
		if (sep != '-' && sep != '_') || j == 0 || j == len(rest)-1 {
			continue
		}
		cand := rest[j+1:]
		t := m.byName[cand]
		if t == nil {
			t = m.under[cand]
		}
		if t == nil {
			continue
		}
		return t, rest[:j], host[i] == '-' && sep == '-'
	}
	return nil, "", false
}

// generated reports a container name Compose v2 itself gives a service in
// this project (project-service-1), which resolves like container_name.
func (m *netModel) generated(host string) bool {
	t, prefix, v2 := m.generatedService(host)
	return t != nil && v2 && strings.EqualFold(prefix, m.p.Name)
}

// suggest returns the defined name closest to host, or "".
func (m *netModel) suggest(host string) string {
	// A Compose v1 container name (project_db_1), or one of another
	// project name: the service name is what resolves everywhere.
	if t, _, _ := m.generatedService(host); t != nil {
		return t.Name
	}
	if s, ok := m.suggests[host]; ok {
		return s
	}
	best, bestD := "", 1<<30
	defer func() { m.suggests[host] = best }()
	limit := 1
	if len(host) >= 5 {
		limit = 2
	}
	// Candidates within limit edits share a string obtained by deleting at
	// most limit runes from each (symmetric deletion), so the index finds
	// them without comparing host with every name.
	for _, i := range m.candidates(host, limit) {
		name := m.allNames[i]
		d := suggest.Distance(host, name)
		if strings.ReplaceAll(host, "_", "-") == strings.ReplaceAll(name, "_", "-") {
			d = 0
		}
		if d <= limit && d < bestD {
			best, bestD = name, d
		}
	}
	return best
}

const maxSuggestEdits = 2

// candidates returns the indexes (in allNames, ascending) of the names that
// may be within limit edits of host, or spell it with "_" for "-".
func (m *netModel) candidates(host string, limit int) []int {
	if m.deletes == nil {
		m.deletes = map[string][]int{}
		for i, n := range m.allNames {
			deletions(n, maxSuggestEdits, func(v string) {
				if l := m.deletes[v]; len(l) == 0 || l[len(l)-1] != i {
					m.deletes[v] = append(l, i)
				}
			})
			norm := "\x00" + strings.ReplaceAll(n, "_", "-")
			m.deletes[norm] = append(m.deletes[norm], i)
		}
	}
	var out []int
	deletions(host, limit, func(v string) { out = append(out, m.deletes[v]...) })
	out = append(out, m.deletes["\x00"+strings.ReplaceAll(host, "_", "-")]...)
	slices.Sort(out)
	return slices.Compact(out)
}

// deletions calls emit with s and every string made by deleting up to k of
// its runes (with repeats).
func deletions(s string, k int, emit func(string)) {
	emit(s)
	if k == 0 || s == "" {
		return
	}
	r := []rune(s)
	for i := range r {
		deletions(string(r[:i])+string(r[i+1:]), k-1, emit)
	}
}
