package lsp

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serve runs a server in-process over pipes.
func serve(t *testing.T, raw func(w io.Writer)) (*client, chan int) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	codes := make(chan int, 1)
	go func() {
		codes <- New(inR, outW, Options{Debounce: 20 * time.Millisecond}).Run()
		outW.Close()
	}()
	if raw != nil {
		raw(inW)
	}
	t.Cleanup(func() { inW.Close() })
	return newClient(t, outR, inW), codes
}

func initialize(c *client, root string, encs ...string) map[string]any {
	r := c.request("initialize", map[string]any{"rootUri": PathToURI(root),
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": encs}}})
	c.notify("initialized", map[string]any{})
	return r
}

// TestMalformedInput: garbage never stops the server; each problem gets
// the JSON-RPC answer it deserves and the session goes on.
func TestMalformedInput(t *testing.T) {
	c, codes := serve(t, func(w io.Writer) {
		go func() {
			_, _ = io.WriteString(w, "garbage\r\n\r\n")
			_, _ = io.WriteString(w, frame(`{not json`))
			_, _ = io.WriteString(w, frame(`{"jsonrpc":"2.0","id":1,"method":"textDocument/codeAction","params":{}}`))
		}()
	})
	jsonEq(t, "invalid JSON", c.next("parse error", func(m map[string]any) bool { return m["error"] != nil && m["id"] == nil })["error"].(map[string]any)["code"], -32700)
	jsonEq(t, "before initialize", c.next("reply 1", func(m map[string]any) bool { return m["id"] == float64(1) })["error"].(map[string]any)["code"], -32002)
	c.id = 1
	initialize(c, t.TempDir())
	bad := c.request("textDocument/codeAction", map[string]any{"textDocument": 5})
	jsonEq(t, "bad params", bad["error"].(map[string]any)["code"], -32602)
	noURI := c.request("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "untitled:1"}, "range": rng(0, 0, 0, 0)})
	jsonEq(t, "untitled document", noURI["result"], []any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": "x"})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///nope/compose.yaml"}})
	c.notify("workspace/unknownNotification", nil)
	c.request("shutdown", nil)
	after := c.request("textDocument/codeAction", map[string]any{})
	jsonEq(t, "after shutdown", after["error"].(map[string]any)["code"], -32600)
	c.notify("exit", nil)
	if code := <-codes; code != 0 {
		t.Errorf("exit code %d after shutdown", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c, codes := serve(t, nil)
	initialize(c, t.TempDir())
	c.notify("exit", nil)
	if code := <-codes; code != 1 {
		t.Errorf("exit code %d without shutdown, want 1", code)
	}
}

func write(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestProjectFiles: an unsaved .env buffer drives findings in the compose
// file that reads it; fixing the buffer clears them there; a broken
// configuration is shown on its file; UTF-8 positions when negotiated.
func TestProjectFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".git"), "")
	compose := filepath.Join(dir, "compose.yaml")
	env := filepath.Join(dir, ".env")
	cfg := filepath.Join(dir, ".reachlint.yaml")
	write(t, compose, "services:\n  api:\n    image: node\n    environment: [PORT=3000]\n  client:\n    image: node\n    environment:\n      - API=${API_URL}\n")
	write(t, env, "API_URL=http://api:3000\n")
	write(t, cfg, "rules:\n  enable: [no-such-rule]\n")
	c, _ := serve(t, nil)
	r := initialize(c, dir, "utf-8")
	jsonEq(t, "encoding", r["result"].(map[string]any)["capabilities"].(map[string]any)["positionEncoding"], "utf-8")

	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": PathToURI(env), "languageId": "sh", "version": 1, "text": "# ü\nAPI_URL=http://localhost:3000\n",
	}})
	p := c.diagnostics(PathToURI(env))
	ds := p["diagnostics"].([]any)
	if len(ds) != 1 || !strings.Contains(ds[0].(map[string]any)["message"].(string), "localhost") {
		t.Fatalf(".env diagnostics = %v", ds)
	}
	jsonEq(t, "range in UTF-8", ds[0].(map[string]any)["range"], rng(1, 15, 1, 24))
	cd := c.diagnostics(PathToURI(cfg))["diagnostics"].([]any)
	if len(cd) == 0 || !strings.Contains(cd[0].(map[string]any)["message"].(string), "no-such-rule") {
		t.Errorf("config diagnostics = %v", cd)
	}

	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": PathToURI(env), "version": 2},
		"contentChanges": []any{map[string]any{"text": "API_URL=http://api:3000\n"}},
	})
	p = c.diagnostics(PathToURI(env))
	jsonEq(t, "version", p["version"], 2)
	jsonEq(t, "cleared", p["diagnostics"], []any{})
}
