package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var portsQuotes = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "ports-quotes", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "a port in ports: or expose: is not quoted",
		What: "Reports an unquoted entry of ports: or expose: (\"- 8080:80\", \"- 80\"), with a fix that puts it in double quotes; either quote style is accepted. " +
			"Style: off by default, on with the style preset (yaml-1-1-scalar already reports, on by default, the unquoted ports YAML 1.1 reads as numbers).",
		Why:        "Quoted, a port mapping is a string to every YAML reader; unquoted, \"22:22\" is a base-60 number to YAML 1.1 tools, and a habit of quoting avoids having to know which.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n",
	},
	Check: checkPortsQuotes,
}

func checkPortsQuotes(p *Pass) {
	for _, d := range p.Project.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != compose.Map {
			continue
		}
		for _, pr := range svcs.Pairs {
			for _, key := range []string{"ports", "expose"} {
				n := pr.Val.Get(key)
				if n == nil || n.Kind != compose.Seq {
					continue
				}
				for _, it := range n.Items {
					if it.Kind != compose.Scalar || it.Quoted || it.Range.File != d.File.Path {
						continue
					}
					dg := diag.Diagnostic{Range: it.Range,
						Message: fmt.Sprintf("%s entry %s of service %q is not quoted; write %q", key, it.Raw, pr.Key.Value, it.Raw)}
					if text := string(d.File.Data[it.Range.Start.Offset:it.Range.End.Offset]); text == it.Raw {
						dg.Fix = &diag.Fix{Description: "quote the port", Edits: []diag.TextEdit{{Range: it.Range, NewText: `"` + text + `"`}}}
					}
					p.Report(dg)
				}
			}
		}
	}
}
