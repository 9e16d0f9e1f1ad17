// Package redis is a stub of redigo's client.
package redis

type Conn interface{ Close() error }

type DialOption struct{}

func Dial(network, address string, options ...DialOption) (Conn, error) { return nil, nil }

func DialURL(rawurl string, options ...DialOption) (Conn, error) { return nil, nil }
