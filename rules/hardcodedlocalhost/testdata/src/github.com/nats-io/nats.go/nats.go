// Package nats is a stub of github.com/nats-io/nats.go.
package nats

type Conn struct{}
type Option func(*Options) error
type Options struct {
	Url     string
	Servers []string
}

const DefaultURL = "nats://127.0.0.1:4222"

func Connect(url string, options ...Option) (*Conn, error) { return nil, nil }
func (o Options) Connect() (*Conn, error)                  { return nil, nil }
