package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/linter/diag"
)

// Keywords whose value is a map of subschemas, a list of them, or one.
var (
	schemaMapKeywords  = []string{"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
	schemaListKeywords = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
	schemaKeywords     = []string{"items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems",
		"additionalItems", "not", "if", "then", "else", "contains", "propertyNames", "contentSchema"}
)

// TestFastKeywordsCovered walks the embedded schema on its own (not through
// the builder) and fails on any keyword the validators do not implement, so
// that a compose-go upgrade cannot silently leave them guessing. (The
// builder records such a subschema as unsupported, which this test also
// checks: the fast path is then unsure and the full evaluation refuses to
// run.)
func TestFastKeywordsCovered(t *testing.T) {
	var raw any
	if err := json.Unmarshal([]byte(specJSON), &raw); err != nil {
		t.Fatal(err)
	}
	used := map[string]int{}
	var walk func(v any)
	walk = func(v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return // a boolean schema
		}
		for kw, val := range m {
			used[kw]++
			switch {
			case slices.Contains(schemaMapKeywords, kw):
				for _, s := range val.(map[string]any) {
					walk(s)
				}
			case slices.Contains(schemaListKeywords, kw):
				for _, s := range val.([]any) {
					walk(s)
				}
			case slices.Contains(schemaKeywords, kw):
				walk(val)
			}
		}
	}
	walk(raw)
	for _, kw := range slices.Sorted(maps.Keys(used)) {
		if !supportedKeywords[kw] {
			t.Errorf("the schema uses %q (%d times), which the validators do not implement", kw, used[kw])
		}
	}
	t.Logf("keywords used: %v", slices.Sorted(maps.Keys(used)))
	if u := fast().unsupported; len(u) > 0 {
		t.Errorf("the builder found constructs it does not model: %v", u)
	}
}

// TestSchemaPatternsCompile proves that every pattern of the compose schema
// compiles: the matchers compile on their first match, where a failure
// would be a panic in the middle of a lint.
func TestSchemaPatternsCompile(t *testing.T) {
	ms := map[*matcher]bool{}
	seen := map[*node]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.pattern != nil {
			ms[n.pattern] = true
		}
		for _, p := range n.patterns {
			ms[p.m] = true
			walk(p.n)
		}
		for _, p := range n.properties {
			walk(p.n)
		}
		for _, s := range slices.Concat(n.allOf, n.anyOf, n.oneOf,
			[]*node{n.ref, n.additional, n.unevaluated, n.items, n.not, n.ifS, n.thenS, n.elseS}) {
			walk(s)
		}
	}
	walk(fast().root)
	compiled := 0
	for m := range ms {
		if m.prefix != "" {
			if m.src != "^"+regexp.QuoteMeta(m.prefix) {
				t.Errorf("pattern %q tested as the prefix %q", m.src, m.prefix)
			}
			continue
		}
		if _, err := regexp.Compile(m.src); err != nil {
			t.Errorf("pattern %q: %v", m.src, err)
		}
		compiled++
	}
	if compiled == 0 {
		t.Fatal("no pattern to compile: the walk missed them")
	}
	t.Logf("%d patterns, %d of them regular expressions, %d nodes", len(ms), compiled, len(seen))
}

// TestPropertyIndex looks up every property name of every node of the
// compose schema through its hash table, and names that are not there.
func TestPropertyIndex(t *testing.T) {
	seen := map[*node]bool{}
	lookups := 0
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		for _, p := range n.properties {
			lookups++
			if got := n.property(p.name); got != p.n {
				t.Errorf("property(%q) = %p, want %p", p.name, got, p.n)
			}
			for _, other := range []string{p.name + "x", p.name[:len(p.name)-1], strings.ToUpper(p.name)} {
				if got := n.property(other); got != nil && !slices.ContainsFunc(n.properties, func(q property) bool { return q.name == other }) {
					t.Errorf("property(%q) found a node, but there is no such property", other)
				}
			}
			walk(p.n)
		}
		for _, p := range n.patterns {
			walk(p.n)
		}
		for _, s := range slices.Concat(n.allOf, n.anyOf, n.oneOf,
			[]*node{n.ref, n.additional, n.unevaluated, n.items, n.not, n.ifS, n.thenS, n.elseS}) {
			walk(s)
		}
	}
	walk(fast().root)
	if lookups < 300 {
		t.Fatalf("only %d properties looked up: the walk missed nodes", lookups)
	}
	if (&node{}).property("image") != nil {
		t.Error("a node without properties has one")
	}
}

