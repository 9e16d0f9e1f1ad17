package vfs

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// A StatMemo answers each question once for the run: a file removed after
// the first Stat is still there to it, a listing handed out can be changed
// by its caller, and reads still reach the disk.
func TestStatMemo(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := NewStatMemo(OS{})
	if _, err := m.Stat(a); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Fatalf("missing file: %v", err)
	}
	ents, err := m.ReadDir(dir)
	if err != nil || len(ents) != 2 {
		t.Fatalf("ReadDir: %v %v", ents, err)
	}
	ents[0] = nil
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "missing"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Stat(a); err != nil {
		t.Errorf("Stat asked the disk again: %v", err)
	}
	if _, err := m.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("a remembered absence was asked again: %v", err)
	}
	if again, _ := m.ReadDir(dir); len(again) != 2 || again[0] == nil {
		t.Errorf("a caller's change reached the remembered listing: %v", again)
	}
	if _, err := m.ReadFile(a); !os.IsNotExist(err) {
		t.Errorf("ReadFile did not reach the disk: %v", err)
	}
	if data, err := ReadLimit(m, b, 10); err != nil || string(data) != "x" {
		t.Errorf("ReadLimit through the memo: %q %v", data, err)
	}
}

// TestStatMemoAgrees: Stat through the memo (which asks Lstat first) says
// what os.Stat says, for files, directories, links, dangling links and
// missing paths, before and after an Lstat of the same path.
func TestStatMemoAgrees(t *testing.T) {
	dir := t.TempDir()
	file, sub := filepath.Join(dir, "file"), filepath.Join(dir, "sub")
	if err := os.WriteFile(file, []byte("xy"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{"tofile": file, "todir": sub, "dangling": filepath.Join(dir, "none"), "loop": filepath.Join(dir, "loop")}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	paths := []string{file, sub, filepath.Join(dir, "missing"), filepath.Join(file, "under-a-file"), filepath.Join(dir, "todir", "x")}
	for name := range links {
		paths = append(paths, filepath.Join(dir, name))
	}
	for _, lstatFirst := range []bool{false, true} {
		m := NewStatMemo(OS{})
		for _, p := range paths {
			if lstatFirst {
				_, _ = m.Lstat(p)
			}
			got, gerr := m.Stat(p)
			want, werr := os.Stat(p)
			if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
				t.Errorf("%s: error %v, os.Stat %v", p, gerr, werr)
				continue
			}
			if werr == nil && (got.Mode() != want.Mode() || got.Size() != want.Size() || got.Name() != want.Name()) {
				t.Errorf("%s: %v %d %s, os.Stat %v %d %s", p, got.Mode(), got.Size(), got.Name(), want.Mode(), want.Size(), want.Name())
			}
		}
	}
}

// TestStatMemoListing: once a directory is listed, the memo answers for
// names it does not hold without asking the system, with the error the
// system gives; a name held in another case, or under a name that is not
// ASCII, is asked for; an overlay's buffers, in no listing, are found.
func TestStatMemoListing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"compose.yaml", "Upper.env"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := NewStatMemo(OS{})
	if _, err := m.ReadDir(dir); err != nil {
		t.Fatal(err)
	}
	for p, absent := range map[string]bool{
		filepath.Join(dir, ".env"):          true,
		filepath.Join(dir, "compose.yaml"):  false,
		filepath.Join(dir, "COMPOSE.yaml"):  false, // the system decides
		filepath.Join(dir, "upper.env"):     false,
		filepath.Join(dir, "sub", ".env"):   false, // sub was not listed
		dir + "/x/../y":                     false, // not clean
		filepath.Join(dir, "kelvin-\u212a"): true,
		dir + string(filepath.Separator):    false,
	} {
		if got := m.absent(p); got != absent {
			t.Errorf("absent(%q) = %v, want %v", p, got, absent)
		}
		// AbsentIn answers as absent for the directory and the name.
		if d, name := filepath.Dir(p), filepath.Base(p); filepath.Join(d, name) == p {
			if got := AbsentIn(m, d, name); got != absent {
				t.Errorf("AbsentIn(%q, %q) = %v, want %v", d, name, got, absent)
			}
		}
		_, gerr := m.Lstat(p)
		_, werr := os.Lstat(p)
		if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() || gerr != nil && !errors.Is(gerr, fs.ErrNotExist) && errors.Is(werr, fs.ErrNotExist) {
			t.Errorf("Lstat(%q): %v, os.Lstat %v", p, gerr, werr)
		}
		_, gerr = m.ReadFileLimit(p, 100)
		_, werr = OS{}.ReadFileLimit(p, 100)
		if (gerr == nil) != (werr == nil) || gerr != nil && errors.Is(gerr, fs.ErrNotExist) != errors.Is(werr, fs.ErrNotExist) {
			t.Errorf("ReadFileLimit(%q): %v, OS %v", p, gerr, werr)
		}
		_, gerr = m.ReadFile(p)
		_, werr = OS{}.ReadFile(p)
		if (gerr == nil) != (werr == nil) || gerr != nil && errors.Is(gerr, fs.ErrNotExist) != errors.Is(werr, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q): %v, OS %v", p, gerr, werr)
		}
	}
	// AbsentIn takes no path for a name, nor a directory not clean.
	for _, c := range [][2]string{{dir, "sub/.env"}, {dir + "/.", ".env"}, {"rel", ".env"}, {dir, ".."}, {dir, ""}} {
		if AbsentIn(m, c[0], c[1]) {
			t.Errorf("AbsentIn(%q, %q) answered", c[0], c[1])
		}
	}
	if AbsentIn(OS{}, dir, ".env") {
		t.Error("AbsentIn answered without a memo")
	}
	// Listed answers for names the listing holds as they are written.
	if typ, ok := m.Listed(filepath.Join(dir, "compose.yaml")); !ok || !typ.IsRegular() {
		t.Errorf("Listed(compose.yaml) = %v, %v", typ, ok)
	}
	for _, p := range []string{filepath.Join(dir, "COMPOSE.yaml"), filepath.Join(dir, ".env"), filepath.Join(dir, "sub", "x")} {
		if _, ok := m.Listed(p); ok {
			t.Errorf("Listed(%s) answered", p)
		}
	}
	// A directory with a name that is not ASCII is searched entry by entry.
	if err := os.WriteFile(filepath.Join(dir, "\u212aey"), []byte("x"), 0o644); err == nil {
		m := NewStatMemo(OS{})
		_, _ = m.ReadDir(dir)
		if m.absent(filepath.Join(dir, "key")) {
			t.Error(`"key" taken as absent beside "\u212aey" (the same name where case is ignored)`)
		}
		if !m.absent(filepath.Join(dir, ".env")) {
			t.Error(".env not taken as absent from a listing with a name that is not ASCII")
		}
	}
	// An overlay's buffer is in no listing: the memo asks the overlay.
	o := NewOverlay(OS{})
	buf := filepath.Join(dir, "unsaved.yaml")
	o.Set(buf, []byte("services: {}\n"))
	mo := NewStatMemo(o)
	_, _ = mo.ReadDir(dir)
	if _, err := mo.Lstat(buf); err != nil {
		t.Errorf("overlay buffer: %v", err)
	}
	if data, err := mo.ReadFileLimit(buf, 100); err != nil || string(data) != "services: {}\n" {
		t.Errorf("overlay buffer read: %q, %v", data, err)
	}
}

