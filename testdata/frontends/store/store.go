// Package store dials a database.
package store

import "net"

const defaultAddr = "localhost:5432"

// Open connects.
func Open() { net.Dial("tcp", defaultAddr) }
