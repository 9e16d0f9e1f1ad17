package linter

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/secret"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// The one masking step between the engine and every output. Formatters,
// the CLI's notes and the language server see only what redact returns:
//
//   - every text that can carry file content (messages, related messages,
//     fix descriptions) goes through a secret.Masker that knows the values of
//     the secret variables this run read, on top of its value patterns;
//   - a fix whose replacement text would reveal a secret keeps its
//     description but loses its edits (--fix applies the raw ones);
//   - sources for snippets and fingerprints are masked rune for rune;
//   - the content of a file outside every project root (the repository
//     holding the project, or the project directory without one) is never
//     shown: findings there keep their path and line, with a fixed message.
//   - control characters in messages become visible escapes.

// secrets is what a project contributes to masking.
type secrets struct {
	values []string
	spans  map[string][][2]int // display path -> byte ranges of secret values
}

func (s *secrets) add(path string, v string, from, to int) {
	if secret.IsRef(v) {
		return
	}
	s.values = append(s.values, v)
	if path != "" && from >= 0 && to > from && v != "" {
		if s.spans == nil {
			s.spans = map[string][][2]int{}
		}
		s.spans[path] = append(s.spans[path], [2]int{from, to})
	}
}

// collectSecrets gathers the values of secret variables of a project: .env
// and env_file entries, compose mappings and KEY=value list items under a
// secret key, and arguments following a secret flag ("--password", "x").
func collectSecrets(p *compose.Project) secrets {
	var s secrets
	for _, ef := range p.EnvFiles {
		for _, e := range ef.Parsed.Entries {
			if e.Key == "" || !secret.IsSecretKey(e.Key) {
				continue
			}
			s.add(ef.Src.Path, e.Value, -1, -1)
			raw := strings.Trim(e.Raw, "\"'`")
			s.add(ef.Src.Path, raw, e.ValueRange.Start.Offset, e.ValueRange.End.Offset)
			if c := e.CutComment; c != nil && c.End.Offset <= len(ef.Src.Data) && c.Start.Offset < c.End.Offset {
				// " #" cut the value; the cut part may be the password's end.
				cut := string(ef.Src.Data[c.Start.Offset:c.End.Offset])
				s.add(ef.Src.Path, cut, c.Start.Offset, c.End.Offset)
				s.add("", strings.TrimPrefix(cut, "#"), -1, -1)
			}
		}
	}
	var walk func(n *compose.Node, depth int)
	addNode := func(n *compose.Node) {
		if n == nil || n.Kind != compose.Scalar {
			return
		}
		path := ""
		if n.File != nil {
			path = n.File.Path
		}
		s.add(path, n.Value, -1, -1)
		s.add(path, n.Raw, n.Range.Start.Offset, n.Range.End.Offset)
	}
	// A node an alias names is walked once; other nodes are reached once
	// (parsing bounds what merge keys may repeat).
	seen := map[*compose.Node]bool{}
	walk = func(n *compose.Node, depth int) {
		if n == nil || depth > 200 || seen[n] {
			return
		}
		if n.Shared || n.HasAnchor() {
			seen[n] = true
		}
		switch n.Kind {
		case compose.Map:
			for _, pr := range n.Pairs {
				if pr.Key != nil && secret.IsSecretKey(pr.Key.Value) {
					addNode(pr.Val)
				}
				walk(pr.Val, depth+1)
			}
		case compose.Seq:
			for i, it := range n.Items {
				if it == nil || it.Kind != compose.Scalar {
					walk(it, depth+1)
					continue
				}
				if k, v, ok := strings.Cut(it.Value, "="); ok && secret.IsSecretKey(strings.TrimSpace(k)) {
					s.values = append(s.values, v)
				}
				if i+1 < len(n.Items) && isSecretFlag(it.Value) {
					addNode(n.Items[i+1])
				}
			}
		}
	}
	walk(p.Root, 0)
	return s
}

// isSecretFlag: "--password", "-token" (a flag whose next argument is the
// credential); "--password=x" carries its value itself.
func isSecretFlag(arg string) bool {
	if !strings.HasPrefix(arg, "-") || strings.Contains(arg, "=") {
		return false
	}
	name := strings.TrimLeft(arg, "-")
	return name != "" && (secret.IsSecretKey(name) || name == "requirepass" || name == "masterauth")
}

