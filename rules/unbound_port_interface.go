package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var unboundPortInterface = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unbound-port-interface", Severity: diag.Warning, Enabled: false,
		Summary: "a published port listens on every interface of the host",
		What: "Reports a ports: entry without a host IP (\"5432:5432\", or \"3000\" with a random host port), which Docker binds on 0.0.0.0 and ::, " +
			"with a suggestion to bind it to 127.0.0.1. Off by default: a server meant to be reached from other machines publishes on every interface on purpose; " +
			"turn it on for development files.",
		Why: "A database or admin port published for local development is reachable from the whole network the laptop is on, " +
			"and Docker's own firewall rules bypass the host firewall (ufw) on Linux.",
		Example:    "services:\n  db:\n    image: postgres:17\n    ports:\n      - \"5432:5432\"\n",
		UseInstead: "services:\n  db:\n    image: postgres:17\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
	},
	Check: checkUnboundPortInterface,
}

func checkUnboundPortInterface(p *Pass) {
	for _, s := range p.Project.Services {
		for _, pt := range s.Ports {
			if pt.HostIP != "" || pt.Node == nil || unresolved(p, pt.Node) {
				continue
			}
			n := pt.Node
			what, insert, why := fmt.Sprintf("host port %d", pt.Published), "127.0.0.1:", ""
			if pt.Published == 0 {
				// "3000": Docker picks a free host port, on every interface.
				what, insert = fmt.Sprintf("container port %d", pt.Target), "127.0.0.1::"
				why = "Docker publishes it on a random host port; "
			}
			d := diag.Diagnostic{Range: n.Range,
				Message: fmt.Sprintf("service %q publishes %s on all host interfaces; bind it to 127.0.0.1", s.Name, what),
				Why:     why + "other machines can reach it too; leave it so only if they must"}
			if n.Kind == compose.Scalar {
				if rng, ok := n.ExactRange(0, 0); ok && n.Segs == nil {
					// Other machines lose access: a suggestion, not a safe fix.
					d.Fix = &diag.Fix{Description: "bind the port to 127.0.0.1", Unsafe: true,
						Edits: []diag.TextEdit{{Range: rng, NewText: insert}}}
				}
			}
			p.Report(d)
		}
	}
}
