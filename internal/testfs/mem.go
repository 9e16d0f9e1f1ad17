package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Mem is a read-only snapshot of a directory tree held in memory, for
// benchmarks that compare work on bytes in memory (a parse) with a lint of
// the same files: reading it makes no system call. Paths are absolute OS
// paths; the root's ancestors are directories holding only the path down to
// it; anything else does not exist. It implements vfs.CompleteListing.
type Mem struct {
	files map[string][]byte
	dirs  map[string][]fs.DirEntry
}

// Snapshot reads the regular files and directories below root (symbolic
// links and other files are left out).
func Snapshot(t testing.TB, root string) *Mem {
	t.Helper()
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	m := &Mem{files: map[string][]byte{}, dirs: map[string][]fs.DirEntry{}}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			m.dirs[p] = nil
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m.files[p] = data
		default:
			return nil
		}
		if p != root {
			parent := filepath.Dir(p)
			m.dirs[parent] = append(m.dirs[parent], memEntry{name: d.Name(), dir: d.IsDir(), size: int64(len(m.files[p]))})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := root; ; {
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		m.dirs[parent] = []fs.DirEntry{memEntry{name: filepath.Base(p), dir: true}}
		p = parent
	}
	for _, es := range m.dirs {
		slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return m
}

func (m *Mem) ReadFile(p string) ([]byte, error) {
	if data, ok := m.files[p]; ok {
		return slices.Clone(data), nil
	}
	if _, ok := m.dirs[p]; ok {
		return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrInvalid}
	}
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}

func (m *Mem) Stat(p string) (fs.FileInfo, error) {
	if data, ok := m.files[p]; ok {
		return memEntry{name: filepath.Base(p), size: int64(len(data))}, nil
	}
	if _, ok := m.dirs[p]; ok {
		return memEntry{name: filepath.Base(p), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: p, Err: fs.ErrNotExist}
}

func (m *Mem) Lstat(p string) (fs.FileInfo, error) { return m.Stat(p) }

// ListsEveryName promises that the listings hold every name Stat finds
// (vfs.CompleteListing).
func (m *Mem) ListsEveryName() {}

func (m *Mem) ReadDir(p string) ([]fs.DirEntry, error) {
	if es, ok := m.dirs[p]; ok {
		return slices.Clone(es), nil
	}
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}

// memEntry is both the fs.DirEntry and the fs.FileInfo of a name.
type memEntry struct {
	name string
	dir  bool
	size int64
}

func (e memEntry) Name() string { return e.name }
func (e memEntry) IsDir() bool  { return e.dir }
func (e memEntry) Type() fs.FileMode {
	if e.dir {
		return fs.ModeDir
	}
	return 0
}
func (e memEntry) Info() (fs.FileInfo, error) { return e, nil }
func (e memEntry) Size() int64                { return e.size }
func (e memEntry) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (e memEntry) ModTime() time.Time { return time.Time{} }
func (e memEntry) Sys() any           { return nil }
