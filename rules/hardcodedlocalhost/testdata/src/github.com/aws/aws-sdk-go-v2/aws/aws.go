// Package aws is a stub of github.com/aws/aws-sdk-go-v2/aws.
package aws

type Config struct {
	Region       string
	BaseEndpoint *string
}

func String(v string) *string { return &v }
