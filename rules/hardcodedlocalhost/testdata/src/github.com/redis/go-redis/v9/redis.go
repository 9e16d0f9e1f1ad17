// Package redis is a stub of github.com/redis/go-redis/v9.
package redis

type Options struct {
	Addr     string
	Password string
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
