package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

// listOrder reports, once per list, a service's depends_on or ports
// entries out of order, with a fix that sorts them.
func listOrder(p *Pass, key, what string, rank func(e blockEntry) string) {
	for _, d := range p.Project.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != compose.Map {
			continue
		}
		for _, pr := range svcs.Pairs {
			n := pr.Val.Get(key)
			var b *block
			switch {
			case n == nil:
				continue
			case n.Kind == compose.Seq:
				b = seqBlock(d, n)
			case n.Kind == compose.Map:
				b = mapBlock(d, n)
			}
			if b == nil {
				continue
			}
			order, bad := b.sorted(rank)
			if len(bad) == 0 {
				continue
			}
			i, j := bad[0][0], bad[0][1]
			p.Report(diag.Diagnostic{Range: b.entries[i].node.Range,
				Message: fmt.Sprintf("%s of service %q: %q comes after %q; keep them sorted", what, pr.Key.Value, b.entries[i].label(), b.entries[j].label()),
				Fix:     b.reorder(order, fmt.Sprintf("sort the %s of service %q", what, pr.Key.Value))})
		}
	}
}

func (e blockEntry) label() string {
	if e.node.Kind == compose.Scalar {
		return e.node.Value
	}
	if t := e.node.Get("target"); t != nil {
		if pub := e.node.Get("published"); pub != nil {
			return pub.Value + ":" + t.Value
		}
		return t.Value
	}
	return e.name
}

var dependsOnAlphabeticalOrder = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "depends-on-alphabetical-order", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "a service's depends_on is not in alphabetical order",
		What: "Reports, once per service, a depends_on (list or mapping) whose services are not in alphabetical order, with a fix that sorts them, each entry with its lines and comments. " +
			"Compose starts dependencies by the graph, not by this order. Style: off by default, on with the style preset.",
		Why:        "Nothing changes at runtime; a sorted list shows a missing or repeated dependency at a glance.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - redis\n      - db\n  db:\n    image: postgres:17\n  redis:\n    image: redis:7\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n      - redis\n  db:\n    image: postgres:17\n  redis:\n    image: redis:7\n",
	},
	Check: func(p *Pass) {
		listOrder(p, "depends_on", "depends_on", func(e blockEntry) string { return e.label() })
	},
}

var portsAlphabeticalOrder = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "ports-alphabetical-order", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "a service's ports are not in order",
		What: "Reports, once per service, ports: entries not in order (numbers compare by value: 443 before 8080), with a fix that sorts them, each entry with its lines and comments. " +
			"Style: off by default, on with the style preset.",
		Why:        "Nothing changes at runtime; a sorted list shows a port published twice at a glance.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - \"443:443\"\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"443:443\"\n      - \"8080:80\"\n",
	},
	Check: func(p *Pass) {
		listOrder(p, "ports", "ports", func(e blockEntry) string { return naturalKey(e.label()) })
	},
}
