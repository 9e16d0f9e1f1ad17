package linter

import (
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
