package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// client speaks JSON-RPC to a server by hand.
type client struct {
	t    testing.TB
	w    *Writer
	msgs chan map[string]any
	held []map[string]any
	id   int
}

func newClient(t testing.TB, r io.Reader, w io.Writer) *client {
	c := &client{t: t, w: NewWriter(w), msgs: make(chan map[string]any, 100)}
	go func() {
		rd := NewReader(bufio.NewReader(r))
		for {
			body, err := rd.Read()
			if err != nil {
				close(c.msgs)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent invalid JSON %q: %v", body, err)
				continue
			}
			c.msgs <- m
		}
	}()
	return c
}

func (c *client) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	b, _ := json.Marshal(m)
	if err := c.w.Write(b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// next returns the first message (held or new) that matches, holding the
// others for later.
func (c *client) next(what string, match func(map[string]any) bool) map[string]any {
	c.t.Helper()
	for i, m := range c.held {
		if match(m) {
			c.held = append(c.held[:i], c.held[i+1:]...)
			return m
		}
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("server closed its output waiting for %s", what)
			}
			if match(m) {
				return m
			}
			c.held = append(c.held, m)
		case <-timeout:
			c.t.Fatalf("timed out waiting for %s; held %v", what, c.held)
		}
	}
}

func (c *client) request(method string, params any) map[string]any {
	c.t.Helper()
	c.id++
	id := float64(c.id)
	c.send(map[string]any{"id": c.id, "method": method, "params": params})
	return c.next("the reply to "+method, func(m map[string]any) bool { return m["id"] == id && m["method"] == nil })
}

// diagnostics waits for the next publishDiagnostics for uri.
func (c *client) diagnostics(uri string) map[string]any {
	c.t.Helper()
	return c.next("diagnostics for "+uri, func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		return m["params"].(map[string]any)["uri"] == uri
	})["params"].(map[string]any)
}

func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1}, "end": map[string]any{"line": l2, "character": c2}}
}

func jsonEq(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	var gv, wv any
	_ = json.Unmarshal(g, &gv)
	_ = json.Unmarshal(w, &wv)
	if fmt.Sprint(gv) != fmt.Sprint(wv) {
		t.Errorf("%s = %s, want %s", what, g, w)
	}
}

const fixedCompose = `services:
  api:
    image: node
    ports: ["3000:3000"]
    environment: [PORT=3000]
  client:
    image: node
    environment:
      - API_BASE_URL=http://api:3000
`

// TestEndToEnd builds reachlint and drives "reachlint lsp" over pipes: the
// finding comes from an unsaved buffer, its quick fix is offered, and a
// fixed buffer clears it.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "reachlint")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/reachlint/reachlint/cmd/reachlint").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "compose.yaml")
	if err := os.WriteFile(path, []byte(fixedCompose), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := PathToURI(path)
	cmd := exec.Command(bin, "lsp")
	cmd.Dir = dir
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	c := newClient(t, stdout, stdin)

	init := c.request("initialize", map[string]any{
		"processId": nil, "rootUri": PathToURI(dir),
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}},
	})
	caps := init["result"].(map[string]any)["capabilities"].(map[string]any)
	jsonEq(t, "positionEncoding", caps["positionEncoding"], "utf-16")
	jsonEq(t, "textDocumentSync.change", caps["textDocumentSync"].(map[string]any)["change"], 1)
	c.notify("initialized", map[string]any{})

	// Unknown requests get MethodNotFound; $/cancelRequest is ignored.
	unk := c.request("textDocument/hover", map[string]any{})
	jsonEq(t, "hover error code", unk["error"].(map[string]any)["code"], -32601)
	c.notify("$/cancelRequest", map[string]any{"id": 99})

	// The buffer is unsaved: the disk has the fixed file. A non-ASCII
	// comment before the URL's line keeps line numbers honest.
	unsaved := strings.Replace(fixedCompose, "http://api:3000", "http://localhost:3000", 1)
	unsaved = strings.Replace(unsaved, "  client:\n", "  client: # 🚀 ü\n", 1)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "yaml", "version": 1, "text": unsaved,
	}})
	p := c.diagnostics(uri)
	jsonEq(t, "version", p["version"], 1)
	ds := p["diagnostics"].([]any)
	if len(ds) != 1 {
		t.Fatalf("diagnostics = %v, want one", ds)
	}
	d := ds[0].(map[string]any)
	jsonEq(t, "range", d["range"], rng(8, 28, 8, 37))
	jsonEq(t, "code", d["code"], "loopback-target")
	if cd, _ := d["codeDescription"].(map[string]any); cd == nil || cd["href"] != "https://github.com/reachlint/reachlint/blob/main/docs/rules/loopback-target.md" {
		t.Errorf("codeDescription: %v", d["codeDescription"])
	}
	jsonEq(t, "source", d["source"], "reachlint")
	jsonEq(t, "severity", d["severity"], 1)
	if rel, _ := d["relatedInformation"].([]any); len(rel) == 0 {
		t.Errorf("no relatedInformation in %v", d)
	}

	ca := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng(8, 30, 8, 30),
		"context": map[string]any{"diagnostics": ds},
	})
	actions, _ := ca["result"].([]any)
	if len(actions) != 1 {
		t.Fatalf("code actions = %v, want one", ca)
	}
	a := actions[0].(map[string]any)
	jsonEq(t, "kind", a["kind"], "quickfix")
	jsonEq(t, "edit", a["edit"], map[string]any{"changes": map[string]any{uri: []any{
		map[string]any{"range": rng(8, 28, 8, 37), "newText": "api"},
	}}})
	// No fix where there is no finding.
	none := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 0, 0), "context": map[string]any{"diagnostics": []any{}},
	})
	jsonEq(t, "code actions on line 0", none["result"], []any{})

	// Two quick edits: the first after a pause may be linted at once
	// (version 2), the burst's last one is linted after it; versions only
	// go up, and the last published is the fix's.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": unsaved + "# still wrong\n"}},
	})
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": fixedCompose}},
	})
	p = c.diagnostics(uri)
	if v, _ := p["version"].(float64); v == 2 {
		p = c.diagnostics(uri)
	}
	jsonEq(t, "version after the fix", p["version"], 3)
	jsonEq(t, "diagnostics after the fix", p["diagnostics"], []any{})

	c.request("shutdown", nil)
	c.notify("exit", nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) || err != nil {
			t.Fatalf("exit: %v\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}
