package output

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/output")

const goldenDir = "../../testdata/output"

// The shared fixture: sources kept in memory so that no compose file lands in
// testdata where project discovery could pick it up.
var sources = map[string]string{
	"compose.yaml": "services:\n" +
		"  api:\n" +
		"    image: node:22\n" +
		"  client:\n" +
		"    environment:\n" +
		"      - API_BASE_URL=http://localhost:3000\n" +
		"      - GREETING=héllo 日本 http://127.0.0.1:8080\n" +
		"      - API_BASE_URL=http://localhost:3000\n" +
		"      - API_BASE_URL=http://localhost:3000\n",
	"deploy/compose.override.yaml": "services:\n" +
		"  client:\n" +
		"    networks:\n" +
		"      - front\n" +
		"      - back\n",
	".env": "# settings\n" +
		"DB_URL=\tpostgres://localhost:5432/app\n",
	"broken/compose.yaml": "services:\n" +
		"  web: [\n",
}

var rules = []diag.RuleInfo{
	{
		Name: "loopback-target", Severity: diag.Error, Enabled: true,
		Summary:    "a service connects to its own loopback expecting another service",
		What:       "Reports URLs to localhost that another service of the project serves.",
		Why:        "Inside a container, localhost is that container.",
		Example:    "environment:\n  - API_URL=http://localhost:3000",
		UseInstead: "environment:\n  - API_URL=http://api:3000",
	},
	{Name: "unshared-network", Severity: diag.Warning, Enabled: true, Summary: "two services that talk share no network"},
	{Name: "unset-variable", Severity: diag.Info, Enabled: true, Summary: "a variable is used but never set"},
	{Name: "host-network", Severity: diag.Warning, Enabled: false, Summary: "a service uses the host network"},
	{Name: "yaml-syntax", Severity: diag.Error, Enabled: true, Summary: "the file is not valid YAML"},
}

func src(path string) []byte {
	if s, ok := sources[path]; ok {
		return []byte(s)
	}
	return nil
}

// rng builds a range from line/column pairs, computing offsets from the
// fixture source like the engine does.
func rng(path string, l1, c1, l2, c2 int) diag.Range {
	f := source.New(path, src(path))
	return diag.Range{File: path, Start: f.PosAt(l1, c1), End: f.PosAt(l2, c2)}
}

func fixture() []diag.Diagnostic {
	loop := func(line int) diag.Diagnostic {
		return diag.Diagnostic{
			Rule: "loopback-target", Severity: diag.Error,
			Range:   rng("compose.yaml", line, 22, line, 43),
			Message: `service "client" reaches "localhost:3000", its own container; use "http://api:3000"`,
			Why:     `service "api" listens on 3000`,
			Related: []diag.Related{{Range: rng("compose.yaml", 2, 3, 2, 6), Message: `service "api" declared here`}},
			Fix: &diag.Fix{
				Description: `replace with "http://api:3000"`,
				Edits:       []diag.TextEdit{{Range: rng("compose.yaml", line, 22, line, 43), NewText: "http://api:3000"}},
			},
		}
	}
	ds := []diag.Diagnostic{
		// Deliberately out of order: every format must sort.
		{
			Rule: "unset-variable", Severity: diag.Info,
			Range:   rng(".env", 2, 9, 2, 39),
			Message: "value 100% \"odd\": <host>, a&b; 'é' —\nsecond line",
		},
		loop(6),
		{
			Rule: "loopback-target", Severity: diag.Warning,
			Range:   rng("compose.yaml", 7, 27, 7, 48),
			Message: `service "client" reaches "127.0.0.1:8080"`,
		},
		loop(8),
		loop(9),
		{
			Rule: "unshared-network", Severity: diag.Warning,
			Range:   rng("deploy/compose.override.yaml", 4, 9, 5, 13),
			Message: `service "client" shares no network with "api"`,
			Related: []diag.Related{
				{Range: rng("compose.yaml", 2, 3, 2, 6), Message: `service "api" is on network "default"`},
			},
			Fix: &diag.Fix{
				Description: `add network "default" to service "client"`,
				Edits: []diag.TextEdit{
					{Range: rng("deploy/compose.override.yaml", 5, 13, 5, 13), NewText: "\n      - default"},
					{Range: rng("compose.yaml", 2, 7, 2, 7), NewText: "\n    networks: [default]"},
				},
			},
		},
		{
			Rule: "yaml-syntax", Severity: diag.Error,
			Range:   rng("broken/compose.yaml", 2, 9, 2, 9),
			Message: "did not find expected node content",
		},
		{
			Rule: "yaml-syntax", Severity: diag.Error,
			Range:   diag.Range{File: "unreadable.yaml"},
			Message: "cannot read file: permission denied",
		},
		{
			// Not in rules: SARIF must still describe it.
			Rule: "unused-ignore", Severity: diag.Info,
			Range:   rng("compose.yaml", 5, 5, 5, 16),
			Message: "directive suppresses nothing",
		},
	}
	return ds
}

