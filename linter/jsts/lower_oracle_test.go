package jsts

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

// literals lists the string and template literals of t that stand in its
// source as written, as "offset:text".
func literals(t *Tree) []string {
	var out []string
	v := &literalVisitor{t: t, seen: map[int]bool{}}
	js.Walk(v, t.AST)
	out = v.out
	slices.Sort(out)
	return out
}

type literalVisitor struct {
	t    *Tree
	seen map[int]bool
	out  []string
}

func (v *literalVisitor) Enter(n js.INode) js.IVisitor {
	var b []byte
	switch n := n.(type) {
	case *js.ClassElementName:
		js.Walk(v, &n.PropertyName)
	case *js.LiteralExpr:
		if n.TokenType == js.StringToken {
			b = n.Data
		}
	case *js.TemplateExpr:
		if len(n.List) > 0 {
			b = n.List[0].Value
		} else {
			b = n.Tail
		}
	}
	if b != nil {
		if start, end, ok := v.t.Literal(b); ok && !v.seen[start] {
			v.seen[start] = true
			v.out = append(v.out, fmt.Sprintf("%d:%s", start, v.t.Src[start:end]))
		}
	}
	return v
}

func (v *literalVisitor) Exit(js.INode) {}

// sources lists the JavaScript and TypeScript files under dir.
func sources(t *testing.T, dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsSource(path) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// TestLowerAgainstEsbuild: every file esbuild lowers, lower lowers too,
// and every string literal of esbuild's output that maps back to the
// source is in lower's at the same offset. Lower keeps more: JSX
// attribute strings and code whose mapping esbuild's map lacks.
// REACHLINT_LOWER_DIR names more material (a tree of real projects' sources).
func TestLowerAgainstEsbuild(t *testing.T) {
	dirs := []string{"../../testdata"}
	if d := os.Getenv("REACHLINT_LOWER_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	var files []string
	for _, d := range dirs {
		files = append(files, sources(t, d)...)
	}
	if len(files) == 0 {
		t.Fatal("no sources")
	}
	failed, missing, both := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, werr := parseEsbuild(f, src)
		got, gerr := Parse(f, src)
		switch {
		case werr != nil && gerr != nil:
			continue
		case werr != nil:
			continue // lower reads more than esbuild accepts (e.g. recovery)
		case gerr != nil:
			failed++
			if failed <= 400 {
				t.Errorf("%s: esbuild lowers it, lower fails: %v\n%s", f, gerr, lineAt(src, gerr))
			}
			continue
		}
		both++
		have := map[string]bool{}
		for _, l := range literals(got) {
			have[l] = true
		}
		ext := filepath.Ext(f)
		_, drops, _ := lowerDropping(src, ext != ".js" && ext != ".jsx" && ext != ".mjs" && ext != ".cjs", ext != ".ts" && ext != ".mts" && ext != ".cts")
		for _, l := range literals(want) {
			var off int
			fmt.Sscanf(l, "%d:", &off)
			// Enums and member decorators are dropped on purpose.
			inDrop := slices.ContainsFunc(drops, func(d [2]int) bool { return d[0] <= off && off < d[1] })
			if !have[l] && !inDrop {
				missing++
				if missing <= 4000 {
					t.Errorf("%s: literal %.80q of esbuild's output is not in lower's", f, l)
				}
			}
		}
	}
	t.Logf("%d files, %d read by both, %d failed, %d literals missing", len(files), both, failed, missing)
}

// TestLowerFindingsAgainstEsbuild: read as server code, every file gives
// the same findings through lower as through esbuild, but for findings
// esbuild's source map cannot place (lower may have more, never fewer).
func TestLowerFindingsAgainstEsbuild(t *testing.T) {
	dirs := []string{"../../testdata"}
	if d := os.Getenv("REACHLINT_LOWER_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	pkg := &Package{Deps: map[string]bool{"express": true}}
	analyze := func(parse func(string, []byte) (*Tree, error), f string, src []byte) ([]string, error) {
		defer func(p func(string, []byte) (*Tree, error)) { parseSource = p }(parseSource)
		parseSource = parse
		r, err := AnalyzeReached(f, "src/"+filepath.Base(f), src, pkg, Entry)
		var out []string
		for _, fd := range r.Findings {
			// esbuild's map may lose the port's literal (Port 0);
			// lower's never does, so the port is compared apart.
			port := fd.Port
			fd.Port, fd.DefaultPort = 0, false
			out = append(out, fmt.Sprintf("%+v port=%d", fd, port))
		}
		return out, err
	}
	samePort := func(w, g string) bool {
		i, j := strings.LastIndex(w, " port="), strings.LastIndex(g, " port=")
		return w[:i] == g[:j] && (w[i:] == g[j:] || w[i:] == " port=0")
	}
	files, findings := 0, 0
	for _, d := range dirs {
		for _, f := range sources(t, d) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, werr := analyze(parseEsbuild, f, src)
			if werr != nil {
				continue
			}
			got, gerr := analyze(Parse, f, src)
			if gerr != nil {
				t.Errorf("%s: %v", f, gerr)
				continue
			}
			files++
			findings += len(want)
			for _, w := range want {
				if !slices.ContainsFunc(got, func(g string) bool { return samePort(w, g) }) {
					t.Errorf("%s: esbuild's finding is missing:\n\t%s\nlower's:\n\t%s", f, w, strings.Join(got, "\n\t"))
				}
			}
			if len(got) > len(want) {
				t.Logf("%s: %d more findings than esbuild's: %v", f, len(got)-len(want), got)
			}
		}
	}
	t.Logf("%d files, %d findings", files, findings)
}

// lineAt returns the source line an error's "line:col: " prefix names.
func lineAt(src []byte, err error) string {
	var line, col int
	if _, e := fmt.Sscanf(err.Error(), "%d:%d:", &line, &col); e != nil || line < 1 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if line > len(lines) {
		return ""
	}
	return "\t" + lines[line-1] + "\n\t" + strings.Repeat(" ", max(col-1, 0)) + "^"
}

// TestLowerShape: lowering keeps every byte's offset and line breaks.
func TestLowerShape(t *testing.T) {
	for _, src := range []string{
		"let a: string = 'x'\ninterface I {\n a: number }\nconst b = <div a=\"x\">{a}\n</div>",
	} {
		out, err := lower([]byte(src), true, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != len(src) || strings.Count(string(out), "\n") != strings.Count(src, "\n") {
			t.Fatalf("shape changed: %q", out)
		}
	}
}
