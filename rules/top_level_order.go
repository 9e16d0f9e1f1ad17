package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

var topLevelOrder = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "top-level-order", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "the top-level keys are not in the usual order",
		What: "Reports a top-level key written after one that the usual order puts later (x- extensions, version, name, include, services, networks, volumes, secrets, configs), " +
			"with a fix that reorders them, each with its lines and the comments above it; an alias to an anchor of another top-level key keeps the fix from applying. " +
			"Style: off by default, on with the style preset.",
		Why:        "Nothing breaks at runtime; extensions first is also where their anchors must be for services to use them.",
		Example:    "services:\n  web:\n    image: nginx:1.27\nname: shop\n",
		UseInstead: "name: shop\nservices:\n  web:\n    image: nginx:1.27\n",
	},
	Check: checkTopLevelOrder,
}

var topKeyOrder = []string{"version", "name", "include", "services", "networks", "volumes", "secrets", "configs"}

func checkTopLevelOrder(p *Pass) {
	for _, d := range p.Project.Docs {
		b := mapBlock(d, d.Root)
		if b == nil {
			continue
		}
		order, bad := b.sorted(func(e blockEntry) string {
			if strings.HasPrefix(e.name, "x-") {
				return "00"
			}
			i := slices.Index(topKeyOrder, e.name)
			if i < 0 {
				i = len(topKeyOrder)
			}
			return fmt.Sprintf("%02d", i+1)
		})
		fx := b.reorder(order, "reorder the top-level keys")
		for _, m := range bad {
			i, j := m[0], m[1]
			p.Report(diag.Diagnostic{Range: b.entries[i].node.Range,
				Message: fmt.Sprintf("top-level key %q comes after %q; move it above %q", b.entries[i].name, b.entries[j].name, b.entries[j].name),
				Why:     "the usual order is x- extensions, version, name, include, services, networks, volumes, secrets, configs", Fix: fx})
			fx = nil
		}
	}
}