// A file system that lists every name (CompleteListing) has its probes
// answered from listings, as the real one: Stat and Lstat of a name the
// listing lacks do not reach it, and the answer is the system's.
func TestStatMemoCompleteListing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := &countingFS{}
	m := NewStatMemo(base)
	if _, err := m.ReadDir(dir); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "compose.override.yaml")
	_, serr := m.Stat(missing)
	_, lerr := m.Lstat(missing)
	_, werr := os.Stat(missing)
	if !errors.Is(serr, fs.ErrNotExist) || !errors.Is(lerr, fs.ErrNotExist) || serr.Error() != werr.Error() {
		t.Errorf("Stat: %v, Lstat: %v; os.Stat: %v", serr, lerr, werr)
	}
	if _, err := m.Stat(filepath.Join(dir, "compose.yaml")); err != nil {
		t.Fatal(err)
	}
	if base.stats != 1 {
		t.Errorf("%d calls of the base's Stat and Lstat, want 1 (for the file that is there)", base.stats)
	}
	// Without the promise, every name is asked.
	m = NewStatMemo(struct{ FS }{OS{}})
	_, _ = m.ReadDir(dir)
	if m.absent(missing) {
		t.Error("a listing of a file system that does not list every name taken as complete")
	}
}

// countingFS is the real file system, counting Stat and Lstat calls.
type countingFS struct {
	OS
	stats int
}

