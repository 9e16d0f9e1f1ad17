package rules

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

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
	// One finding per variable and file, at its first use: a file that
	// expects a variable from the deploy environment would otherwise
	// flood the output.
	type group struct {
		name string
		uses []diag.Range
	}
	groups := map[string]*group{}
	var order []string
	for _, ref := range proj.VarUses {
		u := ref.Use
		if u.Set || u.Op != "" || builtinVar(u.Name, process) {
			continue // a default, an alternative, or a required variable (below)
		}
		rng := ref.Node.RawRange(u.RawStart, u.RawEnd)
		k := rng.File + "\x00" + u.Name
		g := groups[k]
		if g == nil {
			g = &group{name: u.Name}
			groups[k] = g
			order = append(order, k)
		}
		if !slices.Contains(g.uses, rng) {
			g.uses = append(g.uses, rng)
		}
	}
	for _, k := range order {
		g := groups[k]
		slices.SortFunc(g.uses, func(a, b diag.Range) int { return a.Start.Offset - b.Start.Offset })
		more := ""
		if n := len(g.uses) - 1; n > 0 {
			more = fmt.Sprintf("; %d more use%s in this file", n, plural(n))
		}
		d := diag.Diagnostic{
			Range:   g.uses[0],
			Message: fmt.Sprintf("variable %q is not set; define it in %s or give it a default", g.name, defineIn(places)),
			Why: fmt.Sprintf("it has no default, so Compose substitutes an empty string (%s)%s; a default is written ${%s:-default}%s",
				lookedUp(places, process), envFileHint(proj, g.name), g.name, more),
		}
		for _, r := range g.uses[1:] {
			d.Related = append(d.Related, diag.Related{Range: r, Message: fmt.Sprintf("%q is also used here", g.name)})
		}
		p.Report(d)
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
			Message: fmt.Sprintf("required variable %q %s; define it in %s", rq.Name, state, defineIn(places)),
			Why:     fmt.Sprintf("Compose refuses to start%s (%s)%s", why, lookedUp(places, process), envFileHint(proj, rq.Name)),
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

// defineIn names the file to add the variable to, the first place the
// note's "looked up in" lists: a long path by its base name, so that the
// headline fits a line (the note has the whole path).
func defineIn(places []compose.LookupPlace) string {
	if len(places) == 0 {
		return ".env"
	}
	p := places[0].Path
	if utf8.RuneCountInString(p) > 20 {
		return path.Base(filepath.ToSlash(p))
	}
	return p
}

// envFileHint explains a variable that an env_file sets: those values go
// to the container only, never into ${} interpolation.
func envFileHint(p *compose.Project, name string) string {
	if name == "UID" || name == "GID" {
		return "; shells do not export " + name + ", so even a terminal run gets an empty string"
	}
	for _, ef := range envFiles(p) {
		if ef.Role&compose.RoleEnvFile == 0 || ef.Role&compose.RoleProject != 0 {
			continue
		}
		if _, ok := ef.Parsed.Lookup(name); ok {
			return fmt.Sprintf("; %s sets it, but env_file: values reach only the container, not ${} in compose files", ef.Src.Path)
		}
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
