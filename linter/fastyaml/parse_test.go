package fastyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/internal/testenv"
)

// reference is yaml/v4's parse of data when it is one document without
// error, as compose.parseYAML reads it.
func reference(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var n yaml.Node
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document (%w)", err)
	}
	return &n, nil
}

// diff describes the first difference between two trees, or "".
func diff(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: got kind %d style %d tag %q value %q anchor %q at %d:%d with %d children; yaml/v4: kind %d style %d tag %q value %q anchor %q at %d:%d with %d children",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.Line, a.Column, len(a.Content),
			b.Kind, b.Style, b.Tag, b.Value, b.Anchor, b.Line, b.Column, len(b.Content))
	}
	if (a.Alias == nil) != (b.Alias == nil) || a.Alias != nil && (a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column) {
		return path + ": the alias refers to another node"
	}
	for i := range a.Content {
		if d := diff(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// reused is the buffer every test parses in too, one input after another,
// as the loader does: a tree built in memory a Reset handed back must be
// the tree Parse builds in new memory.
var reused struct {
	sync.Mutex
	b Buffer
}

// agree fails t when Parse accepts data and yaml/v4 reads it otherwise, or
// when ParseIn in a reused buffer reads it otherwise; it reports whether
// Parse accepted.
func agree(t *testing.T, name string, data []byte) bool {
	t.Helper()
	got, ok := Parse(data)
	reused.Lock()
	again, okAgain := ParseIn(data, &reused.b)
	switch {
	case okAgain != ok:
		t.Errorf("%s: Parse accepts it %v, ParseIn in a reused buffer %v", name, ok, okAgain)
	case ok:
		if d := diff(again, got, ""); d != "" {
			t.Errorf("%s: in a reused buffer, %s", name, d)
		}
	}
	reused.b.Reset()
	reused.Unlock()
	if !ok {
		return false
	}
	want, err := reference(data)
	if err != nil {
		t.Errorf("%s: accepted what yaml/v4 refuses (%v):\n%s", name, err, data)
		return true
	}
	if len(want.Content) != 1 {
		t.Errorf("%s: accepted a document yaml/v4 reads as empty:\n%s", name, data)
		return true
	}
	if d := diff(got.Content[0], want.Content[0], ""); d != "" {
		t.Errorf("%s: %s\n%s", name, d, data)
	}
	return true
}

var cases = []struct {
	text   string
	accept bool
}{
	{"a:\nb: 1\n", true},
	{"a: &x\n  b: 1\nc: *x\n", true},
	{"a: &x 3\nb: *x\n", true},
	{"- a: 1\n  b:\n- &y\n  c: 2\n-\n", true},
	{"a: |\n  x\n\n  y\n\nb: ~\n", true},
	{"a: |-\n  x\n\n\nb: 1\n", true},
	{"a: |+\n  x\n\n\nb: 1\n", true},
	{"a: |+\n  x\n\n", true},
	{"a: |\n  x", true},
	{"a: |\n\n  x\n  # not a comment\n# a comment\n", true},
	{"a:\n- 1\n- 2\nb: 2", true},
	{"a:   \n  # c\nb: 1", true},
	{"---\nservices:\n  api:\n    image: \"nginx:1.27\" # pinned\n", true},
	{"x: [1, \"two\", 'three', *a]\n", false}, // unknown anchor
	{"x: &a 1\ny: [1, \"two\", 'it''s', *a, -1, .5, 0x1F, 2001-12-14, yes, Null, ~]\n", true},
	{"k: \"\\x41\\u00e9\\t\\\\ \\\"q\\\" \\/\"\n", true},
	{"<<: *x\n", false},
	{"base: &b\n  a: 1\nsvc:\n  <<: *b\n  c: 2\nlist:\n  <<: [*b]\n", true},
	{"é: ü\n\"ключ\": 'значение' # комментарий\n", true},
	{"a: b: c\n", false},
	{"a: b\n  c\n", true}, // a plain scalar over two lines
	{"a: b\n  c\n\n   d\n\n\n  e   \nf: 1\n- x\n  - y\n", false},
	{"a: b\n  c\n\n   d\n\n\n  e   \nf: 1\ng:\n- x\n  - y\n  z: 1\n", false},
	{"a: b\n  c\n\n   d\n\n\n  e   \nf: 1\ng:\n- x\n  - y\n  #z\n", true},
	{"a: b # c\n  d\n", false},
	{"a: b\n  # c\n  d\n", false},
	{"a: 'b\n  c'\n", false}, // a quoted one
	{"a: >\n  folded\n", true},
	{"a: >\n  x\n  y\n\n  z\n   w\n  v\n", true},
	{"a: >-\n\n  x\n   y\n\n\n  z\nb: >+\n  q\n\n", true},
	{"- >\n a\n b\n- |2\n  x\n", false}, // an indentation indicator
	{"a: {}\nb: { }\nc:\n  {}\nd: {x: 1}\n", true},
	{"a: {}\nb: { }\nc:\n  {}\n", true},
	{"a:\n  [\n    \"x\",\n    1\n  ]\nb: [1,\n    2]\n", true},
	{"a: [1,\n2]\n", true},
	{"k:\n  x: {a: on,\n e: 1}\n", false}, // yaml/v4 refuses a flow mapping's line left of its entry
	{"k:\n  x: {a: on,\n  e: 1}\n", true},
	{"- &z\n  a:\n  - &z 1\n- *z\n", true}, // the inner anchor is the later one
	{"a: [x\n  y]\n", false},
	{"a: [x, # c\n  y]\n", true},
	{"a: [x #c\n  ]\n", true},
	{"a: !!str 1\n", false},
	{"a: {b: 1}\n", true},
	{"{\"services\":{\"s0\":{\"image\":\"nginx\",\"environment\":{\"A\":\"1\",\"URL\":\"http://x0:80\"}}}}", true},
	{"{\n  \"services\": {\n    \"s0\": {\n      \"ports\": [\n        \"80:80\", 3000\n      ]\n    }\n  }\n}\n", true},
	{"x: &x 1\na: {b: [1, {c: d}], \"e\": *x, f: g h, 'i': -1,}\n", true},
	{"a: {b:1}\n", false},
	{"a: [b: c]\n", false},
	{"a: {b: 1 # c\n  }\n", true},
	{"a: {b\n  : 1}\n", false},
	{"a: {b: }\n", false},
	{"a: {[b]: 1}\n", false},
	{"a:\n\tb: 1\n", false},
	{"a: 1\r\nb: 2\r\n", false},
	{"a: 1\n---\nb: 2\n", false},
	{"- - a\n", false},
	{"? a\n: b\n", false},
	{"a: &x\n  b: *x\n", false}, // recursive
	{"plain scalar\n", false},
	{"# only a comment\n", false},
	{"", false},
	{"a: [1, 2,]\n", true},
	{"a: [\n    1, # one\n  # two\n    2,\n]\nb: [ ]\n", true},
	{"a: [\n    1,\n# two\n    2]\n", false},
	{"a: [1,\n---\n]\n", false},
	{"a: [1,\n  2]\n", true},
	{"key with spaces  : value\n\"quoted\": 'v'\n8080: x\ntrue: y\n", true},
	{"a:\n  - x\n  -\n  - 'y'\n  - \"z\"\n  - [a, b]\n  - |\n    lit\n  - n: 1\n    m: 2\nb: 1\n", true},
	{"a: 1 # c\n   # indented comment\nb: 2\n", true},
	{"a: -1\nb: +2\nc: 1_000\nd: 0o17\ne: 08\nf: 1e3\ng: .inf\nh: -.INF\ni: 1.\nj: 9223372036854775808\nk: 2001-12-14t21:59:43.10-05:00\nl: 2001-12-14 21:59:43.10\n", true},
	{"a: x#y\nb: 'x'#y\n", false},
}

func TestCases(t *testing.T) {
	for _, c := range cases {
		if got := agree(t, fmt.Sprintf("%q", c.text), []byte(c.text)); got != c.accept {
			t.Errorf("%q: accepted %v, want %v", c.text, got, c.accept)
		}
	}
}

// TestFiles: every Compose file of the repository's test data and of
// ../shared/corpus parses as yaml/v4 parses it, and most are accepted.
func TestFiles(t *testing.T) {
	roots := []string{"../../testdata"}
	if c := testenv.CorpusDir(); c != "" {
		roots = append(roots, c)
	}
	files, accepted := 0, 0
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yml") && !strings.HasSuffix(path, ".yaml") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			files++
			if agree(t, path, data) {
				accepted++
			}
			return nil
		})
	}
	t.Logf("accepted %d of %d files", accepted, files)
	if files > 100 && accepted*10 < files*7 {
		t.Errorf("accepted %d of %d files: the fast path should take most Compose files", accepted, files)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1024 { // small inputs minimize quickly
			return
		}
		agree(t, "input", data)
	})
}

