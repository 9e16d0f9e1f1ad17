// Package store dials a database.
package store

import "net"

const defaultAddr = "localhost:5432"

// CacheAddr is used by the command: reported here, where it is written.
const CacheAddr = "127.0.0.1:6379"

// Open connects.
func Open() { net.Dial("tcp", defaultAddr) }
