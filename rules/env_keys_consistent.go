package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

// Example and UseInstead hold a project: compose file, .env, .env.example.
var envKeysConsistent = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-keys-consistent", Severity: diag.Info, Enabled: true,
		Summary: "the project's .env and its .env.example list different keys",
		What: "Compares the .env a project reads with the template committed next to it (.env.example, .env.sample, .env.template or .env.dist): " +
			"a key of the template missing from .env, and a key of .env missing from the template. It judges the project Compose loads, not the folder: " +
			"nothing is compared when the project has no .env (the usual state of a fresh clone; unset-variable covers that). " +
			"The suggested fix appends the missing key: with the template's value to .env, with an empty value to the template (values in .env may be secrets).",
		Why: "The template is how the next developer learns which variables the stack needs: a key added to .env but not to the template breaks their first `up`, " +
			"and a key of the template missing from .env is a setting this checkout silently runs without.",
		Example:    "# file: compose.yaml\nservices:\n  api:\n    image: node:22\n    environment:\n      - DB_HOST=${DB_HOST}\n# file: .env\nDB_HOST=db\nDEBUG=1\n# file: .env.example\nDB_HOST=db\n",
		UseInstead: "# file: compose.yaml\nservices:\n  api:\n    image: node:22\n    environment:\n      - DB_HOST=${DB_HOST}\n# file: .env\nDB_HOST=db\nDEBUG=1\n# file: .env.example\nDB_HOST=db\nDEBUG=\n",
	},
	Check: checkEnvKeysConsistent,
}

func checkEnvKeysConsistent(p *Pass) {
	tmpl := p.Project.EnvTemplate
	if tmpl == nil {
		return
	}
	// The file the template stands for lies beside it: an include's
	// env_file elsewhere (laradock's adminer/defaults.env) is not made
	// from the root's .env.example.
	var env *compose.EnvFile
	for _, ef := range p.Project.EnvFiles {
		if ef.Role&compose.RoleProject != 0 && filepath.Dir(ef.Src.Path) == filepath.Dir(tmpl.Src.Path) {
			env = ef
			break
		}
	}
	if env == nil {
		return
	}
	has := func(ef *compose.EnvFile, k string) bool {
		for _, e := range ef.Parsed.Entries {
			if e.Key == k {
				return true
			}
		}
		return false
	}
	envName, tmplName := filepath.Base(env.Src.Path), filepath.Base(tmpl.Src.Path)
	seen := map[string]bool{}
	for _, e := range tmpl.Parsed.Entries {
		if e.Key == "" || seen[e.Key] || has(env, e.Key) {
			continue
		}
		seen[e.Key] = true
		line := strings.TrimSpace(string(tmpl.Src.Data[e.Range.Start.Offset:e.Range.End.Offset]))
		if strings.Contains(line, "\n") {
			line = e.Key + "="
		}
		p.Report(diag.Diagnostic{Range: e.KeyRange,
			Message: fmt.Sprintf("%q is in %s but not in %s; add it to %s", e.Key, tmplName, envName, envName),
			Why:     fmt.Sprintf("this checkout runs without it; remove it from %s instead if nothing reads it any more", tmplName),
			Fix:     appendLine(env, line, fmt.Sprintf("add %q to %s", e.Key, envName))})
	}
	seen = map[string]bool{}
	for _, e := range env.Parsed.Entries {
		if e.Key == "" || seen[e.Key] || has(tmpl, e.Key) {
			continue
		}
		seen[e.Key] = true
		p.Report(diag.Diagnostic{Range: e.KeyRange,
			Message: fmt.Sprintf("%q is in %s but not in %s; add it there (without a secret value)", e.Key, envName, tmplName),
			Why:     fmt.Sprintf("%s is the template the next checkout starts from", tmplName),
			Fix:     appendLine(tmpl, e.Key+"=", fmt.Sprintf("add %q to %s with an empty value", e.Key, tmplName))})
	}
}

// appendLine is a suggestion that adds a line at the end of an env file.
func appendLine(ef *compose.EnvFile, line, desc string) *diag.Fix {
	data := ef.Src.Data
	text := line + "\n"
	if len(data) > 0 && data[len(data)-1] != '\n' {
		text = "\n" + text
	}
	return &diag.Fix{Description: desc, Unsafe: true,
		Edits: []diag.TextEdit{{Range: ef.Src.Range(len(data), len(data)), NewText: text}}}
}
