//go:build unix && !linux

package vfs

import (
	"os"
	"syscall"
)

// openNoBlock opens p for reading without blocking on a FIFO with no writer
// and without making a terminal the controlling one.
func openNoBlock(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
