package rules

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var imageExplicitTag = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "image-explicit-tag", Severity: diag.Warning, Enabled: false,
		Summary: "an image without a tag or digest, or tagged latest",
		What: "Reports an image: with neither a tag nor a digest (\"postgres\"), or with the tag latest, which both pull whatever is newest. " +
			"Services with build: are left alone (their image: names what is built). Off by default: a reproducibility policy, not a runtime failure.",
		Why: "The image changes under the project without any change to the file: a new major version of a database refuses the old data directory, " +
			"and two machines run different code from the same compose file.",
		Example:    "services:\n  db:\n    image: postgres\n",
		UseInstead: "services:\n  db:\n    image: postgres:17.2\n",
	},
	Check: checkImageExplicitTag,
}

func checkImageExplicitTag(p *Pass) {
	for _, s := range p.Project.Services {
		n := s.Node.Get("image")
		if n == nil || n.Kind != compose.Scalar || n.Value == "" || unresolved(p, n) || s.Build != nil {
			continue // with build:, image: names what is built, not what is pulled
		}
		ref := n.Value
		if strings.Contains(ref, "@") {
			continue // a digest pins it
		}
		name, tag := ref, ""
		if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
			name, tag = ref[:i], ref[i+1:]
		}
		switch tag {
		case "":
			p.Report(diag.Diagnostic{Range: n.Range,
				Message: fmt.Sprintf("service %q uses image %q without a tag; pin a version tag or a digest", s.Name, ref),
				Why:     fmt.Sprintf("Docker pulls %s:latest, whatever that is today", name)})
		case "latest":
			p.Report(diag.Diagnostic{Range: n.Range,
				Message: fmt.Sprintf("service %q uses image %q; pin a version tag or a digest", s.Name, ref),
				Why:     "latest moves with every release"})
		}
	}
}
