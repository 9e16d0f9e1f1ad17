// Package conf holds the options of the queue client.
package conf

type Options struct {
	BaseURL string
	Brokers []string
	Timeout int
	Name    string
}
