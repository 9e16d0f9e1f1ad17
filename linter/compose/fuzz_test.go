package compose

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/template"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

var fuzzVars = map[string]string{"A": "a", "B": "", "C": "x:y", "D": "${A}", "LONG_NAME": "v"}

func fuzzLookup(name string) (string, *VarSource, bool) {
	v, ok := fuzzVars[name]
	return v, nil, ok
}

// FuzzInterpolate: our Interpolate gives compose-go's result and fails
// when it fails; the segments cover the output exactly, in order.
func FuzzInterpolate(f *testing.F) {
	for _, s := range []string{
		"", "plain", "$A", "${A}", "${A:-d}", "${Z:-d}", "${B:-d}", "${B-d}", "${A:+alt}", "${Z:+alt}",
		"${Z:?err}", "${B?err}", "$$A", "$$$A", "${Z:-${A}}", "${Z:-${Y:-deep}}x", "${A", "${}", "$", "a$",
		"${A:-a}b${C}c", "${LONG_NAME}_x", "${A-}", "${Z:-}", "$1", "${A:?}", "${Z:-{}}", "${Z-a}}", "x${Z:-a${B:+b}c}y",
	} {
		f.Add(s)
	}
	mapping := func(k string) (string, bool) { v, ok := fuzzVars[k]; return v, ok }
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := template.Substitute(s, mapping)
		got, segs, _, gerr := Interpolate(s, fuzzLookup)
		if gerr != nil && gerr.TooComplex {
			return // our bound on hostile input, documented in interp.go
		}
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("%q: compose-go error %v, ours %v", s, werr, gerr)
		}
		if werr != nil {
			return
		}
		if got != want {
			t.Fatalf("%q: got %q, compose-go %q", s, got, want)
		}
		if segs == nil {
			if got != s {
				t.Fatalf("%q: no segments but the value changed to %q", s, got)
			}
			return
		}
		at := 0
		for _, sg := range segs {
			if sg.Start != at || sg.End <= sg.Start {
				t.Fatalf("%q: segments %+v do not tile the output", s, segs)
			}
			at = sg.End
		}
		if at != len(got) {
			t.Fatalf("%q: segments end at %d, output is %d bytes", s, at, len(got))
		}
	})
}

// FuzzNextRef: nextRef finds what compose-go's template pattern finds, as
// FindAllStringSubmatchIndex reports it: the same matches, the same
// alternative, the same braced group.
func FuzzNextRef(f *testing.F) {
	for _, s := range []string{
		"$A $$ ${A} ${A:-x} ${A-x}} ${A:?e} ${A:+x} ${A:x} ${ ${} $1 ${1} $_a ${_}",
		"${A:-}x}y\n}", "${A:-a\nb}", "${K}", "${\u212aX:-\u017f}", "$\u212a", "${A?}", "${A:}", "\xff${A:-\xff}}",
		"${A:-${B}}", "$", "x$", "${", "${A", "$$$", "${a_1:--}}",
	} {
		f.Add(s)
	}
	pat := template.DefaultPattern
	braced := pat.SubexpIndex("braced")
	kinds := map[int]int{pat.SubexpIndex("escaped"): refEscaped, pat.SubexpIndex("named"): refNamed, braced: refBraced, pat.SubexpIndex("invalid"): refInvalid}
	f.Fuzz(func(t *testing.T, s string) {
		var got [][3]int
		for from := 0; ; {
			start, end, kind := nextRef(s, from)
			if start < 0 {
				break
			}
			got = append(got, [3]int{start, end, kind})
			from = end
		}
		want := pat.FindAllStringSubmatchIndex(s, -1)
		if len(got) != len(want) {
			t.Fatalf("%q: %d matches, the pattern finds %d: %v vs %v", s, len(got), len(want), got, want)
		}
		for i, m := range want {
			kind := 0
			for g, k := range kinds {
				if m[2*g] >= 0 {
					kind = k
				}
			}
			if got[i] != [3]int{m[0], m[1], kind} {
				t.Fatalf("%q: match %d is %v, the pattern's %v (kind %d)", s, i, got[i], m[:2], kind)
			}
			if kind == refBraced && (m[2*braced] != m[0]+2 || m[2*braced+1] != m[1]-1) {
				t.Fatalf("%q: braced group %v is not inside ${...} %v", s, m[2*braced:2*braced+2], m[:2])
			}
		}
	})
}

