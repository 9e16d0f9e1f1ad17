package output

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/reachlint/reachlint/linter/diag"
)

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// gitlabSeverity maps onto Code Quality's scale: an error breaks the stack
// at runtime (major), a warning probably does (minor). critical and blocker
// are left for security findings, which reachlint does not report.
func gitlabSeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "major"
	case diag.Warning:
		return "minor"
	}
	return "info"
}

// writeGitLab prints a Code Quality report. Paths are repository-relative;
// a finding without a line is put on line 1, which the format requires.
func writeGitLab(w io.Writer, ds []diag.Diagnostic, c *context) error {
	out := make([]gitlabIssue, 0, len(ds))
	for _, d := range ds {
		rel, _ := c.relPath(d.Range.File)
		begin, e := d.Range.Start.Line, end(d.Range).Line
		if begin < 1 {
			begin, e = 1, 1
		}
		sum := sha256.Sum256([]byte(c.fingerprint(d)))
		out = append(out, gitlabIssue{
			Description: c.fullMessage(d),
			CheckName:   d.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: rel, Lines: gitlabLines{Begin: begin, End: max(e, begin)}},
		})
	}
	return writeIndentedJSON(w, out)
}