func options() Options {
	return Options{Rules: rules, Source: src, ToolVersion: "1.2.3"}
}

func render(t testing.TB, format string, ds []diag.Diagnostic, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, ds, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./linter/output -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (go test ./linter/output -update, then read the diff)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

func goldenName(format string) string {
	switch format {
	case "json", "sarif", "gitlab":
		return format + ".golden.json"
	case "checkstyle", "junit":
		return format + ".golden.xml"
	}
	return format + ".golden"
}

func TestGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			opts := options()
			var summary bytes.Buffer
			if format == "github" {
				opts.StepSummary = &summary
			}
			golden(t, goldenName(format), render(t, format, fixture(), opts))
			if format == "github" {
				golden(t, "github-summary.golden.md", summary.Bytes())
			}
		})
	}
	t.Run("text-color", func(t *testing.T) {
		opts := options()
		opts.Color = true
		golden(t, "text-color.golden", render(t, "text", fixture(), opts))
	})
}

// Clean runs are valid documents in every format.
func TestGoldenClean(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			opts := options()
			var summary bytes.Buffer
			opts.StepSummary = &summary
			golden(t, "clean/"+goldenName(format), render(t, format, nil, opts))
			if format == "github" {
				golden(t, "clean/github-summary.golden.md", summary.Bytes())
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(io.Discard, "html", fixture(), options())
	if err == nil || !strings.Contains(err.Error(), "sarif") {
		t.Fatalf("want an error listing the formats, got %v", err)
	}
}

func TestWriteDoesNotReorderInput(t *testing.T) {
	ds := fixture()
	first := ds[0]
	render(t, "json", ds, options())
	if ds[0].Rule != first.Rule || ds[0].Range != first.Range {
		t.Fatal("Write reordered the caller's slice")
	}
}

// TestLongLineWindow: a finding on a very long line (a compose file in one
// line of JSON) shows a window around the range, not the whole line.
func TestLongLineWindow(t *testing.T) {
	line := strings.Repeat("a", 5000) + "LOCALHOST" + strings.Repeat("b", 5000)
	got, s, e := window([]rune(line), 5001, 5010)
	if n := utf8.RuneCountInString(got); n > maxSnippet+2 {
		t.Fatalf("window of %d runes", n)
	}
	rs := []rune(got)
	if string(rs[s-1:e-1]) != "LOCALHOST" || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("window %q marks [%d,%d)", got, s, e)
	}
	if short, s2, e2 := window([]rune("abc"), 2, 3); short != "abc" || s2 != 2 || e2 != 3 {
		t.Errorf("a short line is shown whole")
	}
	// A range at the very start or end of the line.
	if got, s, _ := window([]rune(line), 1, 3); !strings.HasPrefix(got, "aa") || s != 1 {
		t.Errorf("start: %q %d", got[:10], s)
	}
	if got, _, e := window([]rune(line), 10009, 10010); !strings.HasSuffix(got, "b") || e > utf8.RuneCountInString(got)+1 {
		t.Errorf("end: %d", e)
	}
}
