package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reachlint/reachlint/linter/diag"
)

// sarifSchemaPath finds sarif-2.1.0.json from @microsoft/sarif-multitool.
func sarifSchemaPath(t *testing.T) string {
	if p := os.Getenv("REACHLINT_SARIF_SCHEMA"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("REACHLINT_SARIF_SCHEMA: %v", err)
		}
		return p
	}
	const rel = "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
	candidates := []string{
		filepath.Join("/tmp/sarif-tools", rel),
		filepath.Join("/usr/local/lib", rel),
		filepath.Join("/usr/lib", rel),
	}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, ".npm-global/lib", rel), filepath.Join(home, rel))
	}
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		candidates = append(candidates, filepath.Join(strings.TrimSpace(string(out)), strings.TrimPrefix(rel, "node_modules/")))
	}
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("SARIF 2.1.0 schema not found: npm install --prefix /tmp/sarif-tools @microsoft/sarif-multitool@5.7.0, " +
		"or set REACHLINT_SARIF_SCHEMA to its sarif-2.1.0.json")
	return ""
}

func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(sarifSchemaPath(t))
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	opts := options()
	opts.Mask = func(s string) string { return strings.ReplaceAll(s, "localhost", "***") }
	for name, ds := range map[string][]diag.Diagnostic{"findings": fixture(), "clean": nil} {
		out := render(t, "sarif", ds, opts)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: SARIF output violates the 2.1.0 schema: %v", name, err)
		}
	}
	// Control: the schema does reject a broken log.
	bad := bytes.Replace(render(t, "sarif", fixture(), opts), []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(inst) == nil {
		t.Error("schema accepted an invalid level: validation is not effective")
	}
}

// TestSARIFContent checks what GitHub code scanning relies on.
func TestSARIFContent(t *testing.T) {
	var log struct {
		Runs []struct {
			ColumnKind string
			Tool       struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID              string
				RuleIndex           int
				PartialFingerprints map[string]string
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif", fixture(), options()), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	ids := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		ids[r.ID] = true
	}
	for _, r := range rules {
		if !ids[r.Name] {
			t.Errorf("rule %s missing from tool.driver.rules", r.Name)
		}
	}
	seen := map[string]bool{}
	for i, res := range run.Results {
		if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID {
			t.Errorf("result %d: ruleIndex points to %s, ruleId is %s", i, got, res.RuleID)
		}
		fp := res.PartialFingerprints["reachlint/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %d: fingerprint %q empty or duplicated", i, fp)
		}
		seen[fp] = true
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.ArtifactLocation.URI, "/") {
			t.Errorf("result %d: uri %q base %q is not repository-relative", i, loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
		}
		if loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %d: region %+v", i, loc.Region)
		}
	}
}

func TestRepoRelativePaths(t *testing.T) {
	root := t.TempDir()
	inside := filepath.Join(root, "sub dir", "compose.yaml")
	outside := filepath.Join(filepath.Dir(root), "elsewhere", "compose.yaml")
	ds := []diag.Diagnostic{
		{Rule: "r", Severity: diag.Error, Range: diag.Range{File: inside, Start: diag.Pos{Line: 1, Col: 1}}, Message: "m"},
		{Rule: "r", Severity: diag.Error, Range: diag.Range{File: outside, Start: diag.Pos{Line: 1, Col: 1}}, Message: "m"},
	}
	opts := Options{RepoRoot: root}
	sarif := string(render(t, "sarif", ds, opts))
	if !strings.Contains(sarif, `"uri": "sub%20dir/compose.yaml",
                  "uriBaseId": "%SRCROOT%"`) {
		t.Errorf("inside path not repository-relative:\n%s", sarif)
	}
	if !strings.Contains(sarif, `"uri": "file://`+filepath.ToSlash(filepath.Dir(root))+`/elsewhere/compose.yaml"`) {
		t.Errorf("outside path not an absolute file URI:\n%s", sarif)
	}
	gh := string(render(t, "github", ds, opts))
	if !strings.Contains(gh, "file=sub dir/compose.yaml,") {
		t.Errorf("github path not repository-relative:\n%s", gh)
	}
	gl := string(render(t, "gitlab", ds, opts))
	if !strings.Contains(gl, `"path": "sub dir/compose.yaml"`) {
		t.Errorf("gitlab path not repository-relative:\n%s", gl)
	}
}

