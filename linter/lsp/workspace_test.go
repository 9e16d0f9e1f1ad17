package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/reachlint/reachlint/linter/diag"
)

const withFinding = "services:\n  api:\n    image: node\n    ports: [\"3000:3000\"]\n  web:\n    image: node\n    environment:\n      API_URL: http://localhost:3000\n"

func serveWith(t testing.TB, o Options) *client {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	go func() {
		New(inR, outW, o).Run()
		outW.Close()
	}()
	t.Cleanup(func() { inW.Close() })
	return newClient(t, outR, inW)
}

func writeAll(t testing.TB, files ...string) {
	for i := 0; i+1 < len(files); i += 2 {
		if err := os.MkdirAll(filepath.Dir(files[i]), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, files[i], files[i+1])
	}
}

func open(c *client, path, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": PathToURI(path), "languageId": "yaml", "version": 1, "text": text}})
}

// TestOutsideWorkspaceNotLinted: a URI outside the workspace folders
// (file:///ws/../../outside) is neither linted nor published.
func TestOutsideWorkspaceNotLinted(t *testing.T) {
	base := t.TempDir()
	ws := filepath.Join(base, "ws")
	outside := filepath.Join(base, "outside")
	writeAll(t, filepath.Join(ws, "compose.yaml"), withFinding, filepath.Join(outside, "compose.yaml"), withFinding)
	c := serveWith(t, Options{Debounce: time.Millisecond})
	initialize(c, ws, "utf-16")
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": "file://" + filepath.ToSlash(ws) + "/../outside/compose.yaml", "languageId": "yaml", "version": 1, "text": withFinding}})
	open(c, filepath.Join(ws, "compose.yaml"), withFinding)
	if ds := c.diagnostics(PathToURI(filepath.Join(ws, "compose.yaml")))["diagnostics"].([]any); len(ds) == 0 {
		t.Fatal("no finding inside the workspace")
	}
	c.request("shutdown", nil)
	b, _ := json.Marshal(c.held)
	if strings.Contains(string(b), "outside/compose.yaml") {
		t.Errorf("published for a file outside the workspace: %s", b)
	}
}

// TestSlowLintDoesNotStallOthers: one document whose lint blocks does not
// keep the others from being linted and published.
func TestSlowLintDoesNotStallOthers(t *testing.T) {
	ws := t.TempDir()
	slow := filepath.Join(ws, "slow", "compose.yaml")
	fast := filepath.Join(ws, "fast", "compose.yaml")
	writeAll(t, slow, withFinding, fast, withFinding)
	release := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	hook := func(ds []diag.Diagnostic) []diag.Diagnostic {
		for _, d := range ds {
			if strings.Contains(d.Range.File, "slow") {
				<-release // blocked, like a read that never ends
				break
			}
		}
		return ds
	}
	c := serveWith(t, Options{Debounce: time.Millisecond, LintTimeout: 200 * time.Millisecond, Hook: hook, Log: io.Discard})
	initialize(c, ws, "utf-16")
	open(c, slow, withFinding)
	time.Sleep(20 * time.Millisecond)
	open(c, fast, withFinding)
	start := time.Now()
	if ds := c.diagnostics(PathToURI(fast))["diagnostics"].([]any); len(ds) == 0 {
		t.Fatal("no finding for the fast document")
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("the fast document waited %v", el)
	}
	once.Do(func() { close(release) })
	if _, err := os.Stat(slow); err != nil {
		t.Fatal(err)
	}
}

