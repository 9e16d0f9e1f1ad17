package integration

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// nvimScript attaches reachlint lsp to the buffer of $REACHLINT_FILE with
// Neovim's built-in client and writes what the client received (the LSP
// notification and the diagnostics Neovim shows) to $REACHLINT_OUT.
// vim.lsp.start_client works from Neovim 0.5 on; Debian's 0.7 has no
// vim.lsp.start.
const nvimScript = `
local out, bin, file = os.getenv("REACHLINT_OUT"), os.getenv("REACHLINT_BIN"), os.getenv("REACHLINT_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local got
local id = vim.lsp.start_client({
  name = "reachlint",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and #result.diagnostics > 0 then got = result end
    end,
  },
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return got ~= nil end, 50)
local shown = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(shown, { lnum = d.lnum, col = d.col, message = d.message, source = d.source })
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode({ notification = got or vim.NIL, shown = shown }))
f:close()
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd("qa!")
`

// TestNeovimLSP opens the bundled example in headless Neovim with reachlint
// as its language server and checks the loopback-target finding arrives
// where the URL's host is: line 12, column 29 (0-based 11 and 28).
func TestNeovimLSP(t *testing.T) {
	integration(t)
	nvim := need(t, "nvim", "apt-get install neovim")
	root := repoRoot(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "reachlint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/reachlint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(root, "testdata/examples/nextjs-api/compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(tmp, "nextjs-api")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(proj, "compose.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(tmp, "client.lua")
	if err := os.WriteFile(script, []byte(nvimScript), 0o644); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(tmp, "diagnostics.json")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Dir = proj
	cmd.Env = append(os.Environ(), "REACHLINT_OUT="+outFile, "REACHLINT_BIN="+bin, "REACHLINT_FILE="+file,
		"XDG_STATE_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_CACHE_HOME="+tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatalf("the Lua client wrote nothing: %v", err)
	}
	var got struct {
		Notification struct {
			URI         string `json:"uri"`
			Diagnostics []struct {
				Range struct {
					Start struct{ Line, Character int } `json:"start"`
				} `json:"range"`
				Code     string `json:"code"`
				Severity int    `json:"severity"`
			} `json:"diagnostics"`
		} `json:"notification"`
		Shown []struct {
			Lnum, Col int
			Source    string
		} `json:"shown"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	t.Logf("Neovim: %s", raw)
	n := got.Notification
	if len(n.Diagnostics) != 1 || n.Diagnostics[0].Code != "loopback-target" || n.Diagnostics[0].Severity != 1 ||
		n.Diagnostics[0].Range.Start.Line != 11 || n.Diagnostics[0].Range.Start.Character != 28 {
		t.Errorf("Neovim received %s, want one loopback-target error at 11:28", raw)
	}
	if len(got.Shown) != 1 || got.Shown[0].Lnum != 11 || got.Shown[0].Col != 28 || got.Shown[0].Source != "reachlint" {
		t.Errorf("Neovim shows %+v, want one reachlint diagnostic at 11:28", got.Shown)
	}
}
