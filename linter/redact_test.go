package linter

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// TestLineMatchesSource: a line masked alone (Result.Line, what snippets
// print) is the same line of the file masked whole (Result.Source), over
// the rule fixtures, the corpus when present, and secrets written across
// lines, next to URLs and in several files.
func TestLineMatchesSource(t *testing.T) {
	const s = "Zk8-leak-S3NT"
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: >-\n        " + s + "\n        second-line-" + s + "\n" +
			"      API_URL: http://localhost:3000/?k=" + s + "\n      DB_URL: postgres://u:" + s + "@localhost:5432/x\n" +
			"      CRLF: \"é ü\"\r\n    command: [\"app\", \"--password\", \"" + s + "\"]\n",
		".env":       "API_SECRET=`" + s + "`\nOTHER_TOKEN=\"" + s + "\nmulti\nline\"\nPLAIN=" + s + "\n",
		"other.yaml": "services:\n  b:\n    image: x\n    environment:\n      X: " + s + "\n",
	})
	paths := []string{dir + "/..."}
	if abs, err := filepath.Abs("../testdata/rules"); err == nil {
		paths = append(paths, abs+"/...")
	}
	if c := testenv.CorpusDir(); c != "" {
		abs, _ := filepath.Abs(c)
		paths = append(paths, abs+"/...")
	}
	cfg := config.Default()
	for _, p := range paths {
		res, err := Run(Options{Cwd: filepath.Dir(p), Paths: []string{p}, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for path := range res.sources {
			whole := res.Source(path)
			if whole == nil {
				if _, ok := res.Line(path, 1); ok {
					t.Errorf("%s: Line shows a file Source hides", path)
				}
				continue
			}
			f := source.New(path, whole)
			for n := 1; n <= f.LineCount()+1; n++ {
				got, ok := res.Line(path, n)
				if want := f.Line(n); got != want || ok != (n <= f.LineCount()) {
					t.Errorf("%s:%d: Line gives %q (%v), Source %q", path, n, got, ok, want)
				}
				lines++
			}
		}
		if lines == 0 {
			t.Errorf("%s: no line compared", p)
		}
	}
}

// TestInsideRoots: a file lies in a root when its path, links resolved, is
// below the root's, links resolved: whether the answer comes from the
// names below the root alone or from resolving both, as the reference
// does with filepath.EvalSymlinks.
func TestInsideRoots(t *testing.T) {
	base := t.TempDir()
	repo, outside := filepath.Join(base, "repo"), filepath.Join(base, "outside")
	testfs.WriteFiles(t, base, map[string]string{
		"repo/compose.yaml": "services: {}\n", "repo/deep/er/app.env": "A=1\n",
		"outside/app.env": "B=2\n", "outside/compose.yaml": "services: {}\n",
	})
	for link, target := range map[string]string{
		"repo/sub": outside, "repo/alias.env": filepath.Join(outside, "app.env"),
		"repo/inner": filepath.Join(repo, "deep"), "linkrepo": repo,
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	reference := func(roots []string, p string) bool {
		rp, err := filepath.EvalSymlinks(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, root := range roots {
			rr, err := filepath.EvalSymlinks(root)
			if err != nil {
				t.Fatal(err)
			}
			if rel, err := filepath.Rel(rr, rp); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				return true
			}
		}
		return false
	}
	files := []string{"repo/compose.yaml", "repo/deep/er/app.env", "repo/sub/app.env", "repo/alias.env",
		"repo/inner/er/app.env", "linkrepo/compose.yaml", "linkrepo/sub/app.env", "outside/app.env"}
	for _, listed := range []bool{false, true} {
		for _, roots := range [][]string{{repo}, {filepath.Join(base, "linkrepo")}, {outside}, {repo, outside}} {
			memo := vfs.NewStatMemo(vfs.OS{})
			if listed { // links told apart by the listings, as in a walk
				for _, d := range []string{base, repo, outside, filepath.Join(repo, "deep"), filepath.Join(repo, "deep", "er")} {
					if _, err := memo.ReadDir(d); err != nil {
						t.Fatal(err)
					}
				}
			}
			r := newRedactor(Options{FS: memo, Cwd: base}, roots, func(d string) string { return d }, nil, nil)
			for _, f := range files {
				if got, want := r.inside(f), reference(roots, filepath.Join(base, f)); got != want {
					t.Errorf("listed %v, roots %v: inside(%s) = %v, want %v", listed, roots, f, got, want)
				}
			}
		}
	}
}

// A file below a directory of the run is inside without looking for the
// repository's root; a file elsewhere in the repository is found inside
// through the root; one outside it is not.
func TestInsideRepository(t *testing.T) {
	base := t.TempDir()
	testfs.WriteFiles(t, base, map[string]string{
		"repo/.git/HEAD": "ref: x\n", "repo/app/compose.yaml": "services: {}\n", "repo/shared/app.env": "A=1\n",
		"elsewhere/app.env": "B=2\n",
	})
	asked := 0
	rootOf := func(d string) string { asked++; return RepoRoot(vfs.OS{}, d) }
	r := newRedactor(Options{FS: vfs.NewStatMemo(vfs.OS{}), Cwd: base}, []string{filepath.Join(base, "repo", "app")}, rootOf, nil, nil)
	if !r.inside("repo/app/compose.yaml") || asked != 0 {
		t.Errorf("the project's own file: inside %v, repository root looked for %d times", r.inside("repo/app/compose.yaml"), asked)
	}
	if !r.inside("repo/shared/app.env") || asked != 1 {
		t.Errorf("a file of the repository outside the project: inside %v, root looked for %d times", r.inside("repo/shared/app.env"), asked)
	}
	if r.inside("elsewhere/app.env") {
		t.Error("a file outside the repository is inside")
	}
}

// A file named with -f or --env-file is shown wherever it lies; the other
// files of its directory are not thereby.
func TestNamedFilesShown(t *testing.T) {
	base := t.TempDir()
	testfs.WriteFiles(t, base, map[string]string{
		"home/proj/compose.yaml": "services:\n  api:\n    image: node:22\n    env_file: [../vault/api.env]\n    environment:\n      API_URL: http://localhost:${PORT}\n",
		"home/proj/.git/HEAD":    "ref: refs/heads/main\n",
		"home/my.env":            "PORT=3000\n",
		"home/vault/api.env":     "TOKEN=abc\n",
	})
	proj := filepath.Join(base, "home", "proj")
	res, err := Run(Options{Cwd: proj, Paths: []string{"."}, EnvFiles: []string{"../my.env"}, Environ: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source("../my.env") == nil {
		t.Error("the named env file is not shown")
	}
	if res.Source("../vault/api.env") != nil {
		t.Error("a file beside the named one, outside the repository, is shown")
	}
}

// escapeRunewise is EscapeControls without its ASCII fast path.
func escapeRunewise(s string) string {
	if !strings.ContainsFunc(s, isCtl) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case isCtl(c) && c < 0x100:
			fmt.Fprintf(&b, `\x%02x`, c)
		case isCtl(c):
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestEscapeControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\twith tab\n": "plain text\twith tab\n",
		"\x1b[31mred":            `\x1b[31mred`,
		"del\x7f":                `del\x7f`,
		"é ok, \u0085 not":       `é ok, \x85 not`,
		"rtl \u202e override":    `rtl \u202e override`,
		"::error::x\r\n":         `::error::x\x0d` + "\n",
	} {
		if got := EscapeControls(in); got != want {
			t.Errorf("EscapeControls(%q) = %q, want %q", in, got, want)
		}
	}
	// Every string of up to three bytes over an alphabet with each class
	// of byte: the fast path must agree with the rune-wise reading.
	alpha := []byte{'a', ' ', '\t', '\n', '\r', 0, 0x1f, 0x7e, 0x7f, 0xc2, 0x85, 0xa0, 0xe2, 0x80, 0xae, 0xff}
	var walk func(s []byte)
	walk = func(s []byte) {
		if got, want := EscapeControls(string(s)), escapeRunewise(string(s)); got != want {
			t.Fatalf("EscapeControls(%q) = %q, want %q", s, got, want)
		}
		if len(s) == 3 {
			return
		}
		for _, c := range alpha {
			walk(append(s, c))
		}
	}
	walk(nil)
}
