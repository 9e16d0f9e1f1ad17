package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/diag"
)

var hostNetwork = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "host-network", Severity: diag.Warning, Enabled: true,
		Summary: "a service uses network_mode: host",
		What: "Reports network_mode: host (as info: it is sometimes chosen on purpose), saying what it gives up, and, as an error, ports: on such a service, " +
			"which Compose ignores.",
		Why: "With the host's network the container is on no Compose network: other services cannot reach it by name and it cannot reach them by name; " +
			"ports: mappings are discarded because the container binds the host's ports directly; and on Docker Desktop (macOS, Windows) the \"host\" is a VM, " +
			"so the service is not reachable on localhost as it is on Linux.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    ports: [\"8080:80\"]\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n",
	},
	Check: checkHostNetwork,
}

func checkHostNetwork(p *Pass) {
	m := p.Net()
	for _, s := range p.Project.Services {
		if mode, _ := m.Mode(s); mode != network.ModeHost {
			continue
		}
		p.Report(diag.Diagnostic{Range: s.NetworkMode.Range, Severity: diag.Info,
			Message: fmt.Sprintf("service %q uses network_mode \"host\"; prefer a network and published ports", s.Name),
			Why: "it is on no Compose network, so service names do not resolve to or from it, ports: are ignored, " +
				"and on Docker Desktop the host is a VM rather than this machine; keep it only if the host's network is really needed"})
		if ports := s.Node.Get("ports"); ports != nil && len(s.Ports) > 0 {
			p.Report(diag.Diagnostic{Range: ports.Range, Severity: diag.Error,
				Message: fmt.Sprintf("service %q publishes ports under network_mode \"host\"; remove ports: or network_mode", s.Name),
				Why:     "Compose discards them: the container binds the host's ports directly",
				Related: []diag.Related{{Range: s.NetworkMode.Range, Message: "network_mode host set here"}}})
		}
	}
}