// TestNoReferenceCycle checks that no chain of $ref and in-place
// applicators (allOf, anyOf, oneOf, not, if, then, else) leads back to a
// schema without descending into the value. jsonschema reports such a
// cycle as an error on every value that reaches it; the full evaluation
// does not model it (it would recurse forever), so the schema must not
// have one.
func TestNoReferenceCycle(t *testing.T) {
	if cycle := referenceCycle(fast().root); cycle != "" {
		t.Fatal(cycle)
	}
	for _, tc := range []struct {
		schema string
		cycle  bool
	}{
		{`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}`, true},
		{`{"$defs": {"a": {"not": {"$ref": "#/$defs/a"}}}, "properties": {"p": {"$ref": "#/$defs/a"}}}`, true},
		{`{"$defs": {"a": {"properties": {"p": {"$ref": "#/$defs/a"}}}}, "$ref": "#/$defs/a"}`, false},
		{`{"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "oneOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/a"}]}`, false},
	} {
		if got := referenceCycle(buildFast(tc.schema).root) != ""; got != tc.cycle {
			t.Errorf("%s: cycle %v, want %v", tc.schema, got, tc.cycle)
		}
	}
}

// referenceCycle describes a cycle of in-place subschemas reachable from
// root, or returns "".
func referenceCycle(root *node) string {
	const (
		unseen = iota
		open
		done
	)
	state := map[*node]int{}
	var inPlace, visit func(n *node) string
	children := func(n *node) (same, below []*node) {
		same = append(same, n.ref, n.not, n.ifS, n.thenS, n.elseS)
		same = append(same, n.allOf...)
		same = append(same, n.anyOf...)
		same = append(same, n.oneOf...)
		below = append(below, n.additional, n.unevaluated, n.items)
		for _, p := range n.properties {
			below = append(below, p.n)
		}
		for _, p := range n.patterns {
			below = append(below, p.n)
		}
		return same, below
	}
	// inPlace walks the in-place edges from n depth first; meeting an open
	// node closes a cycle.
	inPlace = func(n *node) string {
		switch state[n] {
		case open:
			return fmt.Sprintf("a schema reaches itself without descending into the value (%p)", n)
		case done:
			return ""
		}
		state[n] = open
		same, _ := children(n)
		for _, s := range same {
			if s != nil {
				if c := inPlace(s); c != "" {
					return c
				}
			}
		}
		state[n] = done
		return ""
	}
	// visit reaches every node and starts inPlace from each.
	seen := map[*node]bool{}
	visit = func(n *node) string {
		if n == nil || seen[n] {
			return ""
		}
		seen[n] = true
		if c := inPlace(n); c != "" {
			return c
		}
		same, below := children(n)
		for _, s := range append(same, below...) {
			if c := visit(s); c != "" {
				return c
			}
		}
		return ""
	}
	return visit(root)
}

// The builder must refuse what it does not model, and the checker must then
// be unsure rather than decide.
func TestFastUnsupportedIsUnsure(t *testing.T) {
	for _, tc := range []struct{ schema, why string }{
		{`{"type": "object", "format": "duration"}`, "keyword format"},
		{`{"$ref": "#/definitions/x"}`, "$ref #/definitions/x"},
		{`{"properties": {"a": {"$id": "x.json"}}}`, "$id below the root"},
		{`{"$schema": "http://json-schema.org/draft-07/schema#"}`, "$schema"},
		{`{"maximum": 1.5}`, "bound 1.5"},
		{`{"pattern": "("}`, "pattern ("},
	} {
		fs := buildFast(tc.schema)
		if len(fs.unsupported) == 0 || !strings.HasPrefix(fs.unsupported[0], tc.why) {
			t.Errorf("%s: unsupported = %q, want %q", tc.schema, fs.unsupported, tc.why)
		}
		if got := check(fs.root, map[string]any{"a": 1}, 0); got != unsure {
			t.Errorf("%s: verdict %d, want unsure", tc.schema, got)
		}
	}
}

