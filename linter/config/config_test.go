package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

var update = flag.Bool("update", false, "rewrite golden files")

var testRules = []diag.RuleInfo{
	{Name: "loopback-target", Severity: diag.Error, Enabled: true, Summary: "a service connects to its own loopback"},
	{Name: "unknown-host", Severity: diag.Error, Enabled: true, Summary: "a host name no container resolves"},
	{Name: "host-network", Severity: diag.Warning, Enabled: true, Summary: "network_mode: host"},
	{Name: "browser-internal-host", Severity: diag.Error, Enabled: true, Summary: "a browser variable names a service"},
	{Name: "hardcoded-container-ip", Severity: diag.Info, Enabled: false, Summary: "a container IP address in a value"},
}

func rule(name string) diag.RuleInfo {
	for _, r := range testRules {
		if r.Name == name {
			return r
		}
	}
	panic(name)
}

func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	sch, err := c.Compile("reachlint.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// schemaValid converts YAML to JSON and validates it.
func schemaValid(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return err
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("to JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// TestFixtures parses every testdata/config fixture: valid ones must give no
// diagnostics and pass the JSON Schema; invalid ones must give diagnostics
// (pinned in invalid.golden) and fail the schema too, unless their first line
// says "# schema: valid" (rule names and cross-list checks need reachlint).
func TestFixtures(t *testing.T) {
	sch := compileSchema(t)
	valid, _ := filepath.Glob("../../testdata/config/valid/*")
	invalid, _ := filepath.Glob("../../testdata/config/invalid/*")
	if len(valid) == 0 || len(invalid) == 0 {
		t.Fatal("no fixtures")
	}
	for _, p := range valid {
		data, _ := os.ReadFile(p)
		if _, ds := Parse(p, data, testRules); len(ds) > 0 {
			t.Errorf("%s: unexpected diagnostics %v", p, ds)
		}
		if err := schemaValid(t, sch, data); err != nil {
			t.Errorf("%s: schema rejects a valid file: %v", p, err)
		}
	}
	var sb strings.Builder
	for _, p := range invalid {
		data, _ := os.ReadFile(p)
		name := filepath.Base(p)
		_, ds := Parse(name, data, testRules)
		if len(ds) == 0 {
			t.Errorf("%s: no diagnostics", p)
		}
		for _, d := range ds {
			fmt.Fprintf(&sb, "%s: %s: %s [%s]\n", d.Range, d.Severity, d.Message, d.Rule)
			if d.Why != "" {
				fmt.Fprintf(&sb, "  note: %s\n", d.Why)
			}
		}
		err := schemaValid(t, sch, data)
		if strings.HasPrefix(string(data), "# schema: valid") {
			if err != nil {
				t.Errorf("%s: marked schema-valid but the schema rejects it: %v", p, err)
			}
		} else if err == nil {
			t.Errorf("%s: the parser rejects it but the schema accepts it", p)
		}
	}
	golden := "../../testdata/config/invalid.golden"
	if *update {
		os.WriteFile(golden, []byte(sb.String()), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if sb.String() != string(want) {
		t.Errorf("diagnostics differ from %s (-update to rewrite):\n%s", golden, sb.String())
	}
}

func TestStarter(t *testing.T) {
	data := Starter(testRules)
	c, ds := Parse(".reachlint.yaml", data, testRules)
	if len(ds) > 0 {
		t.Fatalf("starter has problems: %v\n%s", ds, data)
	}
	if err := schemaValid(t, compileSchema(t), data); err != nil {
		t.Fatalf("schema rejects the starter: %v", err)
	}
	def := Default()
	for _, r := range testRules {
		if c.Enabled(r) != def.Enabled(r) || c.Severity(r) != def.Severity(r) {
			t.Errorf("starter changes %s from the defaults", r.Name)
		}
		if !strings.Contains(string(data), r.Name) {
			t.Errorf("starter does not list %s", r.Name)
		}
	}
	if c.FailLevel != def.FailLevel || c.MaxFileSize != def.MaxFileSize {
		t.Errorf("starter changes fail-level or max-file-size")
	}
	// The table of rules is aligned, with names of any length: every
	// severity starts in one column.
	long := append(slices.Clip(testRules), diag.RuleInfo{Name: "a-rule-name-longer-than-the-others", Severity: diag.Warning, Enabled: true, Summary: "long"})
	col := -1
	for _, l := range strings.Split(string(Starter(long)), "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[0] == "#" && (f[2] == "error" || f[2] == "warning" || f[2] == "info") && strings.HasPrefix(l, "  #   ") {
			if c := strings.Index(l, " "+f[2]+" ") + 1; col < 0 {
				col = c
			} else if c != col {
				t.Errorf("rules table not aligned: %q", l)
			}
		}
	}
	golden := "../../testdata/config/starter.golden.yaml"
	if *update {
		os.WriteFile(golden, data, 0o644)
	}
	want, _ := os.ReadFile(golden)
	if string(data) != string(want) {
		t.Errorf("starter differs from %s (-update to rewrite)", golden)
	}
}

// TestSchemaSettingsMatchParser keeps the schema's settings in step with
// ruleSettings.
func TestSchemaSettingsMatchParser(t *testing.T) {
	var s struct {
		Properties struct {
			Settings struct {
				Properties map[string]struct {
					Properties map[string]any
				}
			}
		}
	}
	data, _ := os.ReadFile("reachlint.schema.json")
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	got := s.Properties.Settings.Properties
	if len(got) != len(ruleSettings) {
		t.Errorf("schema has settings for %d rules, parser for %d", len(got), len(ruleSettings))
	}
	for rule, opts := range ruleSettings {
		for _, o := range opts {
			if _, ok := got[rule].Properties[o]; !ok {
				t.Errorf("schema lacks settings.%s.%s", rule, o)
			}
		}
		if len(got[rule].Properties) != len(opts) {
			t.Errorf("schema and parser disagree on the options of %s", rule)
		}
	}
}

func TestSemantics(t *testing.T) {
	data, _ := os.ReadFile("../../testdata/config/valid/full.yaml")
	c, ds := Parse("../../testdata/config/valid/full.yaml", data, testRules)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if !c.Enabled(rule("hardcoded-container-ip")) || c.Enabled(rule("host-network")) || !c.Enabled(rule("loopback-target")) {
		t.Error("enable all / disable host-network not applied")
	}
	if c.Severity(rule("unknown-host")) != diag.Warning || c.Severity(rule("host-network")) != diag.Warning || c.Severity(rule("browser-internal-host")) != diag.Error {
		t.Error("severity overrides wrong")
	}
	if c.FailLevel != diag.Warning || c.MaxFileSize != 2<<20 {
		t.Errorf("fail-level %v, max-file-size %d", c.FailLevel, c.MaxFileSize)
	}
	if fmt.Sprint(c.BrowserPrefixes) != "[MY_PUBLIC_ WEB_]" || fmt.Sprint(c.ImagePorts) != "map[minio:[9000] registry.example.com/api:[8080 9090]]" || fmt.Sprint(c.AllowHosts) != "[metadata.internal vpn.corp]" {
		t.Errorf("settings: %v %v %v", c.BrowserPrefixes, c.ImagePorts, c.AllowHosts)
	}
	// Excludes are relative to the config file's directory, paths to the cwd.
	base := "../../testdata/config/valid/"
	for p, want := range map[string]bool{
		base + "legacy/compose.yaml":      true,
		base + "a/b/compose.local.yml":    true,
		base + "test/compose.yml":         true,
		base + "prod/compose.yml":         false,
		"legacy/compose.yaml":             false, // relative to the cwd: another directory
		base + "../valid/legacy/x/y.yaml": true,
	} {
		if got := c.Excluded(p); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", p, got, want)
		}
	}

	// Command-line overrides.
	if err := c.Apply(Overrides{Disable: []string{"all"}, Enable: []string{"host-network"}, FailLevel: "error", Exclude: []string{"prod/**"}}, testRules); err != nil {
		t.Fatal(err)
	}
	for _, r := range testRules {
		if c.Enabled(r) != (r.Name == "host-network") {
			t.Errorf("after --disable all --enable host-network: %s enabled = %v", r.Name, c.Enabled(r))
		}
	}
	if c.FailLevel != diag.Error || !c.Excluded("prod/compose.yml") || c.Excluded(base+"prod/compose.yml") {
		t.Error("--fail-level or --exclude not applied")
	}
	if err := c.Apply(Overrides{Enable: []string{"nope"}, Disable: []string{"host-network"}, FailLevel: "fatal", Exclude: []string{"[x"}}, testRules); err == nil ||
		!strings.Contains(err.Error(), `unknown rule "nope"`) || !strings.Contains(err.Error(), "fail-level") || !strings.Contains(err.Error(), "--exclude") {
		t.Errorf("bad overrides: %v", err)
	}

	// Defaults follow each rule's own state.
	d := Default()
	if d.Enabled(rule("hardcoded-container-ip")) || !d.Enabled(rule("loopback-target")) || d.Fails(diag.Info) || !d.Fails(diag.Warning) {
		t.Error("defaults wrong")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deeper := filepath.Join(repo, "sub", "deeper")
	os.MkdirAll(deeper, 0o755)
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	os.WriteFile(filepath.Join(root, ".reachlint.yaml"), nil, 0o644) // above the repository: never used
	if p, ok := Find(vfs.OS{}, deeper); ok {
		t.Errorf("found %s outside the repository", p)
	}
	os.WriteFile(filepath.Join(repo, ".reachlint.yml"), nil, 0o644)
	if p, ok := Find(vfs.OS{}, deeper); !ok || p != filepath.Join(repo, ".reachlint.yml") {
		t.Errorf("got %q %v", p, ok)
	}
	os.WriteFile(filepath.Join(repo, "sub", ".reachlint.yaml"), nil, 0o644)
	os.WriteFile(filepath.Join(repo, "sub", ".reachlint.yml"), nil, 0o644)
	f := filepath.Join(deeper, "compose.yaml")
	os.WriteFile(f, nil, 0o644)
	if p, ok := Find(vfs.OS{}, f); !ok || p != filepath.Join(repo, "sub", ".reachlint.yaml") {
		t.Errorf("from a file: got %q %v", p, ok)
	}
	// Without a repository the walk goes up to the file-system root.
	plain := filepath.Join(root, "plain", "x")
	os.MkdirAll(plain, 0o755)
	if p, ok := Find(vfs.OS{}, plain); !ok || p != filepath.Join(root, ".reachlint.yaml") {
		t.Errorf("no repository: got %q %v", p, ok)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"valid/full.yaml", "invalid/wrong-types.yaml", "invalid/bad-values.yaml"} {
		data, _ := os.ReadFile("../../testdata/config/" + p)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ds := Parse("c.yaml", data, testRules)
		if c == nil {
			t.Fatal("nil config")
		}
		for _, d := range ds {
			if !d.Range.Start.IsValid() || d.Range.Start.Offset < 0 || d.Range.Start.Offset > len(data) {
				t.Fatalf("diagnostic without a valid position: %+v", d)
			}
		}
	})
}

// TestDefaultRules: only a configuration that selects no rule and sets no
// severity has the default rules (the runner then shares one rule set).
func TestDefaultRules(t *testing.T) {
	if !Default().DefaultRules() {
		t.Error("Default() should have the default rules")
	}
	for _, o := range []Overrides{
		{Enable: []string{"host-network"}}, {Disable: []string{"loopback-target"}},
		{Enable: []string{"all"}}, {Disable: []string{"all"}},
	} {
		c := Default()
		if err := c.Apply(o, testRules); err != nil {
			t.Fatal(err)
		}
		if c.DefaultRules() {
			t.Errorf("%+v: DefaultRules() = true", o)
		}
	}
	for text, want := range map[string]bool{
		"allow-hosts: [vpn.corp]\n":                    true,
		"fail-level: error\n":                          true,
		"severity:\n  unknown-host: warning\n":         false,
		"rules:\n  disable: [host-network]\n":          false,
		"rules:\n  enable: [hardcoded-container-ip]\n": false,
		"rules:\n  enable: [all]\n":                    false,
	} {
		c, ds := Parse(".reachlint.yaml", []byte(text), testRules)
		if len(ds) > 0 {
			t.Fatalf("%q: %v", text, ds)
		}
		if got := c.DefaultRules(); got != want {
			t.Errorf("%q: DefaultRules() = %v, want %v", text, got, want)
		}
	}
}