// TestFIFODoesNotHang: a FIFO as .env or env_file target neither hangs the
// server nor keeps it from exiting.
func TestFIFODoesNotHang(t *testing.T) {
	ws := t.TempDir()
	compose := filepath.Join(ws, "compose.yaml")
	writeAll(t, compose, withFinding+"    env_file: app.env\n")
	for _, n := range []string{".env", "app.env"} {
		if err := syscall.Mkfifo(filepath.Join(ws, n), 0o644); err != nil {
			t.Skip(err)
		}
	}
	c, codes := serve(t, nil)
	initialize(c, ws, "utf-16")
	open(c, compose, withFinding+"    env_file: app.env\n")
	ds := c.diagnostics(PathToURI(compose))["diagnostics"].([]any)
	b, _ := json.Marshal(ds)
	if !strings.Contains(string(b), "FIFO") {
		t.Errorf("diagnostics do not explain the FIFO: %s", b)
	}
	c.request("shutdown", nil)
	c.notify("exit", nil)
	select {
	case code := <-codes:
		if code != 0 {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestNoWorkspaceFolders: an editor in single-file mode names no folder;
// the document's own directory is then the workspace, and findings in
// files outside it (an env_file in the parent) are not published.
func TestNoWorkspaceFolders(t *testing.T) {
	base := t.TempDir()
	app := filepath.Join(base, "app")
	compose := "services:\n  api:\n    build: .\n    ports: [\"3000:3000\"]\n  web:\n    build: .\n    env_file: ../outside.env\n    environment:\n      API_URL: http://localhost:3000\n"
	writeAll(t, filepath.Join(app, "compose.yaml"), compose, filepath.Join(base, "outside.env"), "OTHER_URL=http://localhost:3000\n")
	c := serveWith(t, Options{Debounce: time.Millisecond})
	c.request("initialize", map[string]any{"capabilities": map[string]any{}})
	c.notify("initialized", map[string]any{})
	open(c, filepath.Join(app, "compose.yaml"), compose)
	if ds := c.diagnostics(PathToURI(filepath.Join(app, "compose.yaml")))["diagnostics"].([]any); len(ds) == 0 {
		t.Fatal("no finding in the document itself")
	}
	c.request("shutdown", nil)
	b, _ := json.Marshal(c.held)
	if strings.Contains(string(b), "outside.env") {
		t.Errorf("published for a file outside the document's directory: %s", b)
	}
}

// TestGraphCommand: workspace/executeCommand reachlint.graph returns the
// project's Mermaid diagram, with the broken connection marked, from the
// buffer as it is (unsaved).
func TestGraphCommand(t *testing.T) {
	ws := t.TempDir()
	writeAll(t, filepath.Join(ws, "compose.yaml"), "services: {}\n")
	c := serveWith(t, Options{Debounce: time.Millisecond})
	r := initialize(c, ws, "utf-16")
	if !strings.Contains(fmt.Sprint(r), GraphCommand) {
		t.Errorf("the command is not advertised: %v", r)
	}
	open(c, filepath.Join(ws, "compose.yaml"), withFinding)
	res := c.request("workspace/executeCommand", map[string]any{"command": GraphCommand, "arguments": []string{PathToURI(filepath.Join(ws, "compose.yaml"))}})
	text, _ := res["result"].(string)
	if !strings.HasPrefix(strings.TrimSpace(text), "%%") && !strings.Contains(text, "flowchart") {
		t.Fatalf("not a Mermaid diagram: %v", res)
	}
	if !strings.Contains(text, "loopback-target") {
		t.Errorf("the broken connection of the unsaved buffer is not marked:\n%s", text)
	}
}

// TestChangeDelay: the first change after a pause is linted at once, a
// keystroke in a burst burstDelay after it, never later than the debounce.
func TestChangeDelay(t *testing.T) {
	t0 := time.Unix(1000, 0)
	for _, c := range []struct {
		last, now time.Time
		debounce  time.Duration
		want      time.Duration
	}{
		{time.Time{}, t0, DefaultDebounce, 0},                                             // never changed before
		{t0, t0.Add(time.Second), DefaultDebounce, 0},                                     // after a pause
		{t0, t0.Add(80 * time.Millisecond), DefaultDebounce, burstDelay},                  // typing
		{t0, t0.Add(10 * time.Millisecond), 20 * time.Millisecond, 20 * time.Millisecond}, // capped by the debounce
		{t0, t0.Add(10 * time.Millisecond), -1, 0},                                        // no debounce
	} {
		if got := changeDelay(c.last, c.now, c.debounce); got != c.want {
			t.Errorf("changeDelay(+%v, debounce %v) = %v, want %v", c.now.Sub(c.last), c.debounce, got, c.want)
		}
	}
}

// BenchmarkChangeToDiagnostics is the editor's latency: from a change of a
// 50-service compose file to its published diagnostics, with the default
// debounce (a change after a pause is linted at once).
func BenchmarkChangeToDiagnostics(b *testing.B) {
	ws := b.TempDir()
	var sb strings.Builder
	sb.WriteString("services:\n")
	for i := range 50 {
		fmt.Fprintf(&sb, "  s%d:\n    image: node\n    ports: [\"%d:3000\"]\n    environment:\n      API_URL: http://localhost:%d\n", i, 4000+i, 4000+(i+1)%50)
	}
	text := sb.String()
	path := filepath.Join(ws, "compose.yaml")
	writeAll(b, path, text)
	c := serveWith(b, Options{})
	initialize(c, ws, "utf-16")
	open(c, path, text)
	c.diagnostics(PathToURI(path))
	uri := PathToURI(path)
	v := 1
	for b.Loop() {
		v++
		b.StopTimer()
		time.Sleep(DefaultDebounce) // a pause: the next change starts a burst
		b.StartTimer()
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"text": text + fmt.Sprintf("# %d\n", v)}}})
		c.diagnostics(uri)
	}
}
