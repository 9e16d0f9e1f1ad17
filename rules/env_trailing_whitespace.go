package rules

import (
	"github.com/reachlint/reachlint/linter/diag"
)

// Example and UseInstead are .env files.
var envTrailingWhitespace = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-trailing-whitespace", Severity: diag.Info, Enabled: false,
		Summary: "a .env line ends with spaces or tabs",
		What: "Reports spaces and tabs at the end of a line of a .env or env_file file, except inside a quoted value that spans lines (where they are part of the value), " +
			"with a fix that removes them. Off by default: Compose drops them from unquoted values, so they change nothing it loads.",
		Why: "Other readers of the same file keep them: a shell that sources it, an editor's copy and paste, a dotenv library that does not trim, " +
			"and a password with an invisible trailing space fails only there.",
		Example:    "DB_PASSWORD=secret   \n",
		UseInstead: "DB_PASSWORD=secret\n",
	},
	Check: checkEnvTrailingWhitespace,
}

func checkEnvTrailingWhitespace(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		data := ef.Src.Data
		inValue := func(off int) bool {
			for _, e := range ef.Parsed.Entries {
				if e.Quote != 0 && e.ValueRange.Start.Line != e.ValueRange.End.Line && off >= e.ValueRange.Start.Offset && off < e.ValueRange.End.Offset {
					return true
				}
			}
			return false
		}
		start := 0
		for start <= len(data) {
			end := start
			for end < len(data) && data[end] != '\n' {
				end++
			}
			lineEnd := end
			if lineEnd > start && data[lineEnd-1] == '\r' {
				lineEnd--
			}
			ws := lineEnd
			for ws > start && (data[ws-1] == ' ' || data[ws-1] == '\t') {
				ws--
			}
			if ws < lineEnd && !inValue(ws) {
				rng := ef.Src.Range(ws, lineEnd)
				p.Report(diag.Diagnostic{Range: rng, Message: "trailing white space; remove it",
					Fix: &diag.Fix{Description: "remove the trailing white space", Edits: []diag.TextEdit{{Range: rng, NewText: ""}}}})
			}
			if end >= len(data) {
				break
			}
			start = end + 1
		}
	}
}
