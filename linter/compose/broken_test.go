package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// loadBroken loads files with compose.yaml as the base and returns the
// diagnostics as "rule pos-span: message" lines; it fails on a panic.
func loadBroken(t *testing.T, files map[string]string) (*Project, []string) {
	t.Helper()
	dir := setup(t, files)
	var p *Project
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v", r)
			}
		}()
		p = loadFiles(t, dir, Options{Files: []string{"compose.yaml"}})
	}()
	var out []string
	for _, d := range p.Diags {
		line := fmt.Sprintf("%s %s: %s", d.Rule, span(d.Range), d.Message)
		for _, r := range d.Related {
			line += fmt.Sprintf(" | %s: %s", at(r.Range), r.Message)
		}
		out = append(out, line)
	}
	return p, out
}

func wantDiag(t *testing.T, diags []string, parts ...string) {
	t.Helper()
	for _, d := range diags {
		ok := true
		for _, p := range parts {
			if !strings.Contains(d, p) {
				ok = false
			}
		}
		if ok {
			return
		}
	}
	t.Errorf("no diagnostic with %q in:\n%s", parts, strings.Join(diags, "\n"))
}

func TestBrokenInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // substrings of one diagnostic
	}{
		{"invalid yaml", map[string]string{"compose.yaml": "services:\n  web:\n    image: [nginx\n"}, []string{"yaml-syntax", "compose.yaml:3:12", "never closed"}},
		// The YAML library's parser errors are one line early; yamllint
		// and we point at the line that is indented wrong.
		{"under-indented key", map[string]string{"compose.yaml": "services:\n  web:\n    image: nginx\n   ports: [\"80:80\"]\n"}, []string{"yaml-syntax", "compose.yaml:4:4", "did not find expected key"}},
		{"key in a list", map[string]string{"compose.yaml": "x:\n  - a\n  b: 2\nservices: {}\n"}, []string{"yaml-syntax", "compose.yaml:3:3", "expected '-'"}},
		{"over-indented key", map[string]string{"compose.yaml": "services:\n  web:\n    image: nginx\n      ports: [1]\n"}, []string{"yaml-syntax", "compose.yaml:4:12"}},
		{"tab indentation", map[string]string{"compose.yaml": "services:\n\tweb:\n\t\timage: nginx\n"}, []string{"yaml-syntax", "compose.yaml:2:1", "tab"}},
		{"duplicate key", map[string]string{"compose.yaml": "services:\n  web:\n    image: a\n    image: b\n"}, []string{"yaml-syntax", "compose.yaml:4:5-4:10", `"image" is defined twice`, "| compose.yaml:3:5: first defined here"}},
		{"duplicate service", map[string]string{"compose.yaml": "services:\n  web: {image: a}\n  web: {image: b}\n"}, []string{"yaml-syntax", "compose.yaml:3:3", "| compose.yaml:2:3"}},
		{"non-UTF-8", map[string]string{"compose.yaml": "services:\n  web:\n    image: \xff\xfe\n"}, []string{"yaml-syntax", "compose.yaml:3:12-3:13", "UTF-8"}},
		// The YAML reader names the byte after an incomplete sequence; the
		// sequence's first byte is the one to fix.
		{"incomplete UTF-8", map[string]string{"compose.yaml": "services:\n  web:\n    image: x\xc3\n"}, []string{"yaml-syntax", "compose.yaml:3:13-3:14", "byte 0xc3 is not valid UTF-8"}},
		{"unclosed quote", map[string]string{"compose.yaml": "services:\n  web:\n    image: \"nginx\n"}, []string{"yaml-syntax", "compose.yaml:3:12", "never closed"}},
		// Of nested brackets, the one left open is shown, whatever closes
		// the others; a closed bracket with an error inside is not.
		{"list cut short", map[string]string{"compose.yaml": "services:\n  web:\n    command: [a,\n"}, []string{"yaml-syntax", "compose.yaml:3:14-3:15", `"[" is never closed`}},
		{"inner bracket unclosed", map[string]string{"compose.yaml": "x-a: [1, {b: [2, 3}\nservices: {}\n"}, []string{"yaml-syntax", "compose.yaml:1:14-1:15", `"[" is never closed`}},
		{"list", map[string]string{"compose.yaml": "- a\n- b\n"}, []string{"compose-schema", "compose.yaml:1:1", "got a sequence"}},
		{"scalar", map[string]string{"compose.yaml": "hello\n"}, []string{"compose-schema", "compose.yaml:1:1", "got a scalar"}},
		{"extends cycle", map[string]string{"compose.yaml": "services:\n  a: {extends: b, image: x}\n  b: {extends: a}\n"}, []string{"compose-consistency", "extends cycle"}},
		{"extends self", map[string]string{"compose.yaml": "services:\n  a:\n    extends: a\n"}, []string{"compose-consistency", "compose.yaml:3:14", "extends cycle"}},
		{"include cycle", map[string]string{"compose.yaml": "include: [b/compose.yaml]\nservices: {a: {image: x}}\n", "b/compose.yaml": "include: [../compose.yaml]\n"}, []string{"compose-consistency", "b/compose.yaml:1:11", "include cycle"}},
		{"missing extends file", map[string]string{"compose.yaml": "services:\n  a:\n    extends: {file: nope.yaml, service: b}\n"}, []string{"compose-file", "compose.yaml:3:21", "nope.yaml does not exist"}},
		{"extends undefined", map[string]string{"compose.yaml": "services:\n  a:\n    extends: {service: b}\n"}, []string{"compose-consistency", "compose.yaml:3:14", `extends "b", which is not defined`}},
		{"missing include", map[string]string{"compose.yaml": "include: [gone.yaml]\nservices: {a: {image: x}}\n"}, []string{"compose-file", "compose.yaml:1:11", "gone.yaml does not exist"}},
		{"bad interpolation", map[string]string{"compose.yaml": "services:\n  a:\n    image: \"x${\"\n"}, []string{"interpolation-syntax", "compose.yaml:3:14"}},
		{"unknown alias", map[string]string{"compose.yaml": "services:\n  a: *nope\n"}, []string{"yaml-syntax", "compose.yaml:2:"}},
		{"merge of a scalar", map[string]string{"compose.yaml": "x: &x 1\nservices:\n  a:\n    <<: *x\n"}, []string{"yaml-syntax", "merge key"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := loadBroken(t, tc.files)
			wantDiag(t, ds, tc.want...)
		})
	}
}

