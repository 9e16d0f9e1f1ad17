package newfrom

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

// TestHostileRepositoryConfig: a repository whose .git/config would make
// git run programs (fsmonitor, filter drivers, textconv, external diff,
// hooks) does not get them run by --new-from-rev, and the changed lines
// are still found.
func TestHostileRepositoryConfig(t *testing.T) {
	root := t.TempDir()
	marker := filepath.Join(t.TempDir(), "ran")
	run(t, root, "init", "-q")
	run(t, root, "config", "user.email", "t@example.com")
	run(t, root, "config", "user.name", "t")
	write(t, filepath.Join(root, "compose.yaml"), "a\nb\nc\n")
	run(t, root, "add", ".")
	run(t, root, "commit", "-qm", "base")
	script := filepath.Join(root, "evil.sh")
	write(t, script, "#!/bin/sh\necho \"$0 $*\" >> "+marker+"\ncat\n")
	if err := os.Chmod(script, 0o755); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"core.fsmonitor":      script,
		"filter.evil.clean":   script,
		"filter.evil.smudge":  script,
		"filter.evil.process": script,
		"diff.evil.textconv":  script,
		"diff.external":       script,
		"core.pager":          script,
		"core.hooksPath":      root,
	} {
		run(t, root, "config", k, v)
	}
	write(t, filepath.Join(root, ".gitattributes"), "* filter=evil diff=evil\n")
	write(t, filepath.Join(root, "compose.yaml"), "a\nB\nc\n")
	os.Remove(marker)
	ch, err := FromRev(root, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("git ran a program configured by the repository: %s", b)
	}
	got := kept(Filter([]diag.Diagnostic{finding(filepath.Join(root, "compose.yaml"), 1), finding(filepath.Join(root, "compose.yaml"), 2)}, ch))
	if len(got) != 1 {
		t.Errorf("kept %v, want line 2 only", got)
	}
}
