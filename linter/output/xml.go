package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// encoding/xml escapes attribute values (quotes, <, &, tabs and line breaks
// included) and replaces characters XML cannot carry by U+FFFD.

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// groupByFile splits sorted diagnostics into runs of the same file, in file
// order (diag.Compare sorts by file first).
func groupByFile(ds []diag.Diagnostic) [][]diag.Diagnostic {
	var groups [][]diag.Diagnostic
	for i := 0; i < len(ds); {
		j := i + 1
		for j < len(ds) && ds[j].Range.File == ds[i].Range.File {
			j++
		}
		groups = append(groups, ds[i:j])
		i = j
	}
	return groups
}

// writeCheckstyle prints Checkstyle 4.3 XML, files sorted by path. Related
// locations and the fix description are appended to the message, since the
// format has no place for them.
func writeCheckstyle(w io.Writer, ds []diag.Diagnostic, c *context) error {
	rep := checkstyleReport{Version: "4.3", Files: []checkstyleFile{}}
	for _, g := range groupByFile(ds) {
		f := checkstyleFile{Name: g[0].Range.File}
		for _, d := range g {
			f.Errors = append(f.Errors, checkstyleError{
				Line:     d.Range.Start.Line,
				Column:   d.Range.Start.Col,
				Severity: d.Severity.String(),
				Message:  c.fullMessage(d),
				Source:   toolName + "." + d.Rule,
			})
		}
		rep.Files = append(rep.Files, f)
	}
	return writeXML(w, rep)
}

// fullMessage is the masked message followed by notes and the fix, one per
// line, for formats with a single message field.
func (c *context) fullMessage(d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString(c.mask(d.Text()))
	for _, r := range d.Related {
		b.WriteString("\n")
		b.WriteString(location(r.Range))
		b.WriteString("note: ")
		b.WriteString(c.mask(r.Message))
	}
	if d.Fix != nil && d.Fix.Description != "" {
		b.WriteString("\nfix: ")
		b.WriteString(c.mask(d.Fix.Description))
	}
	return b.String()
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit prints one testsuite per file and one failing testcase per
// finding. A clean run is one suite "reachlint" with one passing testcase,
// because Jenkins' junit step and similar readers treat a report without any
// test as an error rather than as success.
func writeJUnit(w io.Writer, ds []diag.Diagnostic, c *context) error {
	rep := junitSuites{Name: toolName, Tests: len(ds), Failures: len(ds)}
	for _, g := range groupByFile(ds) {
		file := g[0].Range.File
		s := junitSuite{Name: file, Tests: len(g), Failures: len(g)}
		for _, d := range g {
			loc := strings.TrimSuffix(location(d.Range), ": ")
			s.Cases = append(s.Cases, junitCase{
				Name:      fmt.Sprintf("%s: %s", d.Rule, loc),
				ClassName: toolName + "." + d.Rule,
				Failure: &junitFailure{
					Message: oneLine(c.mask(d.Text())),
					Type:    d.Severity.String(),
					Text:    loc + ": " + d.Severity.String() + ": " + c.fullMessage(d) + " [" + d.Rule + "]",
				},
			})
		}
		rep.Suites = append(rep.Suites, s)
	}
	if len(ds) == 0 {
		rep.Tests = 1
		rep.Suites = []junitSuite{{Name: toolName, Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: toolName}}}}
	}
	return writeXML(w, rep)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
