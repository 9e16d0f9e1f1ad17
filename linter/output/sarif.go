package output

import (
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
)

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "reachlint"
	toolURI      = "https://github.com/reachlint/reachlint"
)

// The subset of SARIF 2.1.0 that reachlint emits; field order is output order.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

// GitHub code scanning reads problem.severity.
type sarifRuleProperty struct {
	ProblemSeverity string `json:"problem.severity"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn"`
	EndLine     int        `json:"endLine"`
	EndColumn   int        `json:"endColumn"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// problemSeverity is GitHub's code-scanning severity property.
func problemSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "recommendation"
}

// writeSARIF prints one run. Every rule in Options.Rules is listed, sorted
// by id; a rule that reports without being listed (an engine rule such as
// yaml-syntax, if the caller left it out) gets a minimal entry so that every
// ruleIndex is valid.
func writeSARIF(w io.Writer, ds []diag.Diagnostic, c *context) error {
	rules := slices.Clone(c.opts.Rules)
	slices.SortFunc(rules, func(a, b diag.RuleInfo) int { return strings.Compare(a.Name, b.Name) })
	rules = slices.CompactFunc(rules, func(a, b diag.RuleInfo) bool { return a.Name == b.Name })
	index := map[string]int{}
	for i, r := range rules {
		index[r.Name] = i
	}
	for _, d := range ds {
		if _, ok := index[d.Rule]; !ok {
			index[d.Rule] = len(rules)
			rules = append(rules, diag.RuleInfo{Name: d.Rule, Severity: d.Severity, Summary: d.Rule, Enabled: true})
		}
	}
	driver := sarifDriver{
		Name:           toolName,
		Version:        c.opts.ToolVersion,
		InformationURI: toolURI,
		Rules:          make([]sarifRule, 0, len(rules)),
	}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	results := make([]sarifResult, 0, len(ds))
	for _, d := range ds {
		res := sarifResult{
			RuleID:              d.Rule,
			RuleIndex:           index[d.Rule],
			Level:               sarifLevel(d.Severity),
			Message:             sarifText{c.mask(d.Text())},
			Locations:           []sarifLocation{c.sarifLocation(d.Range, true)},
			PartialFingerprints: map[string]string{"reachlint/v1": c.fingerprint(d)},
		}
		for i, r := range d.Related {
			loc := c.sarifLocation(r.Range, false)
			loc.ID = &i
			loc.Message = &sarifText{c.mask(r.Message)}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		if d.Fix != nil && len(d.Fix.Edits) > 0 {
			res.Fixes = []sarifFix{c.sarifFix(d.Fix)}
		}
		results = append(results, res)
	}
	return writeIndentedJSON(w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:       sarifTool{driver},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	})
}

func sarifRuleOf(r diag.RuleInfo) sarifRule {
	short := r.Summary
	if short == "" {
		short = r.Name
	}
	full := strings.TrimSpace(strings.Join(nonEmpty(r.What, r.Why), " "))
	if full == "" {
		full = short
	}
	return sarifRule{
		ID:                   r.Name,
		Name:                 cmpOr(r.Title, pascal(r.Name)),
		ShortDescription:     sarifText{sentence(short)},
		FullDescription:      sarifText{sentence(full)},
		Help:                 sarifHelp{Text: ruleHelpText(r), Markdown: ruleHelpMarkdown(r)},
		HelpURI:              r.DocURL(),
		DefaultConfiguration: sarifRuleConfig{Enabled: r.Enabled, Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProperty{ProblemSeverity: problemSeverity(r.Severity)},
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sentence ends s with a period: SARIF's plain-text messages are meant to be
// complete sentences (the multitool's SARIF2001 checks it).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// pascal turns a kebab-case rule id into the PascalCase name SARIF advises.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

func ruleHelpText(r diag.RuleInfo) string {
	var parts []string
	add := func(title, body string) {
		if body = strings.TrimSpace(body); body != "" {
			parts = append(parts, title+":\n"+body)
		}
	}
	add("What it reports", r.What)
	add("Why it fails at runtime", r.Why)
	add("Example", r.Example)
	add("Use instead", r.UseInstead)
	if len(parts) == 0 {
		return sentence(r.Summary)
	}
	return strings.Join(parts, "\n\n")
}

func ruleHelpMarkdown(r diag.RuleInfo) string {
	var parts []string
	if r.Summary != "" {
		parts = append(parts, "**"+r.Name+"**: "+r.Summary)
	}
	add := func(title, body string, code bool) {
		if body = strings.TrimSpace(body); body == "" {
			return
		}
		if code {
			body = "```yaml\n" + body + "\n```"
		}
		parts = append(parts, "### "+title+"\n\n"+body)
	}
	add("What it reports", r.What, false)
	add("Why it fails at runtime", r.Why, false)
	add("Example", r.Example, true)
	add("Use instead", r.UseInstead, true)
	if len(parts) == 0 {
		return r.Name
	}
	return strings.Join(parts, "\n\n")
}

// sarifLocation locates r; with snippet, the region carries the (masked)
// text it covers, so code scanning can show it without a checkout.
func (c *context) sarifLocation(r diag.Range, snippet bool) sarifLocation {
	uri, base := c.uri(r.File)
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base},
	}}
	var reg sarifRegion
	if !r.Start.IsValid() {
		reg = c.wholeFile(r.File)
	} else {
		reg = sarifRegionOf(r)
		if f := c.file(r.File); f != nil && snippet {
			e := end(r)
			from, to := f.Offset(r.Start.Line, r.Start.Col), f.Offset(e.Line, e.Col)
			if from < to {
				reg.Snippet = &sarifText{c.mask(string(f.Data[from:to]))}
			}
		}
	}
	loc.PhysicalLocation.Region = &reg
	return loc
}

// wholeFile is the region of a finding about a file as a whole: all its
// lines when its content is known, else its first line. Consumers (GitHub
// among them) expect a region on every location.
func (c *context) wholeFile(path string) sarifRegion {
	reg := sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}
	if f := c.file(path); f != nil {
		reg.EndLine = f.LineCount()
		last, _ := c.line(path, reg.EndLine)
		reg.EndColumn = utf8.RuneCountInString(last) + 1
	}
	return reg
}

func sarifRegionOf(r diag.Range) sarifRegion {
	e := end(r)
	return sarifRegion{
		StartLine:   r.Start.Line,
		StartColumn: max(r.Start.Col, 1),
		EndLine:     e.Line,
		EndColumn:   max(e.Col, 1),
	}
}

// sarifFix groups the edits by file, keeping their order.
func (c *context) sarifFix(f *diag.Fix) sarifFix {
	desc := f.Description
	if desc == "" {
		desc = "apply reachlint's fix"
	}
	out := sarifFix{Description: sarifText{sentence(c.mask(desc))}}
	at := map[string]int{}
	for _, e := range f.Edits {
		i, ok := at[e.Range.File]
		if !ok {
			uri, base := c.uri(e.Range.File)
			i = len(out.ArtifactChanges)
			at[e.Range.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{
				ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base},
			})
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, sarifReplacement{
			DeletedRegion:   sarifRegionOf(e.Range),
			InsertedContent: sarifText{c.mask(e.NewText)},
		})
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
