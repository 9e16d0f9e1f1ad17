package linter

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Tests of the engine as a whole; the command line's are in internal/cli.

// TestNoExecNoNetwork: the engine and the rules run no program and open no
// connection. Only three packages may run programs, each for a feature
// that needs one: newfrom runs git for --new-from-rev, golang loads Go
// packages through the go command, graph/graphviz runs dot for
// `reachlint graph --format svg`.
func TestNoExecNoNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("uses go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "../linter/...", "../rules/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/reachlint/reachlint/linter/newfrom":        true,
		"github.com/reachlint/reachlint/linter/golang":         true,
		"github.com/reachlint/reachlint/linter/graph/graphviz": true,
	}
	// net itself is allowed for address parsing; its dialing and listening
	// functions are checked in the source below.
	forbidden := map[string]bool{"os/exec": true, "net/http": true, "net/rpc": true, "net/smtp": true, "crypto/tls": true}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	// Walk from every reachlint package, not descending into allowed ones.
	for pkg := range imports {
		if !strings.HasPrefix(pkg, "github.com/reachlint/reachlint/") || allowed[pkg] || strings.Contains(pkg, "/testdata/") {
			continue
		}
		seen := map[string]bool{}
		var path []string
		var visit func(p string) bool
		visit = func(p string) bool {
			if seen[p] || allowed[p] {
				return false
			}
			seen[p] = true
			path = append(path, p)
			if forbidden[p] {
				return true
			}
			for _, q := range imports[p] {
				if visit(q) {
					return true
				}
			}
			path = path[:len(path)-1]
			return false
		}
		if visit(pkg) {
			t.Errorf("%s reaches %s: %s", pkg, path[len(path)-1], strings.Join(path, " -> "))
		}
	}
	dialing := regexp.MustCompile(`\bnet\.(Dial|Listen|Resolve|Lookup|FileConn|FileListener)\w*\(`)
	files, _ := filepath.Glob("../*/*.go")
	more, _ := filepath.Glob("../*/*/*.go")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "testdata") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if loc := dialing.FindIndex(data); loc != nil {
			t.Errorf("%s calls %s", f, data[loc[0]:loc[1]])
		}
	}
}

// FuzzEngine feeds arbitrary bytes as a compose file and a .env through the
// whole engine: no panic, every position inside its file.
func FuzzEngine(f *testing.F) {
	// Seeds: the examples, every rule fixture, and the real-world corpus
	// when it is beside the checkout.
	seeds, _ := filepath.Glob("../testdata/examples/*/compose.yaml")
	fixtures, _ := filepath.Glob("../testdata/rules/*/*/compose.yaml")
	seeds = append(seeds, fixtures...)
	corpus := testenv.CorpusDir()
	_ = filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), "compose") && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			seeds = append(seeds, p)
		}
		return nil
	})
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			env, _ := os.ReadFile(filepath.Join(filepath.Dir(s), ".env"))
			f.Add(data, env)
		}
	}
	f.Add([]byte("services:\n  a: &x\n    image: ${A:-b}\n  b: *x\n"), []byte("A=\"x\n"))
	f.Add([]byte("a: &a [*a]\n"), []byte(""))
	// The seeds must reach the rules, or the target tests nothing.
	fsys := vfs.NewOverlay(emptyFS{})
	fsys.Set("/p/compose.yaml", []byte("services:\n  api:\n    image: node\n    ports: [\"3000:3000\"]\n  web:\n    image: node\n    environment: [API_URL=http://localhost:3000]\n"))
	if res, err := Run(Options{FS: fsys, Cwd: "/p", Files: []string{"/p/compose.yaml"}}); err != nil || len(res.Diags) == 0 {
		f.Fatalf("the engine reports nothing on in-memory files: %v", err)
	}
	f.Fuzz(func(t *testing.T, compose, env []byte) {
		fsys := vfs.NewOverlay(emptyFS{})
		fsys.Set("/p/compose.yaml", compose)
		fsys.Set("/p/.env", env)
		res, err := Run(Options{FS: fsys, Cwd: "/p", Files: []string{"/p/compose.yaml"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diags {
			data := res.Source(d.Range.File)
			if d.Range.File == "" || data == nil {
				continue
			}
			if d.Range.Start.Offset > len(data) || d.Range.End.Offset > len(data) || d.Range.Start.Line < 0 {
				t.Fatalf("%s: range %+v outside the file (%d bytes)", d.Rule, d.Range, len(data))
			}
		}
	})
}

type emptyFS struct{}

func (emptyFS) ReadFile(p string) ([]byte, error)       { return nil, os.ErrNotExist }
func (emptyFS) Stat(p string) (os.FileInfo, error)      { return nil, os.ErrNotExist }
func (emptyFS) Lstat(p string) (os.FileInfo, error)     { return nil, os.ErrNotExist }
func (emptyFS) ReadDir(p string) ([]os.DirEntry, error) { return nil, os.ErrNotExist }
