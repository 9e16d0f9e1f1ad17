package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

// setup writes files (path -> content) below a fresh directory.
func setup(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load loads a project with dir as the working directory; files are
// relative to dir.
func loadFiles(t testing.TB, dir string, o Options) *Project {
	t.Helper()
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	for i, f := range o.Files {
		o.Files[i] = filepath.Join(dir, f)
	}
	return l.Load(o)
}

// loadFound loads the project docker compose would pick in dir.
func loadFound(t testing.TB, dir string, o Options) *Project {
	t.Helper()
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	spec, ok := (&Finder{L: l}).FindUp(dir)
	if !ok {
		t.Fatalf("no project found in %s", dir)
	}
	o.Files, o.ProjectDir = spec.Files, spec.ProjectDir
	return l.Load(o)
}

// where returns "file:line:col" of the n-th (0-based) occurrence of needle
// in dir/file, columns in runes: computed from the fixture text, so the
// tests state positions by what is written there.
func where(t testing.TB, dir, file, needle string, n ...int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	skip := 0
	if len(n) > 0 {
		skip = n[0]
	}
	off := -1
	for from := 0; skip >= 0; skip-- {
		i := strings.Index(s[from:], needle)
		if i < 0 {
			t.Fatalf("%q not in %s", needle, file)
		}
		off = from + i
		from = off + 1
	}
	line := strings.Count(s[:off], "\n") + 1
	ls := strings.LastIndexByte(s[:off], '\n') + 1
	return fmt.Sprintf("%s:%d:%d", file, line, utf8.RuneCountInString(s[ls:off])+1)
}

func at(r diag.Range) string { return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Col) }

func span(r diag.Range) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", r.File, r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
}

func svc(t testing.TB, p *Project, name string) *Service {
	t.Helper()
	s := p.Service(name)
	if s == nil {
		var names []string
		for _, s := range p.Services {
			names = append(names, s.Name)
		}
		t.Fatalf("no service %q (have %v; diags %v)", name, names, p.Diags)
	}
	return s
}

func envOf(t testing.TB, s *Service, key string) EnvVar {
	t.Helper()
	for _, e := range s.Env {
		if e.Key == key {
			return e
		}
	}
	t.Fatalf("service %q has no %s in its environment", s.Name, key)
	return EnvVar{}
}

func noDiags(t testing.TB, p *Project) {
	t.Helper()
	for _, d := range p.Diags {
		t.Errorf("unexpected diagnostic: %s: %s [%s]", at(d.Range), d.Message, d.Rule)
	}
}

func eq[T comparable](t testing.TB, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
