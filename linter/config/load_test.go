package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/vfs"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// None: the defaults.
	l, err := Load(vfs.OS{}, dir, sub, "", nil, nil)
	if err != nil || l.Path != "" || l.Config == nil {
		t.Fatalf("no file: %+v, %v", l, err)
	}
	// Found walking up; a bad entry is a problem, the rest applies.
	write(".reachlint.yaml", "fail-level: error\nnonsense: 1\n")
	l, err = Load(vfs.OS{}, dir, sub, "", nil, nil)
	if err != nil || l.Path != filepath.Join(dir, ".reachlint.yaml") || len(l.Problems) != 1 || l.FailLevel.String() != "error" {
		t.Fatalf("found: %+v, %v", l, err)
	}
	// Read with the size limit, for the CLI and the language server alike.
	write("big.yaml", "# "+strings.Repeat("x", int(DefaultMaxFileSize)))
	var tl *vfs.TooLargeError
	if _, err := Load(vfs.OS{}, dir, sub, "big.yaml", nil, nil); !errors.As(err, &tl) {
		t.Errorf("an oversized file: %v", err)
	}
}
