// Package vfs is the one way the engine reads files. The CLI uses the real
// file system; the language server layers unsaved editor buffers over it.
package vfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/reachlint/reachlint/linter/cleanpath"
)

// FS is the read-only file system the engine sees. Paths are OS paths.
type FS interface {
	ReadFile(path string) ([]byte, error)
	Stat(path string) (fs.FileInfo, error)
	Lstat(path string) (fs.FileInfo, error)
	ReadDir(path string) ([]fs.DirEntry, error)
}

// OS reads the real file system. It reads regular files only (never a
// FIFO, device, socket or /proc entry: those hang or never end) and at most
// HardLimit bytes of each.
type OS struct{}

// HardLimit caps every read through OS, whatever the configured
// max-file-size: a last defence against a file that grows while read.
const HardLimit = 1 << 30

// ReadFile reads a regular file, at most HardLimit bytes.
func (OS) ReadFile(p string) ([]byte, error) { return readRegular(p, HardLimit) }

// ReadFileLimit reads a regular file, failing with an *TooLargeError when
// it holds more than max bytes. The limit is enforced on the bytes read,
// not on what Stat says.
func (OS) ReadFileLimit(p string, max int64) ([]byte, error) { return readRegular(p, max) }

func (OS) Stat(p string) (fs.FileInfo, error)      { return os.Stat(p) }
func (OS) Lstat(p string) (fs.FileInfo, error)     { return os.Lstat(p) }
func (OS) Readlink(p string) (string, error)       { return os.Readlink(p) }
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
	return cleanpath.Clean(p)
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

// ReadFileLimit serves a buffer, or reads Base with the limit.
func (o *Overlay) ReadFileLimit(p string, max int64) ([]byte, error) {
	if b, ok := o.get(p); ok {
		if int64(len(b)) > max {
			return nil, &TooLargeError{Path: p, Limit: max}
		}
		return append([]byte(nil), b...), nil
	}
	return ReadLimit(o.Base, p, max)
}

// Limited is an FS that can bound a read by the bytes it reads.
type Limited interface {
	ReadFileLimit(path string, max int64) ([]byte, error)
}

// ReadLimit reads path through fsys refusing files that are not regular and
// files of more than max bytes. File systems that implement Limited bound
// the read itself; others are checked with Stat first.
func ReadLimit(fsys FS, p string, max int64) ([]byte, error) {
	if l, ok := fsys.(Limited); ok {
		return l.ReadFileLimit(p, max)
	}
	st, err := fsys.Stat(p)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(p, st); err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, &TooLargeError{Path: p, Limit: max, Size: st.Size()}
	}
	data, err := fsys.ReadFile(p)
	if err == nil && int64(len(data)) > max {
		return nil, &TooLargeError{Path: p, Limit: max}
	}
	return data, err
}

// TooLargeError says a file holds more than the limit.
type TooLargeError struct {
	Path  string
	Limit int64
	Size  int64 // the size the file's status gave, when it was over the limit; 0: unknown
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than the %d-byte limit", e.Path, e.Limit)
}

// NotRegularError says a path names something other than a regular file.
type NotRegularError struct {
	Path string
	What string // "a FIFO", "a device", "a /proc entry", ...
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file; reachlint reads only regular files", e.Path, e.What)
}

// CheckRegular refuses what is not a regular file, by type: directories,
// FIFOs, devices, sockets, and entries of the kernel's pseudo file systems
// (/proc, /sys, /dev), which Stat shows as empty regular files but which
// produce endless or private content.
func CheckRegular(p string, st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return &NotRegularError{Path: p, What: "a directory"}
	case m&fs.ModeNamedPipe != 0:
		return &NotRegularError{Path: p, What: "a FIFO (named pipe)"}
	case m&fs.ModeSocket != 0:
		return &NotRegularError{Path: p, What: "a socket"}
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return &NotRegularError{Path: p, What: "a device"}
	case !m.IsRegular():
		return &NotRegularError{Path: p, What: "not a plain file"}
	}
	if underPseudo(p) {
		return errPseudo(p)
	}
	return nil
}

func errPseudo(p string) error {
	return &NotRegularError{Path: p, What: "an entry of a kernel pseudo file system"}
}

// pseudo reports paths that resolve into /proc, /sys or /dev.
func pseudo(p string) bool {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return underPseudo(p)
}

// underPseudo reports paths written under /proc, /sys or /dev (links not
// followed: the opened file's own file system is checked on reading).
func underPseudo(p string) bool {
	p = filepath.ToSlash(cleanpath.Clean(p))
	for _, root := range []string{"/proc", "/sys", "/dev"} {
		if p == root || strings.HasPrefix(p, root+"/") {
			return true
		}
	}
	return false
}

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

