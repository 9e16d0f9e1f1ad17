// Package vfs is the one way the engine reads files. The CLI uses the real
// file system; the language server layers unsaved editor buffers over it.
package vfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FS is the read-only file system the engine sees. Paths are OS paths.
type FS interface {
	ReadFile(path string) ([]byte, error)
	Stat(path string) (fs.FileInfo, error)
	Lstat(path string) (fs.FileInfo, error)
	ReadDir(path string) ([]fs.DirEntry, error)
}

// OS reads the real file system.
type OS struct{}

func (OS) ReadFile(p string) ([]byte, error)       { return os.ReadFile(p) }
func (OS) Stat(p string) (fs.FileInfo, error)      { return os.Stat(p) }
func (OS) Lstat(p string) (fs.FileInfo, error)     { return os.Lstat(p) }
func (OS) ReadDir(p string) ([]fs.DirEntry, error) { return os.ReadDir(p) }

// Overlay serves some files from memory (editor buffers) and the rest from
// Base. It is safe for concurrent use.
type Overlay struct {
	Base FS

	mu    sync.RWMutex
	files map[string][]byte
}

// NewOverlay returns an overlay over base.
func NewOverlay(base FS) *Overlay { return &Overlay{Base: base, files: map[string][]byte{}} }

func clean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// Set makes path read as data.
func (o *Overlay) Set(path string, data []byte) {
	o.mu.Lock()
	o.files[clean(path)] = data
	o.mu.Unlock()
}

// Delete drops the in-memory copy of path.
func (o *Overlay) Delete(path string) {
	o.mu.Lock()
	delete(o.files, clean(path))
	o.mu.Unlock()
}

func (o *Overlay) get(p string) ([]byte, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	b, ok := o.files[clean(p)]
	return b, ok
}

func (o *Overlay) ReadFile(p string) ([]byte, error) {
	if b, ok := o.get(p); ok {
		return append([]byte(nil), b...), nil
	}
	return o.Base.ReadFile(p)
}

func (o *Overlay) Stat(p string) (fs.FileInfo, error) {
	if b, ok := o.get(p); ok {
		return memInfo{name: filepath.Base(p), size: int64(len(b))}, nil
	}
	return o.Base.Stat(p)
}

func (o *Overlay) Lstat(p string) (fs.FileInfo, error) {
	if b, ok := o.get(p); ok {
		return memInfo{name: filepath.Base(p), size: int64(len(b))}, nil
	}
	return o.Base.Lstat(p)
}

func (o *Overlay) ReadDir(p string) ([]fs.DirEntry, error) { return o.Base.ReadDir(p) }

type memInfo struct {
	name string
	size int64
}

func (m memInfo) Name() string       { return m.name }
func (m memInfo) Size() int64        { return m.size }
func (m memInfo) Mode() fs.FileMode  { return 0o644 }
func (m memInfo) ModTime() time.Time { return time.Time{} }
func (m memInfo) IsDir() bool        { return false }
func (m memInfo) Sys() any           { return nil }
