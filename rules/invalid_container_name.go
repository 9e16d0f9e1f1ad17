package rules

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var invalidContainerName = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "invalid-container-name", Severity: diag.Error, Enabled: true,
		Summary: "a container_name Docker rejects",
		What: "Reports a container_name that Docker's name rule, [a-zA-Z0-9][a-zA-Z0-9_.-]+ over the whole name, rejects: a space, a slash, a colon. " +
			"The Compose schema checks the same pattern unanchored, so it accepts \"my app\" and \"web:1\"; names it already refuses are left to compose-schema.",
		Why:        "Compose passes the name to the engine, which refuses to create the container (\"Invalid container name\") when `up` reaches the service: the file validates, the stack does not start.",
		Example:    "services:\n  web:\n    image: nginx:1.27\n    container_name: my web\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n    container_name: my-web\n",
	},
	Check: checkInvalidContainerName,
}

var (
	dockerName = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)
	})
	schemaName = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[a-zA-Z0-9][a-zA-Z0-9_.-]+`)
	})
	nameBadChars = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)
	})
)

func checkInvalidContainerName(p *Pass) {
	for _, s := range p.Project.Services {
		n := s.ContainerName
		if n == nil || n.Kind != compose.Scalar || n.Value == "" || unresolved(p, n) {
			continue
		}
		v := n.Value
		if dockerName().MatchString(v) || !schemaName().MatchString(v) {
			continue
		}
		d := diag.Diagnostic{Range: n.Range,
			Message: fmt.Sprintf("service %q sets container_name %q, which Docker refuses", s.Name, v),
			Why:     "a name is a letter or digit followed by letters, digits, \"_\", \".\" or \"-\""}
		if fixed := nameBadChars().ReplaceAllString(v, "-"); dockerName().MatchString(fixed) {
			d.Message += fmt.Sprintf("; use %q", fixed)
			if rng, ok := n.ExactRange(0, len(v)); ok && n.Segs == nil {
				// Renaming changes what other tools (docker exec, scripts) call
				// the container: a suggestion.
				d.Fix = &diag.Fix{Description: fmt.Sprintf("rename the container %q", fixed), Unsafe: true,
					Edits: []diag.TextEdit{{Range: rng, NewText: fixed}}}
			}
		}
		p.Report(d)
	}
}
