package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/suggest"
)

var unknownHost = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unknown-host", Severity: diag.Error, Enabled: true,
		Summary: "a service connects to a single-label hostname nothing in the project defines",
		What: "Reports a single-label hostname (no dots) that a service connects to when no service name, container_name, hostname, network alias, links alias or extra_hosts entry of the project defines it, " +
			"with \"did you mean\" when a defined name is close (a typo, _ for -, or a generated container name such as myapp_db_1). " +
			"On an external network, or one with a fixed name: that other projects join by that name, where their containers resolve too, only a name one edit from one of the project's (or a generated container name) is reported.",
		Why:        "Compose's DNS answers only the names the project defines; any other single-label name fails to resolve and the connection fails with ENOTFOUND or \"could not translate host name\".",
		Example:    "services:\n  postgres-db:\n    image: postgres:16\n  api:\n    build: .\n    environment:\n      DB_HOST: postgres_db\n",
		UseInstead: "services:\n  postgres-db:\n    image: postgres:16\n  api:\n    build: .\n    environment:\n      DB_HOST: postgres-db\n",
	},
	Check: checkUnknownHost,
}

func checkUnknownHost(p *Pass) {
	m := p.Net()
	for _, o := range p.Net().Occurrences() {
		ep := o.EP
		host := ep.Host
		if ep.Role != endpoint.Connect || !singleLabel(host) || endpoint.IsLoopback(host) || m.Known(host) {
			continue
		}
		if raw := o.Text[ep.HostStart:ep.HostEnd]; raw != strings.ToLower(raw) {
			continue // MY_HOST, Server: a placeholder or a template, not a name
		}
		if m.Generated(host) {
			continue
		}
		var bad []*compose.Service
		var guess string
		g, guessed := "", false // the closest name, the same for every service
		for _, s := range o.Services {
			mode, _ := m.Mode(s)
			if (mode != network.ModeNetworks && mode != network.ModeService && mode != network.ModeContainer) || m.Networks(s) == nil {
				continue // host, bridge, none: the host's resolver or nothing; not ours to judge
			}
			if !guessed {
				g, guessed = m.Suggest(host), true
			}
			if !strongGuess(m, host, g) && (m.OnExternal(s) || len(p.Project.Siblings) > 0 || p.Project.Fragment) {
				// Other projects' containers on an external network, or
				// services of compose files layered with this one, may
				// bear the name: only a typo of one of ours is reported
				// ("nginx" there is no misspelling of our "nginxfe").
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
		rng, exact := o.HostAt()
		if t := p.Project.Inactive[host]; t != nil {
			// The service exists, but the enabled profiles leave it out.
			profile, off := "profile", "is off; enable it"
			if len(t.Profiles) > 1 {
				profile, off = "profiles", "are off; enable one"
			}
			d := diag.Diagnostic{Range: rng, Message: fmt.Sprintf("%s %q, but %s %s of service %q %s",
				verb(bad, "reaches", "reach"), o.Addr(), profile, QuoteList(t.Profiles), t.Name, off),
				Why: "a service the enabled profiles leave out does not run, and its name does not resolve; " +
					"enable the profile (--profile or COMPOSE_PROFILES) or give the service a profile in common",
				Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}}
			d.Related = append(d.Related, o.Related(rng)...)
			p.Report(d)
			continue
		}
		msg := fmt.Sprintf("%s %q, an undefined name", verb(bad, "reaches", "reach"), o.Addr())
		d := diag.Diagnostic{Range: rng, Why: fmt.Sprintf("no service, alias, container_name or extra_hosts entry of the project is named %q, so the name does not resolve", host)}
		if gt, prefix, v2 := m.GeneratedService(host); gt != nil && gt.Name == guess {
			how := fmt.Sprintf("the name Compose v1 gave the container of service %q; Compose v2 names containers %s-%s-1", guess, m.Project().Name, gt.Name)
			if v2 {
				how = fmt.Sprintf("the container name of service %q under the project name %q, but this project is %q", guess, prefix, m.Project().Name)
			}
			msg = fmt.Sprintf("%s %q, a generated container name; use %q", verb(bad, "reaches", "reach"), o.Addr(), guess)
			d.Why = how + fmt.Sprintf(", so it does not resolve; the service name %q resolves under any project name", guess)
		} else if guess != "" {
			msg += fmt.Sprintf("; did you mean %q?", guess)
		}
		if guess != "" {
			if t := m.Identify(guess); t != nil {
				d.Related = append(d.Related, diag.Related{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)})
			}
			if exact {
				d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", host, guess),
					Edits: []diag.TextEdit{{Range: rng, NewText: guess}}}
			}
		} else {
			msg += "; use a service name"
			d.Why += "; use the name of the service that provides it, or add it to the project"
		}
		d.Message = msg
		d.Related = append(d.Related, o.Related(rng)...)
		p.Report(d)
	}
}

// strongGuess reports a name that can only mean the suggested one: one
// edit from it (case, and "_" for "-", aside), or a container name Compose
// generated for it.
func strongGuess(m *network.Model, host, guess string) bool {
	if guess == "" {
		return false
	}
	if t, _, _ := m.GeneratedService(host); t != nil {
		return true
	}
	fold := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }
	return suggest.Distance(fold(host), fold(guess)) <= 1
}

// singleLabel reports a hostname without dots that is not an IP address.
func singleLabel(h string) bool {
	if h == "" || strings.ContainsAny(h, ".:[]") {
		return false
	}
	if !endpoint.MayBeIP(h) {
		return true
	}
	_, err := netip.ParseAddr(h)
	return err != nil
}
