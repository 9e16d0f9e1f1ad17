// Package opensearch is a stub of github.com/opensearch-project/opensearch-go/v2.
package opensearch

type Config struct{ Addresses []string }
type Client struct{}

func NewClient(cfg Config) (*Client, error) { return nil, nil }
