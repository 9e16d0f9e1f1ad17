package vfs

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"time"
)

// readRegular reads the regular file p, at most max bytes, with system
// calls of its own: an os.File would also register the file with the
// network poller (a call that fails for every regular file) and set a
// finalizer, for each of the hundreds of files a run reads.
func readRegular(p string, max int64) ([]byte, error) {
	fd, err := openRead(p, 0)
	if err != nil {
		return nil, err
	}
	defer func() { _ = syscall.Close(fd) }()
	var st syscall.Stat_t
	if err := retry(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	// The type is checked on the opened file, so a path swapped for a FIFO
	// after an earlier Stat is still refused (the open did not block).
	if err := CheckRegular(p, statInfo{name: filepath.Base(p), st: &st}); err != nil {
		return nil, err
	}
	return readOpened(fd, p, max, &st)
}

// readLstated reads p, which an lstat just found to be a regular file
// (st) on a real file system, without asking its status again: opened
// without following a link, p is that file or one put in its place since
// by a rename (a link or a file from another file system cannot be: the
// open refuses a link, a rename does not cross file systems); a FIFO put
// there is read without blocking (it reads as empty), and device nodes are
// only made by root.
func readLstated(p string, max int64, st *syscall.Stat_t) ([]byte, error) {
	fd, err := openRead(p, syscall.O_NOFOLLOW)
	if err != nil {
		return nil, err
	}
	defer func() { _ = syscall.Close(fd) }()
	return readOpened(fd, p, max, st)
}

// openRead opens p for reading, with flag, without blocking on a FIFO with
// no writer and without making a terminal the controlling one.
func openRead(p string, flag int) (int, error) {
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Open(p, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_CLOEXEC|flag, 0)
		return err
	})
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return fd, nil
}

// readOpened reads fd, the regular file p whose status is st, at most max
// bytes.
func readOpened(fd int, p string, max int64, st *syscall.Stat_t) ([]byte, error) {
	// Kernel files (proc, sysfs and the like) occupy no blocks: a file that
	// does is on a real file system, and one system call is saved.
	if st.Blocks == 0 && onPseudoFS(fd, p) {
		return nil, errPseudo(p)
	}
	if st.Size > max {
		return nil, &TooLargeError{Path: p, Limit: max, Size: st.Size}
	}
	// Sized from the status, so a file is read in one call (and one more
	// for its end); a file that grew since is still read to the limit.
	buf := make([]byte, 0, min(st.Size, max)+512)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		var n int
		err := retry(func() (err error) {
			n, err = syscall.Read(fd, buf[len(buf):cap(buf)])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if n <= 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, &TooLargeError{Path: p, Limit: max}
		}
		if st.Blocks > 0 && int64(len(buf)) == st.Size && len(buf) < cap(buf) {
			// All the status announced, from a file of a real file system
			// read short of the buffer: its end (files do not change
			// during a run).
			return buf, nil
		}
	}
}

// retry calls f again while a signal interrupts it.
func retry(f func() error) error {
	for {
		if err := f(); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// statInfo is the fs.FileInfo of a status read with fstat.
type statInfo struct {
	name string
	st   *syscall.Stat_t
}

func (s statInfo) Name() string       { return s.name }
func (s statInfo) Size() int64        { return s.st.Size }
func (s statInfo) ModTime() time.Time { return time.Unix(s.st.Mtim.Unix()) }
func (s statInfo) IsDir() bool        { return s.Mode().IsDir() }
func (s statInfo) Sys() any           { return s.st }

// Mode maps the file type bits as os.Stat does, with the permission bits.
func (s statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.st.Mode & 0o777)
	switch s.st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	}
	return m
}

// realFileStatus is fi's status when fi (from an lstat) is a file on a real
// file system (it occupies blocks: kernel files do not), or nil.
func realFileStatus(fi fs.FileInfo) *syscall.Stat_t {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Blocks > 0 {
		return st
	}
	return nil
}