// FuzzLoad: any compose.yaml and .env load without a panic, and every
// range a diagnostic or a value carries lies within its file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("services:\n  web:\n    image: nginx:${TAG:-1}\n    environment: [A=${A}]\n    ports: ['${P}:80']\n"), []byte("A=http://localhost:1\nP=8080\n"))
	f.Add([]byte("x: &a {k: v}\nservices:\n  s:\n    <<: *a\n    extends: s\n"), []byte(""))
	f.Add([]byte("services:\n\tweb: {}\n"), []byte("A='unterminated\n"))
	f.Add([]byte("include: [compose.yaml]\nservices: {a: {env_file: .env, command: \"a 'b c' \\\"d\\\"\"}}\n"), []byte("export X=1 # c\nY=\"${X}\"\n"))
	f.Add([]byte("services: {a: {ports: [{target: 80, published: '${P}'}], networks: {n: {aliases: [x]}}}}\nnetworks: {n: }\n"), []byte("\xff=1\n"))
	f.Add([]byte("services:\n  a:\n    image: !reset x\n    environment: !override {B: $$}\n---\nservices: {b: {}}\n"), []byte("B\n"))
	f.Fuzz(func(t *testing.T, compose, dotenv []byte) {
		dir := "/nonexistent-fuzz"
		fsys := vfs.NewOverlay(vfs.OS{})
		fsys.Set(filepath.Join(dir, "compose.yaml"), compose)
		fsys.Set(filepath.Join(dir, ".env"), dotenv)
		l := NewLoader(fsys, dir, 0, Limits{MaxAliasExpansion: 10000})
		p := l.Load(Options{Files: []string{filepath.Join(dir, "compose.yaml")}, Environ: map[string]string{}})
		files := map[string][]byte{"compose.yaml": compose, ".env": dotenv}
		if docs, _, anchors := parseDocs(source.New("compose.yaml", compose), Limits{MaxAliasExpansion: 10000, MaxDepth: 200}); anchors != slices.ContainsFunc(docs, hasAnchor) {
			t.Fatalf("parseDocs reports anchors %v for documents that hold one: %v", anchors, !anchors)
		}
		check := func(what string, r diag.Range) {
			if r.File == "" || !r.Start.IsValid() {
				return
			}
			data, ok := files[r.File]
			if !ok {
				t.Fatalf("%s: range in unknown file %q", what, r.File)
			}
			for _, pos := range []diag.Pos{r.Start, r.End} {
				if pos.Offset < 0 || pos.Offset > len(data) || pos.Line < 1 || pos.Col < 1 {
					t.Fatalf("%s: position %+v outside %s (%d bytes)", what, pos, r.File, len(data))
				}
			}
			if r.End.Offset < r.Start.Offset {
				t.Fatalf("%s: range %+v ends before it starts", what, r)
			}
		}
		for _, d := range p.Diags {
			check(d.Rule+": "+d.Message, d.Range)
			for _, rel := range d.Related {
				check("related "+rel.Message, rel.Range)
			}
		}
		seen := map[*Node]bool{}
		var walk func(n *Node, depth int)
		walk = func(n *Node, depth int) {
			if n == nil || seen[n] || depth > 300 {
				return
			}
			seen[n] = true
			check("node", n.Range)
			if n.Kind == Scalar {
				for i := 0; i <= len(n.Value); i++ {
					check("subrange", n.SubRange(0, i))
					if r, ok := n.ExactRange(i/2, i); ok {
						check("exact", r)
						if r.End.Offset-r.Start.Offset != i-i/2 {
							t.Fatalf("exact range %+v of %d bytes for %q[%d:%d]", r, r.End.Offset-r.Start.Offset, n.Value, i/2, i)
						}
					}
				}
			}
			for _, pr := range n.Pairs {
				walk(pr.Key, depth+1)
				walk(pr.Val, depth+1)
			}
			for _, it := range n.Items {
				walk(it, depth+1)
			}
		}
		walk(p.Root, 0)
		for _, s := range p.Services {
			for _, e := range s.Env {
				if e.Value != nil {
					check("env value", e.Value.Range)
				}
			}
			for _, a := range s.Command {
				check("arg", a.Range())
			}
		}
	})
}

