// Package diag defines the diagnostics that rules report and formatters print:
// a rule name, a severity, a source range, a message, related locations and an
// optional fix made of text edits.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings; higher is more severe.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Pos is a 1-based line and column. Columns count runes (Unicode code
// points) in the line. Offset is the 0-based byte offset in the file, used by
// fixes; it is -1 when unknown.
type Pos struct {
	Line   int
	Col    int
	Offset int
}

func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// Range is a half-open span [Start, End) in one file. File is the path as the
// user gave it or relative to the working directory.
type Range struct {
	File  string
	Start Pos
	End   Pos
}

func (r Range) IsValid() bool { return r.File != "" }

func (r Range) String() string {
	if !r.Start.IsValid() {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Col)
}

// Related is a secondary location that explains a finding.
type Related struct {
	Range   Range
	Message string
}

// TextEdit replaces the bytes of Range (by offsets) with NewText.
type TextEdit struct {
	Range   Range
	NewText string
}

// Fix is a set of edits that together resolve a finding. An Unsafe fix is
// a suggestion: it changes what Compose loads (quoting a value cut at " #"
// keeps the text after it), so --fix and --diff apply it only with
// --fix-unsafe, and outputs call it a suggestion.
type Fix struct {
	Description string
	Edits       []TextEdit
	Unsafe      bool
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Range    Range
	// Message is the headline: what is wrong and the fix in short (the
	// service, the value, what to use instead), short enough for one
	// terminal line with its location.
	Message string
	// Why is the explanation, when the headline needs one: the text format
	// prints it as a note below the snippet; formats with one message
	// field carry Text().
	Why     string
	Related []Related
	Fix     *Fix
}

// Text is the whole message, headline then explanation, for formats with a
// single message field (oneline, json, sarif, github, checkstyle, junit,
// gitlab) and the language server.
func (d Diagnostic) Text() string {
	if d.Why == "" {
		return d.Message
	}
	return d.Message + "; " + d.Why
}

// Compare orders diagnostics by file, line, column, rule, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Range.File, b.Range.File),
		cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
		cmp.Compare(a.Range.Start.Col, b.Range.Start.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts diagnostics deterministically and drops exact duplicates.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return Compare(a, b) == 0 && a.Range == b.Range
	})
}
