package linter

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
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

// BenchmarkLintOverParse reports lint time over the YAML parse of the same
// files (yaml/v4 into nodes) as three metrics: mem-lint/parse for a lint of
// the files held in memory (testfs.Snapshot: no system call) over their
// parse from memory, lint/read+parse for a lint reading them from disk over
// reading them from disk (os.ReadFile) and parsing them: each on its own
// footing; and lint/parse, the disk lint over the parse from memory. The
// four alternate in every iteration, in turning order, so the ratios hold
// on a machine whose speed drifts; each is timed warm (after one run of its
// own, then a collection, so none pays for another's garbage or meets the
// caches another left), and runs often enough to take about a millisecond.
// Target: at most 2.5.
func BenchmarkLintOverParse(b *testing.B) {
	type input struct {
		name  string
		texts [][]byte
		o     Options
		root  string   // the tree the in-memory lint holds
		paths []string // the files of texts, on disk
	}
	var inputs []input
	example := exampleFile(b)
	data, err := os.ReadFile(example)
	if err != nil {
		b.Fatal(err)
	}
	inputs = append(inputs, input{"example", [][]byte{data}, Options{Cwd: filepath.Dir(example), Files: []string{example}, Workers: 1}, filepath.Dir(example), []string{example}})
	if corpus := testenv.CorpusDir(); corpus != "" {
		var texts [][]byte
		var paths []string
		_ = filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				if data, err := os.ReadFile(p); err == nil {
					texts, paths = append(texts, data), append(paths, p)
				}
			}
			return nil
		})
		abs, _ := filepath.Abs(corpus)
		inputs = append(inputs, input{"corpus", texts, Options{Cwd: abs, Paths: []string{"./..."}, Workers: 1}, abs, paths})
	}
	for name, text := range largeInputs(b) {
		dir := b.TempDir()
		testfs.WriteFiles(b, dir, map[string]string{"compose.yaml": text})
		inputs = append(inputs, input{name, [][]byte{[]byte(text)}, Options{Cwd: dir, Paths: []string{"."}, Workers: 1}, dir, []string{filepath.Join(dir, "compose.yaml")}})
	}
	projects := thousandProjects()
	dir := b.TempDir()
	testfs.WriteFiles(b, dir, projects)
	var texts [][]byte
	var paths []string
	for name, text := range projects {
		texts, paths = append(texts, []byte(text)), append(paths, filepath.Join(dir, name))
	}
	inputs = append(inputs, input{"projects-1000", texts, Options{Cwd: dir, Paths: []string{"./..."}, Workers: 1}, dir, paths})
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			mem := in.o
			mem.FS = testfs.Snapshot(b, in.root)
			// As a process does before: build the schema. The two lints
			// must find the same.
			disk, err := Run(in.o)
			if err != nil {
				b.Fatal(err)
			}
			inMem, err := Run(mem)
			if err != nil {
				b.Fatal(err)
			}
			if d, m := diagLines(disk.Diags), diagLines(inMem.Diags); !slices.Equal(d, m) {
				b.Fatalf("the lint in memory finds\n%s\nfrom disk\n%s", strings.Join(m, "\n"), strings.Join(d, "\n"))
			}
			parseAll := func() {
				for _, t := range in.texts {
					var n yaml.Node
					_ = yaml.Unmarshal(t, &n)
				}
			}
			readParseAll := func() {
				for _, p := range in.paths {
					t, err := os.ReadFile(p)
					if err != nil {
						b.Fatal(err)
					}
					var n yaml.Node
					_ = yaml.Unmarshal(t, &n)
				}
			}
			t0 := time.Now()
			parseAll()
			reps := max(1, int(time.Millisecond/max(time.Since(t0), 1)))
			timed := func(f func()) time.Duration {
				f() // warm: what ran before left its own code and data in the caches
				runtime.GC()
				t := time.Now()
				for range reps {
					f()
				}
				return time.Since(t)
			}
			lint := func(o Options) func() {
				return func() {
					if _, err := Run(o); err != nil {
						b.Fatal(err)
					}
				}
			}
			var parse, readParse, fromDisk, fromMem time.Duration
			halves := []func(){
				func() { parse += timed(parseAll) },
				func() { fromDisk += timed(lint(in.o)) },
				func() { fromMem += timed(lint(mem)) },
				func() { readParse += timed(readParseAll) },
			}
			// The order turns with every iteration: what runs first after
			// another's garbage meets a heap in another state.
			for i := 0; b.Loop(); i++ {
				for j := range halves {
					halves[(i+j)%len(halves)]()
				}
			}
			b.ReportMetric(float64(fromDisk)/float64(parse), "lint/parse")
			b.ReportMetric(float64(fromMem)/float64(parse), "mem-lint/parse")
			b.ReportMetric(float64(fromDisk)/float64(readParse), "lint/read+parse")
		})
	}
}

var _ vfs.CompleteListing = (*testfs.Mem)(nil) // read as the real file system is

// diagLines are the findings as rule, place and message.
func diagLines(ds []diag.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = fmt.Sprintf("%s %s %s", d.Rule, d.Range, d.Message)
	}
	return out
}