// FuzzSharedLoads: the variants of a directory (its base alone, and with
// each of two overlays) loaded through one cache, which shares the base's
// interpolation, canonical form and converted services among them, give
// each what a load of its own gives; and a later load leaves what an
// earlier one got as it was.
func FuzzSharedLoads(f *testing.F) {
	f.Add([]byte("x-env: &env\n  API_URL: http://api:${PORT:-3000}\nservices:\n  api:\n    image: node:20\n  web:\n    image: node\n    environment: *env\n"),
		[]byte("services:\n  web:\n    environment:\n      V: \"1\"\n"), []byte("services:\n  api:\n    ports: ['${PORT}:3000']\n"), []byte("PORT=8080\n"))
	f.Add([]byte("services: {a: {image: x, environment: [A=${A}], depends_on: [b]}, b: {build: ., command: run --port 80}}\n"),
		[]byte("services: {a: {environment: {A: !reset null}}}\n"), []byte("services: {b: {extends: a}}\n"), []byte("A=1\n"))
	f.Fuzz(func(t *testing.T, base, over1, over2, dotenv []byte) {
		dir := "/nonexistent-fuzz"
		fsys := vfs.NewOverlay(vfs.OS{})
		names := []string{"compose.yaml", "compose.one.yaml", "compose.two.yaml", ".env"}
		for i, data := range [][]byte{base, over1, over2, dotenv} {
			fsys.Set(filepath.Join(dir, names[i]), data)
		}
		variants := [][]string{{names[0]}, {names[0], names[1]}, {names[0], names[2]}}
		abs := func(files []string) []string {
			out := make([]string, len(files))
			for i, f := range files {
				out[i] = filepath.Join(dir, f)
			}
			return out
		}
		lim := Limits{MaxAliasExpansion: 10000}
		load := func(c *Cache, files []string) *Project {
			l := NewLoader(fsys, dir, 0, lim)
			if c != nil {
				l.Share(c)
			}
			return l.Load(Options{Files: abs(files), Environ: map[string]string{}})
		}
		c := &Cache{}
		for _, v := range variants {
			c.Expect(abs(v))
		}
		shared := make([]*Project, len(variants))
		first := make([]string, len(variants))
		for i, v := range variants {
			shared[i] = load(c, v)
			first[i] = projectText(shared[i])
		}
		for i, v := range variants {
			alone := projectText(load(nil, v))
			if first[i] != alone {
				t.Fatalf("variant %v through the cache:\n%s\nalone:\n%s", v, first[i], alone)
			}
			if now := projectText(shared[i]); now != first[i] {
				t.Fatalf("variant %v changed after the later loads:\n%s\nwas:\n%s", v, now, first[i])
			}
		}
	})
}

// projectText is what a load gives, as text: its findings, its services'
// variables and commands, and its converted document.
func projectText(p *Project) string {
	var b strings.Builder
	for _, d := range p.Diags {
		fmt.Fprintf(&b, "diag %s %s %s\n", d.Rule, d.Range, d.Message)
	}
	for _, s := range p.Services {
		fmt.Fprintf(&b, "service %s image %q\n", s.Name, s.Image)
		for _, e := range s.Env {
			if e.Value != nil {
				fmt.Fprintf(&b, "  env %s=%q at %s\n", e.Key, e.Value.Value, e.Value.Range)
			}
		}
		for _, a := range s.Command {
			fmt.Fprintf(&b, "  arg %q\n", a.Value)
		}
	}
	fmt.Fprintf(&b, "doc %v\n", plainDoc(p.Doc()))
	return b.String()
}

// plainDoc is a Doc with its mappings, lists and strings as plain values.
func plainDoc(v any) any {
	switch v := v.(type) {
	case *docMap:
		return plainEntries(*v)
	case *sharedMap:
		return plainEntries(docMap(*v))
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = plainDoc(e)
		}
		return out
	case *[]any:
		out := make([]any, len(*v))
		for i, e := range *v {
			out[i] = plainDoc(e)
		}
		return out
	case *string:
		return *v
	}
	return v
}

func plainEntries(m docMap) []any {
	out := make([]any, len(m))
	for i, e := range m {
		out[i] = [2]any{e.key, plainDoc(e.val)}
	}
	return out
}
