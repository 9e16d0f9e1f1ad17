package linter

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
)

// The speed targets: linting costs at most 2.5 times parsing the YAML into
// nodes with yaml/v4 (BenchmarkLintOverParse measures the ratio with the two
// alternating), and grows linearly with services and projects.

func exampleFile(b *testing.B) string {
	p, err := filepath.Abs("../testdata/examples/nextjs-api/compose.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkParseOnly(b *testing.B) {
	data, err := os.ReadFile(exampleFile(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLintExample(b *testing.B) {
	f := exampleFile(b)
	o := Options{Cwd: filepath.Dir(f), Files: []string{f}, Workers: 1}
	if _, err := Run(o); err != nil { // build the schema once, as a process does
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLintCorpus(b *testing.B) {
	corpus := testenv.Corpus(b)
	abs, _ := filepath.Abs(corpus)
	o := Options{Cwd: abs, Paths: []string{"./..."}}
	for b.Loop() {
		if _, err := Run(o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintCorpusSerial is BenchmarkLintCorpus on one core, to compare
// with BenchmarkParseCorpus, the parse of its YAML files, each once.
func BenchmarkLintCorpusSerial(b *testing.B) {
	corpus := testenv.Corpus(b)
	abs, _ := filepath.Abs(corpus)
	o := Options{Cwd: abs, Paths: []string{"./..."}, Workers: 1}
	for b.Loop() {
		if _, err := Run(o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCorpus(b *testing.B) {
	var texts [][]byte
	err := filepath.WalkDir(testenv.Corpus(b), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml")) {
			return err
		}
		data, err := os.ReadFile(p)
		texts = append(texts, data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, data := range texts {
			var n yaml.Node
			_ = yaml.Unmarshal(data, &n) // a broken file costs its parse too
		}
	}
}

// BenchmarkManyServices: 2,000 services in one minified JSON line; lint
// time must grow linearly with services (compare with -benchtime and
// half the services).
func BenchmarkManyServices(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString(`{"services":{`)
			for i := range n {
				if i > 0 {
					sb.WriteString(",")
				}
				fmt.Fprintf(&sb, `"s%d":{"image":"nginx","environment":{"A":"1","URL":"http://x%d:80","API":"http://localhost:%d"}}`, i, i, 3000+i)
			}
			sb.WriteString("}}")
			dir := b.TempDir()
			testfs.WriteFiles(b, dir, map[string]string{"compose.yaml": sb.String()})
			o := Options{Cwd: dir, Paths: []string{"."}}
			for b.Loop() {
				if _, err := Run(o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkThousandProjects: 1,000 small projects below one directory,
// linted as `reachlint ./...` does, on every core.
func BenchmarkThousandProjects(b *testing.B) {
	dir := b.TempDir()
	testfs.WriteFiles(b, dir, thousandProjects())
	o := Options{Cwd: dir, Paths: []string{"./..."}}
	for b.Loop() {
		if _, err := Run(o); err != nil {
			b.Fatal(err)
		}
	}
}

// thousandProjects are 1,000 small projects, each in its own directory.
func thousandProjects() map[string]string {
	files := map[string]string{}
	for i := range 1000 {
		files[fmt.Sprintf("p%04d/compose.yaml", i)] = fmt.Sprintf(`services:
  api:
    build: ./api
    ports: ["%d:3000"]
    environment:
      PORT: "3000"
      DATABASE_URL: postgres://app:secret@db:5432/app
  db:
    image: postgres:16
  web:
    build: ./web
    environment:
      API_URL: http://localhost:3000
`, 10000+i)
	}
	return files
}
