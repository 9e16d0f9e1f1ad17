package rules

import (
	"fmt"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// Example and UseInstead are .env files.
var envKeyCase = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-key-case", Severity: diag.Info, Enabled: false,
		Summary: "a .env key with lower-case letters",
		What: "Reports a key of a .env or env_file file that has lower-case letters, with a suggestion to upper-case it. Off by default: a convention, " +
			"and some programs read lower-case names on purpose.",
		Why:        "Environment variable names are case-sensitive: ${db_host} and ${DB_HOST} are different variables, and a mixed-case file invites exactly that mismatch.",
		Example:    "db_host=db\n",
		UseInstead: "DB_HOST=db\n",
	},
	Check: checkEnvKeyCase,
}

func checkEnvKeyCase(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		for _, e := range ef.Parsed.Entries {
			up := strings.ToUpper(e.Key)
			if e.Key == "" || up == e.Key {
				continue
			}
			p.Report(diag.Diagnostic{Range: e.KeyRange,
				Message: fmt.Sprintf("key %q has lower-case letters; write it %q, and rename its uses", e.Key, up),
				Fix: &diag.Fix{Description: fmt.Sprintf("rename the key %q", up), Unsafe: true,
					Edits: []diag.TextEdit{{Range: e.KeyRange, NewText: up}}}})
		}
	}
}
