package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/graph"
	"github.com/reachlint/reachlint/linter/vfs"
	"github.com/reachlint/reachlint/rules"
)

// GraphCommand is the workspace/executeCommand that returns the Mermaid
// diagram of the project a document belongs to (its first argument, a
// URI), drawn from the open buffers as they are now.
const GraphCommand = "reachlint.graph"

type executeCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

func (s *Server) executeCommand(p executeCommandParams) (any, *rpcError) {
	if p.Command != GraphCommand {
		return nil, badParams(errors.New("unknown command " + p.Command))
	}
	var uri string
	if len(p.Arguments) == 0 || json.Unmarshal(p.Arguments[0], &uri) != nil {
		return nil, badParams(errors.New(GraphCommand + " takes the URI of a compose file"))
	}
	t, ok := URIToPath(uri)
	if !ok || !s.inWorkspace(t) {
		return nil, badParams(errors.New("not a file of the workspace: " + uri))
	}
	s.mu.Lock()
	ov := vfs.NewOverlay(s.opts.FS)
	for path, d := range s.docs {
		ov.Set(path, d.text)
	}
	root := s.root
	s.mu.Unlock()
	cfg := config.Default()
	if l, err := config.Load(ov, filepath.Dir(t), filepath.Dir(t), "", rules.Infos(), nil); err == nil {
		cfg = l.Config
	}
	cwd := filepath.Dir(t)
	if root != "" && within(root, t) {
		cwd = root
	}
	res, err := linter.Run(linter.Options{FS: ov, Cwd: cwd, Paths: []string{t}, Environ: s.opts.Environ, Config: cfg, KeepModels: true})
	if err != nil || len(res.Models) == 0 {
		return nil, &rpcError{Code: codeInternalError, Message: "no compose project to draw for " + uri}
	}
	g, err := graph.Build(res.Models[0], res.Diags, graph.Options{Mask: res.Mask})
	if err != nil {
		return nil, &rpcError{Code: codeInternalError, Message: err.Error()}
	}
	var b bytes.Buffer
	if err := graph.Mermaid(&b, g); err != nil {
		return nil, &rpcError{Code: codeInternalError, Message: err.Error()}
	}
	return b.String(), nil
}
