package rules

import "github.com/reachlint/reachlint/linter/diag"

// Example and UseInstead are .env files.
var envFinalNewline = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-final-newline", Severity: diag.Info, Enabled: false,
		Summary: "a .env file does not end with a line break",
		What:    "Reports a non-empty .env or env_file file whose last line has no line break, with a fix that adds one. Off by default: Compose reads the last line all the same.",
		Why: "Tools that append to the file (`echo KEY=v >> .env`) glue the new key onto the last value, and `read`-based shell loops skip the last line; " +
			"and Compose releases built on compose-go before v2.17.0 read a bare key on an unterminated last line as the value of a variable without a name.",
		Example:    "DB_HOST=db",
		UseInstead: "DB_HOST=db\n",
	},
	Check: checkEnvFinalNewline,
}

func checkEnvFinalNewline(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		data := ef.Src.Data
		if len(data) == 0 || data[len(data)-1] == '\n' {
			continue
		}
		at := ef.Src.Range(len(data), len(data))
		p.Report(diag.Diagnostic{Range: at, Message: "the file does not end with a line break; add one",
			Fix: &diag.Fix{Description: "add a line break at the end", Edits: []diag.TextEdit{{Range: at, NewText: "\n"}}}})
	}
}
