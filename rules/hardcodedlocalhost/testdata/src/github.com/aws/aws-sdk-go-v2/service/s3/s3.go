// Package s3 is a stub of github.com/aws/aws-sdk-go-v2/service/s3.
package s3

type Options struct {
	BaseEndpoint *string
	UsePathStyle bool
}
