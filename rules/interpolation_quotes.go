package rules

import (
	"fmt"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var interpolationQuotes = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "interpolation-quotes", Severity: diag.Warning, Enabled: true,
		Summary: "quotes around a ${VAR:-default} default end up in the value",
		What: "Reports a default or alternative value of a Compose interpolation (${VAR:-\"x\"}, ${VAR-'x'}, ${VAR:+\"x\"}) written between quotes " +
			"in a service's environment or build args. Quotes in command, entrypoint or healthcheck strings, which a shell may strip, are not reported.",
		Why: "Compose does not strip quotes inside ${...} as a shell would: where the variable is unset, the container gets the quote characters as part of the value, " +
			"and a URL or host name with them is invalid.",
		Example:    "services:\n  bot:\n    image: python:3.12-slim\n    environment:\n      LANGCHAIN_ENDPOINT: ${LANGCHAIN_ENDPOINT-\"https://api.smith.langchain.com\"}\n",
		UseInstead: "services:\n  bot:\n    image: python:3.12-slim\n    environment:\n      LANGCHAIN_ENDPOINT: ${LANGCHAIN_ENDPOINT-https://api.smith.langchain.com}\n",
	},
	Check: checkInterpolationQuotes,
}

func checkInterpolationQuotes(p *Pass) {
	// The value nodes of environment variables and build args, written in
	// compose files (an env_file has its own quoting rules).
	type place struct {
		file string
		off  int
	}
	values := map[place]*compose.Service{} // by where the scalar starts: the variants' nodes are copies
	for _, s := range p.Project.Services {
		for _, e := range append(append([]compose.EnvVar(nil), s.Env...), s.BuildArgs...) {
			if e.From != compose.FromEnvironment && e.From != compose.FromBuildArgs {
				continue
			}
			for _, n := range []*compose.Node{e.Value, e.KeyAt} {
				if n != nil && n.Range.File != "" {
					if k := (place{n.Range.File, n.Range.Start.Offset}); values[k] == nil {
						values[k] = s
					}
				}
			}
		}
	}
	type at struct {
		n     *compose.Node
		start int
	}
	seen := map[at]bool{}
	for _, ref := range p.Project.VarUses {
		u := ref.Use
		s := values[place{ref.Node.Range.File, ref.Node.Range.Start.Offset}]
		if s == nil || !quoted(u.Arg) {
			continue
		}
		switch u.Op {
		case ":-", "-", ":+", "+":
		default:
			continue // ${VAR:?"message"}: the quotes are in the error message only
		}
		start := u.RawStart + 2 + len(u.Name) + len(u.Op)
		end := start + len(u.Arg)
		if end > len(ref.Node.Raw) || ref.Node.Raw[start:end] != u.Arg || seen[at{ref.Node, start}] {
			continue
		}
		seen[at{ref.Node, start}] = true
		rng := ref.Node.RawRange(start, end)
		unquoted := u.Arg[1 : len(u.Arg)-1]
		what := "default"
		when := fmt.Sprintf("where %s is unset", u.Name)
		if u.Op == ":+" || u.Op == "+" {
			what, when = "alternative value", fmt.Sprintf("where %s is set", u.Name)
		}
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("the %s of ${%s} keeps its quotes; write %q", what, u.Name, "${"+u.Name+u.Op+unquoted+"}"),
			Why: fmt.Sprintf("Compose does not strip quotes inside ${...}: %s, service %q gets %s, quote characters included",
				when, s.Name, u.Arg)}
		if exactRaw(ref.Node, rng, start, end) {
			d.Fix = &diag.Fix{Description: "remove the quotes", Unsafe: true, Edits: []diag.TextEdit{{Range: rng, NewText: unquoted}}}
		}
		p.Report(d)
	}
}

// quoted reports a text between a matching pair of quotes.
func quoted(s string) bool {
	return len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0]
}

// exactRaw reports whether rng, from n.RawRange(start, end), is where
// Raw[start:end] is written byte for byte (not the whole scalar, as for a
// value with YAML escapes).
func exactRaw(n *compose.Node, rng diag.Range, start, end int) bool {
	return rng != n.Range && rng.End.Offset-rng.Start.Offset == end-start
}