func TestJSONWellFormed(t *testing.T) {
	for _, format := range []string{"json", "sarif", "gitlab"} {
		for _, ds := range [][]diag.Diagnostic{fixture(), nil} {
			out := render(t, format, ds, options())
			if !json.Valid(out) {
				t.Errorf("%s: invalid JSON:\n%s", format, out)
			}
		}
	}
	if got := strings.TrimSpace(string(render(t, "json", nil, options()))); got != "[]" {
		t.Errorf("clean json = %q, want []", got)
	}
	if got := strings.TrimSpace(string(render(t, "gitlab", nil, options()))); got != "[]" {
		t.Errorf("clean gitlab = %q, want []", got)
	}

	// The json format round-trips every field that matters.
	var got []map[string]any
	if err := json.Unmarshal(render(t, "json", fixture(), options()), &got); err != nil {
		t.Fatal(err)
	}
	want := fixture()
	if len(got) != len(want) {
		t.Fatalf("%d objects, want %d", len(got), len(want))
	}
	for _, o := range got {
		for _, k := range []string{"rule", "severity", "file", "line", "column", "end_line", "end_column", "message"} {
			if _, ok := o[k]; !ok {
				t.Errorf("object %v lacks key %q", o, k)
			}
		}
	}
	// The first is the .env finding: its message survives unmasked and exact.
	if got[0]["message"] != want[0].Message {
		t.Errorf("message = %q, want %q", got[0]["message"], want[0].Message)
	}
}

func TestXMLWellFormed(t *testing.T) {
	for _, format := range []string{"checkstyle", "junit"} {
		for _, ds := range [][]diag.Diagnostic{fixture(), nil} {
			out := render(t, format, ds, options())
			dec := xml.NewDecoder(bytes.NewReader(out))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: not well-formed XML: %v\n%s", format, err, out)
				}
			}
		}
	}

	var cs checkstyleReport
	if err := xml.Unmarshal(render(t, "checkstyle", fixture(), options()), &cs); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, f := range cs.Files {
		if i > 0 && cs.Files[i-1].Name >= f.Name {
			t.Errorf("files not sorted: %q before %q", cs.Files[i-1].Name, f.Name)
		}
		n += len(f.Errors)
	}
	if n != len(fixture()) {
		t.Errorf("checkstyle has %d errors, want %d", n, len(fixture()))
	}
	// Escaping round-trips: the decoded message is the original one.
	if got, want := cs.Files[0].Errors[0].Message, fixture()[0].Message; got != want {
		t.Errorf("decoded message %q, want %q", got, want)
	}

	var ju junitSuites
	if err := xml.Unmarshal(render(t, "junit", nil, options()), &ju); err != nil {
		t.Fatal(err)
	}
	if ju.Tests != 1 || ju.Failures != 0 || len(ju.Suites) != 1 || len(ju.Suites[0].Cases) != 1 || ju.Suites[0].Cases[0].Failure != nil {
		t.Errorf("clean junit is not one passing testcase: %+v", ju)
	}
	if err := xml.Unmarshal(render(t, "junit", fixture(), options()), &ju); err != nil {
		t.Fatal(err)
	}
	if ju.Failures != len(fixture()) {
		t.Errorf("junit failures = %d, want %d", ju.Failures, len(fixture()))
	}
}

