package compose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/vfs"
)

// A file its directory's listing shows is read without a Stat first; what
// the read says of it is what the Stat path says: the content, a size over
// the limit, a directory, a file that is missing.
func TestReadListedLikeStat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte("services: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(strings.Repeat("x: 1\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	read := func(listed bool, name string) string {
		memo := vfs.NewStatMemo(vfs.OS{})
		if listed {
			if _, err := memo.ReadDir(dir); err != nil {
				t.Fatal(err)
			}
		}
		abs := filepath.Join(dir, name)
		if got := vfs.ListedRegular(memo, abs); got != (listed && (name == "compose.yaml" || name == "big.yaml")) {
			t.Errorf("ListedRegular(%s) = %v (listed %v)", name, got, listed)
		}
		l := NewLoader(memo, dir, 200, Limits{})
		src, err := l.read(abs)
		switch {
		case err != nil:
			return "error: " + err.Error()
		case src == nil:
			return "nothing"
		}
		return string(src.Data)
	}
	for _, name := range []string{"compose.yaml", "big.yaml", "sub.yaml", "none.yaml"} {
		listed, stat := read(true, name), read(false, name)
		if listed != stat {
			t.Errorf("%s: listed %q, stat %q", name, listed, stat)
		}
		if name == "big.yaml" && !strings.Contains(listed, "is 500 bytes, larger than the 200-byte limit") {
			t.Errorf("big.yaml: %q", listed)
		}
	}
}
