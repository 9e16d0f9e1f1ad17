package golangci_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/reachlint/reachlint/rules/golangci"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(hardcodedlocalhost.Name)
	if err != nil {
		t.Fatal(err)
	}
	// golangci-lint passes the YAML settings as a generic map.
	p, err := newPlugin(map[string]any{
		"include-tests": true,
		"extra-sinks":   []any{"example.com/nats.Connect#0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != hardcodedlocalhost.Name {
		t.Fatalf("BuildAnalyzers() = %v, want one %s analyzer", as, hardcodedlocalhost.Name)
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		settings any
		want     string
	}{
		{map[string]any{"include-test": true}, `unknown field "include-test"`},
		{map[string]any{"include-tests": "yes"}, "cannot unmarshal"},
		{map[string]any{"extra-sinks": []any{"Connect#x"}}, `sink "Connect#x"`},
		{map[string]any{"extra-sinks": []any{"example.com/x.F#-1"}}, "not a non-negative number"},
	} {
		_, err := golangci.New(tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) error = %v, want it to contain %q", tc.settings, err, tc.want)
		}
	}
	if _, err := golangci.New(nil); err != nil {
		t.Errorf("New(nil) = %v, want defaults", err)
	}
}
