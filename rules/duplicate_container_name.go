package rules

import (
	"fmt"
	"slices"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var duplicateContainerName = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "duplicate-container-name", Severity: diag.Error, Enabled: true,
		Summary: "two services set the same container_name",
		What: "Reports a container_name that another service of the project already uses, at every definition after the first. " +
			"Services whose profiles never run together (both have profiles, none shared) are left alone; services that start together only under some profiles " +
			"(a profile one of them has, or that extends gave both) are reported as a warning that names those profiles.",
		Why: "Docker container names are unique per engine: `docker compose up` creates the first container and fails on the second " +
			"with \"Conflict. The container name ... is already in use\", so the stack never starts whole.",
		Example:    "services:\n  api:\n    image: node:22\n    container_name: app\n  worker:\n    image: node:22\n    container_name: app\n",
		UseInstead: "services:\n  api:\n    image: node:22\n    container_name: app-api\n  worker:\n    image: node:22\n    container_name: app-worker\n",
	},
	Check: checkDuplicateContainerName,
}

func checkDuplicateContainerName(p *Pass) {
	byName := map[string][]*compose.Service{}
	var names []string
	for _, s := range p.Project.Services {
		n := s.ContainerName
		if n == nil || n.Kind != compose.Scalar || n.Value == "" || unresolved(p, n) {
			continue
		}
		if byName[n.Value] == nil {
			names = append(names, n.Value)
		}
		byName[n.Value] = append(byName[n.Value], s)
	}
	for _, name := range names {
		ss := byName[name]
		if len(ss) < 2 {
			continue
		}
		slices.SortStableFunc(ss, func(a, b *compose.Service) int {
			return diag.Compare(diag.Diagnostic{Range: a.ContainerName.Range}, diag.Diagnostic{Range: b.ContainerName.Range})
		})
		for i, s := range ss {
			for _, first := range ss[:i] {
				if !mayRunTogether(first, s) || first.ContainerName == s.ContainerName {
					continue // one anchor shared by both is reported once, below
				}
				msg, sev := fmt.Sprintf("service %q reuses container_name %q of service %q; give each service its own name", s.Name, name, first.Name), diag.Error
				if cond := profileNote(first, s); cond != "" {
					// Only some ways of running the project fail.
					msg, sev = fmt.Sprintf("with %s, service %q reuses container_name %q of %q; rename one", cond, s.Name, name, first.Name), diag.Warning
				}
				p.Report(diag.Diagnostic{Range: s.ContainerName.Range, Message: msg, Severity: sev,
					Why:     "Docker creates one container and refuses the other; or drop container_name and let Compose name them",
					Related: []diag.Related{{Range: first.ContainerName.Range, Message: fmt.Sprintf("service %q sets it here", first.Name)}}})
				break
			}
		}
		// An anchor shared by several services: one finding at the anchor.
		for i, s := range ss {
			if i > 0 && ss[i-1].ContainerName == s.ContainerName && (i < 2 || ss[i-2].ContainerName != s.ContainerName) && mayRunTogether(ss[i-1], s) {
				msg, sev := fmt.Sprintf("container_name %q is shared by services %q and %q through this anchor; give each service its own name", name, ss[i-1].Name, s.Name), diag.Error
				if cond := profileNote(ss[i-1], s); cond != "" {
					msg, sev = fmt.Sprintf("with %s, services %q and %q share container_name %q through this anchor; rename one", cond, ss[i-1].Name, s.Name, name), diag.Warning
				}
				p.Report(diag.Diagnostic{Range: s.ContainerName.Range, Message: msg, Severity: sev,
					Why: "Docker creates one container and refuses the other"})
			}
		}
	}
}
