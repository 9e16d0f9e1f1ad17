package compose

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Two projects of one run include the same file under different .env
// values: each load sees its own interpolation, and the file is parsed once.
func TestCacheSharedFileInterpolatedPerProject(t *testing.T) {
	dir := setup(t, map[string]string{
		"common/base.yaml": `x-env: &env
  API_URL: http://${API_HOST}:3000
services:
  web:
    image: node:20
    environment: *env
`,
		"a/.env":         "API_HOST=localhost\n",
		"a/compose.yaml": "include:\n  - ../common/base.yaml\n",
		"b/.env":         "API_HOST=api\n",
		"b/compose.yaml": "include:\n  - ../common/base.yaml\nservices:\n  api:\n    image: node:20\n",
	})
	c := &Cache{}
	load := func(sub string) *Project {
		l := NewLoader(vfs.OS{}, dir, 0, Limits{})
		if !l.Share(c) {
			t.Fatal("a loader like the others is refused by the cache")
		}
		return l.Load(Options{Files: []string{filepath.Join(dir, sub, "compose.yaml")}})
	}
	for range 2 { // the second round loads from the cache only
		pa, pb := load("a"), load("b")
		noDiags(t, pa)
		noDiags(t, pb)
		eq(t, "a's API_URL", envOf(t, svc(t, pa, "web"), "API_URL").Value.Value, "http://localhost:3000")
		eq(t, "b's API_URL", envOf(t, svc(t, pb, "web"), "API_URL").Value.Value, "http://api:3000")
	}
	base := c.entry(filepath.Join(dir, "common", "base.yaml"))
	if len(base.docs) != 1 || base.docs[0].Get("x-env").Get("API_URL").Value != "http://${API_HOST}:3000" {
		t.Errorf("the cached parse was modified by a load: %+v", base.docs)
	}
}

// A file one project lists goes to that project's load without a copy; a
// later load of it (another project including it) parses it again, and a
// view still shows it as written.
func TestCacheLendsToTheOneExpectedLoad(t *testing.T) {
	dir := setup(t, map[string]string{
		"a/.env":         "API_HOST=localhost\n",
		"a/compose.yaml": "services:\n  web:\n    image: node:20\n    environment:\n      API_URL: http://${API_HOST}:3000\n",
		"b/compose.yaml": "include:\n  - ../a/compose.yaml\nservices:\n  api:\n    image: node:20\n",
	})
	a, b := filepath.Join(dir, "a", "compose.yaml"), filepath.Join(dir, "b", "compose.yaml")
	c := &Cache{}
	c.Expect([]string{a})
	c.Expect([]string{b})
	load := func(f string, environ map[string]string) *Project {
		l := NewLoader(vfs.OS{}, dir, 0, Limits{})
		l.Share(c)
		return l.Load(Options{Files: []string{f}, Environ: environ})
	}
	pa := load(a, nil)
	if e := c.entry(a); !e.lent || e.docs != nil {
		t.Fatalf("the one expected load of %s did not take the parse (lent %v)", a, e.lent)
	}
	pb := load(b, map[string]string{"API_HOST": "api"}) // the process environment wins
	noDiags(t, pa)
	noDiags(t, pb)
	eq(t, "a's API_URL", envOf(t, svc(t, pa, "web"), "API_URL").Value.Value, "http://localhost:3000")
	eq(t, "b's API_URL through include", envOf(t, svc(t, pb, "web"), "API_URL").Value.Value, "http://api:3000")
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	l.Share(c)
	v := l.view(a)
	if len(v) != 1 || v[0].Get("services").Get("web").Get("environment").Get("API_URL").Value != "http://${API_HOST}:3000" {
		t.Errorf("a view after the load is not the file as written: %+v", v)
	}
	eq(t, "names of the lent file", len(l.definedNames([]string{a})), 1)
}

// A loader with other limits or another working directory reads on its
// own: its results would differ.
func TestCacheRefusesOtherSettings(t *testing.T) {
	c := &Cache{}
	if !NewLoader(vfs.OS{}, "/a", 0, Limits{}).Share(c) {
		t.Fatal("first loader refused")
	}
	if NewLoader(vfs.OS{}, "/b", 0, Limits{}).Share(c) {
		t.Error("a loader with another working directory shares the cache")
	}
	if NewLoader(vfs.OS{}, "/a", 0, Limits{MaxDepth: 3}).Share(c) {
		t.Error("a loader with other limits shares the cache")
	}
}

