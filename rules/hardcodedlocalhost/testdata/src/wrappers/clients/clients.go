package clients // want package:`wrapperSinks\(wrappers/clients\.NewCache#0 net\.Dial\)`

import "net"

// clients builds the program's connections for its other packages.

// DefaultAddr is only the caller's to use.
const DefaultAddr = "cache:6379"

func NewCache(addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}
