package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// GitHub shows only about this many annotations of each kind per step; the
// step summary lists everything.
const githubAnnotationLimit = 10

// writeGitHub prints one workflow command per finding:
//
//	::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=T::message
//
// Columns are sent only for a single-line range (the runner rejects them
// otherwise), and endColumn is inclusive there. Related locations and the fix
// description follow the message on extra lines. The Markdown summary goes
// to Options.StepSummary.
func writeGitHub(w io.Writer, ds []diag.Diagnostic, c *context) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		bw.WriteString("::")
		bw.WriteString(githubCommand(d.Severity))
		sep := " "
		prop := func(k, v string) {
			bw.WriteString(sep)
			bw.WriteString(k)
			bw.WriteByte('=')
			bw.WriteString(escapeProperty(v))
			sep = ","
		}
		if d.Range.File != "" {
			rel, _ := c.relPath(d.Range.File)
			prop("file", rel)
			if r := d.Range; r.Start.IsValid() {
				e := end(r)
				prop("line", strconv.Itoa(r.Start.Line))
				prop("endLine", strconv.Itoa(e.Line))
				if e.Line == r.Start.Line && r.Start.Col > 0 {
					prop("col", strconv.Itoa(r.Start.Col))
					prop("endColumn", strconv.Itoa(max(e.Col-1, r.Start.Col)))
				}
			}
		}
		prop("title", "reachlint "+d.Rule)
		bw.WriteString("::")
		bw.WriteString(escapeData(c.githubMessage(d)))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if c.opts.StepSummary != nil {
		return writeStepSummary(c.opts.StepSummary, ds, c)
	}
	return nil
}

func githubCommand(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "notice"
}

func (c *context) githubMessage(d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString(c.mask(d.Text()))
	for _, r := range d.Related {
		b.WriteString("\n")
		if r.Range.File != "" {
			b.WriteString(c.relLocation(r.Range))
		}
		b.WriteString("note: ")
		b.WriteString(c.mask(r.Message))
	}
	if d.Fix != nil && d.Fix.Description != "" {
		b.WriteString("\nfix: ")
		b.WriteString(c.mask(d.Fix.Description))
	}
	return b.String()
}

// relLocation is location() with a repository-relative path.
func (c *context) relLocation(r diag.Range) string {
	rel, _ := c.relPath(r.File)
	r.File = rel
	return location(r)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message, as @actions/core does,
// and writes other control characters visibly ("\x1b"): the log is shown on
// terminals and web pages.
func escapeData(s string) string { return dataEscaper.Replace(visibleControls(s)) }

// escapeProperty escapes a workflow command's property value (a file name
// may hold any byte).
func escapeProperty(s string) string { return propertyEscaper.Replace(visibleControls(s)) }

// visibleControls writes control characters other than CR and LF as "\xNN"
// (and invalid UTF-8 as U+FFFD).
func visibleControls(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\r' && isControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != '\n' && r != '\r' && isControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// writeStepSummary appends a Markdown report: counts by severity and a table
// of every finding (annotations alone are capped by GitHub).
func writeStepSummary(w io.Writer, ds []diag.Diagnostic, c *context) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("## reachlint\n\n")
	if len(ds) == 0 {
		bw.WriteString("No findings.\n")
		return bw.Flush()
	}
	counts := map[diag.Severity]int{}
	for _, d := range ds {
		counts[d.Severity]++
	}
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, s.String())))
		}
	}
	fmt.Fprintf(bw, "%d %s: %s.\n\n", len(ds), plural(len(ds), "finding"), strings.Join(parts, ", "))
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if counts[s] > githubAnnotationLimit {
			fmt.Fprintf(bw, "GitHub shows only the first %d %s annotations inline; the table lists all of them.\n\n",
				githubAnnotationLimit, githubCommand(s))
		}
	}
	bw.WriteString("| Severity | Location | Rule | Message |\n")
	bw.WriteString("|---|---|---|---|\n")
	for _, d := range ds {
		loc := strings.TrimSuffix(c.relLocation(d.Range), ": ")
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n",
			d.Severity, markdownCode(loc), markdownCode(d.Rule), markdownCell(c.mask(d.Text())))
	}
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return word
	}
	return word + "s"
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// markdownCell escapes text for a table cell: nothing in it may start
// emphasis, a link, HTML or a new cell or row.
func markdownCell(s string) string { return markdownEscaper.Replace(visibleControls(s)) }

// markdownCode puts s in a code span; a pipe still needs escaping inside a
// table, and backticks are avoided by widening the fence.
func markdownCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