// Each keyword of the fast path, on a small schema, against jsonschema's
// verdict: the semantics are checked where they are easy to reason about
// before the corpus checks them at scale.
func TestFastKeywordSemantics(t *testing.T) {
	schema := `{
	  "$schema": "https://json-schema.org/draft/2020-12/schema",
	  "type": "object",
	  "properties": {
	    "n": {"type": "integer", "minimum": 0, "maximum": 10},
	    "x": {"exclusiveMinimum": 0, "exclusiveMaximum": 1},
	    "s": {"type": "string", "pattern": "^[a-z]+$", "minLength": 2, "maxLength": 3},
	    "e": {"enum": ["a", 1, null]},
	    "c": {"const": {"k": [1, "v"]}},
	    "l": {"type": "array", "items": {"type": ["string", "number"]}, "uniqueItems": true, "minItems": 1, "maxItems": 3},
	    "o": {"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "integer"}]},
	    "a": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["k"]}]},
	    "no": {"not": {"type": "null"}},
	    "i": {"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "integer"}},
	    "m": {"type": "object", "minProperties": 1, "maxProperties": 2, "dependentRequired": {"p": ["q"]}},
	    "u": {"allOf": [{"properties": {"k": true}}], "patternProperties": {"^x-": true}, "unevaluatedProperties": false},
	    "ll": {"uniqueItems": true},
	    "es": {"enum": ["1"]},
	    "en": {"enum": [2, "1"]},
	    "cq": {"const": ["7"]}
	  },
	  "additionalProperties": false
	}`
	fs := buildFast(schema)
	if len(fs.unsupported) > 0 {
		t.Fatal(fs.unsupported)
	}
	docs := []string{
		`{}`, `{"zz": 1}`,
		`{"n": 3}`, `{"n": 3.0}`, `{"n": 3.5}`, `{"n": -1}`, `{"n": 10}`, `{"n": 11}`, `{"n": "3"}`,
		`{"x": 0.5}`, `{"x": 0}`, `{"x": 1}`,
		`{"s": "ab"}`, `{"s": "a"}`, `{"s": "abcd"}`, `{"s": "aB"}`, `{"s": "éé"}`,
		`{"e": "a"}`, `{"e": 1.0}`, `{"e": null}`, `{"e": "b"}`, `{"e": false}`,
		`{"c": {"k": [1.0, "v"]}}`, `{"c": {"k": [1, "w"]}}`, `{"c": {"k": [1]}}`,
		`{"l": ["a", 1]}`, `{"l": ["a", "a"]}`, `{"l": [1, 1.0]}`, `{"l": []}`, `{"l": [1, 2, 3, 4]}`, `{"l": [true]}`,
		`{"o": "s"}`, `{"o": 1.5}`, `{"o": 1}`, `{"o": true}`,
		`{"a": "s"}`, `{"a": {"k": 1}}`, `{"a": {}}`, `{"a": 1}`,
		`{"no": 1}`, `{"no": null}`,
		`{"i": "s"}`, `{"i": ""}`, `{"i": 2}`, `{"i": 2.5}`,
		`{"m": {"a": 1}}`, `{"m": {}}`, `{"m": {"a": 1, "b": 2, "c": 3}}`, `{"m": {"p": 1}}`, `{"m": {"p": 1, "q": 2}}`,
		`{"u": {"k": 1, "x-a": 2}}`, `{"u": {"j": 1}}`,
		// jsonschema's equality takes a number for a string spelling it
		// when the number comes second in a list of up to 20 items.
		`{"ll": ["1", 1]}`, `{"ll": [1, "1"]}`, `{"ll": ["0x10", 16]}`, `{"ll": ["1/1", 1]}`, `{"ll": ["1e999999", 1]}`,
		`{"ll": [{"a": ["2"]}, {"a": [2]}]}`, `{"ll": [{"a": [2]}, {"a": ["2"]}]}`,
		`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "20", 20]}`,
		`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "21", 21]}`,
		`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 1.0]}`,
		`{"es": 1}`, `{"en": 1}`, `{"en": "2"}`, `{"cq": [7]}`, `{"cq": ["7"]}`, `{"cq": [7.5]}`,
	}
	// A property unevaluatedProperties rejects is only unsure: the fast path
	// under-approximates which properties were evaluated.
	unsureByDesign := map[string]bool{`{"u": {"j": 1}}`: true}
	full := compileTestSchema(t, schema)
	for _, d := range docs {
		var doc any
		if err := json.Unmarshal([]byte(d), &doc); err != nil {
			t.Fatal(err)
		}
		want := invalid
		if full.Validate(doc) == nil {
			want = valid
		}
		got := check(fs.root, doc, 0)
		if got == unsure && unsureByDesign[d] {
			continue
		}
		if got != want {
			t.Errorf("%s: fast verdict %d, jsonschema %d", d, got, want)
		}
	}
}