// StatMemo remembers what Stat, Lstat and ReadDir answered (errors too),
// for one run in which files are taken not to change: projects probe the
// same .env, Dockerfile and override names again and again. Reads pass
// through to Base. Over the real file system, a directory already listed
// answers for the names it does not hold: most probes (.env, override
// files, .git) find nothing, and a walk has listed their directory.
// Safe for concurrent use.
type StatMemo struct {
	Base FS

	// Plain maps under a lock: a sync.Map allocates for every answer it
	// stores, and a run stores a few for each project.
	mu      sync.RWMutex
	answers map[statKey]statAnswer
	dirs    map[string]*dirAnswer
}

// statKey asks about path, following a final link (Stat) or not (Lstat).
type statKey struct {
	path   string
	follow bool
}

// dir returns the remembered listing of p.
func (m *StatMemo) dir(p string) (*dirAnswer, bool) {
	m.mu.RLock()
	d, ok := m.dirs[p]
	m.mu.RUnlock()
	return d, ok
}

type statAnswer struct {
	fi  fs.FileInfo
	err error
}

type dirAnswer struct {
	ents []fs.DirEntry
	err  error
	// names holds the entries' names in ASCII lower case when all are
	// ASCII (nil otherwise): the names a probe could be on a file system
	// that ignores case.
	names map[string]bool
}

// CompleteListing is implemented by a file system whose ReadDir lists
// every name its Stat and Lstat find, each with its type, as the real file
// system does (an overlay does not: its buffers are in no listing). A
// StatMemo answers probes over it from listings.
type CompleteListing interface {
	FS
	ListsEveryName()
}

// ListsEveryName promises that a directory's listing holds every name in it.
func (OS) ListsEveryName() {}

// listsEveryName reports whether m's Base lists every name.
func (m *StatMemo) listsEveryName() bool {
	_, ok := m.Base.(CompleteListing)
	return ok
}

// absent reports that nothing is at p, from the listing of its directory:
// no entry there is named like p, in any case (a file system may ignore
// case; Unicode folding is what strings.EqualFold does). Only for a file
// system whose listing holds every name, and clean absolute paths.
func (m *StatMemo) absent(p string) bool {
	if !m.listsEveryName() || !cleanpath.IsAbs(p) {
		return false
	}
	i := strings.LastIndexByte(p, filepath.Separator)
	return m.absentIn(p[:max(i, 1)], p[i+1:])
}

// absentIn is absent for the name name in dir, the directory of a clean
// absolute path.
func (m *StatMemo) absentIn(dir, name string) bool {
	if name == "" || name == "." || name == ".." {
		return false
	}
	d, ok := m.dir(dir)
	if !ok || d.err != nil {
		return false
	}
	if d.names != nil && isASCII(name) {
		return !d.names[strings.ToLower(name)]
	}
	for _, e := range d.ents {
		if strings.EqualFold(e.Name(), name) {
			return false
		}
	}
	return true
}

