package diag

// RuleInfo is what outputs and docs know about a rule, without its check.
type RuleInfo struct {
	Name       string   // stable kebab-case id
	Title      string   // display name in PascalCase when the id's words cannot be told apart (SARIF)
	Severity   Severity // default severity
	Summary    string   // one line, lower case, no final period
	What       string   // what it reports
	Why        string   // why it fails at runtime
	Example    string   // a configuration that triggers it
	UseInstead string   // the corrected configuration
	Enabled    bool     // on by default
	Preset     string   // a group that turns it on (presets: [style] in .reachlint.yaml); "" for none
}

// DocsBase is where each rule's page (docs/rules/NAME.md, generated from
// the rule's own data) is published.
const DocsBase = "https://github.com/reachlint/reachlint/blob/main/docs/rules/"

// DocURL is the address of the rule's documentation page, for SARIF's
// helpUri, the language server's codeDescription and explain.
func (r RuleInfo) DocURL() string { return DocsBase + r.Name + ".md" }
