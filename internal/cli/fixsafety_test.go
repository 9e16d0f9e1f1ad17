package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/diag"
)

const fixable = "services:\n  db:\n    image: postgres:16\n  api:\n    image: node:20\n    environment:\n      DATABASE_URL: postgres://localhost:5432/app\n"

// TestFixRootFromFileLocation: run from the parent of a repository, --fix
// does not write through a link that leaves the repository (the root is
// the file's repository, not the working directory).
func TestFixRootFromFileLocation(t *testing.T) {
	parent := t.TempDir()
	repo := filepath.Join(parent, "repo")
	other := filepath.Join(parent, "other")
	testfs.WriteFiles(t, repo, map[string]string{".git/HEAD": "ref: refs/heads/main\n"})
	testfs.WriteFiles(t, other, map[string]string{"compose.yaml": fixable})
	if err := os.Symlink(filepath.Join(other, "compose.yaml"), filepath.Join(repo, "compose.yaml")); err != nil {
		t.Skip(err)
	}
	_, errOut, _ := run(t, parent, "--no-env", "--fix", "repo")
	if b, _ := os.ReadFile(filepath.Join(other, "compose.yaml")); string(b) != fixable {
		t.Errorf("--fix wrote outside the repository:\n%s", b)
	}
	if !strings.Contains(errOut, "outside") {
		t.Errorf("stderr does not explain the refusal: %s", errOut)
	}
}

// TestFixComparesBeforeReplacing: a file written between the lint and the
// fix (another --fix, an editor) is left alone, with a message.
func TestFixComparesBeforeReplacing(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": fixable})
	edited := strings.Replace(fixable, "node:20", "node:22-alpine", 1)
	var out, errb bytes.Buffer
	hook := func(ds []diag.Diagnostic) []diag.Diagnostic {
		// The editor saves while reachlint computes its fixes.
		if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		return ds
	}
	Main([]string{"--no-env", "--fix", "."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, NoGo: true, hook: hook})
	if b, _ := os.ReadFile(filepath.Join(dir, "compose.yaml")); string(b) != edited {
		t.Errorf("the fix was applied to content it was not computed on:\n%s", b)
	}
	if !strings.Contains(errb.String(), "changed since it was linted") {
		t.Errorf("no message: %s", errb.String())
	}
}

// TestFixKeepsModeOwnerAndLinks: special mode bits and owner survive the
// atomic replace; a file with several hard links is refused, not split.
func TestFixKeepsModeOwnerAndLinks(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "compose.yaml")
	testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": fixable})
	if err := os.Chmod(p, 0o640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if _, errOut, _ := run(t, dir, "--no-env", "--fix", "."); errOut != "" {
		t.Fatalf("stderr: %s", errOut)
	}
	after, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "postgres://db:5432") {
		t.Fatalf("not fixed:\n%s", b)
	}
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v, was %v", after.Mode(), before.Mode())
	}
	bs, as := before.Sys().(*syscall.Stat_t), after.Sys().(*syscall.Stat_t)
	if bs.Uid != as.Uid || bs.Gid != as.Gid {
		t.Errorf("owner %d:%d, was %d:%d", as.Uid, as.Gid, bs.Uid, bs.Gid)
	}

	dir2 := t.TempDir()
	p2 := filepath.Join(dir2, "compose.yaml")
	testfs.WriteFiles(t, dir2, map[string]string{"compose.yaml": fixable})
	twin := filepath.Join(t.TempDir(), "twin.yaml")
	if err := os.Link(p2, twin); err != nil {
		t.Skip(err)
	}
	_, errOut, _ := run(t, dir2, "--no-env", "--fix", ".")
	if !strings.Contains(errOut, "hard links") {
		t.Errorf("no refusal for a hard-linked file: %s", errOut)
	}
	a, _ := os.Stat(p2)
	b, _ := os.Stat(twin)
	if !os.SameFile(a, b) {
		t.Error("the hard link was split")
	}
}

// TestInitRefusesDanglingLink: init never writes through a symbolic link,
// even one whose target does not exist yet.
func TestInitRefusesDanglingLink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "planted.yaml")
	if err := os.Symlink(outside, filepath.Join(dir, ".reachlint.yaml")); err != nil {
		t.Skip(err)
	}
	_, errOut, code := run(t, dir, "init")
	if code != ExitUsage || !strings.Contains(errOut, "symbolic link") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if _, err := os.Lstat(outside); err == nil {
		t.Error("init wrote through the dangling link")
	}
}
