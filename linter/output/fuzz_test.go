package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

// FuzzWrite feeds arbitrary messages, paths, source text and positions to
// every format: none may fail or panic, and the structured ones must stay
// well-formed.
func FuzzWrite(f *testing.F) {
	f.Add("msg 100% \"q\" <a>&\n", "compose.yaml", "key:\tvalue 日本\n", 1, 3, 1, 9)
	f.Add("", "", "", 0, 0, 0, 0)
	f.Add("\x00\x1b[31m\xff", "a,b:c.env", "\r\n\xff\t", 2, 1, 1, 1)
	f.Fuzz(func(t *testing.T, msg, path, content string, l1, c1, l2, c2 int) {
		r := diag.Range{File: path, Start: diag.Pos{Line: l1 % 1000, Col: c1 % 1000}, End: diag.Pos{Line: l2 % 1000, Col: c2 % 1000}}
		ds := []diag.Diagnostic{{
			Rule: "r", Severity: diag.Warning, Range: r, Message: msg,
			Related: []diag.Related{{Range: r, Message: msg}},
			Fix:     &diag.Fix{Description: msg, Edits: []diag.TextEdit{{Range: r, NewText: msg}}},
		}}
		opts := Options{Rules: rules, Source: func(string) []byte { return []byte(content) }, StepSummary: io.Discard}
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Write(&buf, format, ds, opts); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			switch format {
			case "json", "sarif", "gitlab":
				if !json.Valid(buf.Bytes()) {
					t.Fatalf("%s: invalid JSON:\n%s", format, buf.Bytes())
				}
			case "checkstyle", "junit":
				dec := xml.NewDecoder(&buf)
				for {
					_, err := dec.Token()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						t.Fatalf("%s: %v", format, err)
					}
				}
			case "oneline":
				if n := bytes.Count(buf.Bytes(), []byte("\n")); n != 1 {
					t.Fatalf("oneline printed %d lines: %q", n, buf.Bytes())
				}
			}
		}
	})
}
