package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGraphCommand(t *testing.T) {
	dir := copyFixture(t, example)
	r := rl(t, dir, nil, "graph", "--no-env", ".")
	if r.code != 0 || !strings.HasPrefix(r.out, "flowchart LR\n") || !strings.Contains(r.out, "loopback-target") {
		t.Fatalf("mermaid: %v", r)
	}
	for _, f := range []string{"dot", "json"} {
		r := rl(t, dir, nil, "graph", "--format", f, "--no-env")
		if r.code != 0 || !strings.Contains(r.out, "service:client") {
			t.Errorf("%s: %v", f, r)
		}
	}
	out := filepath.Join(dir, "stack.dot")
	if r := rl(t, dir, nil, "graph", "--format", "dot", "--output", "stack.dot", "--no-env"); r.code != 0 || r.out != "" {
		t.Fatalf("--output: %v", r)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(data), "digraph reachlint {") {
		t.Fatalf("--output wrote %q, %v", data, err)
	}
	if r := rl(t, dir, nil, "graph", "--format", "png", "."); r.code != 2 || !strings.Contains(r.err, `unknown graph format "png"`) {
		t.Errorf("unknown format: %v", r)
	}
	if r := rl(t, dir, nil, "graph", "--focus", "nope", "--no-env"); r.code != 2 || !strings.Contains(r.err, "nope") {
		t.Errorf("unknown focus: %v", r)
	}
	if r := rl(t, dir, nil, "graph", "a", "b"); r.code != 2 {
		t.Errorf("two paths: %v", r)
	}
	if r := rl(t, dir, nil, "graph", "-h"); r.code != 0 || !strings.Contains(r.out, "-focus") {
		t.Errorf("help: %v", r)
	}
}

func TestGraphSVGWithoutDot(t *testing.T) {
	dir := copyFixture(t, example)
	t.Setenv("PATH", t.TempDir())
	r := rl(t, dir, nil, "graph", "--format", "svg", "--no-env")
	if r.code != 2 || !strings.Contains(r.err, "apt-get install graphviz") || r.out != "" {
		t.Fatalf("want a clear message and exit 2, got %v", r)
	}
}

func TestGraphSummary(t *testing.T) {
	dir := copyFixture(t, example)
	summary := filepath.Join(t.TempDir(), "summary.md")
	env := []string{"GITHUB_STEP_SUMMARY=" + summary}
	r := rl(t, dir, env, "--no-env", "--format", "github", "--graph-summary", ".")
	if r.code != 1 {
		t.Fatalf("got %v", r)
	}
	data, _ := os.ReadFile(summary)
	s := string(data)
	if !strings.Contains(s, "```mermaid\nflowchart LR\n") || !strings.Contains(s, "1 broken connection") || !strings.Contains(s, "loopback-target") {
		t.Errorf("no diagram in the step summary:\n%s", s)
	}
	// Without the flag, no diagram.
	_ = os.Remove(summary)
	rl(t, dir, env, "--no-env", "--format", "github", ".")
	if data, _ := os.ReadFile(summary); strings.Contains(string(data), "mermaid") {
		t.Errorf("diagram without --graph-summary:\n%s", data)
	}
}
