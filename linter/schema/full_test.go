package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/linter/diag"
)

// pathLocate spells the instance path and the key flag as the range's file,
// so that comparing rendered diagnostics compares where each one points.
func pathLocate(path []string, key bool) diag.Range {
	f := "/" + strings.Join(path, "/")
	if key {
		f += " (key)"
	}
	return diag.Range{File: f, Start: diag.Pos{Line: 1, Col: 1}, End: diag.Pos{Line: 1, Col: 2}}
}

// oracleVerdict is jsonschema's verdict on doc, normalized as compose-go
// normalizes it.
func oracleVerdict(sch *jsonschema.Schema, doc any) bool {
	var c collector
	return sch.Validate(c.normalize(doc, nil)) == nil
}

// evaluateDoc is the full evaluation's verdict and violations on doc.
func evaluateDoc(fs *fastSchema, doc any) (bool, []leaf) {
	var c collector
	ok, leaves, _ := new(evaluation).evaluate(fs.root, c.normalize(doc, nil), nil, false)
	return ok, leaves
}

// differential compares the full evaluation of doc with the oracle, and
// Validate (the fast path first) with it for the compose schema: the same
// diagnostics in the same order, and the same verdict as jsonschema's.
type differential struct {
	fs    *fastSchema
	sch   *jsonschema.Schema
	raw   any
	kinds map[leafKind]int // violations shown, by kind
	n     int              // documents compared
	bad   int              // of which invalid
}

func composeDifferential(t testing.TB) *differential {
	sch, raw, err := load()
	if err != nil {
		t.Fatal(err)
	}
	return &differential{fs: fast(), sch: sch, raw: raw, kinds: map[leafKind]int{}}
}

func (d *differential) compare(t *testing.T, name string, doc any, locate func([]string, bool) diag.Range) {
	t.Helper()
	if doc == nil {
		return
	}
	d.n++
	want := render(oracleDiagnostics(d.sch, d.raw, doc, locate))
	if got := render(d.fs.diagnostics(doc, locate)); got != want {
		t.Errorf("%s: the full evaluation differs from the oracle\n--- got\n%s--- want\n%s", name, got, want)
	}
	if d.fs == fast() {
		if got := render(Validate(doc, locate)); got != want {
			t.Errorf("%s: Validate differs from the oracle\n--- got\n%s--- want\n%s", name, got, want)
		}
	}
	ok, leaves := evaluateDoc(d.fs, doc)
	if wantOK := oracleVerdict(d.sch, doc); ok != wantOK {
		t.Errorf("%s: the full evaluation says valid=%v, jsonschema %v", name, ok, wantOK)
	}
	if !ok {
		d.bad++
	}
	for _, l := range leaves {
		d.kinds[l.kind]++
	}
}

// allYAML lists every YAML file below the roots.
func allYAML(roots ...string) []string {
	var files []string
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && (strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
				files = append(files, path)
			}
			return nil
		})
	}
	return files
}