func (c *countingFS) Stat(p string) (fs.FileInfo, error)  { c.stats++; return c.OS.Stat(p) }
func (c *countingFS) Lstat(p string) (fs.FileInfo, error) { c.stats++; return c.OS.Lstat(p) }

// readRegular reads a plain file whole and refuses everything else the way
// the rest of the engine expects: missing files as fs.ErrNotExist,
// directories, FIFOs (without blocking) and kernel files as not regular,
// files over the limit as too large.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("x: 1\n"), 3000)
	small := filepath.Join(dir, "compose.yaml")
	large := filepath.Join(dir, "large.yaml")
	for p, data := range map[string][]byte{small: []byte("services: {}\n"), large: big} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := readRegular(large, 1<<20); err != nil || !bytes.Equal(got, big) {
		t.Errorf("large file: %d bytes, %v", len(got), err)
	}
	if got, err := readRegular(small, 1<<20); err != nil || string(got) != "services: {}\n" {
		t.Errorf("small file: %q, %v", got, err)
	}
	var tl *TooLargeError
	if _, err := readRegular(large, 100); !errors.As(err, &tl) {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := readRegular(filepath.Join(dir, "none"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	var nr *NotRegularError
	if _, err := readRegular(dir, 100); !errors.As(err, &nr) {
		t.Errorf("directory: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err == nil {
		done := make(chan error, 1)
		go func() { _, err := readRegular(fifo, 100); done <- err }()
		select {
		case err := <-done:
			if !errors.As(err, &nr) {
				t.Errorf("FIFO: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("reading a FIFO blocked")
		}
	}
	if runtime.GOOS == "linux" {
		if _, err := readRegular("/proc/self/status", 1<<20); err == nil {
			t.Error("a /proc file was read")
		}
	}
}

// A file the run has lstat'ed is read without asking its status again,
// and what is put in its place between the two is never followed: a link
// is refused, a FIFO reads without blocking. Sizes and limits hold as in
// any read.
func TestReadAfterLstat(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "compose.yaml")
	big := bytes.Repeat([]byte("x: 1\n"), 3000)
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("TOKEN=hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lstated := func() *StatMemo {
		m := NewStatMemo(OS{})
		if fi, err := m.Stat(p); err != nil || !fi.Mode().IsRegular() {
			t.Fatalf("stat: %v, %v", fi, err)
		}
		return m
	}

	if got, err := lstated().ReadFileLimit(p, 1<<20); err != nil || !bytes.Equal(got, big) {
		t.Errorf("read: %d bytes, %v", len(got), err)
	}
	var tl *TooLargeError
	if _, err := lstated().ReadFileLimit(p, 100); !errors.As(err, &tl) || tl.Size != int64(len(big)) {
		t.Errorf("over the limit: %v", err)
	}
	// Shrunk or grown since the lstat: what the file holds when read.
	m := lstated()
	if err := os.WriteFile(p, []byte("services: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := m.ReadFileLimit(p, 1<<20); err != nil || string(got) != "services: {}\n" {
		t.Errorf("shrunk: %q, %v", got, err)
	}
	m = lstated()
	if err := os.WriteFile(p, append(big, big...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := m.ReadFileLimit(p, 1<<20); err != nil || len(got) != 2*len(big) {
		t.Errorf("grown: %d bytes, %v", len(got), err)
	}

	// A link put in the file's place is not followed.
	m = lstated()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, p); err != nil {
		t.Fatal(err)
	}
	if got, err := m.ReadFileLimit(p, 1<<20); err == nil || bytes.Contains(got, []byte("hunter2")) {
		t.Errorf("a link put in place of an lstat'ed file was followed: %q, %v", got, err)
	}

	// A FIFO put there does not block the read.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	m = lstated()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(p); err == nil {
		done := make(chan error, 1)
		go func() { _, err := m.ReadFileLimit(p, 1<<20); done <- err }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("reading a FIFO put in place of an lstat'ed file blocked")
		}
	}
}
