// Package newfrom implements --new-from-rev and --new-from-merge-base: it
// asks git which lines were added or changed since a revision, and Filter
// keeps only the findings on those lines, so a legacy repository can gate
// new problems only. It is the one place in the engine that runs a program.
//
// A finding is kept when its file is not tracked by git (untracked, ignored
// or outside the repository: all of it is new), when its line was added or
// changed in the working tree since the revision, or when it has no line and
// its file changed. Deleted lines are not findings' lines, so they count
// for nothing.
package newfrom

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// Changes is what changed in a repository since a revision. Paths are
// absolute, with symbolic links resolved.
type Changes struct {
	Root  string
	Rev   string            // the resolved commit
	Lines map[string][]Span // file -> added or changed lines

	tracked map[string]bool
}

// FromRev computes the changes of the working tree (staged or not) since
// rev, in the repository that contains dir.
func FromRev(dir, rev string) (*Changes, error) {
	root, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	rootPath := canon(strings.TrimSpace(string(root)))
	commit, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %q is not a commit in %s", rev, rootPath)
	}
	c := &Changes{Root: rootPath, Rev: strings.TrimSpace(string(commit)), tracked: map[string]bool{}}
	// Fixed prefixes and quoting, whatever the user's git config says.
	// diff-index (plumbing) compares the revision's tree with the working
	// tree; filters the repository configures are switched off (guard).
	out, err := git(rootPath, "-c", "core.quotePath=false", "diff-index", "-p", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", "-M", "-U0", c.Rev, "--")
	if err != nil {
		return nil, err
	}
	lines, err := ParseDiff(out)
	if err != nil {
		return nil, err
	}
	c.Lines = map[string][]Span{}
	for p, ls := range lines {
		c.Lines[filepath.Join(rootPath, filepath.FromSlash(p))] = ls
	}
	files, err := git(rootPath, "ls-files", "-z")
	if err != nil {
		return nil, err
	}
	for _, f := range bytes.Split(files, []byte{0}) {
		if len(f) > 0 {
			c.tracked[filepath.Join(rootPath, filepath.FromSlash(string(f)))] = true
		}
	}
	return c, nil
}

// FromMergeBase computes the changes since the merge base of HEAD and branch.
func FromMergeBase(dir, branch string) (*Changes, error) {
	base, err := git(dir, "merge-base", "HEAD", "--end-of-options", branch)
	if err != nil {
		return nil, fmt.Errorf("--new-from-merge-base: no merge base of HEAD and %q: %w", branch, err)
	}
	return FromRev(dir, strings.TrimSpace(string(base)))
}

// Filter keeps the findings on new or changed lines (see the package doc).
// Finding paths are absolute or relative to the working directory.
func Filter(ds []diag.Diagnostic, changed *Changes) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if changed.keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func (c *Changes) keep(d diag.Diagnostic) bool {
	if d.Range.File == "" {
		return true
	}
	p := canon(d.Range.File)
	if !c.tracked[p] {
		return true
	}
	ls := c.Lines[p]
	if !d.Range.Start.IsValid() {
		return len(ls) > 0
	}
	for _, s := range ls {
		if s.Start <= d.Range.Start.Line && d.Range.Start.Line < s.End {
			return true
		}
	}
	return false
}

// Span is the lines [Start, End), 1-based.
type Span struct{ Start, End int }

// canon makes p absolute and resolves symbolic links in it (as far as it
// exists), so that it compares equal to git's paths under a resolved root.
func canon(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	// The file may be gone; resolve its directory.
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
}

// A repository's own configuration can make git run programs: an
// fsmonitor hook, hooks, filter drivers on the working tree, external diff
// and textconv drivers, a pager. reachlint runs on repositories of
// strangers, so git runs only read-only plumbing (rev-parse, merge-base,
// diff-index, ls-files, config --get-regexp) with those switched off, the
// system configuration ignored, no prompts, no lazy fetches and no
// optional index writes.
var safeConfig = []string{
	"-c", "core.fsmonitor=false",
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "core.untrackedCache=false",
	"-c", "core.pager=cat",
	"-c", "diff.external=",
	"-c", "core.sshCommand=false",
	"-c", "protocol.allow=never",
}

var safeEnv = []string{
	"GIT_CONFIG_NOSYSTEM=1", "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat",
	"GIT_NO_LAZY_FETCH=1", "GIT_NO_REPLACE_OBJECTS=1", "GIT_ATTR_NOSYSTEM=1", "GIT_ASKPASS=", "SSH_ASKPASS=",
}

