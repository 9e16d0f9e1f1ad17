package lsp

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reachlint/reachlint/internal/sentinel"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/rules"
)

// TestSentinelLSP is the language server's half of the sentinel test
// (cli.TestSentinelEveryRuleEveryFormat): with a secret in every field of
// every rule's findings, neither published diagnostics nor code actions
// carry it.
func TestSentinelLSP(t *testing.T) {
	for _, r := range rules.All() {
		if r.Example == "" || r.Name == rules.GoAnalyzerName {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, ".git"), "")
			target, secretFile := sentinel.WriteExample(t, dir, r.Example)
			if target == "." {
				target = "compose.yaml"
			}
			if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
				t.Skipf("no compose.yaml in the example of %s", r.Name)
			}
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			var injected atomic.Int64
			hook := func(ds []diag.Diagnostic) []diag.Diagnostic {
				injected.Add(int64(len(ds)))
				return append(ds, sentinel.Inject(ds, secretFile)...)
			}
			go func() {
				New(inR, outW, Options{Debounce: time.Millisecond, Hook: hook}).Run()
				outW.Close()
			}()
			t.Cleanup(func() { inW.Close() })
			c := newClient(t, outR, inW)
			initialize(c, dir, "utf-16")
			path := filepath.Join(dir, target)
			data, _ := os.ReadFile(path)
			uri := PathToURI(path)
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "yaml", "version": 1, "text": string(data)}})
			var seen []any
			seen = append(seen, c.diagnostics(uri))
			for _, u := range []string{uri, PathToURI(filepath.Join(dir, secretFile))} {
				seen = append(seen, c.request("textDocument/codeAction", map[string]any{
					"textDocument": map[string]any{"uri": u},
					"range":        rng(0, 0, 1000, 0),
					"context":      map[string]any{"diagnostics": []any{}},
				}))
			}
			time.Sleep(50 * time.Millisecond)
			c.request("shutdown", nil) // everything published before it is held
			for _, m := range c.held {
				seen = append(seen, m)
			}
			b, _ := json.Marshal(seen)
			if strings.Contains(string(b), sentinel.Value) {
				t.Errorf("the language server sends the secret: %s", b)
			}
			if injected.Load() > 0 && !strings.Contains(string(b), "ZZ_DB_PASSWORD") {
				t.Errorf("no injected finding reached the client: %s", b)
			}
		})
	}
}
