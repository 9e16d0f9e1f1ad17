package cli

import (
	"bytes"
	"strings"
	"testing"

	secretpkg "github.com/reachlint/reachlint/internal/sentinel"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/output"
	"github.com/reachlint/reachlint/rules"
)

// TestSentinelEveryRuleEveryFormat lints every rule's example with a secret
// in the project's .env, puts that secret into every field of every
// finding (secretpkg.Inject), and checks that no output format prints it:
// masking is one step in the engine, not a duty of each formatter. The
// language server's half is lsp.TestSentinelLSP.
func TestSentinelEveryRuleEveryFormat(t *testing.T) {
	for _, r := range rules.All() {
		if r.Example == "" || r.Name == rules.GoAnalyzerName || r.Name == rules.GoLoadName {
			// Go findings come from the Go loader; TestGoMessagesMasked
			// covers them.
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			dir := t.TempDir()
			target, secretFile := secretpkg.WriteExample(t, dir, r.Example)
			injected := 0
			hook := func(ds []diag.Diagnostic) []diag.Diagnostic {
				var mine []diag.Diagnostic
				for _, d := range ds {
					if d.Rule == r.Name {
						mine = append(mine, d)
					}
				}
				injected += len(mine)
				return append(ds, secretpkg.Inject(mine, secretFile)...)
			}
			enable := r.Name
			if r.Name == "unused-ignore" {
				enable += ",loopback-target" // a directive is unused only for a rule that ran
			}
			for _, f := range output.Formats {
				var out, errb bytes.Buffer
				Main([]string{"--no-env", "--no-config", "--disable", "all", "--enable", enable, "--fail-level", "info", "--format", f, target},
					&Env{Stdout: &out, Stderr: &errb, Cwd: dir, NoGo: true, hook: hook})
				if strings.Contains(out.String()+errb.String(), secretpkg.Value) {
					t.Errorf("--format %s prints the secret:\n%s%s", f, out.String(), errb.String())
				}
			}
			if injected == 0 {
				t.Errorf("the example of %s gave no finding to carry the secret", r.Name)
			}
		})
	}
}