// plumbing are the only git commands reachlint runs.
var plumbing = map[string]bool{"rev-parse": true, "merge-base": true, "diff-index": true, "ls-files": true, "config": true}

func git(dir string, args ...string) ([]byte, error) {
	sub := ""
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" {
			i++
			continue
		}
		sub = args[i]
		break
	}
	if !plumbing[sub] {
		return nil, fmt.Errorf("git %s: not a read-only command reachlint runs", sub)
	}
	full := slices.Concat(safeConfig, filterGuards(dir, sub), args)
	cmd := exec.Command("git", full...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", sub, msg)
	}
	return out, nil
}

// gitEnv is the process environment without GIT_* variables that could
// redirect git (GIT_DIR, GIT_EXTERNAL_DIFF, GIT_CONFIG_*, ...), plus safeEnv.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, safeEnv...)
}

// filterGuards switches off every filter driver the repository configures
// ("filter.NAME.clean", ".smudge", ".process"), which diff-index would run
// on working-tree files.
func filterGuards(dir, sub string) []string {
	if sub != "diff-index" {
		return nil
	}
	out, err := git(dir, "config", "--null", "--name-only", "--get-regexp", `^filter\.`)
	if err != nil {
		return nil // none configured (git config exits 1)
	}
	var guards []string
	seen := map[string]bool{}
	for _, k := range strings.Split(string(out), "\x00") {
		k = strings.TrimSpace(k)
		i := strings.LastIndexByte(k, '.')
		if i <= len("filter.") || !strings.HasPrefix(k, "filter.") {
			continue
		}
		name := k[len("filter."):i]
		if seen[name] {
			continue
		}
		seen[name] = true
		for _, what := range []string{"clean", "smudge", "process"} {
			guards = append(guards, "-c", "filter."+name+"."+what+"=")
		}
		guards = append(guards, "-c", "filter."+name+".required=false")
	}
	return guards
}

// ParseDiff reads the output of git diff -U0 and returns, per new-side path
// (slash-separated, relative to the repository root), the lines added or
// changed, in the order of the hunks. Deleted files are left out; a file
// with only deletions maps to no spans.
func ParseDiff(out []byte) (map[string][]Span, error) {
	res := map[string][]Span{}
	cur := ""
	in := false
	for n, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "diff --git "):
			in = false
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimSuffix(line[4:], "\t")
			if name == "/dev/null" {
				in = false
				continue
			}
			p, err := unquote(name)
			if err != nil {
				return nil, fmt.Errorf("diff line %d: %w", n+1, err)
			}
			if !strings.HasPrefix(p, "b/") {
				return nil, fmt.Errorf("diff line %d: unexpected path %q", n+1, p)
			}
			cur, in = p[2:], true
			res[cur] = nil // present even with no added lines
		case strings.HasPrefix(line, "@@ "):
			if !in {
				continue
			}
			start, count, err := hunkNew(line)
			if err != nil {
				return nil, fmt.Errorf("diff line %d: %w", n+1, err)
			}
			if count > 0 {
				res[cur] = append(res[cur], Span{start, start + count})
			}
		}
	}
	return res, nil
}

// hunkNew reads the new-side range of "@@ -a,b +c,d @@ ...".
func hunkNew(line string) (start, count int, err error) {
	f := strings.Fields(line)
	if len(f) < 4 || f[3] != "@@" && !strings.HasPrefix(f[3], "@@") || !strings.HasPrefix(f[2], "+") {
		return 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	r := f[2][1:]
	count = 1
	if i := strings.IndexByte(r, ','); i >= 0 {
		if count, err = strconv.Atoi(r[i+1:]); err != nil {
			return 0, 0, fmt.Errorf("malformed hunk header %q", line)
		}
		r = r[:i]
	}
	if start, err = strconv.Atoi(r); err != nil || start < 0 || count < 0 || start > 1<<40 || count > 1<<40 {
		return 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	return start, count, nil
}

// unquote reads a path git printed, which is C-quoted when it holds a
// double quote, a backslash or a control character.
func unquote(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) {
		return "", errors.New("unterminated quoted path")
	}
	var b []byte
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i == len(body) {
			return "", errors.New("bad escape in quoted path")
		}
		switch e := body[i]; e {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'v':
			b = append(b, '\v')
		case '"', '\\':
			b = append(b, e)
		default:
			if e < '0' || e > '3' || i+2 >= len(body) {
				return "", errors.New("bad escape in quoted path")
			}
			v, err := strconv.ParseUint(body[i:i+3], 8, 8)
			if err != nil {
				return "", errors.New("bad escape in quoted path")
			}
			b = append(b, byte(v))
			i += 2
		}
	}
	return string(b), nil
}
