package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/diag"
)

// Example and UseInstead are .env files.
var envExportPrefix = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-export-prefix", Severity: diag.Info, Enabled: false,
		Summary: "a .env line starts with export",
		What: "Reports `export KEY=value` in a .env or env_file file, with a fix that removes \"export \". Off by default: Compose accepts and ignores the prefix, " +
			"and a file that a shell also sources needs it.",
		Why:        "Compose and dotenv libraries read KEY=value; export is shell syntax, and keeping it suggests the file is a shell script, where quoting and $ follow other rules than Compose's.",
		Example:    "export DB_HOST=db\n",
		UseInstead: "DB_HOST=db\n",
	},
	Check: checkEnvExportPrefix,
}

func checkEnvExportPrefix(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		for _, e := range ef.Parsed.Entries {
			if !e.Export || e.Key == "" || e.Range.Start.Line != e.KeyRange.Start.Line {
				continue
			}
			rng := ef.Src.Range(e.Range.Start.Offset, e.KeyRange.Start.Offset)
			p.Report(diag.Diagnostic{Range: rng,
				Message: fmt.Sprintf("%q is written with an export prefix; remove it unless a shell sources this file", e.Key),
				Why:     "Compose ignores the prefix",
				Fix:     &diag.Fix{Description: "remove \"export \"", Edits: []diag.TextEdit{{Range: rng, NewText: ""}}}})
		}
	}
}
