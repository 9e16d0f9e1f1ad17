package rules

import (
	"bytes"
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
		Summary: "a ${VAR} in a compose file that nothing defines",
		What: "Reports ${VAR} and $VAR in compose files that no .env, --env-file or (unless --no-env) process environment defines and that have no default: a warning, because Compose substitutes an empty string; an error for ${VAR:?message}, because Compose refuses to start. ${VAR:-default}, ${VAR-default} and ${VAR:+alt} are fine. Under --no-env, variables every login shell exports (HOME, USER, PATH, PWD, ...) count as set; COMPOSE_PROJECT_NAME always is. " +
			"In a fresh checkout, whose .env is missing while a committed template sits next to it (.env.example, .env-example, env.example, example.env, .example.env, .env.development.example and the like, or another *.env file beside it, or the template of a service's build context, such as apps/api/.env.example, that sets at least two thirds of the unset variables and that no service reads as an env_file), the variables the template sets make one informational finding per file, saying to create .env from it; the others stay warnings. A variable that another use requires (${VAR:?message}) is reported once, by that error. A variable written in text a service's shell runs (its healthcheck's test in shell form, a command or entrypoint that starts sh -c) that the service's own environment sets is reported with a fix that escapes it as $$VAR: Compose substitutes the file's variables before the container starts, so the shell never sees the service's value. A variable the .env or its template leaves commented out (# DATABASE_TYPE=postgres) is documented as optional: those a file uses make one informational finding per file. In a file written for Coolify (named like compose.coolify.yml, or saying so in its opening comments), the variables Coolify generates when it deploys it (SERVICE_PASSWORD_*, SERVICE_FQDN_*, SERVICE_HEX_64_* and the like) make one informational finding per file.",
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
	// A fresh checkout: .env is missing and a committed template sets
	// the variable. One finding per file says to create .env.
	tmpl := freshTemplate(proj)
	seeded := map[string][]seededVar{} // file -> variables the template sets
	var files []string
	required := map[string]bool{}
	for _, rq := range proj.Required {
		required[rq.Name] = true
	}
	// Variables the .env or its template leaves commented out
	// ("# DATABASE_TYPE=postgres") are documented as optional: one
	// finding per file lists them.
	optional := commentedOut(proj)
	optionals := map[string][]seededVar{}
	optionalBy := map[string]string{}
	var optFiles []string
	coolify := coolifyFiles(proj)
	generated := map[string][]seededVar{} // file -> Coolify's magic variables it uses
	var genFiles []string
	platform := func(name string, at diag.Range) bool {
		if !coolify[at.File] || !coolifyVar(name) {
			return false
		}
		if generated[at.File] == nil {
			genFiles = append(genFiles, at.File)
		}
		generated[at.File] = append(generated[at.File], seededVar{name, at})
		return true
	}
	for _, k := range order {
		g := groups[k]
		slices.SortFunc(g.uses, func(a, b diag.Range) int { return a.Start.Offset - b.Start.Offset })
		if platform(g.name, g.uses[0]) {
			continue
		}
		if tmpl.sets(g.name) {
			f := g.uses[0].File
			if seeded[f] == nil {
				files = append(files, f)
			}
			seeded[f] = append(seeded[f], seededVar{g.name, g.uses[0]})
			continue
		}
		if required[g.name] {
			continue // ${X:?message} elsewhere: its error says it, once
		}
		if by := optional[g.name]; by != "" {
			f := g.uses[0].File
			if optionals[f] == nil {
				optFiles = append(optFiles, f)
			}
			optionals[f] = append(optionals[f], seededVar{g.name, g.uses[0]})
			optionalBy[f] = by
			continue
		}
		if sv := shellReader(proj, g.uses[0], g.name); sv != nil && !slices.ContainsFunc(g.uses[1:], func(r diag.Range) bool { return shellReader(proj, r, g.name) == nil }) {
			reportShellVar(p, sv, g.name, g.uses)
			continue
		}
		more := ""
		if n := len(g.uses) - 1; n > 0 {
			more = fmt.Sprintf("; %d more use%s in this file", n, plural(n))
		}
		d := diag.Diagnostic{
			Range:   g.uses[0],
			Message: fmt.Sprintf("variable %q is not set; define it in %s or give it a default", g.name, defineIn(places)),
			Why: fmt.Sprintf("it has no default, so Compose substitutes an empty string (%s)%s%s; a default is written ${%s:-default}%s",
				lookedUp(places, process), envFileHint(proj, g.name), tmpl.lacks(g.name), g.name, more),
		}
		for _, r := range g.uses[1:] {
			d.Related = append(d.Related, diag.Related{Range: r, Message: fmt.Sprintf("%q is also used here", g.name)})
		}
		p.Report(d)
	}
	for _, rq := range proj.Required {
		if builtinVar(rq.Name, process) || platform(rq.Name, rq.Range) {
			continue
		}
		if tmpl.setsValue(rq.Name) {
			f := rq.Range.File
			if seeded[f] == nil {
				files = append(files, f)
			}
			seeded[f] = append(seeded[f], seededVar{rq.Name, rq.Range})
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
			Why:     fmt.Sprintf("Compose refuses to start%s (%s)%s%s", why, lookedUp(places, process), envFileHint(proj, rq.Name), tmpl.lacks(rq.Name)),
		})
	}
	for _, f := range files {
		reportFreshCheckout(p, tmpl, seeded[f])
	}
	for _, f := range genFiles {
		reportGenerated(p, generated[f])
	}
	for _, f := range optFiles {
		reportOptional(p, optionalBy[f], optionals[f], defineIn(places))
	}
}

