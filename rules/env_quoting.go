package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dotenv"
)

// Example and UseInstead are .env files.
var envQuoting = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "env-quoting", Severity: diag.Warning, Enabled: true,
		Summary:    "quoting in a .env file makes Compose load another value than written",
		What:       "Reports .env values whose quoting changes what Compose loads: an unquoted value cut by \" #\" where the cut text looks like part of the value (\"#123\", not \"# comment\"), an unquoted value with an unmatched quote or backquotes (which Compose keeps literally), text after a closing quote (read as another variable; text Compose cannot parse there is env-syntax's error), and a quoted value that runs over following lines that look like variables (a missing closing quote).",
		Why:        "Compose accepts these lines without a word but the container gets a truncated or different value, or variables vanish into another value; the failure shows up later as a wrong password or URL.",
		Example:    "DB_PASSWORD=s3cret #42\n",
		UseInstead: "DB_PASSWORD=\"s3cret #42\"\n",
	},
	Check: checkEnvQuoting,
}

func checkEnvQuoting(p *Pass) {
	for _, ef := range envFiles(p.Project) {
		for _, e := range ef.Parsed.Entries {
			if e.Key == "" || e.Bare {
				continue
			}
			cutValue(p, ef, e)
			strayQuote(p, e)
			trailing(p, ef, e)
			runaway(p, ef, e)
		}
	}
}

// cutValue: `KEY=abc #123` loads "abc". A comment usually reads like one
// ("# text", several words); a single token glued to "#" looks like data.
func cutValue(p *Pass, ef *compose.EnvFile, e dotenv.Entry) {
	if e.CutComment == nil || e.Raw == "" {
		return
	}
	data := ef.Src.Data
	cut := string(data[e.CutComment.Start.Offset:e.CutComment.End.Offset])
	if len(cut) < 2 || strings.ContainsAny(cut, " \t") || cut[1] == '#' || cut[1] == '!' {
		return
	}
	whole := string(data[e.ValueRange.Start.Offset:e.CutComment.End.Offset])
	d := diag.Diagnostic{
		Range:   *e.CutComment,
		Message: fmt.Sprintf("the unquoted value of %q is cut at \" #\"; quote the value if %q belongs to it", e.Key, cut),
		Why:     fmt.Sprintf("Compose loads %s and drops %q as a comment", shown(e.Key, e.Value), cut),
	}
	// Double quotes keep the meaning of the rest (interpolation included)
	// unless the text has a backslash or a double quote, which they would
	// interpret.
	if !strings.ContainsAny(whole, "\\\"") {
		rng := ef.Src.Range(e.ValueRange.Start.Offset, e.CutComment.End.Offset)
		// A suggestion, not a safe fix: quoting changes the value Compose
		// loads (it keeps what " #" cut), which only the user can want.
		d.Fix = &diag.Fix{Description: fmt.Sprintf("quote the value of %q", e.Key), Unsafe: true,
			Edits: []diag.TextEdit{{Range: rng, NewText: "\"" + whole + "\""}}}
	}
	p.Report(d)
}

// strayQuote: an unquoted value with a backquote at the start, or an
// unmatched quote at the end, is kept literally.
func strayQuote(p *Pass, e dotenv.Entry) {
	if e.StrayQuote == nil || e.Quote != 0 {
		return
	}
	raw := e.Raw
	if raw[0] == '`' {
		p.Report(diag.Diagnostic{Range: e.ValueRange,
			Message: fmt.Sprintf("the value of %q keeps its backquotes; use double or single quotes", e.Key),
			Why:     fmt.Sprintf("Compose has no backquote quoting: it loads %s", shown(e.Key, e.Value))})
		return
	}
	q := raw[len(raw)-1]
	if strings.Count(raw, string(q))%2 == 0 {
		return // balanced quotes inside a value (say "hi") are meant literally
	}
	p.Report(diag.Diagnostic{Range: *e.StrayQuote,
		Message: fmt.Sprintf("the value of %q ends with an unmatched %c; remove it, or quote the whole value on both ends", e.Key, q),
		Why:     fmt.Sprintf("Compose keeps the %c literally: it loads %s", q, shown(e.Key, e.Value))})
}

// trailing: `KEY="a" b` loads "a", and "b" becomes a variable of its own.
func trailing(p *Pass, ef *compose.EnvFile, e dotenv.Entry) {
	if e.Trailing == nil {
		return
	}
	if slices.ContainsFunc(ef.Parsed.Problems, func(pr dotenv.Problem) bool { return pr.Range.Start.Line == e.Trailing.Start.Line }) {
		return // text Compose cannot parse: it refuses the file, as env-syntax says
	}
	p.Report(diag.Diagnostic{Range: *e.Trailing,
		Message: fmt.Sprintf("text after the closing quote of %q is not part of its value; put it all inside the quotes", e.Key),
		Why:     fmt.Sprintf("Compose loads %s and reads the rest as another variable", shown(e.Key, e.Value))})
}

var assignLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*=[^=\s]`)
})

// runaway: a quoted value spanning lines that look like assignments most
// likely misses its closing quote on the first line.
func runaway(p *Pass, ef *compose.EnvFile, e dotenv.Entry) {
	if e.Quote == 0 || e.ValueRange.Start.Line == e.ValueRange.End.Line {
		return
	}
	lines := strings.Split(e.Raw, "\n")
	for i, l := range lines[1:] {
		if !assignLine().MatchString(l) {
			continue
		}
		line := e.ValueRange.Start.Line + 1 + i
		name := strings.TrimSpace(l)
		name = strings.TrimPrefix(name[:strings.IndexByte(name, '=')], "export ")
		p.Report(diag.Diagnostic{Range: ef.Src.Range(e.ValueRange.Start.Offset, e.ValueRange.Start.Offset+1),
			Message: fmt.Sprintf("the %s opened here for %q closes only on line %d; close it on line %d",
				quoteWord(e.Quote), e.Key, e.ValueRange.End.Line, e.ValueRange.Start.Line),
			Why:     fmt.Sprintf("line %d (%q) is part of its value, not a variable", line, name),
			Related: []diag.Related{{Range: e.ValueRange, Message: "the whole value Compose loads"}}})
		return
	}
}

func quoteWord(q byte) string {
	if q == '"' {
		return "double quote"
	}
	return "single quote"
}
