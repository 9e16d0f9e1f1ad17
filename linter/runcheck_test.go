package linter

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/rules"
)

// A rule that panics becomes one diagnostic naming it, and the rules after
// it still run on the same pass and report under their own names.
func TestRunCheckRecovers(t *testing.T) {
	p := &compose.Project{Files: []*source.File{source.New("compose.yaml", []byte("services: {}\n"))}}
	var ds []diag.Diagnostic
	pass := rules.NewPass(nil, p, rules.Settings{}, &ds, &rules.Shared{})
	boom := &rules.Rule{RuleInfo: diag.RuleInfo{Name: "boom", Severity: diag.Warning}, Check: func(*rules.Pass) { panic("broken") }}
	fine := &rules.Rule{RuleInfo: diag.RuleInfo{Name: "fine", Severity: diag.Info}, Check: func(ps *rules.Pass) {
		ps.Report(diag.Diagnostic{Message: "still running"})
	}}
	runCheck(boom, pass.Next(boom), &ds)
	runCheck(fine, pass.Next(fine), &ds)
	if len(ds) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %+v", len(ds), ds)
	}
	if d := ds[0]; d.Rule != "boom" || d.Severity != diag.Error || d.Range.File != "compose.yaml" || !strings.Contains(d.Message, "internal error in rule boom: broken") {
		t.Errorf("the panic's diagnostic: %+v", d)
	}
	if d := ds[1]; d.Rule != "fine" || d.Severity != diag.Info || d.Message != "still running" {
		t.Errorf("the next rule's finding: %+v", d)
	}
}

// A value the schema refuses only because a ${VAR} in it is unset is
// reported once, by unset-variable; a value refused as written still is.
func TestSchemaLeavesUnsetVariables(t *testing.T) {
	for _, tc := range []struct {
		name, compose string
		rules         string
	}{
		{"unset variable", "services:\n  a:\n    image: x\n    container_name: \"${NAME}\"\n", "unset-variable"},
		{"empty as written", "services:\n  a:\n    image: x\n    container_name: \"\"\n", "compose-schema"},
		{"default", "services:\n  a:\n    image: x\n    container_name: \"${NAME:-}\"\n", "compose-schema"},
		{"unset-variable off", "services:\n  a:\n    image: x\n    container_name: \"${NAME}\"\n", "compose-schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": tc.compose})
			cfg := config.Default()
			if tc.name == "unset-variable off" {
				var infos []diag.RuleInfo
				for _, r := range rules.All() {
					infos = append(infos, r.RuleInfo)
				}
				if err := cfg.Apply(config.Overrides{Disable: []string{"unset-variable"}}, infos); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Run(Options{Cwd: dir, Paths: []string{"."}, Environ: map[string]string{}, Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags {
				got = append(got, d.Rule)
			}
			if strings.Join(got, ",") != tc.rules {
				t.Errorf("rules %v, want %s", got, tc.rules)
			}
		})
	}
}

// TestEnabledRulesShared: runs with the default rules share one rule set,
// which is the set computed for the configuration; any selection or
// severity computes its own.
func TestEnabledRulesShared(t *testing.T) {
	a, b := enabledRules(config.Default()), enabledRules(config.Default())
	if &a[0] != &b[0] {
		t.Error("two default configurations should share the rule set")
	}
	if !slices.Equal(a, selectRules(config.Default())) {
		t.Error("the shared set differs from the default configuration's")
	}
	on := 0
	for _, r := range a {
		if r.rule != nil {
			on++
		}
	}
	if on == 0 || on == len(a) {
		t.Fatalf("%d of %d rules on by default: the comparison below needs some of each", on, len(a))
	}
	configs := map[string]*config.Config{}
	for _, o := range []config.Overrides{
		{Enable: []string{"all"}}, {Disable: []string{"all"}, Enable: []string{rules.GoAnalyzerName}},
		{Disable: []string{"loopback-target"}}, {Enable: []string{"ports-quotes"}},
	} {
		c := config.Default()
		if err := c.Apply(o, rules.Infos()); err != nil {
			t.Fatal(err)
		}
		configs[fmt.Sprintf("%+v", o)] = c
	}
	for _, text := range []string{"presets: [style]\n", "severity:\n  unknown-host: warning\n"} {
		c, ds := config.Parse(".reachlint.yaml", []byte(text), rules.Infos())
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		configs[text] = c
	}
	for name, c := range configs {
		got := enabledRules(c)
		if !slices.Equal(got, selectRules(c)) {
			t.Errorf("%s: enabledRules differs from selectRules", name)
		}
		if slices.Equal(got, a) {
			t.Errorf("%s: the same rules as the defaults", name)
		}
	}
}
