package rules

import (
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var obsoleteVersion = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "obsolete-version", Severity: diag.Info, Enabled: true,
		Summary: "the top-level version: is obsolete",
		What:    "Reports the top-level version: key of a compose file, with a fix that deletes its line (comments and the rest of the file stay as they are).",
		Why: "Compose v2 ignores version: and prints \"the attribute `version` is obsolete\" on every run, which buries the warnings that matter; " +
			"the value does not select a file format any more, so a \"3.8\" there promises nothing.",
		Example:    "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n",
		UseInstead: "services:\n  web:\n    image: nginx:1.27\n",
	},
	Check: checkObsoleteVersion,
}

func checkObsoleteVersion(p *Pass) {
	for _, d := range p.Project.Docs {
		pr, ok := d.Root.GetPair("version")
		if !ok || pr.Key.File != d.File {
			continue
		}
		dg := diag.Diagnostic{Range: pr.Key.Range,
			Message: "the top-level version: is obsolete; remove the line",
			Why:     "Compose ignores it and warns on every run"}
		if fx := deleteLines(d.File.Data, d.File.Range, pr.Key, pr.Val, "remove the obsolete version: line"); fx != nil {
			dg.Fix = fx
		}
		p.Report(dg)
	}
}

// deleteLines removes the whole lines from key to the end of val, when they
// hold nothing else but white space, a comment and the "- " of a sequence
// item; nil otherwise (a flow collection, another key on the same line).
func deleteLines(src []byte, rangeOf func(start, end int) diag.Range, key, val *compose.Node, desc string) *diag.Fix {
	start, end := key.Range.Start.Offset, key.Range.End.Offset
	if val != nil && val.Range.File == key.Range.File && val.Range.End.Offset > end {
		end = val.Range.End.Offset
	}
	if start < 0 || end < start || end > len(src) {
		return nil
	}
	data := string(src)
	ls := strings.LastIndexByte(data[:start], '\n') + 1
	le := len(data)
	if j := strings.IndexByte(data[end:], '\n'); j >= 0 {
		le = end + j + 1
	}
	rest := strings.TrimSpace(data[end:le])
	if pre := strings.TrimSpace(data[ls:start]); (pre != "" && pre != "-") || (rest != "" && !strings.HasPrefix(rest, "#")) {
		return nil
	}
	return &diag.Fix{Description: desc, Edits: []diag.TextEdit{{Range: rangeOf(ls, le), NewText: ""}}}
}
