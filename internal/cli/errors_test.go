package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
)

// TestEveryErrorSaysWhere lists the errors a user can trigger and checks
// that each names the place to look: a file:line:col, or at least a path, a
// flag or a rule name, and says what to do where there is a choice.
func TestEveryErrorSaysWhere(t *testing.T) {
	okCompose := "services:\n  api:\n    image: nginx\n"
	usage := []struct {
		name  string
		files map[string]string
		args  []string
		want  []string // all must appear on stderr
	}{
		{"missing path", nil, []string{"nope/"}, []string{"nope", "no such file"}},
		{"unknown flag", nil, []string{"--frobnicate"}, []string{"frobnicate"}},
		{"unknown format", map[string]string{"compose.yaml": okCompose}, []string{"--format", "xml", "."}, []string{`"xml"`, "sarif"}},
		{"unknown rule", map[string]string{"compose.yaml": okCompose}, []string{"--enable", "no-such-rule", "."}, []string{"no-such-rule"}},
		{"bad config key", map[string]string{"compose.yaml": okCompose, ".reachlint.yaml": "rulez: {}\n"}, []string{"."}, []string{".reachlint.yaml:1:1", "rulez"}},
		{"missing config", map[string]string{"compose.yaml": okCompose}, []string{"--config", "gone.yaml", "."}, []string{"gone.yaml"}},
		{"no compose file", map[string]string{"README": "x"}, []string{"."}, []string{"no compose file", "compose.yaml"}},
		{"-f with a missing path", map[string]string{"compose.yaml": okCompose}, []string{"-f", "compose.yaml", "gone/..."}, []string{"gone"}},
		{"fix and diff", map[string]string{"compose.yaml": okCompose}, []string{"--fix", "--diff", "."}, []string{"--fix", "--diff"}},
		{"bad fail level", map[string]string{"compose.yaml": okCompose}, []string{"--fail-level", "fatal", "."}, []string{"fatal"}},
	}
	for _, tc := range usage {
		t.Run("usage/"+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, tc.files)
			out, errOut, code := run(t, dir, tc.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, ExitUsage, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}

	findings := []struct {
		name  string
		files map[string]string
		rule  string
	}{
		{"invalid yaml", map[string]string{"compose.yaml": "services:\n  api: [\n"}, "yaml-syntax"},
		{"tab indentation", map[string]string{"compose.yaml": "services:\n  api:\n\timage: x\n"}, "yaml-syntax"},
		{"duplicate key", map[string]string{"compose.yaml": "services:\n  api:\n    image: a\n    image: b\n"}, "yaml-syntax"},
		{"not utf-8", map[string]string{"compose.yaml": "services:\n  api:\n    image: \xff\xfe\n"}, "yaml-syntax"},
		{"nul byte", map[string]string{"compose.yaml": "services:\x00\n"}, "yaml-syntax"},
		{"recursive alias", map[string]string{"compose.yaml": "a: &a [*a]\nservices: {}\n"}, "yaml-syntax"},
		{"billion laughs", map[string]string{"compose.yaml": laughs()}, "yaml-syntax"},
		{"list document", map[string]string{"compose.yaml": "- a\n- b\n"}, "compose-schema"},
		{"schema", map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    enviroment: {}\n"}, "compose-schema"},
		{"undefined network", map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    networks: [back]\n"}, "compose-consistency"},
		{"undefined secret", map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    secrets: [pw]\n"}, "compose-consistency"},
		{"undefined config", map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    configs:\n      - source: app\n        target: /app.conf\n"}, "compose-consistency"},
		{"missing include", map[string]string{"compose.yaml": "include:\n  - other/compose.yaml\nservices:\n  api:\n    image: x\n"}, "compose-file"},
		{"missing extends file", map[string]string{"compose.yaml": "services:\n  api:\n    extends: {file: base.yaml, service: b}\n"}, "compose-file"},
		{"extends cycle", map[string]string{"compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"}, "compose-consistency"},
		{"include cycle", map[string]string{"compose.yaml": "include: [b/compose.yaml]\nservices: {a: {image: x}}\n", "b/compose.yaml": "include: [../compose.yaml]\nservices: {b: {image: x}}\n"}, "compose-consistency"},
		{"missing env_file", map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    env_file: app.env\n"}, "env-file-missing"},
		{"bad interpolation", map[string]string{"compose.yaml": "services:\n  api:\n    image: x${\n"}, "interpolation-syntax"},
		{"too large", map[string]string{"compose.yaml": okCompose + "# " + strings.Repeat("x", 2<<20) + "\n", ".reachlint.yaml": "max-file-size: 1MiB\n"}, "compose-file"},
	}
	for _, tc := range findings {
		t.Run("finding/"+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, tc.files)
			out, errOut, code := run(t, dir, "--no-env", "--format", "json", ".")
			if code != ExitFindings {
				t.Fatalf("exit %d, want 1; stdout %s stderr %s", code, out, errOut)
			}
			var ds []struct {
				Rule    string `json:"rule"`
				File    string `json:"file"`
				Line    int    `json:"line"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal([]byte(out), &ds); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			found := false
			for _, d := range ds {
				if d.File == "" {
					t.Errorf("%s: no file: %s", d.Rule, d.Message)
				}
				if _, err := os.Stat(filepath.Join(dir, d.File)); err != nil && d.Line == 0 && !strings.Contains(d.Message, d.File) {
					t.Errorf("%s: neither a position nor an existing path: %+v", d.Rule, d)
				}
				if d.Rule == tc.rule {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s finding in %s", tc.rule, out)
			}
		})
	}
}

func laughs() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := range 10 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	b.WriteString("services: {x: {image: y, labels: {z: *i}}}\n")
	return b.String()
}