// redactor applies the masking step to a run's findings and sources.
type redactor struct {
	fs       vfs.FS
	cwd      string
	near     []string            // the run's directories, each inside its repository
	nearSet  map[string]bool     // the same, by path
	rootOf   func(string) string // a directory's repository root
	roots    []string            // the repositories' roots (realRoots), as found
	rawSet   map[string]bool     // roots, by path
	rootSet  map[string]bool     // roots resolved (underRoot), by path
	mask     func() *secret.Masker
	maskOnce sync.Once
	m        *secret.Masker
	spans    map[string][][2]int
	outside  map[string]bool   // display path -> content not shown
	named    map[string]bool   // files named by -f and --env-file (absolute): shown
	in       map[string]bool   // display path -> inside a root (cache)
	dirs     map[string]string // directory -> resolved (cache)
}

// newRedactor masks what a run shows. dirs are the run's directories
// (projects, env files, Go roots): what lies in their repositories, found
// by rootOf when a file is not below one of them already, may be shown.
func newRedactor(o Options, dirs []string, rootOf func(string) string, sec []secrets, sources map[string][]byte) *redactor {
	// Its maps are made when first written: most runs write none.
	r := &redactor{fs: o.FS, cwd: o.Cwd, rootOf: rootOf}
	// A file the user names is shown wherever it lies; its directory's
	// other files are not thereby.
	for _, f := range append(slices.Clone(o.Files), o.EnvFiles...) {
		if r.named == nil {
			r.named = map[string]bool{}
		}
		r.named[absOpt(o.Cwd, f)] = true
	}
	for _, d := range dirs {
		// Projects of one directory share it.
		if d = cleanpath.Clean(d); !r.nearSet[d] {
			if r.nearSet == nil {
				r.nearSet = map[string]bool{}
			}
			r.nearSet[d] = true
			r.near = append(r.near, d)
		}
	}
	var values []string
	for _, s := range sec {
		values = append(values, s.values...)
		for p, sp := range s.spans {
			if r.spans == nil {
				r.spans = map[string][][2]int{}
			}
			r.spans[p] = append(r.spans[p], sp...)
		}
	}
	for path := range sources {
		if !r.inside(path) {
			r.setOutside(path)
		}
	}
	// The masker is needed only when something is shown: a clean run
	// never scans the sources for secret values.
	r.mask = func() *secret.Masker {
		// What the patterns find on a line is a known value too: a
		// password seen in a URL is hidden where it reappears bare. The
		// files are scanned on every core.
		var texts [][]byte
		for path, data := range sources {
			if !r.outside[path] {
				texts = append(texts, data)
			}
		}
		found := make([][]string, len(texts))
		var next atomic.Int64
		work := func() {
			for i := int(next.Add(1)) - 1; i < len(texts); i = int(next.Add(1)) - 1 {
				for l := range strings.SplitSeq(string(texts[i]), "\n") {
					found[i] = append(found[i], secret.Find(l)...)
				}
			}
		}
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(texts)) - 1 {
			wg.Go(work)
		}
		work()
		wg.Wait()
		for _, f := range found {
			values = append(values, f...)
		}
		return secret.NewMasker(values)
	}
	return r
}

// setOutside records that the file shown as path is not shown.
func (r *redactor) setOutside(path string) {
	if r.outside == nil {
		r.outside = map[string]bool{}
	}
	r.outside[path] = true
}

// masker returns the run's masker, built on first use.
func (r *redactor) masker() *secret.Masker {
	r.maskOnce.Do(func() { r.m = r.mask() })
	return r.m
}

// resolve makes p absolute with symbolic links resolved as far as possible.
func resolve(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if rp, err := filepath.EvalSymlinks(p); err == nil {
		return rp
	}
	return cleanpath.Clean(p)
}

// inside reports whether the file shown as path lies, after resolving links,
// in one of the roots. Without roots (nothing was loaded) everything is.
func (r *redactor) inside(path string) bool {
	if len(r.near) == 0 || path == "" {
		return true
	}
	if in, ok := r.in[path]; ok {
		return in
	}
	abs := absOpt(r.cwd, path)
	if r.named[abs] {
		return true
	}
	// Below a directory of the run, a file is in that directory's
	// repository, wherever its root is: the root is looked for only for
	// the other files.
	in := r.linkFreeBelow(abs, r.nearSet)
	if !in {
		r.realRoots()
		in = r.linkFreeBelow(abs, r.rawSet) || r.underRoot(r.resolveFile(abs))
	}
	if r.in == nil {
		r.in = map[string]bool{}
	}
	r.in[path] = in
	return in
}

