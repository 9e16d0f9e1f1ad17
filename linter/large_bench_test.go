package linter

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/internal/testfs"
)

// The two large inputs of scripts/bench-peers.sh, generated the same way:
// one file of 2,000 services (indented JSON) and one block-YAML file of
// about 1.9 MB. For each, Parse is the YAML parse of the bytes in memory
// and Lint a whole run on the file; the target is Lint ≤ 2.5 × Parse.
func largeInputs(b *testing.B) map[string]string {
	b.Helper()
	services := map[string]any{}
	for i := range 2000 {
		services[fmt.Sprintf("s%d", i)] = map[string]any{
			"image":       "nginx",
			"environment": map[string]string{"URL": fmt.Sprintf("http://x%d:80", i)},
		}
	}
	many, err := json.MarshalIndent(map[string]any{"services": services}, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	var big strings.Builder
	big.WriteString("services:\n")
	for i := 0; big.Len() < 1_900_000; i++ {
		fmt.Fprintf(&big, "  svc%d:\n    image: nginx:1.27\n    environment:\n      UPSTREAM: http://svc%d:80\n      LABEL: %s\n",
			i, i+1, strings.Repeat("x", 40))
	}
	return map[string]string{"services-2000": string(many), "file-1.9MB": big.String()}
}

func BenchmarkLargeFiles(b *testing.B) {
	for _, name := range []string{"services-2000", "file-1.9MB"} {
		text := largeInputs(b)[name]
		b.Run(name+"/Parse", func(b *testing.B) {
			data := []byte(text)
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(data, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/Lint", func(b *testing.B) {
			dir := b.TempDir()
			testfs.WriteFiles(b, dir, map[string]string{"compose.yaml": text})
			o := Options{Cwd: dir, Paths: []string{"."}, Workers: 1}
			for b.Loop() {
				if _, err := Run(o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
