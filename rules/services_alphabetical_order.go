package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/diag"
)

var servicesAlphabeticalOrder = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "services-alphabetical-order", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "services are not in alphabetical order",
		What: "Reports a service written after one whose name sorts after it, in each compose file, with a fix that sorts the services: " +
			"each moves with its own lines and the comments right above it; anchors and aliases between services keep the fix from applying. Style: off by default, on with the style preset.",
		Why:        "Nothing breaks at runtime; in a long file an order is how readers find a service, and how reviewers see that one was added twice.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n",
		UseInstead: "services:\n  db:\n    image: postgres:17\n  web:\n    image: nginx:1.27\n",
	},
	Check: checkServicesAlphabeticalOrder,
}

func checkServicesAlphabeticalOrder(p *Pass) {
	for _, d := range p.Project.Docs {
		b := mapBlock(d, d.Root.Get("services"))
		if b == nil {
			continue
		}
		order, bad := b.sorted(func(e blockEntry) string { return e.name })
		fx := b.reorder(order, "sort the services by name")
		for _, m := range bad {
			i, j := m[0], m[1]
			p.Report(diag.Diagnostic{Range: b.entries[i].node.Range,
				Message: fmt.Sprintf("service %q comes after %q; keep services in alphabetical order", b.entries[i].name, b.entries[j].name), Fix: fx})
			fx = nil // one fix sorts them all
		}
	}
}