// resolveFile resolves the links of p's directory (once per directory)
// and then of p itself when it is a link.
func (r *redactor) resolveFile(p string) string {
	full := cleanpath.Join(r.resolveDir(cleanpath.Dir(p)), filepath.Base(p))
	if fi, err := r.lstat(full); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return resolve(full)
	}
	return full
}

// resolveDir is resolve of a clean absolute directory, found a component
// at a time from its resolved parent, each directory once per run: the
// projects of a tree share their ancestors. A component that is a link, or
// cannot be read, takes resolve's answer for the whole path.
func (r *redactor) resolveDir(dir string) string {
	if rd, ok := r.dirs[dir]; ok {
		return rd
	}
	var rd string
	if parent := cleanpath.Dir(dir); parent != dir && filepath.IsAbs(dir) {
		rd = cleanpath.Join(r.resolveDir(parent), filepath.Base(dir))
		if fi, err := r.lstat(rd); err != nil || fi.Mode()&os.ModeSymlink != 0 {
			rd = resolve(dir)
		}
	} else if dir != "/" { // the root of the file system is no link
		rd = resolve(dir)
	} else {
		rd = dir
	}
	if r.dirs == nil {
		r.dirs = map[string]string{}
	}
	r.dirs[dir] = rd
	return rd
}

// lstat asks the run's file system (its answers are remembered), or the
// disk.
func (r *redactor) lstat(p string) (os.FileInfo, error) {
	if r.fs != nil {
		return r.fs.Lstat(p)
	}
	return os.Lstat(p)
}

// realRoots finds the repositories' roots, once.
func (r *redactor) realRoots() {
	if r.rawSet != nil {
		return
	}
	r.rawSet = map[string]bool{}
	for _, d := range r.near {
		if root := cleanpath.Clean(r.rootOf(d)); !r.rawSet[root] {
			r.rawSet[root] = true
			r.roots = append(r.roots, root)
		}
	}
}

// linkFreeBelow reports that abs is the path of a directory of set
// followed by names none of which is a symbolic link: then it lies in that
// directory whatever links lead to the directory itself, and only the names
// below it are looked at (not every ancestor, as resolving both would).
func (r *redactor) linkFreeBelow(abs string, set map[string]bool) bool {
	// The nearest directory above abs; the names from it down must be no
	// links (a nearer one's are a subset of a farther one's).
	for p := abs; ; {
		parent := cleanpath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
		if !set[p] {
			continue
		}
		for q := abs; q != p; q = cleanpath.Dir(q) {
			if t, ok := vfs.ListedType(r.fs, q); ok { // a listing tells links apart
				if t&os.ModeSymlink != 0 {
					return false
				}
				continue
			}
			if fi, err := r.lstat(q); err != nil || fi.Mode()&os.ModeSymlink != 0 {
				return false
			}
		}
		return true
	}
}

