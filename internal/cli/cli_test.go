package cli_test

// End-to-end tests of the command line, run in-process through cli.Main:
// every flag, output format and exit code, configuration, suppressions,
// fixes, only-new findings and the subcommands. Findings come from the
// loopback-target rule (and the suppression rules) only, so that rules
// written later do not change these expectations.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/rules"
)

// only restricts a run to the rules these tests rely on.
var only = []string{"--disable", "all", "--enable", "loopback-target,ignore-syntax,ignore-unknown-rule,unused-ignore"}

type result struct {
	out, err string
	code     int
}

// rl runs reachlint in dir with a minimal environment (plus env) and returns
// what it printed and its exit code.
func rl(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, &cli.Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, NoGo: true,
		Environ: append([]string{"HOME=" + t.TempDir()}, env...),
	})
	return result{out.String(), errb.String(), code}
}

func (r result) String() string {
	return "exit " + string(rune('0'+r.code)) + "\nstdout:\n" + r.out + "stderr:\n" + r.err
}

// copyFixture copies testdata/cli/NAME (or the bundled example when name
// starts with "example") into a fresh temporary directory.
func copyFixture(t *testing.T, src string) string {
	t.Helper()
	return testfs.CopyDir(t, src)
}

const example = "../../testdata/examples/nextjs-api"

// oneline is the example's finding in the oneline format.
// exampleHeadline is the text format's first line of the example's finding,
// exampleLine the oneline format's, which carries the explanation too.
const (
	exampleHeadline = `compose.yaml:12:29: error: service "client" reaches "localhost:3000", its own container; use "http://api:3000" [loopback-target]`
	exampleLine     = `compose.yaml:12:29: error: service "client" reaches "localhost:3000", its own container; use "http://api:3000"; service "api" listens on 3000 [loopback-target]`
)

// rulesOf lists the [rule] of every oneline line, in order.
func rulesOf(out string) []string {
	var rs []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if i := strings.LastIndex(l, " ["); i >= 0 && strings.HasSuffix(l, "]") {
			rs = append(rs, strings.TrimSuffix(l[i+2:], "]"))
		}
	}
	return rs
}

func TestExitCodes(t *testing.T) {
	dir := copyFixture(t, example)
	clean := t.TempDir()
	if err := os.WriteFile(filepath.Join(clean, "compose.yaml"), []byte("services:\n  web:\n    image: nginx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		dir     string
		args    []string
		code    int
		errWant string // substring of stderr
	}{
		{"finding", dir, []string{"--no-env", "--no-config", "."}, 1, ""},
		{"clean", clean, []string{"--no-env", "--no-config", "."}, 0, ""},
		{"clean without path", clean, []string{"--no-env", "--no-config"}, 0, ""},
		{"missing path", dir, []string{"--no-env", "does-not-exist"}, 2, "does-not-exist"},
		{"bad flag", dir, []string{"--no-such-flag", "."}, 2, "flag provided but not defined: -no-such-flag"},
		{"unknown format", dir, []string{"--format", "xml", "."}, 2, `unknown format "xml"`},
		{"unknown rule in --enable", dir, []string{"--enable", "no-such-rule", "."}, 2, `--enable: unknown rule "no-such-rule"`},
		{"unknown rule in --disable", dir, []string{"--disable", "loopback-targt", "."}, 2, `--disable: unknown rule "loopback-targt"; did you mean "loopback-target"?`},
		{"misspelt rule in --enable", dir, []string{"--enable", "unknwn-host", "."}, 2, `--enable: unknown rule "unknwn-host"; did you mean "unknown-host"?`},
		{"explain misspelt", dir, []string{"explain", "host-netwerk"}, 2, `unknown rule "host-netwerk"; did you mean "host-network"?`},
		{"bad fail level", dir, []string{"--fail-level", "fatal", "."}, 2, "--fail-level"},
		{"two outputs for one format", dir, []string{"--format", "json", "--output", "a.json", "--output", "b.json", "."}, 2, "--format json has two --output files"},
		{"output before format", dir, []string{"--output", "a.json", "--format", "json", "."}, 2, "comes before any --format"},
		{"fix and diff", dir, []string{"--fix", "--diff", "."}, 2, "cannot be used together"},
		{"both new-from", dir, []string{"--new-from-rev", "HEAD", "--new-from-merge-base", "main", "."}, 2, "cannot be used together"},
		{"missing config", dir, []string{"--config", "nope.yaml", "."}, 2, "cannot read config nope.yaml"},
		{"explain unknown", dir, []string{"explain", "no-such-rule"}, 2, `unknown rule "no-such-rule"`},
		{"explain no rule", dir, []string{"explain"}, 2, "usage: reachlint explain RULE"},
		{"help", dir, []string{"--help"}, 0, "Exit codes: 0 clean, 1 findings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rl(t, tc.dir, nil, tc.args...)
			got := r.err
			if tc.name == "help" {
				got = r.out // asked-for help goes to stdout
			}
			if r.code != tc.code || !strings.Contains(got, tc.errWant) {
				t.Errorf("want exit %d and stderr containing %q; got %v", tc.code, tc.errWant, r)
			}
			if tc.code == 2 && r.out != "" {
				t.Errorf("a usage error printed findings:\n%s", r.out)
			}
		})
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := copyFixture(t, example)
	r := rl(t, dir, nil, ".", "--no-env", "--format", "oneline")
	if r.code != 1 || r.out != exampleLine+"\n" {
		t.Errorf("got %v", r)
	}
}

func TestFailLevel(t *testing.T) {
	dir := copyFixture(t, example)
	// The example's one finding is an error; downgraded to info by a config
	// file it passes the default gate (warning) and fails --fail-level info.
	cfg := filepath.Join(dir, "info.yaml")
	if err := os.WriteFile(cfg, []byte("severity:\n  loopback-target: info\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--fail-level", "error"}, 1},
		{[]string{"--fail-level", "warning"}, 1},
		{[]string{"--config", "info.yaml"}, 0},
		{[]string{"--config", "info.yaml", "--fail-level", "warning"}, 0},
		{[]string{"--config", "info.yaml", "--fail-level", "info"}, 1},
	} {
		r := rl(t, dir, nil, append(append([]string{"--no-env", "--format", "oneline"}, tc.args...), ".")...)
		if r.code != tc.code {
			t.Errorf("%v: got %v", tc.args, r)
		}
		// The finding is printed whatever the gate.
		if len(rulesOf(r.out)) != 1 {
			t.Errorf("%v: want the one finding printed, got %v", tc.args, r)
		}
	}
}

