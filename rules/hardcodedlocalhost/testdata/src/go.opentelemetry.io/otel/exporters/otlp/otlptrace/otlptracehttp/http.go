// Package otlptracehttp is a stub.
package otlptracehttp

type Option interface{}

func WithEndpoint(endpoint string) Option { return nil }
func WithEndpointURL(u string) Option     { return nil }
