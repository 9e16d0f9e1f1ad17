package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var volumesNoQuotes = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "volumes-no-quotes", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "a short-syntax volume is quoted",
		What: "Reports a quoted short-syntax entry of a service's volumes: (\"- \\\"./data:/data\\\"\") whose quotes are not needed, with a fix that removes them. " +
			"Entries that read differently unquoted are left alone: \": \", \" #\", a leading indicator, an escape, a word YAML reads as a boolean or number, flow characters in a flow list. Style: off by default, on with the style preset.",
		Why:        "Nothing changes at runtime; this is the convention of dclint's users, kept so that switching linters does not churn files.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - \"./site:/usr/share/nginx/html\"\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/usr/share/nginx/html\n",
	},
	Check: checkVolumesNoQuotes,
}

// plainSafe: what YAML reads as the same string without quotes.
var (
	plainUnsafeStart = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[-?:,\[\]{}#&*!|>'"%@` + "`" + `\s]`)
	})
	plainTyped = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?i:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.:eE+-]*|[-+]?\.(inf|nan)|0[xo][0-9a-f_]+)$`)
	})
)

func plainSafe(s string, flow bool) bool {
	if s == "" || plainUnsafeStart().MatchString(s) || plainTyped().MatchString(s) || strings.TrimSpace(s) != s ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || strings.ContainsAny(s, "\n\t\\") {
		return false
	}
	return !flow || !strings.ContainsAny(s, ",[]{}")
}

func checkVolumesNoQuotes(p *Pass) {
	for _, d := range p.Project.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != compose.Map {
			continue
		}
		for _, pr := range svcs.Pairs {
			n := pr.Val.Get("volumes")
			if n == nil || n.Kind != compose.Seq || n.Range.File != d.File.Path {
				continue
			}
			flow := n.Range.Start.Offset < len(d.File.Data) && d.File.Data[n.Range.Start.Offset] == '['
			for _, it := range n.Items {
				if it.Kind != compose.Scalar || !it.Quoted || it.Range.File != d.File.Path {
					continue
				}
				text := string(d.File.Data[it.Range.Start.Offset:it.Range.End.Offset])
				if len(text) < 2 || text[1:len(text)-1] != it.Raw || !plainSafe(it.Raw, flow) {
					continue // the quotes are needed, or hold escapes
				}
				p.Report(diag.Diagnostic{Range: it.Range,
					Message: fmt.Sprintf("volume %s of service %q is quoted; the quotes are not needed", text, pr.Key.Value),
					Fix:     &diag.Fix{Description: "remove the quotes", Edits: []diag.TextEdit{{Range: it.Range, NewText: it.Raw}}}})
			}
		}
	}
}