// shellReader returns the service whose shell runs the text at use (its
// healthcheck's test in shell form, or a command or entrypoint that
// starts sh -c) and whose own environment sets name: what the author
// meant is the container's variable, written $$name so that Compose
// leaves it to that shell.
func shellReader(p *compose.Project, use diag.Range, name string) *compose.Service {
	for _, s := range p.Services {
		if !slices.ContainsFunc(s.Env, func(e compose.EnvVar) bool { return e.Key == name && e.Value != nil }) {
			continue
		}
		for _, n := range shellTexts(s) {
			if n.Range.File == use.File && n.Range.Start.Offset <= use.Start.Offset && use.End.Offset <= n.Range.End.Offset {
				return s
			}
		}
	}
	return nil
}

// shellTexts are the scalars of s that a shell in its container runs.
func shellTexts(s *compose.Service) []*compose.Node {
	var out []*compose.Node
	if t := s.Healthcheck.Path("test"); t != nil {
		switch {
		case t.Kind == compose.Scalar:
			out = append(out, t)
		case t.Kind == compose.Seq && len(t.Items) > 1 && t.Items[0].Value == "CMD-SHELL":
			out = append(out, t.Items[1:]...)
		}
	}
	for _, key := range []string{"command", "entrypoint"} {
		n := s.Node.Path(key)
		if n == nil || n.Kind != compose.Seq || len(n.Items) < 3 {
			continue
		}
		sh, flag := path.Base(n.Items[0].Value), n.Items[1].Value
		if (sh == "sh" || sh == "bash" || sh == "ash") && strings.HasPrefix(flag, "-") && strings.HasSuffix(flag, "c") {
			out = append(out, n.Items[2:]...)
		}
	}
	return out
}

// reportShellVar reports ${name} in text a shell of s runs, where s sets
// name itself: Compose substitutes it first, from .env, and the shell
// never sees it. The fix escapes each use.
func reportShellVar(p *Pass, s *compose.Service, name string, uses []diag.Range) {
	d := diag.Diagnostic{
		Range:   uses[0],
		Message: fmt.Sprintf("variable %q is set only in service %q; write $$ so its shell reads it", name, s.Name),
		Why:     fmt.Sprintf("Compose substitutes ${%[1]s} and $%[1]s in the file before the container starts, from .env and the process environment, not from the service's environment:, so the shell gets an empty string; $$%[1]s reaches the shell as $%[1]s", name),
		Fix:     &diag.Fix{Description: fmt.Sprintf("escape $%s as $$%s", name, name), Unsafe: true},
	}
	for _, r := range uses {
		d.Fix.Edits = append(d.Fix.Edits, diag.TextEdit{Range: diag.Range{File: r.File, Start: r.Start, End: r.Start}, NewText: "$"})
	}
	for _, r := range uses[1:] {
		d.Related = append(d.Related, diag.Related{Range: r, Message: fmt.Sprintf("%q is also used here", name)})
	}
	p.Report(d)
}

