// Package testenv tells tests what their environment offers: the shared
// corpus of real-world projects, which lives beside the repository only on
// the project's machines and in CI, and whether the long tests should run.
// A fresh clone has neither, and every test passes there.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// CorpusDir returns the corpus of real-world compose projects:
// $REACHLINT_CORPUS, else ../shared/corpus beside the repository root (CI
// lays it out there). It returns "" when there is none.
func CorpusDir() string {
	if d := os.Getenv("REACHLINT_CORPUS"); d != "" {
		return d
	}
	root := repoRoot()
	if root == "" {
		return ""
	}
	d := filepath.Join(filepath.Dir(root), "shared", "corpus")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// Corpus returns CorpusDir, or skips t when there is no corpus.
func Corpus(t testing.TB) string {
	t.Helper()
	d := CorpusDir()
	if d == "" {
		t.Skip("no corpus beside the repository (set REACHLINT_CORPUS to run this test)")
	}
	return d
}

// Long reports whether the long variants of tests run: with
// REACHLINT_LONG=1 (set by .ci/run), never under -short. Without it a test
// checks the same property on less material, so that go test ./... stays
// about a minute on two cores.
func Long() bool {
	return os.Getenv("REACHLINT_LONG") == "1" && !testing.Short()
}

// SkipUnlessLong skips t unless the long tests run.
func SkipUnlessLong(t testing.TB, why string) {
	t.Helper()
	if !Long() {
		t.Skipf("%s: set REACHLINT_LONG=1 to run it", why)
	}
}

// repoRoot is the directory of the module's go.mod above the working
// directory (a test runs in its package's directory).
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
