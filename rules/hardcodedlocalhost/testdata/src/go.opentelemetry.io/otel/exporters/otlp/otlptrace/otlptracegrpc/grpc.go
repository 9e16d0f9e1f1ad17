// Package otlptracegrpc is a stub.
package otlptracegrpc

type Option interface{}

func WithEndpoint(endpoint string) Option { return nil }
func WithInsecure() Option                { return nil }