// roots are the schema fixtures and, when it is beside the repository, the
// corpus of real-world projects.
func roots() []string {
	if c := testenv.CorpusDir(); c != "" {
		return []string{goldenDir, c}
	}
	return []string{goldenDir}
}

// composeFiles lists the schema fixtures and the corpus's compose files.
func composeFiles(t testing.TB) []string {
	return yamlFiles(roots()...)
}

// yamlFiles lists the YAML files of the schema fixtures and the compose
// files (by name) below the other roots.
func yamlFiles(roots ...string) []string {
	var files []string
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			base := d.Name()
			if (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) &&
				(strings.Contains(base, "compose") || root == goldenDir) {
				files = append(files, path)
			}
			return nil
		})
	}
	return files
}

// loadDocs parses files into interpolated documents, skipping what the
// loader rejects before validation.
func loadDocs(t testing.TB, files []string) map[string]any {
	docs := map[string]any{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse(f, data)
		if err != nil || p.doc == nil || !stringKeys(p.doc) {
			continue
		}
		docs[f] = interpolated(p.doc)
	}
	return docs
}

func anywhere([]string, bool) diag.Range {
	return diag.Range{File: "f", Start: diag.Pos{Line: 1, Col: 1}, End: diag.Pos{Line: 1, Col: 2}}
}

// testMapping is a Mapping in sorted key order.
type testMapping []struct {
	k string
	v any
}

func (m testMapping) Len() int                  { return len(m) }
func (m testMapping) Entry(i int) (string, any) { return m[i].k, m[i].v }

// asMapping is doc with every map[string]any a Mapping, every string a
// *string and every list a *[]any, as the loader builds documents.
func asMapping(doc any) any {
	switch d := doc.(type) {
	case string:
		return &d
	case map[string]any:
		m := testMapping{}
		for _, k := range slices.Sorted(maps.Keys(d)) {
			m = append(m, struct {
				k string
				v any
			}{k, asMapping(d[k])})
		}
		return m
	case []any:
		out := make([]any, len(d))
		for i, e := range d {
			out[i] = asMapping(e)
		}
		return &out
	}
	return doc
}

// fastVerdict is the fast path's answer with its certain "invalid" kept.
func fastVerdict(doc any) verdict {
	if !plain(doc, 0) {
		return unsure
	}
	return check(fast().root, doc, 0)
}

// agree checks the fast path's verdict on doc against the full validation:
// valid must mean no diagnostic and invalid at least one. It returns
// whether the full validation accepted doc.
func agree(t *testing.T, name string, doc any) (fullValid bool, v verdict) {
	t.Helper()
	v = fastVerdict(doc)
	if vm := fastVerdict(asMapping(doc)); vm != v {
		t.Errorf("%s: the fast path says %v of the document as Mappings, %v of it as maps", name, vm, v)
	}
	fullValid = len(validateFull(doc, anywhere)) == 0
	if !fullValid {
		if a, b := render(Validate(asMapping(doc), anywhere)), render(Validate(doc, anywhere)); a != b {
			t.Errorf("%s: as Mappings:\n%s\nas maps:\n%s", name, a, b)
		}
	}
	switch {
	case v == valid && !fullValid:
		t.Errorf("%s: the fast path says valid, the full validation reports:\n%s", name, render(validateFull(doc, anywhere)))
	case v == invalid && fullValid:
		t.Errorf("%s: the fast path says invalid, the full validation accepts it", name)
	}
	return fullValid, v
}