// commentedOut returns the variables the project's .env, or the template
// it is made from, writes only in a comment ("# DATABASE_TYPE=postgres"),
// each with the file that does: the project documents them as optional.
// A variable either file sets is not among them.
func commentedOut(p *compose.Project) map[string]string {
	var files []*compose.EnvFile
	for _, ef := range p.EnvFiles {
		if ef.Role&compose.RoleProject != 0 {
			files = append(files, ef)
		}
	}
	if p.EnvTemplate != nil {
		files = append(files, p.EnvTemplate)
	}
	out := map[string]string{}
	for _, ef := range files {
		for _, c := range ef.Parsed.Comments {
			if k, ok := commentedKey(c.Text); ok && !c.Inline && out[k] == "" {
				out[k] = filepath.Base(ef.Src.Path)
			}
		}
	}
	for _, ef := range files {
		for _, e := range ef.Parsed.Entries {
			delete(out, e.Key)
		}
	}
	return out
}

// commentedKey reads "# KEY=value" or "#export KEY=": the key of an
// assignment put in a comment.
func commentedKey(text string) (string, bool) {
	t := strings.TrimSpace(strings.TrimLeft(text, "#"))
	t = strings.TrimPrefix(t, "export ")
	k, _, ok := strings.Cut(t, "=")
	if !ok || k == "" || strings.ContainsAny(k[:1], "0123456789") {
		return "", false
	}
	for _, c := range k {
		if c != '_' && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return "", false
		}
	}
	return k, true
}

// reportOptional reports, once for a file, the unset variables it uses that
// by (the .env or its template) leaves commented out: informational, the
// project runs without them.
func reportOptional(p *Pass, by string, vars []seededVar, defineIn string) {
	vars = firstUses(vars)
	first := vars[0]
	msg := fmt.Sprintf("optional variable %q is not set; set it in %s if you need it", first.name, defineIn)
	why := fmt.Sprintf("%s leaves it commented out, so it is optional; Compose substitutes an empty string, and warns", by)
	if n := len(vars) - 1; n > 0 {
		msg = fmt.Sprintf("optional variable %q and %d more used here are not set; set those you need in %s", first.name, n, defineIn)
		why = fmt.Sprintf("%s leaves them commented out, so they are optional; Compose substitutes an empty string for each one not set, and warns", by)
	}
	d := diag.Diagnostic{Severity: diag.Info, Range: first.at, Message: msg, Why: why}
	const shown = 10
	for _, v := range vars[1:min(len(vars), shown+1)] {
		d.Related = append(d.Related, diag.Related{Range: v.at, Message: fmt.Sprintf("%q is commented out in %s too", v.name, by)})
	}
	p.Report(d)
}

// firstUses orders vars by position and keeps each variable's first use:
// ${X} and ${X:?} count once.
func firstUses(vars []seededVar) []seededVar {
	slices.SortStableFunc(vars, func(a, b seededVar) int { return a.at.Start.Offset - b.at.Start.Offset })
	seen := map[string]bool{}
	return slices.DeleteFunc(vars, func(v seededVar) bool {
		if seen[v.name] {
			return true
		}
		seen[v.name] = true
		return false
	})
}

// coolifyFiles are the compose files written for Coolify's Docker Compose
// deployments: named so (compose.coolify.yml), or saying so in the
// comments that open them.
func coolifyFiles(p *compose.Project) map[string]bool {
	var out map[string]bool
	for _, f := range p.Files {
		is := strings.Contains(strings.ToLower(filepath.Base(f.Path)), "coolify")
		for rest := f.Data; !is && len(rest) > 0; {
			line, next, _ := bytes.Cut(rest, []byte("\n"))
			line, rest = bytes.TrimSpace(line), next
			if len(line) > 0 && line[0] != '#' {
				break
			}
			is = bytes.Contains(bytes.ToLower(line), []byte("coolify"))
		}
		if is {
			if out == nil {
				out = map[string]bool{}
			}
			out[f.Path] = true
		}
	}
	return out
}

// coolifyVar reports one of the variables Coolify generates for a
// deployment: SERVICE_PASSWORD_DB, SERVICE_HEX_64_APP, SERVICE_FQDN_APP_3000.
func coolifyVar(name string) bool {
	rest, ok := strings.CutPrefix(name, "SERVICE_")
	if !ok {
		return false
	}
	kind, rest, _ := strings.Cut(rest, "_")
	switch kind {
	case "FQDN", "URL", "USER", "PASSWORD", "BASE64", "REALBASE64", "HEX":
	default:
		return false
	}
	for _, size := range []string{"32_", "64_", "128_"} {
		rest = strings.TrimPrefix(rest, size)
	}
	return rest != ""
}

