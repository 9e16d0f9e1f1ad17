package compose

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/linter/vfs"
)

// benchFiles are a typical small project and a large real-world file.
func benchFiles(b *testing.B) map[string]string {
	out := map[string]string{"nextjs": filepath.Join("..", "..", "testdata", "examples", "nextjs-api", "compose.yaml")}
	if c := corpusDir(); c != "" {
		out["sentry"] = filepath.Join(c, "getsentry__self-hosted", "docker-compose.yml")
		out["otel-demo"] = filepath.Join(c, "open-telemetry__opentelemetry-demo", "compose.yaml")
	}
	return out
}

// BenchmarkLoad is the whole load (parse, interpolate, merge, model,
// consistency checks) from memory; compare with BenchmarkParseYAML.
func BenchmarkLoad(b *testing.B) {
	for name, path := range benchFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Skip(err)
		}
		b.Run(name, func(b *testing.B) {
			fsys := vfs.NewOverlay(vfs.OS{})
			const dir = "/nonexistent-bench"
			fsys.Set(dir+"/compose.yaml", data)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				l := NewLoader(fsys, dir, 0, Limits{})
				p := l.Load(Options{Files: []string{dir + "/compose.yaml"}, Environ: map[string]string{}})
				if len(p.Services) == 0 {
					b.Fatal("no services")
				}
			}
		})
	}
}

// BenchmarkParseYAML is the yaml.Node parse alone, the floor of a load.
func BenchmarkParseYAML(b *testing.B) {
	for name, path := range benchFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Skip(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(data, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
