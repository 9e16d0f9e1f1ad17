// Package tracer is a stub of gopkg.in/DataDog/dd-trace-go.v1/ddtrace/tracer.
package tracer

type StartOption func()

func WithAgentAddr(addr string) StartOption { return nil }
func Start(opts ...StartOption)             {}