// TestClosedFlowSequence: a bracket that is closed, with an error inside, is
// not reported as never closed; the error is shown where the parser stopped.
func TestClosedFlowSequence(t *testing.T) {
	_, ds := loadBroken(t, map[string]string{"compose.yaml": "services:\n  web:\n    command: [a, b: c: d]\n"})
	wantDiag(t, ds, "yaml-syntax", "compose.yaml:3:22", "did not find expected ',' or ']'")
	for _, d := range ds {
		if strings.Contains(d, "never closed") {
			t.Errorf("closed bracket reported as never closed: %s", d)
		}
	}
}

// TestEmptyComposeFile: Compose refuses a file with no mapping ("empty
// compose file"); so does reachlint, at line 1.
func TestEmptyComposeFile(t *testing.T) {
	for name, text := range map[string]string{"empty": "", "comments only": "# nothing here\n# at all\n", "null": "null\n", "tilde": "~\n"} {
		t.Run(name, func(t *testing.T) {
			_, ds := loadBroken(t, map[string]string{"compose.yaml": text})
			if len(ds) != 1 || !strings.HasPrefix(ds[0], "compose-file compose.yaml:1:1") || !strings.Contains(ds[0], "empty compose file") {
				t.Errorf("diagnostics: %v", ds)
			}
		})
	}
}

// TestQuietInputs are odd but valid files: no diagnostic, no panic.
func TestQuietInputs(t *testing.T) {
	for name, text := range map[string]string{
		"services null":  "services:\n",
		"services empty": "services: {}\n",
		"service null":   "services:\n  web:\n",
		"document end":   "---\nservices: {web: {image: x}}\n...\n",
	} {
		t.Run(name, func(t *testing.T) {
			p, ds := loadBroken(t, map[string]string{"compose.yaml": text})
			if len(ds) > 0 {
				t.Errorf("diagnostics: %v", ds)
			}
			if s := p.Service("web"); s != nil && len(s.Ports) != 0 {
				t.Errorf("unparsable ports became %+v", s.Ports)
			}
		})
	}
}

// TestBadPorts: port strings pass the schema but Compose refuses them when
// it converts the mapping; each gets a diagnostic at its own position.
func TestBadPorts(t *testing.T) {
	bad := []string{"abc:def", "1:2:3:4:5", "99999:1", "host:80:80", "80:80/xyz", "1-3:1-2"}
	text := "services:\n  web:\n    image: x\n    ports: [\"" + strings.Join(bad, "\", \"") + "\", \"8080:80\"]\n"
	p, _ := loadBroken(t, map[string]string{"compose.yaml": text})
	ds := p.Diags
	if len(ds) != len(bad) {
		t.Fatalf("want one diagnostic per bad port, got %v", ds)
	}
	for i, d := range ds {
		col := strings.Index(text[strings.LastIndex(text[:strings.Index(text, bad[i])], "\n")+1:], "\""+bad[i]) + 1
		if d.Rule != "compose-schema" || d.Range.Start.Line != 4 || d.Range.Start.Col != col || !strings.Contains(d.Message, bad[i]) {
			t.Errorf("%s: got %s %d:%d %s, want compose-schema at 4:%d", bad[i], d.Rule, d.Range.Start.Line, d.Range.Start.Col, d.Message, col)
		}
	}
	if s := p.Service("web"); s == nil || len(s.Ports) != 1 || s.Ports[0].Published != 8080 {
		t.Errorf("the valid port is lost: %+v", s)
	}
}

func TestDirectoryNamedCompose(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml/x": ""})
	p := loadFiles(t, dir, Options{Files: []string{"compose.yaml"}})
	_, ds := p, p.Diags
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "is a directory") || ds[0].Range.File != "compose.yaml" {
		t.Errorf("diags = %+v", ds)
	}
	// Discovery does not pick it as a base either.
	if base, _ := finder(dir).BaseIn(dir); base != "" {
		t.Errorf("BaseIn picked the directory %s", base)
	}
}

func TestUnreadableFile(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": "services: {web: {image: x}}\n"})
	f := filepath.Join(dir, "compose.yaml")
	if err := os.Chmod(f, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(f, 0o644)
	if _, err := os.ReadFile(f); err == nil {
		t.Skip("running as a user who reads mode-000 files (root)")
	}
	p := loadFiles(t, dir, Options{Files: []string{"compose.yaml"}})
	if len(p.Diags) != 1 || !strings.Contains(p.Diags[0].Message, "permission denied") {
		t.Errorf("diags = %+v", p.Diags)
	}
}

// TestBillionLaughs: alias expansion is bounded, so the document is
// refused fast and in little memory.
func TestBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("services: {web: {image: x, command: *a9}}\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, ds := loadBroken(t, map[string]string{"compose.yaml": b.String()})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	wantDiag(t, ds, "yaml-syntax", "billion laughs")
	if took > 300*time.Millisecond {
		t.Errorf("took %v", took)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}