// TestFastSoundOnCorpus is the differential proof: on every fixture, every
// corpus compose file and mutations of each, the fast path never accepts
// what the full validation rejects (nor rejects what it accepts), and it
// is certain on the valid files of the corpus.
func TestFastSoundOnCorpus(t *testing.T) {
	docs := loadDocs(t, composeFiles(t))
	if len(docs) < 10 {
		t.Fatalf("only %d documents found", len(docs))
	}
	var validDocs, certain int
	var uncertain []string
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		if ok, v := agree(t, name, docs[name]); ok {
			validDocs++
			if v == valid {
				certain++
			} else {
				uncertain = append(uncertain, name)
			}
		}
	}
	t.Logf("files: %d documents, %d valid, fast path certain on %d", len(docs), validDocs, certain)
	if certain < validDocs {
		t.Errorf("the fast path is unsure on valid files: %q", uncertain)
	}

	// Twenty mutations per location in CI (REACHLINT_LONG=1), five in a
	// plain go test run.
	perDoc := 5
	if testenv.Long() {
		perDoc = 20
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var n, mValid, mCertain, mInvalid, mRejected int
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		for _, m := range mutations(docs[name], rng, perDoc) {
			n++
			ok, v := agree(t, name+" with "+m.what, m.doc)
			switch {
			case ok:
				mValid++
				if v == valid {
					mCertain++
				}
			default:
				mInvalid++
				if v == invalid {
					mRejected++
				}
			}
		}
	}
	t.Logf("mutations: %d, %d valid (fast path certain on %d), %d invalid (fast path certain on %d)",
		n, mValid, mCertain, mInvalid, mRejected)
	// The comparison means something only if the mutations break documents
	// in ways both validators see.
	if mInvalid < n/4 || mRejected < mInvalid/2 {
		t.Errorf("mutations too weak: %d of %d invalid, %d certainly", mInvalid, n, mRejected)
	}
}

type mutation struct {
	what string
	doc  any
}

// mutations returns up to perPath mutated copies of doc per sampled
// location: keys dropped or renamed (also to names no pattern allows),
// values of another type, values outside an enum or pattern, duplicated
// list items, fractions and negatives where integers go.
func mutations(doc any, rng *rand.Rand, paths int) []mutation {
	var all [][]any // paths as keys (string) and indices (int)
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		all = append(all, slices.Clone(path))
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k], append(path, k))
			}
		case []any:
			for i, e := range v {
				walk(e, append(path, i))
			}
		}
	}
	walk(doc, nil)
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	var out []mutation
	for _, path := range all[:min(paths, len(all))] {
		at := fmt.Sprint(path)
		cur := get(doc, path)
		var vals []any
		switch c := cur.(type) {
		case string:
			vals = []any{12345, "bogus-enum-value", "bad name!", "", true}
		case bool:
			vals = []any{"maybe", 1}
		case nil:
			vals = []any{[]any{}, "x"}
		case map[string]any:
			vals = []any{"str", []any{"a"}, map[string]any{}, map[string]any{"unknown_key": 1}}
			if len(c) > 0 {
				k := slices.Sorted(maps.Keys(c))[0]
				d := deepCopy(c).(map[string]any)
				d[k+"_typo"] = d[k]
				delete(d, k)
				vals = append(vals, d)
			}
		case []any:
			vals = []any{"str", map[string]any{"a": "b"}, []any{}, []any{nil}}
			if len(c) > 0 {
				vals = append(vals, append(deepCopy(c).([]any), deepCopy(c[0])))
			}
		default:
			vals = []any{"notanumber", 1.5, -5, 1e12}
		}
		for _, v := range vals {
			out = append(out, mutation{fmt.Sprintf("%s = %#v", at, v), set(doc, path, v)})
		}
		if len(path) > 0 {
			out = append(out, mutation{at + " dropped", set(doc, path, dropMarker{})})
			if k, ok := path[len(path)-1].(string); ok {
				out = append(out, mutation{at + " renamed", rename(doc, path, k+"x")})
				out = append(out, mutation{at + " renamed badly", rename(doc, path, "bad key!")})
			}
		}
	}
	return out
}

