// Package output renders diagnostics in every format reachlint offers: text
// (default, with source snippets), oneline, json, sarif (2.1.0), github
// (workflow commands plus a Markdown step summary), checkstyle, junit and
// gitlab (Code Quality). Formatters never decide what to report: they print
// the diagnostics they are given, in diag.Compare order, without dropping any.
//
// Conventions shared by all formats:
//   - Lines and columns are 1-based; columns count runes (Unicode code points).
//     Ranges are half-open: the end column is the rune after the range. SARIF
//     says so with columnKind "unicodeCodePoints"; GitHub's endColumn is
//     inclusive, so it is converted there.
//   - text, oneline, json, checkstyle and junit print paths as the
//     diagnostics carry them; sarif, github and gitlab print them relative to
//     Options.RepoRoot with forward slashes (paths outside it stay absolute).
//   - Secrets are masked before findings get here, by the engine's one
//     redaction step (linter/redact.go): messages, fixes and the sources
//     handed in as Options.Source are already safe to print. Options.Mask
//     and MaskLine, applied again to every text and source line printed,
//     are a second line of defence for callers that bypass the engine.
//   - Fingerprints (sarif partialFingerprints "reachlint/v1", gitlab
//     fingerprint) hash the rule, the repository-relative path, the trimmed
//     text of the start line and the message, not the line number, so they
//     survive edits elsewhere in the file; identical findings get an
//     occurrence suffix so fingerprints stay unique in a report.
//   - Severities map to SARIF error/warning/note, GitHub error/warning/notice,
//     Checkstyle error/warning/info and GitLab major/minor/info.
//   - A clean run prints nothing in text, oneline and github; "[]" in json
//     and gitlab; a SARIF run with no results; an empty <checkstyle>; and in
//     junit one suite with one passing testcase (Jenkins and others reject a
//     report without tests).
//   - text marks the range under its start line, to the end of that line for
//     a multi-line range. Tabs are expanded to 8-column stops, East Asian wide
//     characters and emoji count two cells and combining marks none (a table
//     of the common blocks, not full Unicode width), and control characters
//     become U+FFFD so nothing printed can drive the terminal.
//   - Formats with a single message field (github, checkstyle, junit,
//     gitlab) append related locations and the fix description to it, one
//     per line.
package output

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

// Formats lists every format Write accepts; the first is the default.
var Formats = []string{"text", "oneline", "json", "sarif", "github", "checkstyle", "junit", "gitlab"}

// Options carries what formats need beyond the diagnostics.
type Options struct {
	// Rules is every rule, for SARIF's tool.driver.rules.
	Rules []diag.RuleInfo
	// Source returns a file's content for snippets and fingerprints; it may
	// be nil or return nil.
	Source func(path string) []byte
	// Line, when set, returns line n (1-based) of a file as Source would
	// show it, without its line ending: snippets and fingerprints read
	// lines through it, so a file is not prepared whole for one line.
	Line func(path string, n int) (string, bool)
	// Color enables ANSI colours in the text format.
	Color bool
	// RepoRoot makes sarif, github and gitlab paths repository-relative;
	// "" keeps paths as given.
	RepoRoot string
	// ToolVersion is reported in SARIF.
	ToolVersion string
	// StepSummary receives the github format's Markdown summary
	// (the caller opens $GITHUB_STEP_SUMMARY for appending); may be nil.
	StepSummary io.Writer
	// Mask hides secrets in printed text; nil leaves text unchanged.
	Mask func(string) string
	// Cwd resolves relative diagnostic paths for RepoRoot; "" = the
	// process's working directory.
	Cwd string
	// MaskLine hides secrets in source lines shown as snippets, keeping
	// their width so markers stay aligned; nil uses Mask.
	MaskLine func(string) string
}

