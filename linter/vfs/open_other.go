//go:build !unix

package vfs

import "os"

func openNoBlock(p string) (*os.File, error) { return os.Open(p) }
