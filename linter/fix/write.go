package fix

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteAtomic replaces the file at path with data: it writes a temporary file
// in the same directory, syncs it, gives it the original file's permission
// bits and renames it over the original, so readers see either the old or the
// new content, never a torn file. If path is a symbolic link, the link is kept
// and its target is replaced, but only when root is non-empty and the target
// lies inside root (after resolving every link); otherwise the write is
// refused. A path that itself resolves outside a non-empty root is refused
// too. The file must exist: fixes only edit files that were linted.
func WriteAtomic(path string, data []byte, root string) error {
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
	// Chmod after creation: CreateTemp uses 0600 and the umask would also
	// interfere with a mode passed at open time.
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
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