// reportGenerated reports, once for a file written for Coolify, the
// variables Coolify generates when it deploys it: informational, since
// only a docker compose run elsewhere lacks them.
func reportGenerated(p *Pass, vars []seededVar) {
	vars = firstUses(vars)
	first := vars[0]
	msg, them := fmt.Sprintf("Coolify generates %q", first.name), "it"
	if n := len(vars) - 1; n > 0 {
		msg, them = msg+fmt.Sprintf(" and %d more used here", n), "them"
	}
	d := diag.Diagnostic{Severity: diag.Info, Range: first.at, Message: msg + "; elsewhere set " + them + " in .env",
		Why: "the file is written for Coolify's Docker Compose deployments, which generate SERVICE_PASSWORD_*, SERVICE_FQDN_* and the like when they deploy it; " +
			"docker compose run elsewhere substitutes empty strings for them, or refuses to start for a ${VAR:?}"}
	const shown = 10
	for _, v := range vars[1:min(len(vars), shown+1)] {
		d.Related = append(d.Related, diag.Related{Range: v.at, Message: fmt.Sprintf("%q is generated too", v.name)})
	}
	p.Report(d)
}

// envSeed is the committed template of a project's missing .env (a fresh
// checkout), or nil.
type envSeed struct {
	path, name string            // as displayed; base name
	env        string            // base name of the missing .env
	keys       map[string]string // name -> value in the template
}

func freshTemplate(p *compose.Project) *envSeed {
	t := p.EnvTemplate
	if !p.EnvMissing || t == nil {
		return nil
	}
	s := &envSeed{path: t.Src.Path, name: filepath.Base(t.Src.Path), env: ".env", keys: map[string]string{}}
	if places, _ := p.LookupPlaces(); len(places) > 0 {
		s.env = filepath.Base(places[0].Path)
		if d := filepath.Dir(places[0].Path); d != filepath.Dir(t.Src.Path) {
			// A build context's template (apps/api/.env.example).
			if rel, err := filepath.Rel(d, t.Src.Path); err == nil {
				s.name = filepath.ToSlash(rel)
			}
		}
	}
	for _, e := range t.Parsed.Entries {
		if e.Key != "" && !e.Unset {
			s.keys[e.Key] = e.Value
		}
	}
	return s
}

func (s *envSeed) sets(name string) bool {
	if s == nil {
		return false
	}
	_, ok := s.keys[name]
	return ok
}

// setsValue: copying the template gives the variable a value; an empty
// one still stops a ${VAR:?} from starting.
func (s *envSeed) setsValue(name string) bool { return s != nil && s.keys[name] != "" }

// lacks is the note's remark on a variable the template does not set, or
// leaves empty.
func (s *envSeed) lacks(name string) string {
	if s == nil {
		return ""
	}
	if s.sets(name) {
		return fmt.Sprintf("; %s, the template %s is created from, leaves it empty: give it a value after copying", s.name, s.env)
	}
	return fmt.Sprintf("; %s, the template %s is created from, does not set it either", s.name, s.env)
}

type seededVar struct {
	name string
	at   diag.Range // first use (or the required one) in the file
}

// reportFreshCheckout reports, once for a file, the variables it uses that
// the missing .env's template sets: informational, since a checkout has
// no .env until someone creates it from the template.
func reportFreshCheckout(p *Pass, s *envSeed, vars []seededVar) {
	vars = firstUses(vars)
	first := vars[0]
	msg := fmt.Sprintf("create %s from %s: it sets %q", s.env, s.name, first.name)
	if n := len(vars) - 1; n > 0 {
		msg += fmt.Sprintf(" and %d more used here", n)
	}
	d := diag.Diagnostic{Severity: diag.Info, Range: first.at, Message: msg,
		Why: fmt.Sprintf("%s is missing: a checkout has none (it is usually not committed) until someone copies %s; until then Compose substitutes empty strings for these variables, or refuses to start for a ${VAR:?}",
			s.env, s.path)}
	const shown = 10 // the headline counts them all
	for _, v := range vars[1:min(len(vars), shown+1)] {
		d.Related = append(d.Related, diag.Related{Range: v.at, Message: fmt.Sprintf("%q is set in %s too", v.name, s.name)})
	}
	p.Report(d)
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
