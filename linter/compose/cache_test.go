package compose

import (
	"path/filepath"
	"testing"

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