func TestFormats(t *testing.T) {
	dir := copyFixture(t, example)
	// The output package resolves display paths against the process's
	// working directory to make them repository-relative.
	t.Chdir(dir)
	checks := map[string]func(t *testing.T, out string){
		"text": func(t *testing.T, out string) {
			if !strings.HasPrefix(out, exampleHeadline+"\n  12 |") || !strings.Contains(out, "fix: replace \"localhost\" with \"api\"") {
				t.Errorf("text:\n%s", out)
			}
		},
		"oneline": func(t *testing.T, out string) {
			if out != exampleLine+"\n" {
				t.Errorf("oneline:\n%s", out)
			}
		},
		"json": func(t *testing.T, out string) {
			var v []map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil || len(v) != 1 || v[0]["rule"] != "loopback-target" || v[0]["line"] != 12.0 {
				t.Errorf("json (%v):\n%s", err, out)
			}
		},
		"sarif": func(t *testing.T, out string) {
			var v struct {
				Version string `json:"version"`
				Runs    []struct {
					Tool struct {
						Driver struct {
							Rules []struct {
								ID string `json:"id"`
							} `json:"rules"`
						} `json:"driver"`
					} `json:"tool"`
					Results []struct {
						RuleID              string            `json:"ruleId"`
						PartialFingerprints map[string]string `json:"partialFingerprints"`
						Locations           []struct {
							PhysicalLocation struct {
								ArtifactLocation struct {
									URI string `json:"uri"`
								} `json:"artifactLocation"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil || v.Version != "2.1.0" || len(v.Runs) != 1 || len(v.Runs[0].Results) != 1 {
				t.Fatalf("sarif (%v):\n%s", err, out)
			}
			run := v.Runs[0]
			if len(run.Tool.Driver.Rules) != len(rules.All()) {
				t.Errorf("sarif: %d rules in tool.driver.rules, want every rule (%d)", len(run.Tool.Driver.Rules), len(rules.All()))
			}
			res := run.Results[0]
			if res.RuleID != "loopback-target" || len(res.PartialFingerprints) == 0 || len(res.Locations) == 0 ||
				res.Locations[0].PhysicalLocation.ArtifactLocation.URI != "compose.yaml" {
				t.Errorf("sarif result: %+v", res)
			}
		},
		"github": func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "::error file=compose.yaml,line=12,endLine=12,col=29,") || !strings.Contains(out, "title=reachlint loopback-target::service \"client\" reaches") {
				t.Errorf("github:\n%s", out)
			}
		},
		"checkstyle": func(t *testing.T, out string) {
			var v struct {
				Files []struct {
					Name   string `xml:"name,attr"`
					Errors []struct {
						Line   int    `xml:"line,attr"`
						Source string `xml:"source,attr"`
					} `xml:"error"`
				} `xml:"file"`
			}
			if err := xml.Unmarshal([]byte(out), &v); err != nil || len(v.Files) != 1 || v.Files[0].Name != "compose.yaml" ||
				len(v.Files[0].Errors) != 1 || v.Files[0].Errors[0].Line != 12 || !strings.Contains(v.Files[0].Errors[0].Source, "loopback-target") {
				t.Errorf("checkstyle (%v):\n%s", err, out)
			}
		},
		"junit": func(t *testing.T, out string) {
			if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil || strings.Count(out, "<failure") != 1 {
				t.Errorf("junit (%v):\n%s", err, out)
			}
		},
		"gitlab": func(t *testing.T, out string) {
			var v []struct {
				CheckName   string `json:"check_name"`
				Fingerprint string `json:"fingerprint"`
				Severity    string `json:"severity"`
				Location    struct {
					Path  string `json:"path"`
					Lines struct {
						Begin int `json:"begin"`
					} `json:"lines"`
				} `json:"location"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil || len(v) != 1 || v[0].CheckName != "loopback-target" ||
				v[0].Fingerprint == "" || v[0].Location.Path != "compose.yaml" || v[0].Location.Lines.Begin != 12 {
				t.Errorf("gitlab (%v):\n%s", err, out)
			}
		},
	}
	// One run per format, on stdout.
	for name, check := range checks {
		t.Run(name, func(t *testing.T) {
			r := rl(t, dir, nil, "--no-env", "--format", name, ".")
			if r.code != 1 {
				t.Fatalf("got %v", r)
			}
			check(t, r.out)
		})
	}
	// Every format in one run: each --output goes with the --format just
	// before it; the format without an --output goes to stdout.
	t.Run("all at once", func(t *testing.T) {
		out := t.TempDir()
		var args []string
		var names []string
		for name := range checks {
			if name != "text" {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		for _, n := range names {
			args = append(args, "--format", n, "--output", filepath.Join(out, n+".out"))
		}
		args = append(args, "--format", "text", "--no-env", ".")
		r := rl(t, dir, nil, args...)
		if r.code != 1 {
			t.Fatalf("got %v", r)
		}
		checks["text"](t, r.out)
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(out, n+".out"))
			if err != nil {
				t.Fatal(err)
			}
			checks[n](t, string(data))
		}
	})
	// A relative --output is relative to the working directory.
	t.Run("relative output", func(t *testing.T) {
		r := rl(t, dir, nil, "--no-env", "--format", "json", "--output", "out.json", ".")
		if r.code != 1 || r.out != "" {
			t.Fatalf("got %v", r)
		}
		data, err := os.ReadFile(filepath.Join(dir, "out.json"))
		if err != nil {
			t.Fatal(err)
		}
		checks["json"](t, string(data))
	})
}

func TestGithubStepSummary(t *testing.T) {
	dir := copyFixture(t, example)
	summary := filepath.Join(t.TempDir(), "summary.md")
	const before = "## earlier step\n"
	if err := os.WriteFile(summary, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	r := rl(t, dir, []string{"GITHUB_STEP_SUMMARY=" + summary}, "--no-env", "--format", "github", ".")
	if r.code != 1 || !strings.HasPrefix(r.out, "::error ") {
		t.Fatalf("got %v", r)
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.HasPrefix(s, before) || len(s) == len(before) || !strings.Contains(s, "loopback-target") || !strings.Contains(s, "compose.yaml") {
		t.Errorf("step summary not appended:\n%s", s)
	}
	// Other formats leave it alone.
	if err := os.WriteFile(summary, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	rl(t, dir, []string{"GITHUB_STEP_SUMMARY=" + summary}, "--no-env", "--format", "json", ".")
	if data, _ := os.ReadFile(summary); string(data) != before {
		t.Errorf("json format wrote the step summary:\n%s", data)
	}
}

func TestConfigDiscovery(t *testing.T) {
	root := copyFixture(t, "testdata/cli/config")
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(root, "a", "b")
	oneline := []string{"--no-env", "--format", "oneline"}

	// Found walking up from the linted path (and from the working
	// directory): the finding is a warning and fail-level is error.
	for _, tc := range []struct{ cwd, path string }{{root, "a/b"}, {b, "."}, {b, ""}} {
		args := slices.Clone(oneline)
		if tc.path != "" {
			args = append(args, tc.path)
		}
		r := rl(t, tc.cwd, nil, args...)
		if r.code != 0 || !strings.Contains(r.out, ": warning: ") {
			t.Errorf("cwd %s, path %q: want the config applied (exit 0, a warning); got %v", tc.cwd, tc.path, r)
		}
	}
	// --no-config: defaults.
	if r := rl(t, b, nil, append(oneline, "--no-config", ".")...); r.code != 1 || r.out != exampleLine+"\n" {
		t.Errorf("--no-config: got %v", r)
	}
	// Flags override the file.
	if r := rl(t, b, nil, append(oneline, "--fail-level", "warning", ".")...); r.code != 1 {
		t.Errorf("--fail-level over the file: got %v", r)
	}
	// The walk stops at the repository root: a config above it is not read.
	outer := t.TempDir()
	if err := os.WriteFile(filepath.Join(outer, ".reachlint.yaml"), []byte("rules:\n  disable: [loopback-target]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(outer, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(example, "compose.yaml"))
	if err := os.WriteFile(filepath.Join(repo, "compose.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := rl(t, repo, nil, append(oneline, ".")...); r.code != 1 {
		t.Errorf("a config above the repository root was read: %v", r)
	}
	// --config names any file; .yml is found too.
	if r := rl(t, repo, nil, append(oneline, "--config", filepath.Join(outer, ".reachlint.yaml"), ".")...); r.code != 0 || r.out != "" {
		t.Errorf("--config: got %v", r)
	}
	if err := os.WriteFile(filepath.Join(repo, ".reachlint.yml"), []byte("rules:\n  disable: [loopback-target]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := rl(t, repo, nil, append(oneline, ".")...); r.code != 0 || r.out != "" {
		t.Errorf(".reachlint.yml not found: %v", r)
	}
}

func TestInvalidConfig(t *testing.T) {
	dir := copyFixture(t, "testdata/cli/badconfig")
	r := rl(t, dir, nil, "--no-env", ".")
	want := ".reachlint.yaml:3:1: error: unknown key \"fail-levl\""
	if r.code != 2 || !strings.Contains(r.err, want) || !strings.Contains(r.err, ".reachlint.yaml:5:3: error: unknown rule \"no-such-rule\"") ||
		!strings.Contains(r.err, "reachlint: invalid configuration in .reachlint.yaml") || r.out != "" {
		t.Errorf("want exit 2 with positions on stderr (%s); got %v", want, r)
	}
	// The position names the file as given, from a subdirectory too.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := rl(t, sub, nil, "--no-env", ".."); r.code != 2 || !strings.Contains(r.err, "../.reachlint.yaml:3:1:") {
		t.Errorf("got %v", r)
	}
	// --no-config ignores the broken file.
	if r := rl(t, dir, nil, "--no-env", "--no-config", "--format", "oneline", "."); r.code != 1 || r.out != exampleLine+"\n" {
		t.Errorf("--no-config: got %v", r)
	}
}

func TestEnableDisable(t *testing.T) {
	dir := copyFixture(t, example)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--disable", "loopback-target"}, 0},
		{[]string{"--disable", "all"}, 0},
		{[]string{"--disable", "all", "--enable", "loopback-target"}, 1},
		{[]string{"--disable", "all", "--enable", "yaml-syntax,loopback-target"}, 1},
		{[]string{"--enable", "all", "--disable", "loopback-target,unbound-port-interface"}, 0}, // the example publishes ports on every interface
	} {
		r := rl(t, dir, nil, append(append([]string{"--no-env", "--no-config", "--format", "oneline"}, tc.args...), ".")...)
		if r.code != tc.code {
			t.Errorf("%v: got %v", tc.args, r)
		}
		if has := slices.Contains(rulesOf(r.out), "loopback-target"); has != (tc.code == 1) {
			t.Errorf("%v: loopback-target reported = %v; got %v", tc.args, has, r)
		}
	}
	if r := rl(t, dir, nil, "--enable", "loopback-target", "--disable", "loopback-target", "."); r.code != 2 || !strings.Contains(r.err, "both enabled and disabled") {
		t.Errorf("enable and disable one rule: got %v", r)
	}
}

func TestExclude(t *testing.T) {
	root := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(example, "compose.yaml"))
	for _, d := range []string{"app", "legacy/old"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, d, "compose.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// --exclude patterns are relative to the process's working directory
	// (config.Apply resolves them with filepath.Abs).
	t.Chdir(root)
	args := []string{"--no-env", "--no-config", "--format", "oneline"}
	r := rl(t, root, nil, append(args, "./...")...)
	if got := strings.Count(r.out, "[loopback-target]"); got != 2 {
		t.Fatalf("want 2 findings without --exclude; got %v", r)
	}
	r = rl(t, root, nil, append(args, "--exclude", "legacy/**", "./...")...)
	if r.code != 1 || r.out != "app/"+exampleLine+"\n" {
		t.Errorf("--exclude legacy/**: got %v", r)
	}
	r = rl(t, root, nil, append(args, "--exclude", "legacy/**,**/compose.yaml", "./...")...)
	if r.code != 0 || r.out != "" {
		t.Errorf("--exclude with two patterns: got %v", r)
	}
	// Excludes in the config file are relative to the file.
	if err := os.WriteFile(filepath.Join(root, "legacy", ".reachlint.yaml"), []byte("exclude: [\"old/**\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = rl(t, root, nil, "--no-env", "--format", "oneline", "legacy/...")
	if r.code != 0 || r.out != "" {
		t.Errorf("config exclude: got %v", r)
	}
}

// suppressWant are the findings left in testdata/cli/suppress: every
// directive with a reason suppresses its line, the rest is reported.
var suppressWant = []string{
	"app.env:4:25: error: service \"client\" reaches \"localhost:3000\"",                // no directive
	"compose.yaml:12:44: error: suppression of \"loopback-target\" gives no reason",     // ignore-syntax
	"compose.yaml:13:7: warning: suppression of \"loopback-target\" matches no finding", // unused-ignore
	"compose.yaml:15:26: error: unknown rule \"no-such-rule\" in suppression",           // ignore-unknown-rule
	"compose.yaml:17:29: error: service \"client\" reaches \"localhost:3000\"",          // no directive
}

func TestInlineSuppression(t *testing.T) {
	dir := copyFixture(t, "testdata/cli/suppress")
	r := rl(t, dir, nil, append([]string{"--no-env", "--no-config", "--format", "oneline", "."}, only...)...)
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if r.code != 1 || len(lines) != len(suppressWant) {
		t.Fatalf("want %d findings; got %v", len(suppressWant), r)
	}
	for i, w := range suppressWant {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: got %q, want prefix %q", i+1, lines[i], w)
		}
	}
	want := []string{"loopback-target", "ignore-syntax", "unused-ignore", "ignore-unknown-rule", "loopback-target"}
	if got := rulesOf(r.out); !slices.Equal(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}

	// --no-inline-ignore: every loopback finding comes back, including
	// the x-reachlint scope and reachlint-ignore-file; directives are
	// not judged.
	r = rl(t, dir, nil, append([]string{"--no-env", "--no-config", "--format", "oneline", "--no-inline-ignore", "."}, only...)...)
	var locs []string
	for _, l := range strings.Split(strings.TrimSpace(r.out), "\n") {
		if !strings.HasSuffix(l, "[loopback-target]") {
			t.Errorf("--no-inline-ignore reported a directive: %s", l)
		}
		locs = append(locs, strings.Join(strings.SplitN(l, ":", 3)[:2], ":"))
	}
	wantLocs := []string{"app.env:2", "app.env:3", "app.env:4", "compose.yaml:10", "compose.yaml:11", "compose.yaml:12", "compose.yaml:17", "compose.yaml:22", "whole.env:2", "whole.env:3"}
	if r.code != 1 || !slices.Equal(locs, wantLocs) {
		t.Errorf("--no-inline-ignore: got lines %v, want %v\n%v", locs, wantLocs, r)
	}
}

// TestSuppressionOnlyForItsRule: a directive for another rule does not hide
// a finding.
func TestSuppressionOnlyForItsRule(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(example, "compose.yaml"))
	s := strings.Replace(string(data), "      - API_BASE_URL=", "      # reachlint-ignore yaml-syntax -- wrong rule\n      - API_BASE_URL=", 1)
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	r := rl(t, dir, nil, "--no-env", "--no-config", "--format", "oneline", "--disable", "all", "--enable", "loopback-target,yaml-syntax,unused-ignore", ".")
	if got := rulesOf(r.out); !slices.Equal(got, []string{"unused-ignore", "loopback-target"}) {
		t.Errorf("got %v", r)
	}
}

func TestFix(t *testing.T) {
	dir := copyFixture(t, "testdata/cli/fix")
	path := filepath.Join(dir, "compose.yaml")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(path)
	args := append([]string{"--no-env", "--no-config", "--format", "oneline", "."}, only...)

	// --diff prints the patch and changes nothing; the findings remain, so
	// the exit code says the gate fails.
	r := rl(t, dir, nil, append([]string{"--diff"}, args...)...)
	wantDiff := `--- a/compose.yaml
+++ b/compose.yaml
@@ -6,7 +6,7 @@
   client:
     image: node:20
     environment:
-      API_URL:   "http://localhost:3000/v1"   # double-quoted, odd spacing
-      OTHER: 'http://127.0.0.1:3000'      # single-quoted
+      API_URL:   "http://api:3000/v1"   # double-quoted, odd spacing
+      OTHER: 'http://api:3000'      # single-quoted
       # reachlint-ignore no-such-rule -- an unknown rule stays reported after --fix
       PLAIN: value
`
	if r.out != wantDiff || r.code != 1 {
		t.Errorf("--diff: got %v\nwant stdout:\n%s", r, wantDiff)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, orig) {
		t.Fatalf("--diff changed the file")
	}

	// --fix edits only the replaced bytes, keeps the mode, leaves no
	// temporary file, and reports what remains.
	r = rl(t, dir, nil, append([]string{"--fix"}, args...)...)
	if r.code != 1 || len(rulesOf(r.out)) != 1 || rulesOf(r.out)[0] != "ignore-unknown-rule" {
		t.Errorf("--fix: want only the unfixable finding left (exit 1); got %v", r)
	}
	fixed, _ := os.ReadFile(path)
	want := strings.NewReplacer(`"http://localhost:3000/v1"`, `"http://api:3000/v1"`, `'http://127.0.0.1:3000'`, `'http://api:3000'`).Replace(string(orig))
	if string(fixed) != want {
		t.Errorf("--fix wrote:\n%s\nwant:\n%s", fixed, want)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after --fix: %v (%v), want 0640", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("--fix left files behind: %v", entries)
	}

	// A second --fix changes nothing.
	r2 := rl(t, dir, nil, append([]string{"--fix"}, args...)...)
	again, _ := os.ReadFile(path)
	if !bytes.Equal(again, fixed) || r2.out != r.out || r2.code != r.code {
		t.Errorf("second --fix changed something: %v", r2)
	}
	// Nothing left to diff.
	if r := rl(t, dir, nil, append([]string{"--diff"}, args...)...); r.out != "" {
		t.Errorf("--diff after --fix: %v", r)
	}

	// With the unfixable line gone, --fix makes the run pass.
	clean := copyFixture(t, "testdata/cli/fix")
	p := filepath.Join(clean, "compose.yaml")
	s := strings.Replace(string(orig), "      # reachlint-ignore no-such-rule -- an unknown rule stays reported after --fix\n", "", 1)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := rl(t, clean, nil, append([]string{"--fix"}, args...)...); r.code != 0 || r.out != "" {
		t.Errorf("--fix of everything: got %v", r)
	}
}

// TestFixRefusesSymlinkOut: --fix never writes through a link to a file
// outside the project's repository.
func TestFixRefusesSymlinkOut(t *testing.T) {
	outside := copyFixture(t, example)
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "compose.yaml"), filepath.Join(repo, "compose.yaml")); err != nil {
		t.Skip("no symlinks:", err)
	}
	orig, _ := os.ReadFile(filepath.Join(outside, "compose.yaml"))
	r := rl(t, repo, nil, "--no-env", "--no-config", "--fix", ".")
	if r.code != 2 || !strings.Contains(r.err, "refusing to write") {
		t.Errorf("got %v", r)
	}
	if now, _ := os.ReadFile(filepath.Join(outside, "compose.yaml")); !bytes.Equal(now, orig) {
		t.Errorf("the file outside the repository was changed")
	}
}

// git runs git in dir with a fixed identity.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestNewFrom(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := copyFixture(t, example)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "legacy")
	// A new finding on a new line, on a branch.
	git(t, dir, "checkout", "-q", "-b", "feature")
	path := filepath.Join(dir, "compose.yaml")
	data, _ := os.ReadFile(path)
	s := strings.Replace(string(data), "    depends_on: [api]\n", "      - API_WS_URL=ws://127.0.0.1:3000\n    depends_on: [api]\n", 1)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-env", "--no-config", "--format", "oneline", "--disable", "all", "--enable", "loopback-target"}
	if r := rl(t, dir, nil, append(args, ".")...); strings.Count(r.out, "\n") != 2 {
		t.Fatalf("want 2 findings in all; got %v", r)
	}
	newLine := regexp.MustCompile(`^compose\.yaml:13:\d+: error: service "client" reaches "127\.0\.0\.1:3000"`)
	check := func(name string, r result) {
		t.Helper()
		if r.code != 1 || strings.Count(r.out, "\n") != 1 || !newLine.MatchString(r.out) {
			t.Errorf("%s: want only the new finding; got %v", name, r)
		}
	}
	// Uncommitted change against HEAD.
	check("--new-from-rev HEAD", rl(t, dir, nil, append(args, "--new-from-rev", "HEAD", ".")...))
	git(t, dir, "commit", "-q", "-am", "new")
	check("--new-from-rev HEAD~1", rl(t, dir, nil, append(args, "--new-from-rev", "HEAD~1", ".")...))
	check("--new-from-merge-base main", rl(t, dir, nil, append(args, "--new-from-merge-base", "main", ".")...))
	// Nothing changed since HEAD: the legacy findings are not reported.
	if r := rl(t, dir, nil, append(args, "--new-from-rev", "HEAD", ".")...); r.code != 0 || r.out != "" {
		t.Errorf("--new-from-rev HEAD after commit: got %v", r)
	}
	// An unknown revision is a usage error.
	if r := rl(t, dir, nil, append(args, "--new-from-rev", "no-such-rev", ".")...); r.code != 2 {
		t.Errorf("unknown revision: got %v", r)
	}
}

func TestInit(t *testing.T) {
	dir := copyFixture(t, example)
	r := rl(t, dir, nil, "init")
	if r.code != 0 || r.out != "wrote .reachlint.yaml\n" {
		t.Fatalf("init: got %v", r)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".reachlint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ds := config.Parse(".reachlint.yaml", data, rules.Infos()); len(ds) != 0 {
		t.Errorf("the starter config does not parse: %v", ds)
	}
	// The run picks it up without complaint and finds what it found
	// without it.
	if r := rl(t, dir, nil, "--no-env", "--format", "oneline", "."); r.code != 1 || r.out != exampleLine+"\n" {
		t.Errorf("lint with the starter config: got %v", r)
	}
	// Never overwrites.
	if r := rl(t, dir, nil, "init"); r.code != 2 || !strings.Contains(r.err, "already exists") {
		t.Errorf("second init: got %v", r)
	}
	// A path argument names the file.
	if r := rl(t, dir, nil, "init", "other.yaml"); r.code != 0 {
		t.Errorf("init other.yaml: got %v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err != nil {
		t.Error(err)
	}
}

func TestSubcommands(t *testing.T) {
	dir := t.TempDir()
	r := rl(t, dir, nil, "rules")
	if r.code != 0 {
		t.Fatalf("rules: %v", r)
	}
	sc := bufio.NewScanner(strings.NewReader(r.out))
	var names []string
	for sc.Scan() {
		names = append(names, strings.Fields(sc.Text())[0])
	}
	var want []string
	for _, ru := range rules.All() {
		want = append(want, ru.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("rules lists %v, want %v", names, want)
	}
	r = rl(t, dir, nil, "explain", "loopback-target")
	lt := rules.ByName("loopback-target")
	if r.code != 0 || r.out != cli.RuleDoc(lt.RuleInfo) || !strings.HasPrefix(r.out, "loopback-target (error)\n  "+lt.Summary+"\n") ||
		!strings.Contains(r.out, "\nUse instead\n") || !strings.HasSuffix(r.out, "\n\nMore: https://github.com/reachlint/reachlint/blob/main/docs/rules/loopback-target.md\n") {
		t.Errorf("explain: %v", r)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r = rl(t, dir, nil, args...)
		if r.code != 0 || !regexp.MustCompile(`^reachlint \S+( \(.+\))?\n$`).MatchString(r.out) {
			t.Errorf("%v: %v", args, r)
		}
	}
	// lsp serves the language server on standard input and output.
	var session string
	for _, m := range []string{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`} {
		session += fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	if r := stdinRun(t, dir, session, "lsp"); r.code != 0 || !strings.Contains(r.out, `"capabilities"`) {
		t.Errorf("lsp: %v", r)
	}
}

// readme returns README.md.
func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeExample: the intro's console block is what the command prints.
func TestReadmeExample(t *testing.T) {
	s := readme(t)
	const start = "```console\n$ reachlint "
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatal("README.md lacks the console example")
	}
	block := s[i+len("```console\n$ "):]
	block = block[:strings.Index(block, "```")]
	cmd, want, _ := strings.Cut(block, "\n")
	root, _ := filepath.Abs("../..")
	r := rl(t, root, nil, strings.Fields(cmd)[1:]...)
	if r.out != want || r.code != 1 {
		t.Errorf("README's example of %q differs from the real output (exit %d):\n--- README\n%s--- real\n%s", cmd, r.code, want, r.out)
	}
}

// TestReadmeJSON: every field of README's JSON example is in the real
// output, with the same value unless the example elides it with "...".
func TestReadmeJSON(t *testing.T) {
	s := readme(t)
	i := strings.Index(s, "```json\n")
	if i < 0 {
		t.Fatal("README.md lacks the JSON example")
	}
	block := s[i+len("```json\n"):]
	block = block[:strings.Index(block, "```")]
	var doc map[string]any
	if err := json.Unmarshal([]byte(block), &doc); err != nil {
		t.Fatalf("README's JSON example is not JSON: %v", err)
	}
	root, _ := filepath.Abs("../..")
	r := rl(t, root, nil, "--no-env", "--format", "json", "testdata/examples/nextjs-api")
	var real []any
	if err := json.Unmarshal([]byte(r.out), &real); err != nil || len(real) != 1 {
		t.Fatalf("real output (%v): %v", err, r)
	}
	var cmp func(path string, doc, real any)
	cmp = func(path string, doc, real any) {
		switch d := doc.(type) {
		case map[string]any:
			m, ok := real.(map[string]any)
			if !ok {
				t.Errorf("%s: README shows an object, output has %v", path, real)
				return
			}
			for k, v := range d {
				rv, ok := m[k]
				if !ok {
					t.Errorf("%s.%s: in README, not in the output", path, k)
					continue
				}
				cmp(path+"."+k, v, rv)
			}
		case []any:
			a, ok := real.([]any)
			if !ok || len(a) < len(d) {
				t.Errorf("%s: README shows %d items, output has %v", path, len(d), real)
				return
			}
			for i := range d {
				cmp(path, d[i], a[i])
			}
		case string:
			if strings.HasSuffix(d, "...") {
				if rs, ok := real.(string); !ok || !strings.HasPrefix(rs, strings.TrimSuffix(d, "...")) {
					t.Errorf("%s: README %q is not a prefix of %v", path, d, real)
				}
				return
			}
			if d != real {
				t.Errorf("%s: README %q, output %v", path, d, real)
			}
		default:
			if doc != real {
				t.Errorf("%s: README %v, output %v", path, doc, real)
			}
		}
	}
	cmp("", doc, real[0])
}

// TestReadmeFlags: the flags table lists every flag, and only real ones.
func TestReadmeFlags(t *testing.T) {
	r := rl(t, t.TempDir(), nil, "--help")
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  (-[a-z], )?--([a-z-]+)`).FindAllStringSubmatch(r.out, -1) {
		if m[1] != "" {
			flags = append(flags, m[1][1:2])
		}
		flags = append(flags, m[2])
	}
	if len(flags) < 20 {
		t.Fatalf("--help lists %d flags:\n%s", len(flags), r.out)
	}
	s := readme(t)
	table := s[strings.Index(s, "| flag | meaning |"):]
	table = table[:strings.Index(table, "\n\n")]
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`(--?[a-z-]+)").FindAllStringSubmatch(table, -1) {
		documented[strings.TrimLeft(m[1], "-")] = true
	}
	for _, f := range flags {
		if f != "version" && f != "help" && !documented[f] {
			t.Errorf("README's flags table lacks --%s", f)
		}
		delete(documented, f)
	}
	for f := range documented {
		t.Errorf("README's flags table documents --%s, which does not exist", f)
	}
}

// TestReadmeCICommands runs every reachlint command line of README's "CI
// integration" section and of action.yml, in a git repository holding the
// example: none may be a usage error, and every report file must be written
// in its format.
func TestReadmeCICommands(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	s := readme(t)
	i := strings.Index(s, "\n## CI integration\n")
	if i < 0 {
		t.Fatal("README.md lacks the CI integration section")
	}
	sec := s[i+1:]
	sec = sec[:strings.Index(sec, "\n## ")]
	var cmds []string
	inCode := false
	for _, l := range strings.Split(sec, "\n") {
		if strings.HasPrefix(l, "```") {
			inCode = !inCode
			continue
		}
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
		if inCode && strings.HasPrefix(l, "reachlint ") {
			if j := strings.Index(l, " #"); j >= 0 {
				l = l[:j]
			}
			cmds = append(cmds, l)
		}
	}
	// action.yml: its command line with the inputs' defaults.
	action, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	defaults := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z-]+):\n(?:    .*\n)*?    default: (.*)\n`).FindAllStringSubmatch(string(action), -1) {
		defaults[m[1]] = strings.Trim(m[2], `"`)
	}
	m := regexp.MustCompile(`"\$\(go env GOPATH\)/bin/reachlint"((?:.*\\\n)*.*)`).FindStringSubmatch(string(action))
	if m == nil || len(defaults) != 4 {
		t.Fatalf("action.yml: no reachlint command line or inputs (%v)", defaults)
	}
	line := strings.NewReplacer("\\\n", " ", `"$REACHLINT_FAIL_LEVEL"`, defaults["fail-level"], `"$REACHLINT_SARIF"`, defaults["sarif-file"],
		"$REACHLINT_ARGS", defaults["args"], "$REACHLINT_PATHS", defaults["paths"]).Replace(m[1])
	cmds = append(cmds, "reachlint"+line)
	if len(cmds) < 6 {
		t.Fatalf("found only %d command lines: %q", len(cmds), cmds)
	}

	for _, c := range cmds {
		t.Run(c, func(t *testing.T) {
			dir := copyFixture(t, example)
			git(t, dir, "init", "-q", "-b", "main")
			git(t, dir, "add", ".")
			git(t, dir, "commit", "-q", "-m", "one")
			git(t, dir, "commit", "-q", "--allow-empty", "-m", "two")
			git(t, dir, "update-ref", "refs/remotes/origin/main", "HEAD~1")
			t.Chdir(dir) // output paths are made repository-relative against the process directory
			args := strings.Fields(c)[1:]
			r := rl(t, dir, nil, args...)
			if r.code != 0 && r.code != 1 {
				t.Fatalf("%s: %v", c, r)
			}
			for i, a := range args {
				if a != "--output" {
					continue
				}
				data, err := os.ReadFile(filepath.Join(dir, args[i+1]))
				if err != nil {
					t.Fatal(err)
				}
				// The --format just before this --output.
				format := ""
				for j := i - 1; j >= 0 && format == ""; j-- {
					if args[j] == "--format" {
						format = args[j+1]
					}
				}
				wantStart := map[string]string{"sarif": "{", "gitlab": "[", "junit": "<?xml", "checkstyle": "<?xml"}[format]
				if len(data) == 0 || !strings.HasPrefix(strings.TrimSpace(string(data)), wantStart) {
					t.Errorf("%s: %s holds no %s report:\n%s", c, args[i+1], format, data)
				}
			}
		})
	}
}

// TestSubcommandHelp: -h after init or explain prints usage and writes
// nothing (init once wrote a file named "--help").
func TestSubcommandHelp(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "--help"}, {"init", "-h"}, {"explain", "-h"}} {
		r := rl(t, dir, nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.out, "usage: reachlint ") {
			t.Errorf("%v: %v", args, r)
		}
	}
	if r := rl(t, dir, nil, "init", "--force"); r.code != 2 {
		t.Errorf("init --force: %v", r)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("files written: %v", ents)
	}
}
