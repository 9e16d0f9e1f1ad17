package output

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/reachlint/reachlint/linter/diag"
)

// Struct field order fixes the key order of the JSON output.
type jsonDiag struct {
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Message   string        `json:"message"`
	Related   []jsonRelated `json:"related,omitempty"`
	Fix       *jsonFix      `json:"fix,omitempty"`
}

type jsonRelated struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Suggestion  bool       `json:"suggestion,omitempty"` // changes what Compose loads: applied only with --fix-unsafe
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	NewText   string `json:"new_text"`
}

// writeJSON prints a 2-space indented array ("[]" when clean). A diagnostic
// without a position has line and column 0.
func writeJSON(w io.Writer, ds []diag.Diagnostic, c *context) error {
	out := make([]jsonDiag, 0, len(ds))
	for _, d := range ds {
		e := end(d.Range)
		j := jsonDiag{
			Rule:      d.Rule,
			Severity:  d.Severity.String(),
			File:      d.Range.File,
			Line:      d.Range.Start.Line,
			Column:    d.Range.Start.Col,
			EndLine:   e.Line,
			EndColumn: e.Col,
			Message:   c.mask(d.Text()),
		}
		for _, r := range d.Related {
			re := end(r.Range)
			j.Related = append(j.Related, jsonRelated{
				File: r.Range.File, Line: r.Range.Start.Line, Column: r.Range.Start.Col,
				EndLine: re.Line, EndColumn: re.Col, Message: c.mask(r.Message),
			})
		}
		if d.Fix != nil {
			f := &jsonFix{Description: c.mask(d.Fix.Description), Suggestion: d.Fix.Unsafe, Edits: []jsonEdit{}}
			for _, ed := range d.Fix.Edits {
				ee := end(ed.Range)
				f.Edits = append(f.Edits, jsonEdit{
					File: ed.Range.File, Line: ed.Range.Start.Line, Column: ed.Range.Start.Col,
					EndLine: ee.Line, EndColumn: ee.Col,
					Offset: ed.Range.Start.Offset, EndOffset: ee.Offset,
					NewText: c.mask(ed.NewText),
				})
			}
			j.Fix = f
		}
		out = append(out, j)
	}
	return writeIndentedJSON(w, out)
}

// writeIndentedJSON writes v with 2-space indentation and a final newline,
// leaving <, > and & readable.
func writeIndentedJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
