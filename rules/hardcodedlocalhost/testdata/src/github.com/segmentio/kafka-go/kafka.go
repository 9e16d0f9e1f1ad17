// Package kafka is a stub of github.com/segmentio/kafka-go.
package kafka

import (
	"context"
	"net"
)

type ReaderConfig struct {
	Brokers []string
	Topic   string
}
type WriterConfig struct{ Brokers []string }
type Writer struct {
	Addr  net.Addr
	Topic string
}
type Conn struct{}
type Dialer struct{}

func NewReader(config ReaderConfig) *struct{}            { return nil }
func TCP(address ...string) net.Addr                     { return nil }
func Dial(network string, address string) (*Conn, error) { return nil, nil }
func DialLeader(ctx context.Context, network string, address string, topic string, partition int) (*Conn, error) {
	return nil, nil
}
func (d *Dialer) DialContext(ctx context.Context, network string, address string) (*Conn, error) {
	return nil, nil
}