// Characters XML cannot carry must not break the document.
func TestXMLControlCharacters(t *testing.T) {
	ds := []diag.Diagnostic{{Rule: "r", Severity: diag.Error, Range: diag.Range{File: "a\x01b.yaml"}, Message: "bad \x00\x1b[31m \xff"}}
	for _, format := range []string{"checkstyle", "junit"} {
		out := render(t, format, ds, Options{})
		var v struct{}
		if err := xml.Unmarshal(out, &v); err != nil {
			t.Errorf("%s: %v\n%s", format, err, out)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
	ds := []diag.Diagnostic{{
		Rule: "r", Severity: diag.Warning,
		Range:   diag.Range{File: "dir,x/a:b.yaml", Start: diag.Pos{Line: 3, Col: 5}, End: diag.Pos{Line: 3, Col: 9}},
		Message: "50%\nnext",
	}}
	got := string(render(t, "github", ds, Options{}))
	want := "::warning file=dir%2Cx/a%3Ab.yaml,line=3,endLine=3,col=5,endColumn=8,title=reachlint r::50%25%0Anext\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestStepSummaryEscapesMarkdown(t *testing.T) {
	var sum bytes.Buffer
	ds := []diag.Diagnostic{{Rule: "r", Severity: diag.Error, Range: diag.Range{File: "a|b.yaml"}, Message: "x | *y* <b>\nz"}}
	render(t, "github", ds, Options{StepSummary: &sum})
	row := strings.Split(strings.TrimSpace(sum.String()), "\n")
	last := row[len(row)-1]
	// Exactly five unescaped pipes: the four columns' borders.
	if n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(last, -1)); n != 5 {
		t.Errorf("row has %d cell borders, want 5: %s", n, last)
	}
	for _, bad := range []string{"<b>", "*y*", "\nz"} {
		if strings.Contains(last, bad) {
			t.Errorf("row contains unescaped %q: %s", bad, last)
		}
	}
}

func TestFingerprintStableAcrossLineShifts(t *testing.T) {
	base := "a: 1\nurl: http://localhost:3000\n"
	shifted := "# a new comment\n\na: 1\nurl: http://localhost:3000\n"
	d := func(line int) diag.Diagnostic {
		return diag.Diagnostic{Rule: "loopback-target", Severity: diag.Error,
			Range: diag.Range{File: "c.yaml", Start: diag.Pos{Line: line, Col: 6}, End: diag.Pos{Line: line, Col: 27}}, Message: "m"}
	}
	get := func(content string, ds ...diag.Diagnostic) []string {
		var log struct {
			Runs []struct {
				Results []struct{ PartialFingerprints map[string]string }
			}
		}
		out := render(t, "sarif", ds, Options{Source: func(string) []byte { return []byte(content) }})
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, r := range log.Runs[0].Results {
			fps = append(fps, r.PartialFingerprints["reachlint/v1"])
		}
		return fps
	}
	a, b := get(base, d(2)), get(shifted, d(4))
	if a[0] != b[0] {
		t.Errorf("fingerprint changed when lines were inserted above: %s vs %s", a[0], b[0])
	}
	changed := d(2)
	changed.Message = "other"
	if get(base, changed)[0] == a[0] {
		t.Error("fingerprint ignores the message")
	}
	if get("a: 1\nurl: http://localhost:4000\n", d(2))[0] == a[0] {
		t.Error("fingerprint ignores the line's text")
	}
	twice := get("url: http://localhost:3000\nurl: http://localhost:3000\n", d(1), d(2))
	if twice[0] == twice[1] {
		t.Error("identical findings share a fingerprint")
	}
}

func TestMaskReachesEveryFormat(t *testing.T) {
	const secret = "s3cr3t"
	src := map[string]string{"c.yaml": "url: postgres://u:" + secret + "@localhost/db\n"}
	ds := []diag.Diagnostic{{
		Rule: "r", Severity: diag.Error,
		Range:   diag.Range{File: "c.yaml", Start: diag.Pos{Line: 1, Col: 6, Offset: 5}, End: diag.Pos{Line: 1, Col: 42, Offset: 41}},
		Message: "reaches postgres://u:" + secret + "@localhost/db",
		Related: []diag.Related{{Range: diag.Range{File: "c.yaml", Start: diag.Pos{Line: 1, Col: 1}}, Message: "password " + secret}},
		Fix: &diag.Fix{Description: "use db instead of " + secret, Edits: []diag.TextEdit{{
			Range: diag.Range{File: "c.yaml", Start: diag.Pos{Line: 1, Col: 6, Offset: 5}, End: diag.Pos{Line: 1, Col: 42, Offset: 41}}, NewText: "postgres://u:" + secret + "@db/db"}}},
	}}
	for _, format := range Formats {
		var sum bytes.Buffer
		opts := Options{
			Source:      func(p string) []byte { return []byte(src[p]) },
			StepSummary: &sum,
			Mask:        func(s string) string { return strings.ReplaceAll(s, secret, "***") },
		}
		out := render(t, format, ds, opts)
		if bytes.Contains(out, []byte(secret)) || strings.Contains(sum.String(), secret) {
			t.Errorf("%s leaks the secret:\n%s%s", format, out, sum.String())
		}
		if !bytes.Contains(out, []byte("***")) {
			t.Errorf("%s: masked text missing:\n%s", format, out)
		}
	}
}

// markerUnder returns the display text above the marker in a text snippet.
func markerUnder(t *testing.T, out string) string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if j := strings.Index(l, "^"); j >= 0 && i > 0 {
			above := []rune(lines[i-1])
			// Display cells of the line above, expanding wide runes.
			cells := 0
			for k, r := range above {
				if cells == j {
					return string(above[k:])
				}
				cells += runeWidth(r)
			}
			t.Fatalf("marker beyond the line:\n%s", out)
		}
	}
	t.Fatalf("no marker:\n%s", out)
	return ""
}

