package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/rules"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite README.md's rules table")

// rulesTable renders README's rules table from the rules themselves.
func rulesTable() string {
	var b strings.Builder
	b.WriteString("| rule | severity | what it finds |\n|---|---|---|\n")
	for _, r := range rules.All() {
		sev := r.Severity.String()
		if !r.Enabled {
			sev += " (off by default)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Name, sev, r.Summary)
	}
	return b.String()
}

// TestReadmeRulesTable keeps README's rules table in step with the code.
func TestReadmeRulesTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("README.md lacks the rules table markers")
	}
	want := rulesTable()
	if got := s[i+len(start) : j]; got != want {
		if *updateReadme {
			s = s[:i+len(start)] + want + s[j:]
			if err := os.WriteFile("../../README.md", []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's rules table is out of date; run go test ./linter -run TestReadme -update-readme\n--- want\n%s", want)
	}
}

// TestHelpMatchesReadme: -h lists every flag, in README's spelling
// (`--file FILE`, `-p`), and README's flag table names no flag -h lacks.
func TestHelpMatchesReadme(t *testing.T) {
	c := &cli{}
	fs := c.flags(io.Discard)
	listed := map[string]bool{}
	for _, h := range helpFlags {
		for _, n := range strings.Split(h.names, ",") {
			if fs.Lookup(n) == nil {
				t.Errorf("-h lists %q, which is no flag", n)
			}
			listed[n] = true
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !listed[f.Name] {
			t.Errorf("-h does not list --%s", f.Name)
		}
	})
	var help strings.Builder
	usage(&help, fs)
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("(?m)^\\| (`-.*?) \\|").FindAllStringSubmatch(string(data), -1)
	if len(rows) < 15 {
		t.Fatalf("README's flag table: %d rows", len(rows))
	}
	for _, row := range rows {
		for _, m := range regexp.MustCompile("`(-[^`]+)`").FindAllStringSubmatch(row[1], -1) {
			if !regexp.MustCompile(`(^|[ ,])` + regexp.QuoteMeta(m[1]) + `( |,|$)`).MatchString(strings.ReplaceAll(help.String(), "\n", " \n")) {
				t.Errorf("README spells %q; -h does not:\n%s", m[1], help.String())
			}
		}
	}
}
