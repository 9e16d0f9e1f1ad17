package rules

import (
	"bytes"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dotenv"
)

// The Example and UseInstead of the env rules are .env files: the docs
// meta-test lints them as a standalone env file.
var envSyntax = &Rule{
	RuleInfo: dotenv.SyntaxRule,
	Check:    checkEnvSyntax,
}

func checkEnvSyntax(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		f := ef.Parsed
		if i := bytes.IndexByte(ef.Src.Data, 0); i >= 0 {
			// Compose reads it, but the value it loads holds binary data:
			// a text file was saved in the wrong encoding or corrupted.
			p.Report(diag.Diagnostic{Range: ef.Src.Range(i, i+1),
				Message: "the file contains a NUL byte; save it as UTF-8 text",
				Why:     "it is not a text file (UTF-16 or a corrupted save?)"})
		}
		for _, pr := range f.Problems {
			p.Report(diag.Diagnostic{Range: pr.Range, Message: pr.Message, Why: envRefusal(pr.Why)})
		}
		for _, w := range f.Warnings {
			if afterQuote(ef, w.Range) {
				continue // env-quoting explains it
			}
			p.Report(diag.Diagnostic{Severity: diag.Warning, Range: w.Range, Message: w.Message, Why: w.Why})
		}
	}
}

// envRefusal is the explanation of a parse error: the scanner's, which
// says what the error does at runtime or is completed with it.
func envRefusal(why string) string {
	switch {
	case strings.Contains(why, "refuses"):
		return why
	case why == "":
		return "compose refuses to load the file"
	}
	return why + "; compose refuses to load the file"
}

// afterQuote reports whether a warning is the scanner's "text after the
// closing quote" one: it ends where some entry's trailing text ends.
func afterQuote(ef *compose.EnvFile, r diag.Range) bool {
	for _, e := range ef.Parsed.Entries {
		if e.Trailing != nil && e.Trailing.End.Offset == r.End.Offset {
			return true
		}
	}
	return false
}

// envFiles returns the project's env files once each (an included
// project's .env may be read twice).
func envFiles(p *compose.Project) []*compose.EnvFile {
	seen := map[string]bool{}
	var out []*compose.EnvFile
	for _, ef := range p.EnvFiles {
		if ef.Parsed == nil || ef.Src == nil || seen[ef.Src.Path] {
			continue
		}
		seen[ef.Src.Path] = true
		out = append(out, ef)
	}
	return out
}