// AbsentIn reports that fsys is a StatMemo whose listing of dir, a clean
// absolute directory, shows nothing at name (a name without separators),
// as a Stat of the joined path would answer: a probe of several names
// joins only the ones that may be there.
func AbsentIn(fsys FS, dir, name string) bool {
	m, ok := fsys.(*StatMemo)
	return ok && m.listsEveryName() && cleanpath.IsAbs(dir) &&
		!strings.ContainsRune(name, '/') && !strings.ContainsRune(name, filepath.Separator) && m.absentIn(dir, name)
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Listed returns the type of p as the listing of its directory gave it,
// when that directory was listed and holds p by this very name (over a
// file system that lists every name, as absent). A regular file listed
// needs no Stat to be known to exist and to be no directory.
func (m *StatMemo) Listed(p string) (fs.FileMode, bool) {
	if !m.listsEveryName() || !cleanpath.IsAbs(p) {
		return 0, false
	}
	i := strings.LastIndexByte(p, filepath.Separator)
	d, ok := m.dir(p[:max(i, 1)])
	if !ok || d.err != nil {
		return 0, false
	}
	name := p[i+1:]
	if j, found := slices.BinarySearchFunc(d.ents, name, func(e fs.DirEntry, n string) int { return strings.Compare(e.Name(), n) }); found {
		return d.ents[j].Type(), true
	}
	return 0, false
}

// ListedType is Listed when fsys is a StatMemo.
func ListedType(fsys FS, p string) (fs.FileMode, bool) {
	if m, ok := fsys.(*StatMemo); ok {
		return m.Listed(p)
	}
	return 0, false
}

// ListedRegular reports whether fsys is a StatMemo whose listings show p as
// a regular file.
func ListedRegular(fsys FS, p string) bool {
	t, ok := ListedType(fsys, p)
	return ok && t.IsRegular()
}

// notFound is the error the system gives for a missing p.
func notFound(op, p string) error { return &fs.PathError{Op: op, Path: p, Err: syscall.ENOENT} }

// NewStatMemo returns a memo over base.
func NewStatMemo(base FS) *StatMemo { return &StatMemo{Base: base} }

func (m *StatMemo) ReadFile(p string) ([]byte, error) {
	if m.absent(p) {
		return nil, notFound("open", p)
	}
	return m.Base.ReadFile(p)
}

// ReadFileLimit reads Base with the limit. A file of the real file system
// the run has just lstat'ed (the check of a named file, the loader's) is
// read without asking its status again: a system call fewer.
func (m *StatMemo) ReadFileLimit(p string, max int64) ([]byte, error) {
	if m.absent(p) {
		return nil, notFound("open", p)
	}
	if _, ok := m.Base.(OS); ok {
		if a, ok := m.answer(statKey{p, false}); ok && a.err == nil && a.fi.Mode().IsRegular() {
			if st := realFileStatus(a.fi); st != nil {
				return readLstated(p, max, st)
			}
		}
	}
	return ReadLimit(m.Base, p, max)
}

// Stat asks Lstat first: for what is not a symbolic link (nearly every
// path) one system call answers both, and a later Lstat of the same path
// (the check that a shown file is not a link) costs nothing.
func (m *StatMemo) Stat(p string) (fs.FileInfo, error) {
	if m.absent(p) { // the listing answers at no cost: nothing to remember
		return nil, notFound("stat", p)
	}
	if s, ok := m.answer(statKey{p, true}); ok {
		return s.fi, s.err
	}
	fi, err := m.Lstat(p)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink == 0:
	case errors.Is(err, fs.ErrNotExist):
		// Nothing at p: stat finds nothing either, and says so as stat.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = &fs.PathError{Op: "stat", Path: pe.Path, Err: pe.Err}
		}
	default:
		return m.statVia(statKey{p, true}, m.Base.Stat)
	}
	m.remember(statKey{p, true}, statAnswer{fi, err})
	return fi, err
}

// Readlink returns the target of the symbolic link at p as written, where
// fsys can read links (OS, and a StatMemo over it); "" otherwise.
func Readlink(fsys FS, p string) string {
	if m, ok := fsys.(*StatMemo); ok {
		fsys = m.Base
	}
	if r, ok := fsys.(interface{ Readlink(string) (string, error) }); ok {
		if t, err := r.Readlink(p); err == nil {
			return t
		}
	}
	return ""
}

func (m *StatMemo) Lstat(p string) (fs.FileInfo, error) {
	if m.absent(p) {
		return nil, notFound("lstat", p)
	}
	return m.statVia(statKey{p, false}, m.Base.Lstat)
}

// ReadDir returns a copy of the remembered listing: callers may sort it.
func (m *StatMemo) ReadDir(p string) ([]fs.DirEntry, error) {
	if d, ok := m.dir(p); ok {
		return slices.Clone(d.ents), d.err
	}
	ents, err := m.Base.ReadDir(p)
	d := &dirAnswer{ents: ents, err: err, names: make(map[string]bool, len(ents))}
	for _, e := range ents {
		if !isASCII(e.Name()) {
			d.names = nil
			break
		}
		d.names[strings.ToLower(e.Name())] = true
	}
	m.mu.Lock()
	if m.dirs == nil {
		m.dirs = map[string]*dirAnswer{}
	}
	m.dirs[p] = d
	m.mu.Unlock()
	return slices.Clone(ents), err
}

func (m *StatMemo) statVia(k statKey, stat func(string) (fs.FileInfo, error)) (fs.FileInfo, error) {
	if s, ok := m.answer(k); ok {
		return s.fi, s.err
	}
	fi, err := stat(k.path)
	m.remember(k, statAnswer{fi, err})
	return fi, err
}

// answer returns the answer remembered for k.
func (m *StatMemo) answer(k statKey) (statAnswer, bool) {
	m.mu.RLock()
	s, ok := m.answers[k]
	m.mu.RUnlock()
	return s, ok
}

// remember stores the answer for k.
func (m *StatMemo) remember(k statKey, s statAnswer) {
	m.mu.Lock()
	if m.answers == nil {
		m.answers = map[statKey]statAnswer{}
	}
	m.answers[k] = s
	m.mu.Unlock()
}