// A copy shares no node with the original, and nodes reached through
// aliases and merge keys stay shared within the copy.
func TestCloneDocsKeepsSharing(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `x-web: &web
  image: nginx
  ports: ["8080:80"]
services:
  blue:
    <<: *web
  green:
    <<: *web
  red: *web
`})
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	src, err := l.read(filepath.Join(dir, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := parseYAML(src, l.limits)
	cp := cloneDocs(docs, true)
	orig := map[*Node]bool{}
	var mark func(n *Node)
	mark = func(n *Node) {
		if n == nil || orig[n] {
			return
		}
		orig[n] = true
		for _, p := range n.Pairs {
			mark(p.Key)
			mark(p.Val)
		}
		for _, it := range n.Items {
			mark(it)
		}
	}
	mark(docs[0])
	var check func(n *Node)
	seen := map[*Node]bool{}
	check = func(n *Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if orig[n] {
			t.Fatalf("the copy shares node %q with the original", n.Value)
		}
		for _, p := range n.Pairs {
			check(p.Key)
			check(p.Val)
		}
		for _, it := range n.Items {
			check(it)
		}
	}
	check(cp[0])
	if len(seen) != len(orig) {
		t.Errorf("the copy has %d distinct nodes, the original %d", len(seen), len(orig))
	}
	svcs := cp[0].Get("services")
	blue, green, red := svcs.Get("blue").Get("ports"), svcs.Get("green").Get("ports"), svcs.Get("red")
	if blue == nil || blue != green {
		t.Error("the ports that blue and green merge from one anchor are no longer one node")
	}
	if red != cp[0].Get("x-web") {
		t.Error("an alias no longer refers to its anchor's node")
	}
}

// Projects over one base load at once, each seeing its own override (run
// with -race); loaded one after another, they share one interpolated copy
// of the base.
func TestCacheConcurrentLoads(t *testing.T) {
	files := map[string]string{
		"compose.yaml": "x-env: &env\n  API_URL: http://api:3000\nservices:\n  api:\n    image: node:20\n  web:\n    image: node:20\n    environment: *env\n",
	}
	const n = 8
	for i := range n {
		files[fmt.Sprintf("compose.v%d.yaml", i)] = fmt.Sprintf("services:\n  web:\n    environment:\n      V: \"%d\"\n", i)
	}
	dir := setup(t, files)
	c := &Cache{}
	base := filepath.Join(dir, "compose.yaml")
	for i := range n {
		c.Expect([]string{base, filepath.Join(dir, fmt.Sprintf("compose.v%d.yaml", i))})
	}
	load := func(i int) *Project {
		l := NewLoader(vfs.OS{}, dir, 0, Limits{})
		l.Share(c)
		return l.Load(Options{Files: []string{base, filepath.Join(dir, fmt.Sprintf("compose.v%d.yaml", i))}})
	}
	check := func(projects []*Project) {
		for i, p := range projects {
			noDiags(t, p)
			web := svc(t, p, "web")
			eq(t, fmt.Sprintf("v%d's V", i), envOf(t, web, "V").Value.Value, fmt.Sprint(i))
			eq(t, fmt.Sprintf("v%d's API_URL", i), envOf(t, web, "API_URL").Value.Value, "http://api:3000")
		}
	}
	var wg sync.WaitGroup
	projects := make([]*Project, n)
	for i := range n {
		wg.Go(func() { projects[i] = load(i) })
	}
	wg.Wait()
	check(projects)
	c = &Cache{}
	for i := range n {
		c.Expect([]string{base, filepath.Join(dir, fmt.Sprintf("compose.v%d.yaml", i))})
	}
	for i := range n {
		projects[i] = load(i)
	}
	check(projects)
	for _, p := range projects[1:] {
		if p.Docs[0].Root != projects[0].Docs[0].Root {
			t.Fatal("a later load of the base made its own copy")
		}
		// They share the base's canonical form too: a service no
		// override touches is one definition in every project.
		if svc(t, p, "api").Node != svc(t, projects[0], "api").Node {
			t.Error("a later load made its own canonical copy of the base")
		}
		if svc(t, p, "web").Node == svc(t, projects[0], "web").Node {
			t.Error("two projects share a service their overrides change")
		}
		// And its converted definition, which the validator checks once.
		api, api0 := docService(p, "api"), docService(projects[0], "api")
		if _, ok := api.(interface{ SharedMapping() }); !ok || api != api0 {
			t.Errorf("the base's api converts to %T, not one shared mapping", api)
		}
		if docService(p, "web") == docService(projects[0], "web") {
			t.Error("two projects share the conversion of a service their overrides change")
		}
	}
	// A project whose files no other loads converts on its own.
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	c = &Cache{}
	c.Expect([]string{base})
	l.Share(c)
	alone := l.Load(Options{Files: []string{base}})
	if _, ok := docService(alone, "api").(*docMap); !ok || alone.SharesDocs() || !projects[0].SharesDocs() {
		t.Errorf("a project alone converts api to %T (shares %v; a variant shares %v)", docService(alone, "api"), alone.SharesDocs(), projects[0].SharesDocs())
	}
}

// docService is the converted definition of service name in p.Doc().
func docService(p *Project, name string) any {
	get := func(v any, key string) any {
		if m, ok := v.(*docMap); ok {
			for _, e := range *m {
				if e.key == key {
					return e.val
				}
			}
		}
		return nil
	}
	return get(get(p.Doc(), "services"), name)
}

// A load whose variables differ does not take another load's
// interpolation of a file; one whose variables agree does, with the
// variable uses, required variables and findings interpolation gave.
func TestCacheSharesInterpolationOnlyForSameVariables(t *testing.T) {
	dir := setup(t, map[string]string{
		"common.yaml": "services:\n  web:\n    image: node:${NODE:?set NODE}\n    environment:\n      API_URL: http://${API_HOST:-api}:3000\n      BAD: ${\n",
		"a/.env":      "API_HOST=alpha\nNODE=20\n",
		"b/.env":      "API_HOST=beta\nNODE=20\n",
		"c/.env":      "API_HOST=alpha\nNODE=20\n# same values, another file\n",
	})
	c := &Cache{}
	common := filepath.Join(dir, "common.yaml")
	load := func(sub string) *Project { return loadShared(c, dir, common, sub) }
	a, b, a2, cc := load("a"), load("b"), load("a"), load("c")
	for _, tc := range []struct {
		p    *Project
		want string
	}{{a, "http://alpha:3000"}, {b, "http://beta:3000"}, {a2, "http://alpha:3000"}, {cc, "http://alpha:3000"}} {
		eq(t, "API_URL", envOf(t, svc(t, tc.p, "web"), "API_URL").Value.Value, tc.want)
		if len(tc.p.VarUses) != len(a.VarUses) || len(tc.p.Diags) != len(a.Diags) || len(tc.p.Diags) == 0 {
			t.Errorf("%d variable uses and %d findings, the first load %d and %d", len(tc.p.VarUses), len(tc.p.Diags), len(a.VarUses), len(a.Diags))
		}
	}
	if a2.Docs[0].Root != a.Docs[0].Root {
		t.Error("a second load with the same .env did not share the interpolated file")
	}
	if b.Docs[0].Root == a.Docs[0].Root || cc.Docs[0].Root == a.Docs[0].Root {
		t.Error("a load whose variables come from another .env shared the interpolated file")
	}
}

// The projects of a directory share one parse of its .env, made with the
// same process environment; another environment parses it again.
func TestCacheSharesEnvParse(t *testing.T) {
	dir := setup(t, map[string]string{
		".env":              "API_HOST=${HOST_FROM_SHELL:-api}\n",
		"compose.yaml":      "services:\n  web:\n    image: node:20\n    environment:\n      API_URL: http://${API_HOST}:3000\n",
		"compose.prod.yaml": "services:\n  web:\n    image: node:20\n    environment:\n      API_URL: http://${API_HOST}:3001\n",
	})
	c := &Cache{}
	environ := map[string]string{}
	load := func(f string, env map[string]string) *Project {
		l := NewLoader(vfs.OS{}, dir, 0, Limits{})
		l.Share(c)
		return l.Load(Options{Files: []string{filepath.Join(dir, f)}, Environ: env})
	}
	a, b := load("compose.yaml", environ), load("compose.prod.yaml", environ)
	if len(a.EnvFiles) != 1 || len(b.EnvFiles) != 1 || a.EnvFiles[0].Parsed != b.EnvFiles[0].Parsed {
		t.Fatal("two projects of one directory parsed its .env twice")
	}
	eq(t, "a", envOf(t, svc(t, a, "web"), "API_URL").Value.Value, "http://api:3000")
	eq(t, "b", envOf(t, svc(t, b, "web"), "API_URL").Value.Value, "http://api:3001")
	other := load("compose.yaml", map[string]string{"HOST_FROM_SHELL": "shell"})
	if other.EnvFiles[0].Parsed == a.EnvFiles[0].Parsed {
		t.Error("a load with another process environment got the same parse")
	}
	eq(t, "other environment", envOf(t, svc(t, other, "web"), "API_URL").Value.Value, "http://shell:3000")
}

// hasAnchor reports whether a node below n has an anchor.
func hasAnchor(n *Node) bool {
	if n == nil {
		return false
	}
	if n.anchor {
		return true
	}
	for _, p := range n.Pairs {
		if hasAnchor(p.Key) || hasAnchor(p.Val) {
			return true
		}
	}
	return slices.ContainsFunc(n.Items, hasAnchor)
}

// parseDocs reports an anchor exactly when a parsed document holds one,
// over every compose file of the repository's testdata and the corpus.
func TestParseDocsReportsAnchors(t *testing.T) {
	n, with := 0, 0
	for _, root := range []string{"../../testdata", corpusDir()} {
		if root == "" {
			continue
		}
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			docs, _, anchors := parseDocs(source.New(p, data), defaultLimits)
			if want := slices.ContainsFunc(docs, hasAnchor); anchors != want {
				t.Errorf("%s: parseDocs reports anchors %v, the documents hold one: %v", p, anchors, want)
			}
			n++
			if anchors {
				with++
			}
			return nil
		})
	}
	if n < 100 || with == 0 {
		t.Fatalf("%d files, %d with anchors: testdata not found?", n, with)
	}
}

