package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var healthcheckTestForm = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "healthcheck-test-form", Severity: diag.Error, Enabled: true,
		Summary: "a healthcheck test list does not start with CMD, CMD-SHELL or NONE",
		What: "Reports a healthcheck test written as a list whose first item is not exactly \"CMD\", \"CMD-SHELL\" or \"NONE\" " +
			"(a command such as [\"curl\", \"-f\", ...], a lower-case \"cmd\", or \"CMD-SHELL curl ...\" as one item), at that item, " +
			"with the depends_on entries that wait for the service to be healthy as related locations. " +
			"A test written as a string is run by the shell (CMD-SHELL) and is fine, and an empty list inherits the image's healthcheck.",
		Why: "Docker reads the first item of the list as the kind of test. docker compose (compose-go since 2023) refuses the whole project with " +
			"\"healthcheck.test must start either by \\\"CMD\\\", \\\"CMD-SHELL\\\" or \\\"NONE\\\"\"; older versions create the container, " +
			"but the engine ignores a test of unknown kind, so the container has no healthcheck and a depends_on with condition: service_healthy " +
			"fails with \"container ... has no healthcheck configured\".",
		Example: "services:\n  mongo:\n    image: mongo:7\n    healthcheck:\n      test: [\"mongosh\", \"--quiet\", \"--eval\", \"db.adminCommand('ping')\"]\n" +
			"  api:\n    build: .\n    depends_on:\n      mongo:\n        condition: service_healthy\n",
		UseInstead: "services:\n  mongo:\n    image: mongo:7\n    healthcheck:\n      test: [\"CMD\", \"mongosh\", \"--quiet\", \"--eval\", \"db.adminCommand('ping')\"]\n" +
			"  api:\n    build: .\n    depends_on:\n      mongo:\n        condition: service_healthy\n",
	},
	Check: checkHealthcheckTestForm,
}

// testKinds are the first items Docker and compose-go accept in a
// healthcheck test list, exactly as written (the check is case-sensitive).
var testKinds = []string{"CMD", "CMD-SHELL", "NONE"}

func checkHealthcheckTestForm(p *Pass) {
	seen := map[*compose.Node]bool{}
	for _, t := range p.Project.Services {
		test := t.Healthcheck.Get("test")
		if test == nil || test.Kind != compose.Seq || len(test.Items) == 0 || seen[test] {
			continue
		}
		seen[test] = true
		first := test.Items[0]
		if first.Kind != compose.Scalar {
			continue // a schema error, reported by compose-schema
		}
		kind := first.Value
		if isTestKind(kind) || kind == "" && strings.Contains(first.Raw, "$") {
			continue // an unset variable: unset-variable's business
		}
		// Services sharing this test through an anchor or extends.
		var owners []*compose.Service
		for _, o := range p.Project.Services {
			if o.Healthcheck.Get("test") == test {
				owners = append(owners, o)
			}
		}
		d := diag.Diagnostic{Range: first.Range}
		fixMsg, fixWhy, fix := testFormFix(test, first)
		consequence := "its first item must be \"CMD\", \"CMD-SHELL\" or \"NONE\": docker compose refuses the project (older versions start the container without a healthcheck"
		var waiting []*compose.Service
		for _, s := range p.Project.Services {
			for _, dep := range s.DependsOn {
				if dep.Condition != "service_healthy" || !slices.ContainsFunc(owners, func(o *compose.Service) bool { return o.Name == dep.Service }) {
					continue
				}
				waiting = append(waiting, s)
				rng := dep.Key.Range
				if c := s.Node.Path("depends_on", dep.Service, "condition"); c != nil {
					rng = c.Range
				}
				d.Related = append(d.Related, diag.Related{Range: rng, Message: fmt.Sprintf("service %q waits here for %q to be healthy", s.Name, dep.Service)})
			}
		}
		if len(waiting) > 0 {
			if len(sortedNames(waiting)) == 1 {
				consequence += fmt.Sprintf(", so %s, which waits for it to be healthy, never starts", subject(waiting))
			} else {
				consequence += fmt.Sprintf(", so %s, which wait for it to be healthy, never start", subject(waiting))
			}
		}
		d.Message = fmt.Sprintf("healthcheck test of %s starts with %q; %s", subject(owners), kind, fixMsg)
		d.Why = notes(consequence+")", fixWhy)
		d.Fix = fix
		p.Report(d)
	}
}

func isTestKind(s string) bool { return slices.Contains(testKinds, s) }

// testFormFix says how to correct a test list whose first item is first:
// in short for the headline, with what to write for the note when the
// headline does not say it, and an edit when one is safe.
func testFormFix(test, first *compose.Node) (msg, why string, fix *diag.Fix) {
	v := strings.TrimSpace(first.Value)
	for _, k := range testKinds {
		if strings.EqualFold(v, k) {
			// "cmd", " CMD": the kind, misspelt.
			msg = fmt.Sprintf("write %q", k)
			if r, ok := first.ExactRange(0, len(first.Value)); ok {
				return msg, "", &diag.Fix{Description: fmt.Sprintf("replace %q with %q", first.Value, k), Edits: []diag.TextEdit{{Range: r, NewText: k}}}
			}
			return msg, "", nil
		}
	}
	for _, k := range []string{"CMD-SHELL", "CMD"} {
		// "CMD-SHELL curl -f http://localhost": the kind and the command
		// in one item.
		if len(v) > len(k) && strings.EqualFold(v[:len(k)], k) && (v[len(k)] == ' ' || v[len(k)] == '\t') {
			rest := strings.TrimSpace(v[len(k):])
			if len(test.Items) == 1 {
				return "make the kind its own item", fmt.Sprintf("write [%q, %q]", "CMD-SHELL", rest), nil
			}
			return fmt.Sprintf("make %q its own item", k), "", nil
		}
	}
	kind := "CMD"
	if len(test.Items) == 1 && strings.ContainsAny(v, " \t") {
		// One item holding a whole command line: a shell command.
		kind = "CMD-SHELL"
	}
	msg = fmt.Sprintf("start it with %q", kind)
	if e, ok := prependItem(test, first, kind); ok {
		return msg, "", &diag.Fix{Description: fmt.Sprintf("insert %q before %q", kind, first.Value), Edits: []diag.TextEdit{e}}
	}
	return msg, "", nil
}

// prependItem inserts item before first in a flow ([a, b]) or block
// ("- a" lines) sequence written plainly in one file.
func prependItem(seq, first *compose.Node, item string) (diag.TextEdit, bool) {
	if seq.File == nil || first.File != seq.File || seq.Shared {
		return diag.TextEdit{}, false
	}
	data := seq.File.Data
	start, at := seq.Range.Start.Offset, first.Range.Start.Offset
	if start < 0 || at <= start || at > len(data) {
		return diag.TextEdit{}, false
	}
	quoted := fmt.Sprintf("%q", item)
	if data[start] == '[' {
		return diag.TextEdit{Range: seq.File.Range(at, at), NewText: quoted + ", "}, true
	}
	lineStart := at
	for lineStart > 0 && data[lineStart-1] != '\n' {
		lineStart--
	}
	prefix := string(data[lineStart:at])
	if strings.TrimLeft(prefix, " ") != "- " {
		return diag.TextEdit{}, false
	}
	return diag.TextEdit{Range: seq.File.Range(at, at), NewText: quoted + "\n" + prefix}, true
}