func TestTextMarkerAlignment(t *testing.T) {
	cases := []struct {
		name, line  string
		col, endCol int
		want        string // the text the marker starts under
		width       int    // marker cells
	}{
		{"ascii", "      - API_URL=http://localhost:3000", 17, 38, "http://localhost:3000", 21},
		{"tab before", "URL=\thttp://localhost", 6, 22, "http://localhost", 16},
		{"tabs inside", "A=\tx\ty", 4, 7, "x       y", 9},
		{"wide before", "名前=日本 http://localhost", 7, 23, "http://localhost", 16},
		{"combining before", "cafe\u0301=http://localhost", 7, 23, "http://localhost", 16},
		{"multi-line", "key: value", 6, 0, "value", 5},
		{"past end", "key:", 5, 5, "", 1},
		{"zero width", "key: value", 6, 6, "value", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			end := diag.Pos{Line: 1, Col: tc.endCol}
			if tc.endCol == 0 {
				end = diag.Pos{Line: 2, Col: 3}
			}
			ds := []diag.Diagnostic{{Rule: "r", Severity: diag.Error, Message: "m",
				Range: diag.Range{File: "f", Start: diag.Pos{Line: 1, Col: tc.col}, End: end}}}
			out := string(render(t, "text", ds, Options{Source: func(string) []byte { return []byte(tc.line + "\nnext line\n") }}))
			if tc.want != "" {
				if got := markerUnder(t, out); !strings.HasPrefix(got, tc.want) {
					t.Errorf("marker under %q, want %q\n%s", got, tc.want, out)
				}
			}
			m := regexp.MustCompile(`\^~*`).FindString(out)
			if utf8.RuneCountInString(m) != tc.width {
				t.Errorf("marker %q has width %d, want %d\n%s", m, len(m), tc.width, out)
			}
			if strings.Contains(out, "\t") {
				t.Errorf("tab left in output:\n%s", out)
			}
		})
	}
}

func TestTextSanitizesTerminalEscapes(t *testing.T) {
	ds := []diag.Diagnostic{{Rule: "r", Severity: diag.Error, Message: "evil \x1b]0;title\x07",
		Range: diag.Range{File: "f", Start: diag.Pos{Line: 1, Col: 1}, End: diag.Pos{Line: 1, Col: 3}}}}
	for _, format := range []string{"text", "oneline"} {
		out := render(t, format, ds, Options{Source: func(string) []byte { return []byte("\x1b[2Jab\n") }})
		if bytes.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%s prints control characters: %q", format, out)
		}
	}
}

func TestOnelineIsOneLinePerFinding(t *testing.T) {
	out := render(t, "oneline", fixture(), options())
	if n := bytes.Count(out, []byte("\n")); n != len(fixture()) {
		t.Errorf("%d lines for %d findings:\n%s", n, len(fixture()), out)
	}
	re := regexp.MustCompile(`^[^:]+(:\d+:\d+)?: (error|warning|info): .* \[[a-z-]+\]$`)
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if !re.MatchString(l) {
			t.Errorf("line does not match file:line:col: severity: message [rule]: %q", l)
		}
	}
}

func BenchmarkText(b *testing.B) {
	var ds []diag.Diagnostic
	for range 100 {
		ds = append(ds, fixture()...)
	}
	opts := options()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, "text", ds, opts); err != nil {
			b.Fatal(err)
		}
	}
}
