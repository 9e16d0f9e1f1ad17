package lsp

import (
	"path/filepath"
	"slices"
	"time"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
)

type textDocumentItem struct {
	URI     string `json:"uri"`
	Version int    `json:"version"`
	Text    string `json:"text"`
}

type docID struct {
	URI     string `json:"uri"`
	Version *int   `json:"version,omitempty"`
}

type initializeParams struct {
	RootURI          string `json:"rootUri"`
	RootPath         string `json:"rootPath"`
	WorkspaceFolders []struct {
		URI string `json:"uri"`
	} `json:"workspaceFolders"`
	Capabilities struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		Workspace struct {
			WorkspaceEdit struct {
				DocumentChanges bool `json:"documentChanges"`
			} `json:"workspaceEdit"`
		} `json:"workspace"`
	} `json:"capabilities"`
}

type didOpenParams struct {
	TextDocument textDocumentItem `json:"textDocument"`
}

type didChangeParams struct {
	TextDocument   docID `json:"textDocument"`
	ContentChanges []struct {
		Range *Range  `json:"range"`
		Text  *string `json:"text"`
	} `json:"contentChanges"`
}

type didSaveParams struct {
	TextDocument docID   `json:"textDocument"`
	Text         *string `json:"text"`
}

type didCloseParams struct {
	TextDocument docID `json:"textDocument"`
}

type codeActionParams struct {
	TextDocument docID `json:"textDocument"`
	Range        Range `json:"range"`
	Context      struct {
		Only []string `json:"only"`
	} `json:"context"`
}

// chooseEncoding prefers UTF-16, the protocol's default, and takes UTF-8
// or UTF-32 only from a client that offers them without UTF-16.
func chooseEncoding(offered []string) Encoding {
	if len(offered) == 0 || slices.Contains(offered, string(UTF16)) {
		return UTF16
	}
	for _, o := range offered {
		if Encoding(o) == UTF8 || Encoding(o) == UTF32 {
			return Encoding(o)
		}
	}
	return UTF16
}

func (s *Server) initialize(p initializeParams) any {
	root := ""
	if len(p.WorkspaceFolders) > 0 {
		root, _ = URIToPath(p.WorkspaceFolders[0].URI)
	}
	if root == "" && p.RootURI != "" {
		root, _ = URIToPath(p.RootURI)
	}
	if root == "" && filepath.IsAbs(p.RootPath) {
		root = filepath.Clean(p.RootPath)
	}
	var folders []string
	for _, f := range p.WorkspaceFolders {
		if fp, ok := URIToPath(f.URI); ok {
			folders = append(folders, resolvePath(fp))
		}
	}
	if len(folders) == 0 && root != "" {
		folders = []string{resolvePath(root)}
	}
	s.mu.Lock()
	s.initialized = true
	s.root = root
	s.folders = folders
	s.enc = chooseEncoding(p.Capabilities.General.PositionEncodings)
	s.docChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	enc := s.enc
	s.mu.Unlock()
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": enc,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full
				"save":      map[string]any{"includeText": false},
			},
			"codeActionProvider":     map[string]any{"codeActionKinds": []string{"quickfix"}},
			"executeCommandProvider": map[string]any{"commands": []string{GraphCommand}},
		},
		"serverInfo": map[string]any{"name": "reachlint"},
	}
}

// lintable says whether the server lints a file, by its name: compose
// files (overrides and variants included) and env files.
func lintable(path string) bool {
	name := filepath.Base(path)
	return compose.IsComposeName(name) || compose.IsEnvName(name)
}

func isConfig(path string) bool {
	return slices.Contains(config.FileNames, filepath.Base(path))
}

func (s *Server) didOpen(p didOpenParams) {
	path, ok := URIToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = &doc{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.changedLocked(path, 0)
}

func (s *Server) didChange(p didChangeParams) {
	path, ok := URIToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return
	}
	// Full sync: the last change without a range is the whole text.
	for _, c := range p.ContentChanges {
		if c.Range == nil && c.Text != nil {
			d.text = []byte(*c.Text)
		}
	}
	if p.TextDocument.Version != nil {
		d.version = *p.TextDocument.Version
	} else {
		d.version++
	}
	now := time.Now()
	s.changedLocked(path, changeDelay(s.lastChange[path], now, s.opts.Debounce))
	s.lastChange[path] = now
}

// burstDelay is how long the server waits after a keystroke that follows
// another closely: long enough to coalesce a burst of typing into one
// lint, short enough that diagnostics follow the text within ~50 ms.
const burstDelay = 40 * time.Millisecond

// changeDelay is when to lint after a change at now, the previous change
// having come at last: at once after a pause (the first keystroke is
// linted immediately), burstDelay after the last keystroke while typing
// goes on; never later than debounce.
func changeDelay(last, now time.Time, debounce time.Duration) time.Duration {
	if debounce <= 0 || last.IsZero() || now.Sub(last) >= debounce {
		return 0
	}
	return min(burstDelay, debounce)
}

func (s *Server) didSave(p didSaveParams) {
	path, ok := URIToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil && p.Text != nil {
		d.text = []byte(*p.Text)
	}
	s.changedLocked(path, 0)
}

func (s *Server) didClose(p didCloseParams) {
	path, ok := URIToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, path)
	// Its findings go; lints that read its buffer read the disk now.
	for f := range s.results[path] {
		s.dirty[f] = true
	}
	delete(s.results, path)
	delete(s.deps, path)
	delete(s.pending, path)
	if isConfig(path) {
		s.dirty[path] = true
	}
	s.changedLocked(path, 0)
}

// changedLocked schedules the lint of path (when it is an open, lintable
// document or a configuration file) and of every open document whose last
// lint read it. A later change pushes a pending lint back (debounce).
func (s *Server) changedLocked(path string, delay time.Duration) {
	due := time.Now().Add(max(delay, 0))
	sched := func(t string) { s.pending[t] = due }
	if _, open := s.docs[path]; open && (lintable(path) || isConfig(path)) {
		sched(path)
	}
	for t, reads := range s.deps {
		if reads[path] && t != path {
			if _, open := s.docs[t]; open {
				sched(t)
			}
		}
	}
	if isConfig(path) {
		// Every open document may be under this configuration.
		for t := range s.docs {
			if lintable(t) {
				sched(t)
			}
		}
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