// Write renders ds in format to w. ds is not modified.
func Write(w io.Writer, format string, ds []diag.Diagnostic, opts Options) error {
	if !slices.IsSortedFunc(ds, diag.Compare) { // callers usually sort already
		ds = slices.Clone(ds)
		slices.SortStableFunc(ds, diag.Compare)
	}
	c := &context{opts: opts, files: map[string]*source.File{}}
	switch format {
	case "", "text":
		return writeText(w, ds, c)
	case "oneline":
		return writeOneline(w, ds, c)
	case "json":
		return writeJSON(w, ds, c)
	case "sarif":
		return writeSARIF(w, ds, c)
	case "github":
		return writeGitHub(w, ds, c)
	case "checkstyle":
		return writeCheckstyle(w, ds, c)
	case "junit":
		return writeJUnit(w, ds, c)
	case "gitlab":
		return writeGitLab(w, ds, c)
	}
	return fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// context holds per-call caches.
type context struct {
	opts  Options
	files map[string]*source.File // nil entry: no source available
	fps   map[string]int          // fingerprint occurrences
	shown map[lineKey]string      // source line as shown (masked once, not per finding)
	runes map[lineKey][]rune      // the same, as runes, for long lines
	// lineHash holds the hashes of long lines for fingerprints.
	lineHash map[lineKey]string
}

type lineKey struct {
	path string
	n    int
}

// shownLine is line n of path as it may be shown, masked.
func (c *context) shownLine(path string, n int) (string, bool) {
	k := lineKey{path, n}
	if s, ok := c.shown[k]; ok {
		return s, true
	}
	s, ok := c.line(path, n)
	if !ok {
		return "", false
	}
	s = c.maskLine(s)
	if c.shown == nil {
		c.shown = map[lineKey]string{}
	}
	c.shown[k] = s
	return s, true
}

// lineRunes is shown (line n of path) as runes, converted once.
func (c *context) lineRunes(path string, n int, shown string) []rune {
	k := lineKey{path, n}
	if rs, ok := c.runes[k]; ok {
		return rs
	}
	rs := []rune(shown)
	if c.runes == nil {
		c.runes = map[lineKey][]rune{}
	}
	c.runes[k] = rs
	return rs
}

func (c *context) mask(s string) string {
	if c.opts.Mask == nil {
		return s
	}
	return c.opts.Mask(s)
}

func (c *context) maskLine(s string) string {
	if c.opts.MaskLine != nil {
		return c.opts.MaskLine(s)
	}
	return c.mask(s)
}

// file returns the indexed source of path, or nil.
func (c *context) file(path string) *source.File {
	f, ok := c.files[path]
	if ok {
		return f
	}
	if c.opts.Source != nil && path != "" {
		if data := c.opts.Source(path); data != nil {
			f = source.New(path, data)
		}
	}
	c.files[path] = f
	return f
}

// line returns line n of path without its line ending, and whether it exists.
func (c *context) line(path string, n int) (string, bool) {
	if c.opts.Line != nil {
		return c.opts.Line(path, n)
	}
	f := c.file(path)
	if f == nil || n < 1 || n > f.LineCount() {
		return "", false
	}
	return f.Line(n), true
}

// relPath is path relative to RepoRoot with forward slashes, and whether it
// lies inside the repository (or is relative when there is no root).
func (c *context) relPath(path string) (string, bool) {
	if c.opts.RepoRoot == "" {
		return filepath.ToSlash(path), !filepath.IsAbs(path)
	}
	abs, err := c.abs(path)
	if err != nil {
		return filepath.ToSlash(path), false
	}
	root, err := filepath.Abs(c.opts.RepoRoot)
	if err != nil {
		return filepath.ToSlash(path), false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(rel), true
}

func (c *context) abs(path string) (string, error) {
	if c.opts.Cwd != "" && !filepath.IsAbs(path) {
		return filepath.Join(c.opts.Cwd, path), nil
	}
	return filepath.Abs(path)
}

// uri is a SARIF artifact URI: repository-relative (with uriBaseId
// %SRCROOT%) when possible, else an absolute file URI.
func (c *context) uri(path string) (uri string, base string) {
	rel, inside := c.relPath(path)
	if inside {
		return escapePath(rel), "%SRCROOT%"
	}
	abs, err := c.abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), ""
}

// escapePath percent-encodes each segment of a slash path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// end returns the end of r, falling back to its start when unset or before it.
func end(r diag.Range) diag.Pos {
	if !r.End.IsValid() || r.End.Before(r.Start) {
		return r.Start
	}
	return r.End
}
