package output

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
)

// ANSI styles for the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[1;32m"
)

// tabWidth is the tab stop used to expand tabs in snippets, so the marker
// stays aligned whatever the terminal's tab stops and the gutter width.
const tabWidth = 8

type painter struct{ on bool }

func (p painter) paint(style, s string) string {
	if !p.on || s == "" {
		return s
	}
	return style + s + ansiReset
}

func severityStyle(s diag.Severity) string {
	switch s {
	case diag.Error:
		return ansiRed
	case diag.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// writeText prints each finding as
//
//	path:line:col: severity: headline [rule]
//	   12 |     - API_BASE_URL=http://localhost:3000
//	      |                    ^~~~~~~~~~~~~~~~~~~~~
//	  note: the explanation (Diagnostic.Why), when there is one
//	  other.yaml:3:5: note: service "api" declared here
//	  fix: use "http://api:3000"
//
// and ends with a summary line.
//
// The snippet appears when the source line is available. Tabs are expanded
// to tabWidth; East Asian wide and fullwidth characters and emoji count as
// two cells and combining marks as none, so the marker lines up on terminals
// that follow Unicode's East Asian Width (an approximation, see runeWidth).
func writeText(w io.Writer, ds []diag.Diagnostic, c *context) error {
	bw := bufio.NewWriter(w)
	p := painter{c.opts.Color}
	for _, d := range ds {
		msg := strings.Split(sanitize(normalizeNL(c.mask(d.Message))), "\n")
		bw.WriteString(p.paint(ansiBold, location(d.Range)))
		bw.WriteString(p.paint(severityStyle(d.Severity), d.Severity.String()))
		bw.WriteString(": ")
		bw.WriteString(p.paint(ansiBold, msg[0]))
		bw.WriteString(" ")
		bw.WriteString(p.paint(ansiDim, "["+d.Rule+"]"))
		bw.WriteByte('\n')
		for _, l := range msg[1:] {
			bw.WriteString("    ")
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
		c.writeSnippet(bw, p, d.Range)
		if d.Why != "" {
			bw.WriteString("  ")
			bw.WriteString(p.paint(ansiCyan, "note"))
			bw.WriteString(": ")
			bw.WriteString(oneLine(c.mask(d.Why)))
			bw.WriteByte('\n')
		}
		for _, r := range d.Related {
			bw.WriteString("  ")
			bw.WriteString(location(r.Range))
			bw.WriteString(p.paint(ansiCyan, "note"))
			bw.WriteString(": ")
			bw.WriteString(oneLine(c.mask(r.Message)))
			bw.WriteByte('\n')
		}
		if d.Fix != nil {
			desc := d.Fix.Description
			if desc == "" {
				desc = "an automatic fix is available"
			}
			bw.WriteString("  ")
			if d.Fix.Unsafe {
				bw.WriteString(p.paint(ansiGreen, "suggestion"))
			} else {
				bw.WriteString(p.paint(ansiGreen, "fix"))
			}
			bw.WriteString(": ")
			bw.WriteString(oneLine(c.mask(desc)))
			bw.WriteByte('\n')
		}
	}
	if s := Summary(ds); s != "" {
		bw.WriteString(p.paint(ansiBold, s))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Summary is the text format's last line, as eslint, golangci-lint and ruff
// print one: "3 errors, 1 warning in 2 files"; "" without findings.
func Summary(ds []diag.Diagnostic) string {
	if len(ds) == 0 {
		return ""
	}
	var counts [4]int
	files := map[string]bool{}
	for _, d := range ds {
		if d.Severity >= diag.Info && d.Severity <= diag.Error {
			counts[d.Severity]++
		}
		if d.Range.File != "" {
			files[d.Range.File] = true
		}
	}
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if n := counts[s]; n > 0 {
			parts = append(parts, strconv.Itoa(n)+" "+plural(n, s.String()))
		}
	}
	out := strings.Join(parts, ", ")
	if len(files) > 0 {
		out += " in " + strconv.Itoa(len(files)) + " " + plural(len(files), "file")
	}
	return out
}

// writeOneline prints one line per finding, for editors and errorformat.
func writeOneline(w io.Writer, ds []diag.Diagnostic, c *context) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		bw.WriteString(location(d.Range))
		bw.WriteString(d.Severity.String())
		bw.WriteString(": ")
		bw.WriteString(oneLine(c.mask(d.Text())))
		bw.WriteString(" [")
		bw.WriteString(d.Rule)
		bw.WriteString("]\n")
	}
	return bw.Flush()
}

// location is "path:line:col: ", "path: " without a position, or "" without
// a file.
func location(r diag.Range) string {
	r.File = oneLine(r.File)
	switch {
	case r.File == "":
		return ""
	case !r.Start.IsValid():
		return r.File + ": "
	}
	col := max(r.Start.Col, 1)
	return r.File + ":" + strconv.Itoa(r.Start.Line) + ":" + strconv.Itoa(col) + ": "
}

// writeSnippet prints the start line of r with a marker under the range;
// a range spanning lines is marked to the end of its first line.
func (c *context) writeSnippet(bw *bufio.Writer, p painter, r diag.Range) {
	if !r.Start.IsValid() {
		return
	}
	text, ok := c.shownLine(r.File, r.Start.Line)
	if !ok {
		return
	}
	startCol := max(r.Start.Col, 1)
	e := end(r)
	endCol := e.Col
	if e.Line > r.Start.Line {
		endCol = utf8.RuneCountInString(text) + 1
	}
	if len(text) > maxSnippet {
		text, startCol, endCol = window(c.lineRunes(r.File, r.Start.Line, text), startCol, endCol)
	}
	var line, marker strings.Builder
	cells, col := 0, 1
	pad := func(n int) {
		for range n {
			marker.WriteByte(' ')
		}
	}
	markerStart, markerEnd := -1, -1
	for _, r := range text {
		if col == startCol {
			markerStart = cells
		}
		if col == endCol {
			markerEnd = cells
		}
		var wd int
		switch {
		case r == '\t':
			wd = tabWidth - cells%tabWidth
			for range wd {
				line.WriteByte(' ')
			}
		case isControl(r):
			wd = 1
			line.WriteRune(utf8.RuneError)
		default:
			wd = runeWidth(r)
			line.WriteRune(r)
		}
		cells += wd
		col++
	}
	if markerStart < 0 { // range starts at or past the end of the line
		markerStart = cells
	}
	if markerEnd < 0 || markerEnd > cells {
		markerEnd = cells
	}
	gutter := strconv.Itoa(r.Start.Line)
	blank := strings.Repeat(" ", len(gutter)+2)
	pad(markerStart)
	marker.WriteString(p.paint(ansiGreen, "^"+strings.Repeat("~", max(markerEnd-markerStart-1, 0))))
	bw.WriteString(p.paint(ansiDim, "  "+gutter+" | "))
	bw.WriteString(line.String())
	bw.WriteByte('\n')
	bw.WriteString(p.paint(ansiDim, blank+" | "))
	bw.WriteString(marker.String())
	bw.WriteByte('\n')
}

// maxSnippet is the most runes of a source line a snippet shows; a longer
// line (a compose file written as one line of JSON) is cut around the
// range, as rustc and clang do, so the output stays linear in findings.
const maxSnippet = 120

// window cuts text to at most maxSnippet runes around columns
// [startCol, endCol), marking each cut with "…", and returns the columns
// in the cut text.
func window(rs []rune, startCol, endCol int) (string, int, int) {
	n := len(rs)
	if n <= maxSnippet {
		return string(rs), startCol, endCol
	}
	from := max(0, min(startCol-1-maxSnippet/3, n-maxSnippet)) // rune index where the window starts
	to := min(n, from+maxSnippet)
	out := string(rs[from:to])
	shift := -from
	if from > 0 {
		out = "…" + out
		shift++
	}
	if to < n {
		out += "…"
	}
	startCol += shift
	endCol = min(endCol+shift, utf8.RuneCountInString(out)+1)
	return out, max(startCol, 1), max(endCol, 1)
}

// isControl reports characters that must not reach a terminal raw (they could
// move the cursor or change colours).
func isControl(r rune) bool {
	return r != '\t' && (r < 0x20 || (r >= 0x7f && r < 0xa0))
}

// sanitize replaces invalid UTF-8 and control characters other than tab and
// newline by U+FFFD, so a message cannot inject terminal escapes.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && isControl(r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r != '\n' && isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// oneLine sanitizes s and writes its line breaks as the two characters \n,
// keeping one finding per line.
func oneLine(s string) string {
	return strings.ReplaceAll(sanitize(normalizeNL(s)), "\n", `\n`)
}

// normalizeNL turns CRLF and lone CR line breaks into LF.
func normalizeNL(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// runeWidth approximates the terminal cells a rune takes: 0 for combining
// marks and zero-width format characters, 2 for East Asian wide/fullwidth
// characters and emoji, 1 otherwise. It covers the common blocks without a
// full East Asian Width table.
func runeWidth(r rune) int {
	switch {
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF:
		return 0
	case unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo initials
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // pictographs, emoticons
		r >= 0x1F900 && r <= 0x1F9FF, // supplemental pictographs
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return 2
	}
	return 1
}
