//go:build linux

package vfs

import "syscall"

// Magic numbers of Linux file systems whose "regular files" are kernel
// state (the environment in /proc/self/environ, endless /sys entries).
var pseudoMagic = map[int64]bool{
	0x9fa0:     true, // proc
	0x62656572: true, // sysfs
	0x64626720: true, // debugfs
	0x74726163: true, // tracefs
	0x73636673: true, // securityfs
	0x27e0eb:   true, // cgroup
	0x63677270: true, // cgroup2
	0x62656570: true, // configfs
	0xcafe4a11: true, // bpf
	0x1cd1:     true, // devpts
}

// onPseudoFS reports an opened file that lives on a kernel pseudo file
// system, whatever path or links led to it: one fstatfs call.
func onPseudoFS(fd int, p string) bool {
	var st syscall.Statfs_t
	if err := syscall.Fstatfs(fd, &st); err != nil {
		return pseudo(p)
	}
	return pseudoMagic[int64(st.Type)] //nolint:unconvert // int32 on some platforms
}
