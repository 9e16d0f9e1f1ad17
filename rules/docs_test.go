package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
	"github.com/reachlint/reachlint/rules"
)

// exampleNotAFile lists rules whose examples are snippets, not files the
// linter can read on their own: Go code and suppression comments.
var exampleNotAFile = map[string]bool{
	rules.GoAnalyzerName:  true,
	rules.GoLoadName:      true,
	"ignore-syntax":       true,
	"ignore-unknown-rule": true,
	"unused-ignore":       true,
}

// TestRuleDocs: every rule's docs are complete, its example fires the rule
// and the example of what to use instead does not.
func TestRuleDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			if seen[r.Name] {
				t.Fatalf("rule %q listed twice", r.Name)
			}
			seen[r.Name] = true
			if r.Name != strings.ToLower(r.Name) || strings.ContainsAny(r.Name, " _") {
				t.Errorf("name %q is not kebab-case", r.Name)
			}
			for field, v := range map[string]string{"Summary": r.Summary, "What": r.What, "Why": r.Why, "Example": r.Example, "UseInstead": r.UseInstead} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", field)
				}
			}
			if s := r.Summary; s != "" && (strings.HasSuffix(s, ".") || s[:1] != strings.ToLower(s[:1])) {
				t.Errorf("summary %q: lower case, no final period", s)
			}
			if r.Severity == 0 {
				t.Error("no severity")
			}
			if exampleNotAFile[r.Name] {
				return
			}
			if !fires(t, r.Name, r.Example) {
				t.Errorf("the example does not fire %s:\n%s", r.Name, r.Example)
			}
			if fires(t, r.Name, r.UseInstead) {
				t.Errorf("the example of what to use instead fires %s:\n%s", r.Name, r.UseInstead)
			}
		})
	}
}

// fires lints an example with only rule enabled: a compose file, a
// standalone .env file when it is not one, or several files separated by
// "# file: NAME" lines.
func fires(t *testing.T, rule, text string) bool {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	name := "compose.yaml"
	if strings.HasPrefix(text, "# file: ") {
		for _, part := range strings.Split(text, "# file: ")[1:] {
			n, body, _ := strings.Cut(part, "\n")
			files[n] = body
			if strings.HasSuffix(n, ".ts") || strings.HasSuffix(n, ".tsx") || strings.HasSuffix(n, ".js") {
				name = "./..." // source code is read by the walk
			}
		}
		if name != "./..." {
			name = "."
		}
	} else {
		if !strings.Contains(text, "services:") && !strings.Contains(text, "include:") {
			name = "app.env"
		}
		files[name] = text
	}
	for n, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	cli.Main([]string{"--no-env", "--no-config", "--disable", "all", "--enable", rule, "--fail-level", "info", "--format", "oneline", name},
		&cli.Env{Stdout: &out, Stderr: &errb, Cwd: dir, NoGo: true})
	return strings.Contains(out.String(), "["+rule+"]")
}

// TestDocsPages keeps docs/rules in step with the rules: one page per rule
// rendered from its data, an index, and no page for a rule that is gone.
// -update rewrites them.
func TestDocsPages(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	want := map[string]string{"README.md": rules.DocsIndex()}
	for _, r := range rules.All() {
		want[r.Name+".md"] = rules.DocPage(r.RuleInfo)
		if !strings.HasSuffix(r.DocURL(), "/docs/rules/"+r.Name+".md") {
			t.Errorf("%s: documentation URL %s is not its page", r.Name, r.DocURL())
		}
	}
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range old {
			if _, ok := want[filepath.Base(f)]; !ok {
				os.Remove(f)
			}
		}
		for name, body := range want {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range have {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("%s documents no rule (go test ./rules -run TestDocsPages -update)", f)
		}
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != body {
			t.Errorf("docs/rules/%s is out of date (go test ./rules -run TestDocsPages -update, then read the diff)", name)
		}
	}
}
