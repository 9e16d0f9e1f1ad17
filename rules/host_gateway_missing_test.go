package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/cli"
)

// A default that only the shell running the linter overrides is still the
// value every other environment gets: it is reported at the default. The
// same default overridden by .env is not (the .env is part of the project).
func TestHostGatewayDefaultOverriddenByShell(t *testing.T) {
	dir := t.TempDir()
	compose := "services:\n  app:\n    build: .\n    environment:\n      OLLAMA_URL: ${OLLAMA_URL:-http://host.docker.internal:11434}\n"
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(environ ...string) string {
		var out, errb bytes.Buffer
		cli.Main([]string{"--no-config", "--no-color", "--disable", "all", "--enable", "host-gateway-missing", "--format", "oneline", "."},
			&cli.Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: append([]string{"HOME=/nonexistent"}, environ...), NoGo: true})
		return out.String() + errb.String()
	}
	got := run("OLLAMA_URL=http://ollama:11434")
	want := `compose.yaml:5:40: warning: service "app" reaches "host.docker.internal:11434" in the default of ${OLLAMA_URL}`
	if !strings.Contains(got, want) {
		t.Errorf("got:\n%s\nwant a line starting with:\n%s", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("OLLAMA_URL=http://ollama:11434\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := run(); strings.Contains(got, "host-gateway-missing") {
		t.Errorf("unexpected finding:\n%s", got)
	}
}
