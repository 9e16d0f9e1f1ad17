// Package grpc is a stub of google.golang.org/grpc with the signatures the
// analyzer recognises.
package grpc

import "context"

type ClientConn struct{}

type DialOption interface{}

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }

func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return nil, nil
}

func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }
