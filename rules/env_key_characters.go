package rules

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

// Example and UseInstead are projects: a compose file and its .env.
var envKeyCharacters = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-key-characters", Severity: diag.Warning, Enabled: true,
		Summary: "a key of the project .env that no ${...} can name",
		What: "Reports a key of the project's .env (the file Compose interpolates from) that is not a shell name, [A-Za-z_][A-Za-z0-9_]*: " +
			"Compose's .env parser accepts \".\", \"-\", \"[\", \"]\" and a leading digit, but ${...} cannot name such a key and a shell that sources the file stops there. " +
			"Keys of env_file: files are left alone: there the container gets the name as written, which some programs read (Spring's \"spring.datasource.url\").",
		Why: "A key only interpolation reads but interpolation cannot name is a setting that silently does nothing: ${DB-HOST} is the variable DB with a default of HOST, " +
			"and `set -a; . ./.env` fails with \"not a valid identifier\".",
		Example:    "# file: compose.yaml\nservices:\n  api:\n    image: node:22\n    environment:\n      - DB_HOST=${DB_HOST}\n# file: .env\nDB-HOST=db\n",
		UseInstead: "# file: compose.yaml\nservices:\n  api:\n    image: node:22\n    environment:\n      - DB_HOST=${DB_HOST}\n# file: .env\nDB_HOST=db\n",
	},
	Check: checkEnvKeyCharacters,
}

// notShellName matches what a name may not hold.
var notShellName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[^A-Za-z0-9_]`)
})

// isShellName: letters, digits and '_', not starting with a digit.
func isShellName(s string) bool {
	for i := range len(s) {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

func checkEnvKeyCharacters(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		if ef.Role != compose.RoleProject {
			continue
		}
		for _, e := range ef.Parsed.Entries {
			if e.Key == "" || isShellName(e.Key) {
				continue
			}
			fixed := notShellName().ReplaceAllString(e.Key, "_")
			if fixed[0] >= '0' && fixed[0] <= '9' {
				fixed = "_" + fixed
			}
			d := diag.Diagnostic{Range: e.KeyRange,
				Message: fmt.Sprintf("key %q of the project .env is not a name ${...} can refer to; rename it %q", e.Key, fixed),
				Why:     "interpolation never reads it, and a shell sourcing the file stops here; a name is letters, digits and \"_\", not starting with a digit"}
			if isShellName(fixed) {
				// Renaming a key changes what reads it: a suggestion.
				d.Fix = &diag.Fix{Description: fmt.Sprintf("rename the key %q", fixed), Unsafe: true,
					Edits: []diag.TextEdit{{Range: e.KeyRange, NewText: fixed}}}
			}
			p.Report(d)
		}
	}
}