type dropMarker struct{}

func get(v any, path []any) any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// set returns a copy of doc with the value at path replaced (or removed,
// for dropMarker).
func set(doc any, path []any, val any) any {
	if len(path) == 0 {
		return val
	}
	c := deepCopy(doc)
	parent := get(c, path[:len(path)-1])
	switch p := path[len(path)-1].(type) {
	case string:
		m := parent.(map[string]any)
		if _, drop := val.(dropMarker); drop {
			delete(m, p)
		} else {
			m[p] = val
		}
	case int:
		l := parent.([]any)
		if _, drop := val.(dropMarker); drop {
			// A list cannot shrink in place; replace the parent.
			return set(c, path[:len(path)-1], slices.Delete(slices.Clone(l), p, p+1))
		}
		l[p] = val
	}
	return c
}

func rename(doc any, path []any, to string) any {
	c := deepCopy(doc)
	m := get(c, path[:len(path)-1]).(map[string]any)
	k := path[len(path)-1].(string)
	m[to] = m[k]
	delete(m, k)
	return c
}

// The fast path must see the values normalize would report, and whatever
// it does not model, as unsure.
func TestFastUnsureOnOddValues(t *testing.T) {
	svc := func(v any) any {
		return map[string]any{"services": map[string]any{"a": map[string]any{"image": "x", "x-any": v}}}
	}
	for _, v := range []any{float32(1), map[any]any{1: 2}, "\xff", struct{}{}, []any{[]any{nan()}}} {
		if fastValid(svc(v)) {
			t.Errorf("%#v: the fast path accepts a value it does not model", v)
		}
	}
	if !fastValid(svc([]any{1, "s", nil, true, map[string]any{"k": int64(2)}})) {
		t.Error("the fast path is unsure about plain values")
	}
}

// TestValidCorpusTakesFastPath proves the point of the fast path at process
// level: a fresh process that validates every valid document through
// Validate never runs the full evaluation. It runs on the repository's own
// fixtures (every compose file under testdata) and, when it is beside the
// repository, on the corpus of real-world projects.
func TestValidCorpusTakesFastPath(t *testing.T) {
	if set := os.Getenv("REACHLINT_SCHEMA_CHILD"); set != "" {
		var files []string
		if set == "corpus" {
			files = yamlFiles(testenv.Corpus(t))
		} else {
			files = yamlFiles(goldenDir, filepath.Join("..", "..", "testdata"))
		}
		docs := loadDocs(t, files)
		n := 0
		for _, name := range slices.Sorted(maps.Keys(docs)) {
			doc := docs[name]
			// compose-go's own validation picks the valid files.
			if composeValidate(doc) != nil {
				continue
			}
			n++
			// As decoded, and as the loader hands it (Mappings, strings by
			// pointer).
			for _, d := range []any{doc, asMapping(doc)} {
				if ds := Validate(d, anywhere); len(ds) > 0 {
					t.Errorf("%s: %s", name, render(ds))
				}
			}
		}
		if fullValidations.Load() != 0 {
			t.Errorf("%d documents took the full evaluation", fullValidations.Load())
		}
		if n < 10 {
			t.Errorf("only %d valid documents", n)
		}
		fmt.Printf("validated %d valid documents on the fast path\n", n)
		return
	}
	for _, set := range []string{"fixtures", "corpus"} {
		t.Run(set, func(t *testing.T) {
			if set == "corpus" {
				testenv.Corpus(t)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestValidCorpusTakesFastPath$", "-test.v")
			cmd.Env = append(os.Environ(), "REACHLINT_SCHEMA_CHILD="+set)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "on the fast path") {
				t.Fatalf("child process: %v\n%s", err, out)
			}
			t.Log(strings.TrimSpace(string(out)))
		})
	}
}

// BenchmarkFastBuild builds the compose schema's nodes from scratch: what
// the first Validate in a process paid before the nodes were generated
// (nodes_gen.go; it paid BenchmarkCompile too when a document was not
// valid, before reachlint had its own full evaluation). Now only `go
// generate` and the tests pay it.
func BenchmarkFastBuild(b *testing.B) {
	for b.Loop() {
		if fs := buildFast(specJSON); len(fs.unsupported) > 0 {
			b.Fatal(fs.unsupported)
		}
	}
}