// BenchmarkParse compares Parse with yaml/v4 on the Compose files of the
// test data and ../shared/corpus that Parse accepts.
func BenchmarkParse(b *testing.B) {
	var texts [][]byte
	roots := []string{"../../testdata"}
	if c := testenv.CorpusDir(); c != "" {
		roots = append(roots, c)
	}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
				if data, err := os.ReadFile(path); err == nil {
					if _, ok := Parse(data); ok {
						texts = append(texts, data)
					}
				}
			}
			return nil
		})
	}
	b.Run("fastyaml", func(b *testing.B) {
		for b.Loop() {
			for _, t := range texts {
				Parse(t)
			}
		}
	})
	b.Run("yaml.v4", func(b *testing.B) {
		for b.Loop() {
			for _, t := range texts {
				var n yaml.Node
				_ = yaml.Unmarshal(t, &n)
			}
		}
	})
}

// TestDirectory compares Parse with yaml/v4 on every YAML file below
// $FASTYAML_DIR (skipped without it): a check on other material, such as
// the YAML test suite or a repository of many YAML files.
func TestDirectory(t *testing.T) {
	root := os.Getenv("FASTYAML_DIR")
	if root == "" {
		t.Skip("FASTYAML_DIR names no directory")
	}
	files, accepted := 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yml") && !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if agree(t, path, data) {
			accepted++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("accepted %d of %d files", accepted, files)
}

// intChars is false only where neither integer parse could succeed.
func TestIntChars(t *testing.T) {
	const abc = "0189aAfFgxXoObB+-_.:e"
	var in []string
	for i := range 21 * 21 * 21 {
		in = append(in, string([]byte{abc[i%21], abc[i/21%21], abc[i/441%21]}))
	}
	in = append(in, "0x1F", "0o17", "0b101", "+5", "-5", "8080:80", "1.2.3", "2024-01-01", "1e5", "0xG")
	for _, s := range in {
		if intChars(s) {
			continue
		}
		if _, err := strconv.ParseInt(s, 0, 64); err == nil {
			t.Errorf("intChars(%q) is false, ParseInt reads it", s)
		}
		if _, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 0, 64); err == nil {
			t.Errorf("intChars(%q) is false, ParseUint reads it", s)
		}
	}
}
