package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrChanged says the file is no longer what was linted (another --fix run, an
// editor saving); nothing was written.
var ErrChanged = errors.New("it changed since it was linted; nothing written (run the fix again)")

// WriteAtomic replaces the file at path with data; see WriteIfUnchanged.
func WriteAtomic(path string, data []byte, root string) error {
	return WriteIfUnchanged(path, nil, data, root)
}

// WriteIfUnchanged replaces the file at path with data when it still holds
// old (nil: whatever it holds). It writes a temporary file in the same
// directory, syncs it, gives it the original's mode bits (special bits
// included) and owner, compares the file with old once more and renames the
// temporary file over it, so readers see either the old or the new content,
// never a torn file, and edits computed on one content are never applied to
// another.
//
// If path is a symbolic link, the link is kept and its target is replaced,
// but only when root is non-empty and the target lies inside root (after
// resolving every link); otherwise the write is refused. A path that itself
// resolves outside a non-empty root is refused too. A file with several hard
// links is refused (the rename would split them), as is one whose owner
// cannot be kept. The file must exist: fixes only edit files that were
// linted.
func WriteIfUnchanged(path string, old, data []byte, root string) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	li, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if root == "" {
		if li.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: refusing to write through a symbolic link without a project root", path)
		}
	} else if !inside(root, target) {
		return fmt.Errorf("%s: refusing to write: it resolves to %s, outside %s", path, target, root)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	if n := links(fi); n > 1 {
		return fmt.Errorf("%s: refusing to write: the file has %d hard links and replacing it would split them; apply the fix by hand (reachlint --diff shows it)", path, n)
	}
	unchanged := func() error {
		if old == nil {
			return nil
		}
		cur, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		if !bytes.Equal(cur, old) {
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return nil
	}
	if err := unchanged(); err != nil {
		return err
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".reachlint-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := keepOwner(tmp, fi); err != nil {
		return fmt.Errorf("%s: refusing to write: cannot keep its owner and group (%w)", path, err)
	}
	// Chmod after creation and chown: CreateTemp uses 0600, the umask would
	// interfere with a mode passed at open time, and chown clears setuid.
	if err := tmp.Chmod(fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Last look: the window between this check and the rename is all that
	// is left to a concurrent writer.
	if err := unchanged(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	done = true
	// Make the rename itself durable; not every platform can sync a directory.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: the data itself was synced before the rename
		_ = d.Close()
	}
	return nil
}

// inside reports whether resolved path p is root or below it.
func inside(root, p string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	r, err = filepath.Abs(r)
	if err != nil {
		return false
	}
	p, err = filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(r, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