func benchDoc(b *testing.B, fixture string) any {
	data, err := os.ReadFile(filepath.Join(goldenDir, fixture, "compose.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := parse("compose.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	return p.doc
}

// BenchmarkValidateFast is Validate on a valid document: the fast path.
func BenchmarkValidateFast(b *testing.B) {
	doc := benchDoc(b, "valid-basic")
	if !fastValid(doc) {
		b.Fatal("the fast path does not accept valid-basic")
	}
	for b.Loop() {
		Validate(doc, anywhere)
	}
}

// BenchmarkValidateFull is the same document through the full evaluation.
func BenchmarkValidateFull(b *testing.B) {
	doc := benchDoc(b, "valid-basic")
	validateFull(doc, anywhere)
	b.ResetTimer()
	for b.Loop() {
		validateFull(doc, anywhere)
	}
}

// BenchmarkOracleFull is the same document through jsonschema's compiled
// schema, the full validation before reachlint had its own.
func BenchmarkOracleFull(b *testing.B) {
	doc := benchDoc(b, "valid-basic")
	oracleValidate(doc, anywhere)
	b.ResetTimer()
	for b.Loop() {
		oracleValidate(doc, anywhere)
	}
}

// BenchmarkValidateFastCorpus validates every valid corpus document once
// per iteration through the fast path.
func BenchmarkValidateFastCorpus(b *testing.B) {
	var docs []any
	for _, d := range loadDocs(b, composeFiles(b)) {
		if fastValid(d) {
			docs = append(docs, d)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Validate(d, anywhere)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

func nan() float64 { return math.NaN() }

func compileTestSchema(t testing.TB, schema string) *jsonschema.Schema {
	t.Helper()
	s, _ := compileTestSchemaAt(t, schema, "test.json")
	return s
}

// compileTestSchemaAt compiles schema with jsonschema as the resource url,
// returning the compiled schema and the decoded document.
func compileTestSchemaAt(t testing.TB, schema, url string) (*jsonschema.Schema, any) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s, doc
}

// TestDecodeJSONMatchesEncodingJSON holds the fast path's JSON decoder to
// encoding/json (with UseNumber): on the embedded schema, and on the
// strings and numbers it takes shortcuts for.
func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	for _, text := range []string{
		specJSON,
		` {"a": [1, -0.5e+3, 0, 2E-2, true, false, null, {}, []], "b\u00e9\n": "x\"y\\u0041", "c": "é", "a": 2} `,
		`"\ud83d\ude00 \u0000"`, "\"bad \xff byte\"", `[1,]`, `{"a" 1}`, `01`, `-`, `1.`, `1e`, `"tab	"`, `[] x`, `{"a":1`, `"\`,
	} {
		want, wantErr := func() (any, error) {
			d := json.NewDecoder(strings.NewReader(text))
			d.UseNumber()
			var v any
			if err := d.Decode(&v); err != nil {
				return nil, err
			}
			if strings.TrimLeft(text[d.InputOffset():], " \t\r\n") != "" {
				return nil, fmt.Errorf("trailing data")
			}
			return v, nil
		}()
		got, err := decodeJSON(text)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%.40q: error %v, encoding/json: %v", text, err, wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%.40q: decoded differently:\n%v\n%v", text, got, want)
		}
	}
}

// FuzzSimplePatterns: each pattern tested without regexp matches what
// regexp matches.
func FuzzSimplePatterns(f *testing.F) {
	for _, s := range []string{"", "a", "x-y", "a\n", "\n", "\n\n", "\nb", "Web_1.2-x", "web 1", "é", "\xff", "abc", "aBc"} {
		f.Add(s)
	}
	res := map[string]*regexp.Regexp{}
	for src := range simplePatterns {
		res[src] = regexp.MustCompile(src)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for src, fn := range simplePatterns {
			if got, want := fn(s), res[src].MatchString(s); got != want {
				t.Fatalf("%q on %q: %v, regexp %v", src, s, got, want)
			}
		}
	})
}
