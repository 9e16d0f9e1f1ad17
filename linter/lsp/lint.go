package lsp

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/secret"
	"github.com/reachlint/reachlint/linter/vfs"
	"github.com/reachlint/reachlint/rules"
)

type location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

type relatedInfo struct {
	Location location `json:"location"`
	Message  string   `json:"message"`
}

type lspDiagnostic struct {
	Range              Range         `json:"range"`
	Severity           int           `json:"severity"`
	Code               string        `json:"code,omitempty"`
	CodeDescription    *codeDesc     `json:"codeDescription,omitempty"`
	Source             string        `json:"source"`
	Message            string        `json:"message"`
	RelatedInformation []relatedInfo `json:"relatedInformation,omitempty"`
}

// codeDesc links a diagnostic's code to the rule's documentation page.
type codeDesc struct {
	Href string `json:"href"`
}

type textEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// lspDiag is a converted finding with its fix, edits by absolute path.
type lspDiag struct {
	D        lspDiagnostic
	FixTitle string
	Unsafe   bool // a suggestion: never the preferred action
	Edits    map[string][]textEdit
}

func (d lspDiag) key() string {
	b, _ := json.Marshal(d.D)
	return string(b)
}

type publishParams struct {
	URI         string          `json:"uri"`
	Version     *int            `json:"version,omitempty"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

// recorder notes every path a lint looks at, so that a change to one of
// them lints again the documents that read it.
type recorder struct {
	vfs.FS
	mu    sync.Mutex
	reads map[string]bool
}

func (r *recorder) note(p string) {
	r.mu.Lock()
	r.reads[filepath.Clean(p)] = true
	r.mu.Unlock()
}

func (r *recorder) ReadFile(p string) ([]byte, error) { r.note(p); return r.FS.ReadFile(p) }
func (r *recorder) ReadFileLimit(p string, max int64) ([]byte, error) {
	r.note(p)
	return vfs.ReadLimit(r.FS, p, max)
}
func (r *recorder) Stat(p string) (fs.FileInfo, error) {
	r.note(p)
	return r.FS.Stat(p)
}
func (r *recorder) Lstat(p string) (fs.FileInfo, error) {
	r.note(p)
	return r.FS.Lstat(p)
}

func severity(s diag.Severity) int {
	switch s {
	case diag.Error:
		return 1
	case diag.Warning:
		return 2
	}
	return 3
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// converter turns reachlint diagnostics into LSP ones, indexing each file's
// text once.
type converter struct {
	cwd    string
	enc    Encoding
	fs     vfs.FS
	source func(display string) []byte
	open   map[string]int
	texts  map[string]*Text
}

func (c *converter) abs(file string) string {
	if filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	return filepath.Join(c.cwd, file)
}

func (c *converter) text(display string) *Text {
	p := c.abs(display)
	if t, ok := c.texts[p]; ok {
		return t
	}
	var data []byte
	if c.source != nil {
		data = c.source(display)
	}
	if data == nil {
		data, _ = c.fs.ReadFile(p)
	}
	_, fromClient := c.open[p]
	t := NewText(data, fromClient)
	c.texts[p] = t
	return t
}

func (c *converter) convert(d diag.Diagnostic, fallback string) (string, lspDiag) {
	file := d.Range.File
	if file == "" {
		file = fallback
	}
	path := c.abs(file)
	out := lspDiag{D: lspDiagnostic{
		Range: c.text(file).FromRange(d.Range, c.enc), Severity: severity(d.Severity),
		Code: d.Rule, Source: "reachlint", Message: secret.MaskText(d.Text()),
	}}
	if r := rules.ByName(d.Rule); r != nil {
		out.D.CodeDescription = &codeDesc{Href: r.DocURL()}
	}
	for _, r := range d.Related {
		if r.Range.File == "" {
			continue
		}
		out.D.RelatedInformation = append(out.D.RelatedInformation, relatedInfo{
			Location: location{URI: PathToURI(c.abs(r.Range.File)), Range: c.text(r.Range.File).FromRange(r.Range, c.enc)},
			Message:  secret.MaskText(r.Message),
		})
	}
	if d.Fix != nil && len(d.Fix.Edits) > 0 {
		out.FixTitle = secret.MaskText(d.Fix.Description)
		out.Unsafe = d.Fix.Unsafe
		out.Edits = map[string][]textEdit{}
		for _, e := range d.Fix.Edits {
			if e.Range.File == "" || e.Range.Start.Offset < 0 || e.Range.End.Offset < e.Range.Start.Offset {
				out.Edits = nil
				break
			}
			ep := c.abs(e.Range.File)
			out.Edits[ep] = append(out.Edits[ep], textEdit{Range: c.text(e.Range.File).FromEdit(e.Range, c.enc), NewText: e.NewText})
		}
	}
	return path, out
}

// worker lints due documents one at a time, so results are published in
// the order the texts were snapshotted, then publishes.
func (s *Server) worker() {
	defer close(s.workerDone)
	for {
		s.mu.Lock()
		now := time.Now()
		var due []string
		var next time.Time
		for t, at := range s.pending {
			if !at.After(now) {
				due = append(due, t)
			} else if next.IsZero() || at.Before(next) {
				next = at
			}
		}
		for _, t := range due {
			delete(s.pending, t)
		}
		s.mu.Unlock()
		if len(due) > 0 {
			sort.Strings(due)
			for _, t := range due {
				s.lintBounded(t)
			}
			continue
		}
		s.publish()
		var timer *time.Timer
		var fire <-chan time.Time
		if !next.IsZero() {
			timer = time.NewTimer(time.Until(next))
			fire = timer.C
		}
		select {
		case <-s.wake:
		case <-fire:
		case <-s.done:
			return
		}
		if timer != nil {
			timer.Stop()
		}
	}
}

// lintBounded lints t, but waits at most LintTimeout: a slow or blocked
// file cannot stall the other documents. The overrunning lint goes on in
// the background (its result still applies if it ever ends) and t is not
// linted again until it does.
func (s *Server) lintBounded(t string) {
	s.mu.Lock()
	if s.stuck[t] {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	timeout := s.opts.LintTimeout
	if timeout <= 0 {
		timeout = DefaultLintTimeout
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.lint(t)
	}()
	select {
	case <-done:
	case <-time.After(timeout):
		s.logf("linting %s takes more than %v; going on with the other documents", t, timeout)
		s.mu.Lock()
		if s.stuck == nil {
			s.stuck = map[string]bool{}
		}
		s.stuck[t] = true
		s.mu.Unlock()
		go func() {
			<-done
			s.mu.Lock()
			delete(s.stuck, t)
			s.mu.Unlock()
		}()
	case <-s.done:
	}
}

// inWorkspace: p lies in a workspace folder (after resolving links), or
// the client named none.
func (s *Server) inWorkspace(p string) bool {
	s.mu.Lock()
	folders := s.folders
	s.mu.Unlock()
	if len(folders) == 0 {
		return true
	}
	rp := resolvePath(p)
	for _, f := range folders {
		if within(f, rp) {
			return true
		}
	}
	return false
}

// hasFolders reports whether the client named workspace folders (or a
// root).
func (s *Server) hasFolders() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.folders) > 0
}

func resolvePath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(r, filepath.Base(p))
	}
	return filepath.Clean(p)
}

// lint lints the project document t belongs to against a snapshot of the
// open buffers, and keeps the result unless a buffer it read changed
// meanwhile (then t is linted again).
func (s *Server) lint(t string) {
	s.mu.Lock()
	if _, open := s.docs[t]; !open {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if !s.inWorkspace(t) {
		// A client (or a hostile link) may open any URI; only the
		// workspace is linted and published.
		s.logf("not linting %s: it is outside the workspace folders", t)
		return
	}
	s.mu.Lock()
	ov := vfs.NewOverlay(s.opts.FS)
	snap := map[string]int{}
	for p, d := range s.docs {
		ov.Set(p, d.text)
		snap[p] = d.version
	}
	root, enc := s.root, s.enc
	s.mu.Unlock()

	rec := &recorder{FS: ov, reads: map[string]bool{t: true}}
	results := map[string][]lspDiag{t: nil}
	func() {
		defer func() {
			if r := recover(); r != nil {
				s.logf("internal error linting %s: %v", t, r)
			}
		}()
		s.run(t, rec, root, enc, snap, results)
	}()

	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range rec.reads {
		d, open := s.docs[p]
		v, was := snap[p]
		if open != was || (open && d.version != v) {
			if _, still := s.docs[t]; still {
				if _, ok := s.pending[t]; !ok {
					s.pending[t] = time.Now()
				}
			}
			return
		}
	}
	if _, still := s.docs[t]; !still {
		return
	}
	s.deps[t] = rec.reads
	for p := range s.results[t] {
		s.dirty[p] = true
	}
	for p := range results {
		s.dirty[p] = true
	}
	s.results[t] = results
}

func (s *Server) run(t string, fsys *recorder, root string, enc Encoding, open map[string]int, results map[string][]lspDiag) {
	conv := &converter{cwd: filepath.Dir(t), enc: enc, fs: fsys, open: open, texts: map[string]*Text{}}
	add := func(path string, d lspDiag) {
		if s.inWorkspace(path) && (s.hasFolders() || within(resolvePath(filepath.Dir(t)), resolvePath(path))) {
			// Without workspace folders (an editor in single-file mode),
			// the document's own directory is the workspace.
			results[path] = append(results[path], d)
		}
	}
	if isConfig(t) {
		data, _ := fsys.ReadFile(t)
		_, ds := config.Parse(t, data, rules.Infos())
		for _, d := range ds {
			add(conv.convert(d, t))
		}
		return
	}
	if !lintable(t) {
		return
	}
	cfg := config.Default()
	if l, err := config.Load(fsys, filepath.Dir(t), filepath.Dir(t), "", rules.Infos(), nil); err == nil && l.Path != "" {
		// A broken configuration is shown on its file; the rest of it
		// still applies, as the parser drops only the bad entries.
		results[l.Path] = nil
		for _, d := range l.Problems {
			add(conv.convert(d, l.Path))
		}
		cfg = l.Config
	}
	cwd := filepath.Dir(t)
	if root != "" && within(root, t) {
		cwd = root
	}
	res, err := linter.Run(linter.Options{FS: fsys, Cwd: cwd, Paths: []string{t}, Environ: s.opts.Environ, Config: cfg, Hook: s.opts.Hook})
	if err != nil {
		s.logf("%s: %v", t, err)
		return
	}
	conv.cwd, conv.source = cwd, res.Content
	for _, d := range res.Diags {
		add(conv.convert(d, t))
	}
}

// publish sends the findings of every changed file: the union of what the
// lints of open documents found there. A file that a pending lint will
// change waits for it, so no stale result is shown.
func (s *Server) publish() {
	s.mu.Lock()
	var msgs []publishParams
	paths := make([]string, 0, len(s.dirty))
	for p := range s.dirty {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		blocked := false
		for t := range s.pending {
			if t == p || s.deps[t][p] || s.results[t][p] != nil {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		delete(s.dirty, p)
		var union []lspDiag
		seen := map[string]bool{}
		triggers := make([]string, 0, len(s.results))
		for t := range s.results {
			triggers = append(triggers, t)
		}
		sort.Strings(triggers)
		for _, t := range triggers {
			for _, d := range s.results[t][p] {
				if k := d.key(); !seen[k] {
					seen[k] = true
					union = append(union, d)
				}
			}
		}
		slices.SortStableFunc(union, func(a, b lspDiag) int {
			ra, rb := a.D.Range.Start, b.D.Range.Start
			if ra.Line != rb.Line {
				return ra.Line - rb.Line
			}
			return ra.Character - rb.Character
		})
		msg := publishParams{URI: PathToURI(p), Diagnostics: []lspDiagnostic{}}
		pub := published{diags: union, version: -1}
		if d, ok := s.docs[p]; ok {
			msg.URI = d.uri
			v := d.version
			msg.Version = &v
			pub.version = v
		}
		for _, d := range union {
			msg.Diagnostics = append(msg.Diagnostics, d.D)
		}
		if s.publishedAt == nil {
			s.publishedAt = map[string]published{}
		}
		s.publishedAt[p] = pub
		msgs = append(msgs, msg)
	}
	s.mu.Unlock()
	for _, m := range msgs {
		s.notify("textDocument/publishDiagnostics", m)
	}
}

type published struct {
	diags   []lspDiag
	version int // of the open document; -1 when it was not open
}

type codeAction struct {
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
	IsPreferred bool            `json:"isPreferred"`
	Edit        map[string]any  `json:"edit"`
}

func before(a, b Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// codeActions offers the fixes of the published findings that touch the
// requested range, as long as the document is still the one they were
// computed for.
func (s *Server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool {
		return k == "quickfix" || strings.HasPrefix("quickfix", k+".") || k == ""
	}) {
		return out
	}
	path, ok := URIToPath(p.TextDocument.URI)
	if !ok {
		return out
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pub := s.publishedAt[path]
	if d, open := s.docs[path]; open && d.version != pub.version {
		return out
	}
	for _, d := range pub.diags {
		if d.Edits == nil || before(p.Range.End, d.D.Range.Start) || before(d.D.Range.End, p.Range.Start) {
			continue
		}
		out = append(out, codeAction{
			Title: d.FixTitle, Kind: "quickfix", Diagnostics: []lspDiagnostic{d.D},
			IsPreferred: !d.Unsafe, Edit: s.workspaceEditLocked(d.Edits),
		})
	}
	return out
}

func (s *Server) workspaceEditLocked(edits map[string][]textEdit) map[string]any {
	paths := make([]string, 0, len(edits))
	for p := range edits {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	uri := func(p string) (string, *int) {
		if d, ok := s.docs[p]; ok {
			v := d.version
			return d.uri, &v
		}
		return PathToURI(p), nil
	}
	if s.docChanges {
		var changes []map[string]any
		for _, p := range paths {
			u, v := uri(p)
			changes = append(changes, map[string]any{
				"textDocument": map[string]any{"uri": u, "version": v},
				"edits":        edits[p],
			})
		}
		return map[string]any{"documentChanges": changes}
	}
	changes := map[string][]textEdit{}
	for _, p := range paths {
		u, _ := uri(p)
		changes[u] = edits[p]
	}
	return map[string]any{"changes": changes}
}
