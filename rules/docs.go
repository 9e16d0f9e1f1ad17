package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// DocPage renders a rule's page under docs/rules from its own data; a test
// keeps the files in step (go test ./rules -run TestDocsPages -update).
func DocPage(r diag.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Generated from rules/*.go by `go test ./rules -run TestDocsPages -update`; do not edit. -->\n\n")
	fmt.Fprintf(&b, "# %s\n\n%s.\n\n", r.Name, prose(upperFirst(r.Summary)))
	enabled := "yes"
	if !r.Enabled {
		enabled = "no: turn it on with `--enable " + r.Name + "` or `rules: {enable: [" + r.Name + "]}`"
	}
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Default severity | %s |\n| On by default | %s |\n\n", r.Severity, enabled)
	fmt.Fprintf(&b, "## What it reports\n\n%s\n\n", prose(r.What))
	fmt.Fprintf(&b, "## Why it fails at runtime\n\n%s\n\n", prose(r.Why))
	if r.Example != "" {
		fmt.Fprintf(&b, "## Example\n\n%s\n", codeBlocks(r.Name, r.Example))
	}
	if r.UseInstead != "" {
		fmt.Fprintf(&b, "## Use instead\n\n%s\n", codeBlocks(r.Name, r.UseInstead))
	}
	fmt.Fprintf(&b, "## Configuration\n\n")
	fmt.Fprintf(&b, "In `.reachlint.yaml`:\n\n```yaml\nseverity:\n  %s: warning   # error, warning or info\nrules:\n  disable: [%s]\n```\n\n", r.Name, r.Name)
	switch {
	case r.Name == goAnalyzer.Name:
		fmt.Fprintf(&b, "In Go code, `//nolint:%s // reason` silences one finding under golangci-lint.\n\n", r.Name)
		fmt.Fprintf(&b, "`reachlint explain %s` prints this page in the terminal.\n", r.Name)
	case strings.HasPrefix(r.Name, "go-") || strings.HasPrefix(r.Name, "js-"):
		fmt.Fprintf(&b, "`reachlint explain %s` prints this page in the terminal.\n", r.Name)
	default:
		fmt.Fprintf(&b, "To silence one finding where it is written, with a reason:\n\n```yaml\n# reachlint-ignore %s -- why this is intended\n```\n\n", r.Name)
		fmt.Fprintf(&b, "`reachlint explain %s` prints this page in the terminal.\n", r.Name)
	}
	return b.String()
}

// codeBlocks fences an example: one block per "# file: NAME" (or
// "// file: NAME") part, each in the language of its file.
func codeBlocks(rule, text string) string {
	marker := ""
	for _, m := range []string{"# file: ", "// file: "} {
		if strings.HasPrefix(text, m) {
			marker = m
		}
	}
	if marker == "" {
		return fence(lang(rule, "", text), text)
	}
	var parts []string
	for _, part := range strings.Split(text, marker)[1:] {
		name, body, _ := strings.Cut(part, "\n")
		parts = append(parts, fmt.Sprintf("`%s`:\n\n%s", name, fence(lang(rule, name, body), body)))
	}
	return strings.Join(parts, "\n")
}

func fence(lang, body string) string {
	return "```" + lang + "\n" + strings.TrimRight(body, "\n") + "\n```\n"
}

// lang names a fenced block's language from its file name, else as the
// rule tests read an unnamed example: Go for the Go analyzer, a compose
// file when it has services:, else .env.
func lang(rule, name, body string) string {
	switch ext := path.Ext(name); {
	case ext == ".yaml" || ext == ".yml":
		return "yaml"
	case ext == ".json":
		return "json"
	case ext == ".ts" || ext == ".tsx":
		return "tsx"
	case ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs":
		return "js"
	case ext == ".go" || ext == ".mod":
		return "go"
	case name != "" && (strings.HasSuffix(name, ".env") || strings.HasPrefix(path.Base(name), ".env")):
		return "dotenv"
	case name == "" && rule == goAnalyzer.Name:
		return "go"
	case name == "" && (strings.Contains(body, "services:") || strings.Contains(body, "include:")):
		return "yaml"
	case name == "":
		return "dotenv"
	}
	return ""
}

// prose escapes what Markdown would read as markup in the rules' plain
// text: "*" (COMPOSE_*, DOCKER_*) and "<" (localhost:<published port>).
func prose(s string) string {
	return strings.NewReplacer("*", "\\*", "<", "&lt;").Replace(strings.TrimSpace(s))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DocsIndex renders docs/rules/README.md: every rule with its summary.
func DocsIndex() string {
	var b strings.Builder
	b.WriteString("<!-- Generated from rules/*.go by `go test ./rules -run TestDocsPages -update`; do not edit. -->\n\n")
	b.WriteString("# reachlint rules\n\n| rule | default severity | what it finds |\n|---|---|---|\n")
	for _, r := range All() {
		sev := r.Severity.String()
		if !r.Enabled {
			sev += " (off by default)"
		}
		fmt.Fprintf(&b, "| [`%s`](%s.md) | %s | %s |\n", r.Name, r.Name, sev, r.Summary)
	}
	return b.String()
}
