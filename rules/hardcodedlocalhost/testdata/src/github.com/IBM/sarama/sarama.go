// Package sarama is a stub of github.com/IBM/sarama.
package sarama

type Config struct{}
type Client interface{}
type SyncProducer interface{}

func NewConfig() *Config                                                   { return nil }
func NewClient(addrs []string, conf *Config) (Client, error)               { return nil, nil }
func NewSyncProducer(addrs []string, config *Config) (SyncProducer, error) { return nil, nil }
