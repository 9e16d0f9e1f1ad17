//go:build !linux

package vfs

import (
	"bytes"
	"io"
	"io/fs"
)

// readRegular reads the regular file p, at most max bytes.
func readRegular(p string, max int64) ([]byte, error) {
	f, err := openNoBlock(p)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// The type is checked on the opened file, so a path swapped for a FIFO
	// after an earlier Stat is still refused (the open did not block).
	if err := CheckRegular(p, st); err != nil {
		return nil, err
	}
	if onPseudoFS(f, p) {
		return nil, errPseudo(p)
	}
	if st.Size() > max {
		return nil, &TooLargeError{Path: p, Limit: max, Size: st.Size()}
	}
	// Sized from Stat, so a file is read in one call (and one more for
	// its end); a file that grew since is still read to the limit.
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), max)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		return nil, &TooLargeError{Path: p, Limit: max}
	}
	return data, nil
}

// readLstated is readRegular: other systems ask the opened file its status.
func readLstated(p string, max int64, _ any) ([]byte, error) { return readRegular(p, max) }

// realFileStatus is nil: other systems always ask the opened file.
func realFileStatus(fs.FileInfo) any { return nil }
