// Package nats is a client the default sink table does not know.
package nats

type Conn struct{}

func Connect(url string) (*Conn, error) { return nil, nil }

type Options struct{ URL string }