// TestMatchesOracle is the proof that the validator replaced jsonschema
// without changing a diagnostic: on every YAML file of the repository's
// testdata (the schema cases, every rule fixture, whatever else parses),
// every compose file of the corpus when it is there, both as written and
// interpolated, and mutations of each, the diagnostics equal those the
// oracle (jsonschema's error tree through the old report.go) gives, with
// their ranges, and the verdict equals jsonschema's.
func TestMatchesOracle(t *testing.T) {
	files := allYAML(filepath.Join("..", "..", "testdata"))
	if c := testenv.CorpusDir(); c != "" {
		files = append(files, yamlFiles(c)...)
	}
	d := composeDifferential(t)
	docs := map[string]any{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse(f, data)
		if err != nil || p.doc == nil {
			continue
		}
		d.compare(t, f, p.doc, p.locate)
		doc := interpolated(p.doc)
		d.compare(t, f+" interpolated", doc, p.locate)
		if stringKeys(doc) {
			docs[f] = doc
		}
	}
	for i, text := range composeExtras {
		name := fmt.Sprintf("composeExtras[%d]", i)
		p, err := parse(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d.compare(t, name, p.doc, p.locate)
		docs[name] = p.doc
	}
	fromFiles, invalidFiles := d.n, d.bad
	if fromFiles < 300 || invalidFiles < 20 {
		t.Fatalf("only %d documents, %d invalid: the comparison needs more", fromFiles, invalidFiles)
	}

	perDoc := 3
	if testenv.Long() {
		perDoc = 20
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		for _, m := range mutations(docs[name], rng, perDoc) {
			d.compare(t, name+" with "+m.what, m.doc, pathLocate)
		}
	}
	t.Logf("%d documents from files (%d invalid), %d mutations (%d invalid); violations shown by kind: %v",
		fromFiles, invalidFiles, d.n-fromFiles, d.bad-invalidFiles, d.kinds)
	// Every kind of violation the compose schema can produce is compared
	// (it has no const, not, if, dependentRequired, string lengths,
	// exclusive bounds, item or property counts: TestKeywordsMatchOracle
	// covers those).
	for _, k := range []leafKind{kType, kUnevaluated, kAdditional, kRequired, kEnum, kPattern, kMinimum, kMaximum, kUnique} {
		if d.kinds[k] == 0 {
			t.Errorf("no violation of kind %d compared", k)
		}
	}
}

// composeExtras reach what neither the fixtures nor their mutations do: the
// bounds, alternatives of which several match or none, nested.
var composeExtras = []string{
	"services:\n  a:\n    image: x\n    oom_score_adj: -2000\n    cpu_percent: 150\n    cpu_count: -1\n    umask: 4294967296\n",
	"services:\n  a:\n    image: x\n    oom_score_adj: 1.5\n    cpu_percent: \"50\"\n    cpus: [1]\n",
	"services:\n  a:\n    image: x\n    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: -1\n      - type: bind\n        source: .\n        target: /b\n        bind: {selinux: q, propagation: 1}\n",
	"services:\n  a:\n    image: x\n    ports:\n      - {target: 80, published: [1], protocol: 5}\n      - 80\n      - 80\n    ulimits:\n      nofile: {soft: -1, hard: x}\n",
	"services:\n  a:\n    image: x\n    networks:\n      n: {aliases: [a, a], ipv4_address: 1}\n    depends_on:\n      b: {condition: service_healty}\n  b:\n    image: y\n",
	"services:\n  a:\n    image: x\n    expose: [\"3000\", 3000, \"0x10\", 16]\n    ports: [80, \"80\"]\n    dns_opt: [\"1\", 1]\n",
	"name: p\njobs:\n  j:\n    image: x\n    triggers: {}\n    bogus: 1\nservices:\n  a:\n    build: {context: ., dockerfile: 1, args: [1]}\n    pre_start: [{command: x, bogus: 1, user: 1}]\n",
}

// keywordSchema uses every keyword the validators implement, and the
// constructs that make unevaluatedProperties and the choice between
// alternatives subtle.
const keywordSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "n": {"type": "integer", "minimum": 0, "maximum": 10},
    "x": {"exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "s": {"type": "string", "pattern": "^[a-z]+$", "minLength": 2, "maxLength": 3},
    "e": {"enum": ["alpha", "beta", 1.0, null, [1], "2", {"k": "3"}]},
    "es": {"enum": ["1", "x"]},
    "c7": {"const": ["7"]},
    "ll": {"type": "array", "uniqueItems": true},
    "c": {"const": {"k": [1, "v"]}},
    "cs": {"const": "fixed"},
    "l": {"type": "array", "items": {"type": ["string", "number"]}, "uniqueItems": true, "minItems": 1, "maxItems": 3},
    "o": {"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "integer"}]},
    "a": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["k"]}]},
    "no": {"not": {"type": "null"}},
    "i": {"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "integer"}},
    "m": {"type": "object", "minProperties": 1, "maxProperties": 2, "dependentRequired": {"p": ["q", "r"]}},
    "u": {
      "allOf": [{"properties": {"k": true}}, {"$ref": "#/$defs/named"}],
      "anyOf": [{"properties": {"a1": {"type": "string"}}}, {"properties": {"a2": true}}],
      "oneOf": [{"properties": {"o1": true}, "required": ["o1"]}, {"properties": {"o2": {"type": "integer"}}}],
      "if": {"properties": {"f": {"const": 1}}, "required": ["f"]},
      "then": {"properties": {"t": true}},
      "else": {"properties": {"el": true}},
      "patternProperties": {"^x-": true},
      "unevaluatedProperties": false
    },
    "v": {"$ref": "#/$defs/closed"},
    "w": {"patternProperties": {"^[a-z]+$": {"type": "string"}}, "additionalProperties": false},
    "f": false,
    "g": {"additionalProperties": {"$ref": "#/$defs/never"}},
    "h": {"properties": {"a": true}, "unevaluatedProperties": {"type": "string"}},
    "ho": {"allOf": [{"additionalProperties": true}], "unevaluatedProperties": false},
    "nest": {"type": "object", "properties": {"deep": {"oneOf": [
      {"type": "object", "properties": {"p": {"type": "string"}, "q": {"enum": ["one", "two"]}}, "additionalProperties": false},
      {"type": "array", "items": {"type": "string"}}
    ]}}},
    "alt": {"anyOf": [{"type": "string"}, {"type": "boolean"}, {"type": "array", "minItems": 2}]},
    "d": {"type": "object", "properties": {"image": {"type": "string"}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}
  },
  "additionalProperties": false,
  "$defs": {
    "named": {"properties": {"name": {"type": "string"}}},
    "closed": {"type": "object", "properties": {"image": {"type": "string"}, "build": true}, "patternProperties": {"^x-": {}}, "additionalProperties": false},
    "never": false
  }
}`

// keywordDocs are documents for keywordSchema, valid and not.
var keywordDocs = []string{
	`{}`, `{"zz": 1}`, `{"image": "x"}`, `[]`, `"s"`, `null`,
	`{"n": 3}`, `{"n": 3.0}`, `{"n": 3.5}`, `{"n": -1}`, `{"n": 10}`, `{"n": 11}`, `{"n": "3"}`, `{"n": 1e300}`, `{"n": -1e21}`,
	`{"x": 0.5}`, `{"x": 0}`, `{"x": 1}`, `{"x": -0.25}`, `{"x": 2.5}`,
	`{"s": "ab"}`, `{"s": "a"}`, `{"s": "abcd"}`, `{"s": "aB"}`, `{"s": "éé"}`, `{"s": "ÉÉÉÉ"}`,
	`{"e": "alpha"}`, `{"e": 1.0}`, `{"e": null}`, `{"e": "alpah"}`, `{"e": "zzz"}`, `{"e": false}`, `{"e": [1]}`, `{"e": 2}`,
	`{"e": 2}`, `{"e": "2"}`, `{"e": {"k": 3}}`, `{"e": {"k": "3"}}`, `{"es": 1}`, `{"c7": [7]}`, `{"c7": ["7.0"]}`, `{"c7": [7.5]}`,
	`{"ll": ["1", 1]}`, `{"ll": [1, "1"]}`, `{"ll": ["0x10", 16]}`, `{"ll": ["1/1", 1]}`, `{"ll": ["1e3", 1000]}`, `{"ll": [" 1", 1]}`,
	`{"ll": ["1e99999", 1, "1e-99999", 0, "0e99999", "0x1p4", 16, "1_0", 10, "0b11", 3, "0o7", 7, "inf", 1e308, "+.5", 0.5]}`,
	`{"ll": ["0x1p-1074", 5e-324, "1e-400", 0]}`, `{"ll": ["0.30000000000000004", 0.30000000000000004]}`, `{"ll": ["0.3", 0.30000000000000004]}`,
	`{"ll": [{"a": ["2"]}, {"a": [2]}]}`, `{"ll": [{"a": [2]}, {"a": ["2"]}]}`, `{"ll": [0, -0.0]}`, `{"ll": ["0.1", 0.1]}`,
	`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "20", 20]}`,
	`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, "21", 21]}`,
	`{"ll": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 21.0, 1]}`,
	`{"c": {"k": [1.0, "v"]}}`, `{"c": {"k": [1, "w"]}}`, `{"c": {"k": [1]}}`, `{"cs": "fixed"}`, `{"cs": "fixes"}`, `{"cs": 7}`,
	`{"l": ["a", 1]}`, `{"l": ["a", "a"]}`, `{"l": [1, 1.0]}`, `{"l": []}`, `{"l": [1, 2, 3, 4]}`, `{"l": [true]}`, `{"l": [1, 2, 1, 2]}`,
	`{"o": "s"}`, `{"o": 1.5}`, `{"o": 1}`, `{"o": true}`,
	`{"a": "s"}`, `{"a": {"k": 1}}`, `{"a": {}}`, `{"a": 1}`,
	`{"no": 1}`, `{"no": null}`,
	`{"i": "s"}`, `{"i": ""}`, `{"i": 2}`, `{"i": 2.5}`,
	`{"m": {"a": 1}}`, `{"m": {}}`, `{"m": {"a": 1, "b": 2, "c": 3}}`, `{"m": {"p": 1}}`, `{"m": {"p": 1, "q": 2}}`,
	`{"u": {"k": 1, "x-a": 2}}`, `{"u": {"j": 1}}`, `{"u": {"name": 1, "j": 1}}`, `{"u": {"name": "n", "kk": 1}}`,
	`{"u": {"a1": "s", "a2": 1}}`, `{"u": {"a1": 1}}`, `{"u": {"a1": 1, "a2": 1}}`,
	`{"u": {"o1": 1}}`, `{"u": {"o2": 1}}`, `{"u": {"o2": "s"}}`, `{"u": {"o1": 1, "o2": 2}}`,
	`{"u": {"f": 1, "t": 1}}`, `{"u": {"f": 1, "el": 1}}`, `{"u": {"f": 2, "el": 1}}`, `{"u": {"f": 2, "t": 1}}`,
	`{"v": {"image": "i", "x-y": 1}}`, `{"v": {"imgae": "i"}}`, `{"v": {"other": 1}}`, `{"v": {"image": 1, "bild": 2}}`, `{"v": 3}`,
	`{"w": {"abc": "s"}}`, `{"w": {"ABC": "s"}}`, `{"w": {"abc": 1, "A-B": 2}}`,
	`{"f": 1}`, `{"f": null}`, `{"g": {}}`, `{"g": {"a": 1}}`,
	`{"h": {"a": 1, "b": "s"}}`, `{"h": {"a": 1, "b": 2}}`,
	`{"ho": {"anything": 1}}`,
	`{"nest": {"deep": {"p": "s"}}}`, `{"nest": {"deep": {"p": 1}}}`, `{"nest": {"deep": {"pp": 1}}}`, `{"nest": {"deep": {"q": "three"}}}`,
	`{"nest": {"deep": ["a", 1]}}`, `{"nest": {"deep": 5}}`, `{"nest": {"deep": {"p": 1, "q": 1}}}`,
	`{"alt": "s"}`, `{"alt": 1}`, `{"alt": [1]}`, `{"alt": [1, 2]}`, `{"alt": {}}`,
	`{"d": {"image": "i"}}`, `{"d": {"imag": "i"}}`, `{"d": {"zzz": 1}}`,
	`{"cc": {"image": "x"}}`, `{"service": {"build": "."}}`,
}

func keywordDifferential(t testing.TB) *differential {
	fs := buildFast(keywordSchema)
	if len(fs.unsupported) > 0 {
		t.Fatal(fs.unsupported)
	}
	sch, raw := compileTestSchemaAt(t, keywordSchema, "keywords.json")
	return &differential{fs: fs, sch: sch, raw: raw, kinds: map[leafKind]int{}}
}

func decodeDoc(t testing.TB, text string) any {
	var doc any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return doc
}

// TestKeywordsMatchOracle runs the differential comparison on a schema that
// uses every implemented keyword, including those the compose schema does
// not use (yet), so that a compose-go upgrade that starts using one keeps
// its messages.
func TestKeywordsMatchOracle(t *testing.T) {
	d := keywordDifferential(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, text := range keywordDocs {
		doc := decodeDoc(t, text)
		d.compare(t, text, doc, pathLocate)
		if _, ok := doc.(map[string]any); ok {
			for _, m := range mutations(doc, rng, 10) {
				d.compare(t, text+" with "+m.what, m.doc, pathLocate)
			}
		}
	}
	t.Logf("%d documents, %d invalid; violations shown by kind: %v", d.n, d.bad, d.kinds)
	for k := kType; k <= kNot; k++ {
		if d.kinds[k] == 0 && k != kOneOfNone && k != kAnyOf {
			t.Errorf("no violation of kind %d compared", k)
		}
	}
}

// FuzzKeywords compares the full evaluation with the oracle on JSON
// documents for keywordSchema.
func FuzzKeywords(f *testing.F) {
	for _, d := range keywordDocs {
		f.Add([]byte(d))
	}
	d := keywordDifferential(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc any
		if json.Unmarshal(data, &doc) != nil {
			return
		}
		d.compare(t, fmt.Sprintf("%q", data), doc, pathLocate)
	})
}
