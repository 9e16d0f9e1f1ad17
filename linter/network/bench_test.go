package network

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkBuild builds the model of the 1.9 MB file of the large-file
// benchmarks (linter.BenchmarkLargeFiles): thousands of services, each
// with an address and a plain value.
func BenchmarkBuild(b *testing.B) {
	var big strings.Builder
	big.WriteString("services:\n")
	for i := 0; big.Len() < 1_900_000; i++ {
		fmt.Fprintf(&big, "  svc%05d:\n    image: nginx:1.27\n    environment:\n      UPSTREAM: http://svc%05d:80\n      LABEL: %s\n",
			i, i+1, strings.Repeat("x", 40))
	}
	m := loadModel(b, big.String())
	p := m.Project()
	b.ReportAllocs()
	for b.Loop() {
		Build(p, Options{})
	}
}
