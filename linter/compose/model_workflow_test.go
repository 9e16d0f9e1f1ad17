package compose

import "testing"

func TestMentions(t *testing.T) {
	for _, tc := range []struct {
		text, name string
		want       bool
	}{
		{"docker compose -f compose.yaml up", "compose.yaml", true},
		{"run: docker compose -f deploy/compose.yaml up", "compose.yaml", true},
		{"docker compose -f docker-compose.yaml up", "compose.yaml", false},
		{"compose.yaml.example", "compose.yaml", false},
		{"'docker-compose.ci.yml'", "docker-compose.ci.yml", true},
		{"", "compose.yaml", false},
	} {
		if got := mentions(tc.text, tc.name); got != tc.want {
			t.Errorf("mentions(%q, %q) = %v, want %v", tc.text, tc.name, got, tc.want)
		}
	}
}

func TestWorkflowVars(t *testing.T) {
	got := workflowVars("env:\n  DB_TYPE: mysql\n  lower: x\nsteps:\n  - run: export TAG=1 && FOO=bar docker compose up\n")
	want := []string{"DB_TYPE", "TAG", "FOO"}
	if len(got) != len(want) {
		t.Fatalf("workflowVars = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("workflowVars = %v, want %v", got, want)
		}
	}
}
