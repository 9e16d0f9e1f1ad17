// Package queue is an unknown client: the analyzer knows it by the names
// of its parameters and fields only.
package queue

import "example.org/acme/queue/internal/conf"

type Options = conf.Options

type Client struct{}

func NewClient(addr string, retries int) *Client       { return nil }
func Connect(endpoints ...string) *Client              { return nil }
func (c *Client) Publish(topic string, payload string) {}
func StartServer(address string) error                 { return nil }
func Describe(name string, url string) string          { return "" }

// Context is a web framework's request context.
type Context struct{}

func (c *Context) Redirect(code int, url string) {}