// underRoot reports whether the resolved path p is a root or lies below
// one: a look-up per ancestor directory, whatever the number of roots.
func (r *redactor) underRoot(p string) bool {
	if r.rootSet == nil {
		// Roots are resolved only when a path needs it: a root's
		// ancestors cost a look-up each.
		r.realRoots()
		r.rootSet = map[string]bool{}
		for _, root := range r.roots {
			r.rootSet[r.resolveDir(root)] = true
		}
	}
	for {
		if r.rootSet[p] {
			return true
		}
		parent := cleanpath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}

// text masks one printed text.
func (r *redactor) text(s string) string {
	if s == "" {
		return s // no need for the masker
	}
	return EscapeControls(r.masker().Text(s))
}

// diag returns d as it may be shown.
func (r *redactor) diag(d diag.Diagnostic) diag.Diagnostic {
	// A finding without a position is about the file (it cannot be read,
	// it is not a regular file), not its content: its message stays.
	if d.Range.Start.IsValid() && (r.outside[d.Range.File] || (d.Range.File != "" && !r.inside(d.Range.File))) {
		r.setOutside(d.Range.File)
		line := ""
		if d.Range.Start.IsValid() {
			line = fmt.Sprintf(" on line %d", d.Range.Start.Line)
		}
		d.Message = fmt.Sprintf("%s finding%s of a file outside the project; its content is not shown", d.Rule, line)
		d.Why = ""
		d.Related = nil
		d.Fix = nil
		return d
	}
	d.Message = r.text(d.Message)
	d.Why = r.text(d.Why)
	if len(d.Related) > 0 {
		rel := make([]diag.Related, len(d.Related))
		for i, x := range d.Related {
			x.Message = r.text(x.Message)
			if x.Range.File != "" && !r.inside(x.Range.File) {
				x.Message = "in a file outside the project"
			}
			rel[i] = x
		}
		d.Related = rel
	}
	if d.Fix != nil {
		f := *d.Fix
		f.Description = r.text(f.Description)
		f.Edits = nil
		for _, e := range d.Fix.Edits {
			if r.masker().Text(e.NewText) != e.NewText || !r.inside(e.Range.File) {
				// The replacement would print a secret: describe the fix,
				// let --fix apply it.
				f.Edits = nil
				f.Description += " (edit not shown: it contains a secret; run reachlint --fix" + map[bool]string{true: " --fix-unsafe"}[d.Fix.Unsafe] + ")"
				break
			}
			f.Edits = append(f.Edits, e)
		}
		d.Fix = &f
	}
	return d
}

// linkNotes reports the files read through a symbolic link that leads out
// of the project: Compose follows them, and so does reachlint, but not
// silently.
func (r *redactor) linkNotes() []diag.Diagnostic {
	var out []diag.Diagnostic
	for path := range r.outside {
		abs := absOpt(r.cwd, path)
		if !r.insideUnresolved(abs) {
			continue // named outside the project: the user wrote that path
		}
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			continue
		}
		rule := "env-syntax"
		if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" || ext == ".json" {
			rule = "compose-file"
		}
		out = append(out, diag.Diagnostic{Rule: rule, Severity: diag.Warning, Range: diag.Range{File: path},
			Message: EscapeControls(fmt.Sprintf("%s is a symbolic link to %s, outside the project: it is read as Compose reads it, but its content is never shown; copy the file into the project or name it explicitly", path, target))})
	}
	return diag.Sort(out)
}

// insideUnresolved: abs lies in a root without resolving its own links.
func (r *redactor) insideUnresolved(abs string) bool {
	return r.underRoot(cleanpath.Join(r.resolveDir(cleanpath.Dir(abs)), filepath.Base(abs)))
}

// source returns a file's content as it may be shown, or nil.
func (r *redactor) source(path string, data []byte) []byte {
	if !r.shown(path, data) {
		return nil
	}
	return r.masker().Source(data, r.spans[path])
}

// shown reports whether the content of a file may be shown at all.
func (r *redactor) shown(path string, data []byte) bool {
	return data != nil && !r.outside[path] && r.inside(path)
}

// line returns line n of f (whose content may be shown) masked as source
// would mask it, without masking the rest of the file.
func (r *redactor) line(path string, f *source.File, n int) string {
	start, end := f.LineSpan(n)
	text := f.Data[start:end]
	var hidden []byte
	for _, sp := range r.spans[path] {
		from, to := max(sp[0], start), min(sp[1], end)
		if from >= to {
			continue
		}
		if hidden == nil {
			hidden = make([]byte, len(text))
		}
		for i := from; i < to; i++ {
			hidden[i-start] = 1
		}
	}
	if hidden == nil {
		return r.masker().Line(string(text))
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRune(text[i:])
		if hidden[i] == 1 && text[i] != '\r' {
			b.WriteByte('*')
		} else {
			b.Write(text[i : i+size])
		}
		i += size
	}
	return r.masker().Line(b.String())
}

// EscapeControls writes control characters other than tab and newline as
// visible escapes ("\x1b"), so no text can drive a terminal or forge a
// workflow command. Result.Mask and every printed finding go through it;
// the command line uses it for file names it prints itself.
func EscapeControls(s string) string {
	// Printable ASCII, tab and newline pass a byte at a time; the first
	// other byte starts the rune-wise look.
	i := 0
	for i < len(s) && (s[i] >= 0x20 && s[i] < 0x7f || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	if !strings.ContainsFunc(s[i:], isCtl) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if isCtl(c) {
			if c < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, c)
			} else {
				fmt.Fprintf(&b, `\u%04x`, c)
			}
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isCtl(c rune) bool {
	return c != '\t' && c != '\n' && (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
}
