package newfrom

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, p, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func finding(file string, line int) diag.Diagnostic {
	return diag.Diagnostic{Rule: "r", Range: diag.Range{File: file, Start: diag.Pos{Line: line, Col: 1}}}
}

func kept(ds []diag.Diagnostic) []string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%s:%d", filepath.ToSlash(d.Range.File), d.Range.Start.Line))
	}
	slices.Sort(s)
	return s
}

// TestRepository builds a repository with a legacy commit, changes it in
// several ways and checks which findings survive. Finding paths are relative
// to a working directory below the root, as the CLI gives them.
func TestRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := t.TempDir()
	run(t, root, "init", "-q", "-b", "main")
	write(t, filepath.Join(root, "app", "compose.yaml"), "a\nb\nc\nd\ne\n")
	write(t, filepath.Join(root, "app", "old.env"), "X=1\nY=2\n")
	write(t, filepath.Join(root, "app", "renamed-from.yaml"), "1\n2\n3\n")
	write(t, filepath.Join(root, "app", "spaced name é.yaml"), "q\n")
	write(t, filepath.Join(root, "app", "quote\"d.yaml"), "q\n")
	write(t, filepath.Join(root, ".gitignore"), "*.local\n")
	run(t, root, "add", "-A")
	run(t, root, "commit", "-qm", "legacy")
	base := run(t, root, "rev-parse", "HEAD")

	run(t, root, "checkout", "-qb", "feature")
	write(t, filepath.Join(root, "app", "compose.yaml"), "a\nB\nc\nd\ne\nf\n") // line 2 changed, 6 added
	run(t, root, "commit", "-qam", "feature work")
	// Uncommitted changes count too.
	write(t, filepath.Join(root, "app", "old.env"), "X=1\n")             // only a deletion
	write(t, filepath.Join(root, "app", "new.env"), "N=1\nM=2\n")        // untracked
	write(t, filepath.Join(root, "app", "x.local"), "L=1\n")             // ignored
	write(t, filepath.Join(root, "app", "spaced name é.yaml"), "q\nr\n") // line 2 added
	write(t, filepath.Join(root, "app", "quote\"d.yaml"), "Q\n")         // line 1 changed
	run(t, root, "mv", "app/renamed-from.yaml", "app/renamed-to.yaml")   // pure rename
	write(t, filepath.Join(root, "app", "staged.yaml"), "s\n")
	run(t, root, "add", "app/staged.yaml")

	t.Chdir(filepath.Join(root, "app"))
	ds := []diag.Diagnostic{
		finding("compose.yaml", 1), finding("compose.yaml", 2), finding("./compose.yaml", 6),
		finding("old.env", 1), finding("new.env", 2), finding("x.local", 1),
		finding("spaced name é.yaml", 1), finding("spaced name é.yaml", 2),
		finding("quote\"d.yaml", 1),
		finding("renamed-to.yaml", 2), finding("staged.yaml", 1),
		finding(filepath.Join(root, "app", "compose.yaml"), 3), // absolute, unchanged
		{Rule: "r", Range: diag.Range{File: "compose.yaml"}},   // no line, file changed
		{Rule: "r", Range: diag.Range{File: "old.env"}},        // no line, only deletions
		finding("../outside.yaml", 1),                          // not tracked: kept
	}
	want := []string{"../outside.yaml:1", "./compose.yaml:6", "compose.yaml:0", "compose.yaml:2", "new.env:2",
		"quote\"d.yaml:1", "spaced name é.yaml:2", "staged.yaml:1", "x.local:1"}

	for name, get := range map[string]func() (*Changes, error){
		"rev":        func() (*Changes, error) { return FromRev(".", base) },
		"rev-name":   func() (*Changes, error) { return FromRev(".", "main") },
		"merge-base": func() (*Changes, error) { return FromMergeBase(".", "main") },
	} {
		c, err := get()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := kept(Filter(ds, c)); !slices.Equal(got, want) {
			t.Errorf("%s: kept\n%q\nwant\n%q", name, got, want)
		}
	}
	if _, err := FromRev(".", "no-such-rev"); err == nil || !strings.Contains(err.Error(), "no-such-rev") {
		t.Errorf("bad revision: %v", err)
	}
	if _, err := FromRev(".", "--output=/tmp/x"); err == nil {
		t.Error("an option-like revision was accepted")
	}
	if _, err := FromMergeBase(".", "nope"); err == nil {
		t.Error("bad branch accepted")
	}
}

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/x.yaml b/x.yaml
index 1..2 100644
--- a/x.yaml
+++ b/x.yaml
@@ -1 +1 @@
-a
+b
@@ -5,0 +6,2 @@ services:
+c
+d
@@ -9,2 +10,0 @@
-e
-f
diff --git a/gone.yaml b/gone.yaml
deleted file mode 100644
--- a/gone.yaml
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git "a/t\tab.yaml" "b/t\tab.yaml"
--- "a/t\tab.yaml"
+++ "b/t\tab.yaml"
@@ -0,0 +1,3 @@
+x
+y
+z
diff --git a/bin b/bin
Binary files a/bin and b/bin differ
`
	got, err := ParseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprint(got); s != "map[t\tab.yaml:[{1 4}] x.yaml:[{1 2} {6 8}]]" {
		t.Errorf("got %s", s)
	}
	for _, bad := range []string{"+++ b/x\n@@ -1 +x @@\n", "+++ \"b/x\n", "+++ c/x\n", "+++ b/x\n@@ -1 +1,-2 @@\n"} {
		if _, err := ParseDiff([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func FuzzParseDiff(f *testing.F) {
	f.Add([]byte("+++ b/x.yaml\n@@ -1,2 +3,4 @@\n+a\n"))
	f.Add([]byte("+++ \"b/\\303\\251\\n\"\n@@ -0,0 +1 @@\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseDiff(data)
		if err != nil {
			return
		}
		for _, ls := range res {
			for _, s := range ls {
				if s.Start < 0 || s.End <= s.Start {
					t.Fatalf("bad span %+v", s)
				}
			}
		}
	})
}
