package rules

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

var requireProjectName = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "require-project-name", Severity: diag.Info, Enabled: false, Preset: StylePreset,
		Summary: "the compose file does not set the project name",
		What: "Reports a project's first compose file without a top-level name:, with a suggestion that writes the name Compose uses now (from the directory, " +
			"or -p/COMPOSE_PROJECT_NAME of this run) above the first top-level key. Override files are not reported. Style: off by default, on with the style preset.",
		Why: "Without name:, the project is named after the directory: a clone in another folder starts a second set of containers, networks and volumes " +
			"beside the first, and its data volumes are empty.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n",
		UseInstead: "name: shop\nservices:\n  web:\n    image: nginx:1.27\n",
	},
	Check: checkRequireProjectName,
}

func checkRequireProjectName(p *Pass) {
	if len(p.Project.Files) == 0 || p.Project.Root.Get("name") != nil {
		return
	}
	first := p.Project.Files[0]
	for _, d := range p.Project.Docs {
		if d.File != first {
			continue
		}
		b := mapBlock(d, d.Root)
		if b == nil || len(b.entries) == 0 {
			return
		}
		e := b.entries[0]
		dg := diag.Diagnostic{Range: e.node.Range,
			Message: "the file sets no project name; add name: at the top",
			Why:     fmt.Sprintf("the project name then depends on the directory (now %q)", p.Project.Name)}
		ls := strings.LastIndexByte(string(d.File.Data[:e.start]), '\n') + 1
		if ls == e.start && p.Project.Name != "" {
			at := d.File.Range(ls, ls)
			dg.Fix = &diag.Fix{Description: fmt.Sprintf("add name: %s", p.Project.Name), Unsafe: true,
				Edits: []diag.TextEdit{{Range: at, NewText: "name: " + p.Project.Name + "\n"}}}
		}
		p.Report(dg)
		return
	}
}
