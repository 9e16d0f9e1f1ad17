package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var unsetVariable = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "unset-variable", Severity: diag.Warning, Enabled: true,
		Summary:    "a ${VAR} in a compose file that nothing defines",
		What:       "Reports ${VAR} and $VAR in compose files that no .env, --env-file or (unless --no-env) process environment defines and that have no default: a warning, because Compose substitutes an empty string; an error for ${VAR:?message}, because Compose refuses to start. ${VAR:-default}, ${VAR-default} and ${VAR:+alt} are fine. Under --no-env, variables every login shell exports (HOME, USER, PATH, PWD, ...) count as set; COMPOSE_PROJECT_NAME always is.",
		Why:        "An empty substitution starts the container with a broken image tag, URL or port, and Compose only prints a warning that scrolls away.",
		Example:    "services:\n  api:\n    image: nginx\n    environment:\n      API_URL: http://${API_HOST}:3000\n",
		UseInstead: "services:\n  api:\n    image: nginx\n    environment:\n      API_URL: http://${API_HOST:-api}:3000\n",
	},
	Check: checkUnsetVariable,
}

// shellVars are exported by every login shell; under --no-env their
// absence says nothing about the real run. (UID is not among them: bash
// sets it without exporting it.)
var shellVars = []string{"HOME", "USER", "PATH", "PWD", "SHELL", "LOGNAME", "LANG", "TERM"}

func checkUnsetVariable(p *Pass) {
	proj := p.Project
	places, process := proj.LookupPlaces()
	for _, ref := range proj.VarUses {
		u := ref.Use
		if u.Set || u.Op != "" || builtinVar(u.Name, process) {
			continue // a default, an alternative, or a required variable (below)
		}
		p.Report(diag.Diagnostic{
			Range: ref.Node.RawRange(u.RawStart, u.RawEnd),
			Message: fmt.Sprintf("variable %q is not set and has no default: Compose substitutes an empty string (%s)%s; define %s in %s, or write ${%s:-default}",
				u.Name, lookedUp(places, process), envFileHint(proj, u.Name), u.Name, defineIn(places), u.Name),
		})
	}
	for _, rq := range proj.Required {
		if builtinVar(rq.Name, process) {
			continue
		}
		state := "is not set"
		if v, _, ok := proj.Lookup(rq.Name); ok && v == "" {
			state = "is empty"
		}
		why := ""
		if rq.Message != "" {
			why = fmt.Sprintf(" with %q", rq.Message)
		}
		p.Report(diag.Diagnostic{Severity: diag.Error, Range: rq.Range,
			Message: fmt.Sprintf("required variable %q %s: Compose refuses to start%s (%s)%s; define %s in %s",
				rq.Name, state, why, lookedUp(places, process), envFileHint(proj, rq.Name), rq.Name, defineIn(places)),
		})
	}
}

func builtinVar(name string, process bool) bool {
	return name == "COMPOSE_PROJECT_NAME" || (!process && slices.Contains(shellVars, name))
}

// lookedUp says where the variable was searched.
func lookedUp(places []compose.LookupPlace, process bool) string {
	var parts []string
	for _, pl := range places {
		if pl.Missing {
			parts = append(parts, pl.Path+" (missing)")
		} else {
			parts = append(parts, pl.Path)
		}
	}
	if process {
		parts = append(parts, "the process environment")
	} else {
		parts = append(parts, "not the process environment (--no-env)")
	}
	return "looked up in " + strings.Join(parts, ", ")
}

// defineIn names the file to add the variable to.
func defineIn(places []compose.LookupPlace) string {
	if len(places) > 0 {
		return places[0].Path
	}
	return ".env"
}

// envFileHint explains a variable that an env_file sets: those values go
// to the container only, never into ${} interpolation.
func envFileHint(p *compose.Project, name string) string {
	for _, ef := range envFiles(p) {
		if ef.Role != "env_file" {
			continue
		}
		if _, ok := ef.Parsed.Lookup(name); ok {
			return fmt.Sprintf("; %s sets it, but env_file: values reach only the container, not ${} in compose files", ef.Src.Path)
		}
	}
	return ""
}
