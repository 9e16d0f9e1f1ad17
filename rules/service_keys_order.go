package rules

import (
	"fmt"
	"slices"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var serviceKeysOrder = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "service-keys-order", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "the keys of a service are not in the usual order",
		What: "Reports a service key written after one that the usual order puts later (image, build, container_name, depends_on, volumes, volumes_from, configs, secrets, " +
			"environment, env_file, ports, networks, network_mode, extra_hosts, command, entrypoint, working_dir, restart, healthcheck, logging, labels, user, isolation; " +
			"other keys after them, alphabetically), with a fix that reorders the keys, each with its lines and the comments above it. Style: off by default, on with the style preset.",
		Why:        "Nothing breaks at runtime; one order across services makes a missing healthcheck or a second ports: visible at a glance.",
		Example:    "services:\n  web:\n    ports: [\"8080:80\"]\n    image: nginx:1.27\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n",
	},
	Check: checkServiceKeysOrder,
}

var serviceKeyOrder = []string{"image", "build", "container_name", "depends_on", "volumes", "volumes_from", "configs", "secrets",
	"environment", "env_file", "ports", "networks", "network_mode", "extra_hosts", "command", "entrypoint", "working_dir",
	"restart", "healthcheck", "logging", "labels", "user", "isolation"}

func checkServiceKeysOrder(p *Pass) {
	for _, d := range p.Project.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != compose.Map {
			continue
		}
		for _, pr := range svcs.Pairs {
			b := mapBlock(d, pr.Val)
			if b == nil {
				continue
			}
			order, bad := b.sorted(func(e blockEntry) string {
				if i := slices.Index(serviceKeyOrder, e.name); i >= 0 {
					return fmt.Sprintf("%03d", i)
				}
				return fmt.Sprintf("%03d %s", len(serviceKeyOrder), e.name) // the others alphabetically, as dclint
			})
			fx := b.reorder(order, fmt.Sprintf("reorder the keys of service %q", pr.Key.Value))
			for _, m := range bad {
				i, j := m[0], m[1]
				p.Report(diag.Diagnostic{Range: b.entries[i].node.Range,
					Message: fmt.Sprintf("key %q of service %q comes after %q; the usual order puts it before", b.entries[i].name, pr.Key.Value, b.entries[j].name), Fix: fx})
				fx = nil
			}
		}
	}
}