// A file with many variables, each used twice, records each once; the
// last of them differing is enough to keep a load from sharing.
func TestCacheSharesInterpolationManyVariables(t *testing.T) {
	const n = 40
	var file, env strings.Builder
	file.WriteString("services:\n  web:\n    image: node:20\n    environment:\n")
	for i := range n {
		fmt.Fprintf(&file, "      A%d: ${V%d}\n      B%d: x${V%d}\n", i, i, i, i)
		fmt.Fprintf(&env, "V%d=%d\n", i, i)
	}
	dir := setup(t, map[string]string{
		"common.yaml": file.String(),
		"a/.env":      env.String(),
		"b/.env":      strings.Replace(env.String(), fmt.Sprintf("V%d=%d", n-1, n-1), fmt.Sprintf("V%d=other", n-1), 1),
	})
	c := &Cache{}
	common := filepath.Join(dir, "common.yaml")
	load := func(sub string) *Project { return loadShared(c, dir, common, sub) }
	a, a2, b := load("a"), load("a"), load("b")
	if got := len(c.entry(common).interp.lookups); got != n {
		t.Errorf("%d variables recorded, want %d", got, n)
	}
	if a2.Docs[0].Root != a.Docs[0].Root || b.Docs[0].Root == a.Docs[0].Root {
		t.Error("shared with the wrong load")
	}
	eq(t, "b's last", envOf(t, svc(t, b, "web"), fmt.Sprintf("B%d", n-1)).Value.Value, "xother")
	eq(t, "a2's last", envOf(t, svc(t, a2, "web"), fmt.Sprintf("B%d", n-1)).Value.Value, fmt.Sprintf("x%d", n-1))
}

// loadShared loads file through c as a project of dir/sub.
func loadShared(c *Cache, dir, file, sub string) *Project {
	l := NewLoader(vfs.OS{}, dir, 0, Limits{})
	l.Share(c)
	return l.Load(Options{Files: []string{file}, ProjectDir: filepath.Join(dir, sub)})
}
