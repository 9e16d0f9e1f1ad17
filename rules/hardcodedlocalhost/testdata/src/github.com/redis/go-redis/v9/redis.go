// Package redis is a stub of github.com/redis/go-redis/v9.
package redis

type Options struct {
	Network  string
	Addr     string
	Dialer   func(network, addr string) (any, error)
	Password string
	DB       int
}

type ClusterOptions struct{ Addrs []string }

type UniversalOptions struct{ Addrs []string }

type FailoverOptions struct {
	MasterName    string
	SentinelAddrs []string
}

type Client struct{}

func NewClient(opt *Options) *Client { return nil }

func ParseURL(redisURL string) (*Options, error) { return nil, nil }
