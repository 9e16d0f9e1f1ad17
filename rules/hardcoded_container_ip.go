package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var hardcodedContainerIP = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "hardcoded-container-ip", Severity: diag.Warning, Enabled: true,
		Summary: "a service connects to a container's IP address instead of its name",
		What: "Reports a connect address that is another service's static ipv4_address or ipv6_address, or that lies in the configured subnet of one of the project's networks " +
			"(the network's gateway, which is the host, excepted).",
		Why: "Container addresses are handed out when containers start: without a static address the IP changes between runs, and with one the stack breaks as soon as the subnet " +
			"or the assignment changes or the project runs twice. The service name always resolves to the right container.",
		Example:    "services:\n  db:\n    image: postgres:16\n    networks:\n      backend:\n        ipv4_address: 172.28.0.10\n  api:\n    build: .\n    networks: [backend]\n    environment:\n      DB_HOST: 172.28.0.10\nnetworks:\n  backend:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/16\n",
		UseInstead: "services:\n  db:\n    image: postgres:16\n    networks:\n      backend:\n        ipv4_address: 172.28.0.10\n  api:\n    build: .\n    networks: [backend]\n    environment:\n      DB_HOST: db\nnetworks:\n  backend:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/16\n",
	},
	Check: checkHardcodedContainerIP,
}

// subnet is a network's configured address range and its gateway.
type subnet struct {
	network string
	prefix  netip.Prefix
	gateway netip.Addr
}

func checkHardcodedContainerIP(p *Pass) {
	m := p.Net()
	static := m.StaticIPs()
	var subnets []subnet
	for name, n := range p.Project.Networks {
		for _, sn := range n.Subnets {
			pf, err := netip.ParsePrefix(strings.TrimSpace(sn.Value))
			if err != nil {
				continue
			}
			sub := subnet{network: name, prefix: pf.Masked(), gateway: pf.Masked().Addr().Next()}
			if n.Key != nil {
				if cfg := p.Project.Root.Path("networks", n.Name, "ipam", "config"); cfg != nil {
					for _, c := range cfg.Items {
						if c.Get("subnet") == sn {
							if g, err := netip.ParseAddr(strings.TrimSpace(c.Get("gateway").Str())); err == nil {
								sub.gateway = g
							}
						}
					}
				}
			}
			subnets = append(subnets, sub)
		}
	}
	for _, o := range p.Net().Occurrences() {
		ep := o.EP
		if ep.Role != endpoint.Connect {
			continue
		}
		if !endpoint.MayBeIP(ep.Host) {
			continue
		}
		ip, err := netip.ParseAddr(ep.Host)
		if err != nil || ip.IsLoopback() || ip.IsUnspecified() {
			continue
		}
		ip = ip.Unmap()
		rng, exact := o.HostAt()
		if t := static[ip]; t != nil {
			var bad []*compose.Service
			for _, s := range o.Services {
				if !inNamespace(m.Namespace(s), t) {
					bad = append(bad, s)
				}
			}
			if len(bad) == 0 {
				continue
			}
			d := diag.Diagnostic{Range: rng,
				Message: fmt.Sprintf("%s %q, the static address of service %q; use the service name %q", verb(bad, "reaches", "reach"), ep.Host, t.Name, t.Name),
				Why:     "a hardcoded address breaks when the subnet or the assignment changes; the name always resolves to the current one",
				Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}}
			d.Related = append(d.Related, o.Related(rng)...)
			resolves := true
			for _, s := range bad {
				if r := m.Resolve(s, t.Name); r.Target != t {
					resolves = false
				}
			}
			if exact && resolves && !strings.Contains(ep.Host, ":") {
				d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", ep.Host, t.Name),
					Edits: []diag.TextEdit{{Range: rng, NewText: t.Name}}}
			}
			p.Report(d)
			continue
		}
		for _, sn := range subnets {
			if !sn.prefix.Contains(ip) || ip == sn.gateway || ip == sn.prefix.Addr() {
				continue
			}
			d := diag.Diagnostic{Range: rng,
				Message: fmt.Sprintf("%s %q, an address of network %q; use the service's name", verb(o.Services, "reaches", "reach"), ep.Host, sn.network),
				Why:     fmt.Sprintf("it is in the subnet %s of network %q, whose addresses Docker hands out to containers as they start, so the one a service gets can change", sn.prefix, sn.network)}
			if n := p.Project.Networks[sn.network]; n != nil && n.Key != nil {
				d.Related = append(d.Related, diag.Related{Range: n.Key.Range, Message: fmt.Sprintf("network %q declared here", sn.network)})
			}
			d.Related = append(d.Related, o.Related(rng)...)
			p.Report(d)
			break
		}
	}
}
