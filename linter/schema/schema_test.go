package schema

import (
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	interp "github.com/compose-spec/compose-go/v2/interpolation"
	composeschema "github.com/compose-spec/compose-go/v2/schema"
	"github.com/compose-spec/compose-go/v2/template"

	"github.com/reachlint/reachlint/linter/diag"
)

var update = flag.Bool("update", false, "rewrite the expected.out golden files and compose-spec.json")

const goldenDir = "../../testdata/schema"

// TestGolden validates every testdata/schema/<case>/compose.yaml and compares
// the diagnostics, with line and column, to <case>/expected.out.
func TestGolden(t *testing.T) {
	cases, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range cases {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(goldenDir, e.Name())
			data, err := os.ReadFile(filepath.Join(dir, "compose.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := parse("compose.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			doc := interpolated(p.doc)
			got := render(Validate(doc, p.locate))
			want := filepath.Join(dir, "expected.out")
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(exp) {
				t.Errorf("diagnostics differ from %s\n--- got\n%s--- want\n%s", want, got, exp)
			}
			// Fixtures named valid-* must be accepted by compose-go too, and
			// the others rejected: the golden files cannot drift from Compose.
			composeErr := composeValidate(doc)
			if strings.HasPrefix(e.Name(), "valid") != (composeErr == nil) {
				t.Errorf("fixture name disagrees with compose-go (error: %v)", composeErr)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d golden cases found in %s", n, goldenDir)
	}
}

// interpolated substitutes variables as compose-go does before validating,
// with no variable set, so defaults apply and the rest become empty.
func interpolated(doc any) any {
	m, ok := doc.(map[string]any)
	if !ok {
		return doc
	}
	out, err := interp.Interpolate(m, interp.Options{
		LookupValue: func(string) (string, bool) { return "", false },
		Substitute: func(s string, m template.Mapping) (string, error) {
			return template.SubstituteWithOptions(s, m, template.WithoutLogging)
		},
	})
	if err != nil {
		// ${VAR:?msg} fails without a value; validate the text as written.
		return doc
	}
	return out
}

// composeValidate runs compose-go's own schema validation, which (like the
// loader) requires a mapping at the top.
func composeValidate(doc any) (err error) {
	if doc == nil {
		return nil // the loader skips an empty document
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return errNotMapping
	}
	return composeschema.Validate(m)
}

var errNotMapping = &notMapping{}

type notMapping struct{}

func (*notMapping) Error() string { return "top-level object must be a mapping" }

// checkAgainstCompose asserts the promise of Validate: at least one
// diagnostic exactly when compose-go rejects the document, each with a valid
// range.
func checkAgainstCompose(t *testing.T, name string, data []byte) {
	t.Helper()
	p, err := parse(name, data)
	if err != nil {
		return // a YAML error is the loader's diagnostic, not ours
	}
	// The diagnostics are those the oracle (jsonschema and the old
	// report.go) gives, and the verdict is jsonschema's.
	d := composeDifferential(t)
	d.compare(t, name, p.doc, p.locate)
	d.compare(t, name+" interpolated", interpolated(p.doc), p.locate)
	if !stringKeys(p.doc) {
		return // compose-go rejects non-string keys before validating
	}
	doc := interpolated(p.doc)
	if doc != nil {
		sameVerdict(t, name, doc)
		// The fast path's certain answers agree with the full validation,
		// which Validate skips when the fast path accepts.
		if _, v := agree(t, name, doc); v == valid && composeValidate(doc) != nil {
			t.Errorf("%s: the fast path accepts what compose-go rejects: %v", name, composeValidate(doc))
		}
	}
	ds := Validate(doc, p.locate)
	checkMemo(t, name, doc, p.locate, ds)
	composeErr := composeValidate(doc)
	if (composeErr != nil) != (len(ds) > 0) {
		t.Errorf("%s: compose-go says %v, we report %d diagnostics:\n%s", name, composeErr, len(ds), render(ds))
	}
	for _, d := range ds {
		if d.Rule != Rule || d.Severity != diag.Error || !d.Range.IsValid() || !d.Range.Start.IsValid() || d.Message == "" {
			t.Errorf("%s: malformed diagnostic %+v", name, d)
		}
	}
}

// checkMemo validates doc with its services as shared mappings, twice
// with one Memo (the second time in a document of its own that holds the
// same services), and wants what Validate found, want, both times.
func checkMemo(t *testing.T, name string, doc any, locate func([]string, bool) diag.Range, want []diag.Diagnostic) {
	t.Helper()
	root, ok := doc.(map[string]any)
	if !ok {
		return
	}
	svcs, ok := root["services"].(map[string]any)
	if !ok {
		return
	}
	shared := map[string]any{}
	for n, s := range svcs {
		m, ok := s.(map[string]any)
		if !ok {
			shared[n] = s
			continue
		}
		var kv []any
		for _, k := range slices.Sorted(maps.Keys(m)) {
			kv = append(kv, k, m[k])
		}
		shared[n] = newShared(kv...)
	}
	var memo Memo
	for i := range 2 {
		again := maps.Clone(root)
		again["services"] = maps.Clone(shared)
		got := memo.Validate(again, locate)
		if !slices.EqualFunc(got, want, sameDiag) {
			t.Errorf("%s: with shared services, pass %d finds\n%s\nValidate\n%s", name, i, render(got), render(want))
		}
	}
}

func stringKeys(v any) bool {
	switch v := v.(type) {
	case map[any]any:
		return false
	case map[string]any:
		for _, e := range v {
			if !stringKeys(e) {
				return false
			}
		}
	case []any:
		for _, e := range v {
			if !stringKeys(e) {
				return false
			}
		}
	}
	return true
}

// TestAgreesWithComposeOnCorpus runs the differential check over every
// fixture and every compose file of the shared corpus of real projects.
func TestAgreesWithComposeOnCorpus(t *testing.T) {
	var files []string
	for _, root := range roots() {
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			base := d.Name()
			if (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) &&
				(strings.Contains(base, "compose") || strings.HasPrefix(path, goldenDir)) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Fatalf("only %d files found", len(files))
	}
	rejected := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstCompose(t, f, data)
		if p, err := parse(f, data); err == nil && composeValidate(interpolated(p.doc)) != nil {
			rejected++
		}
	}
	t.Logf("%d files, %d rejected by compose-go", len(files), rejected)
}

func FuzzValidate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(goldenDir, "*", "compose.yaml"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("services: {a: {ports: [.nan, .inf]}}"))
	f.Add([]byte("- 1\n- 2\n"))
	f.Add([]byte("services:\n  a: &x\n    image: i\n  b:\n    <<: *x\n    imgae: j\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstCompose(t, "fuzz.yaml", data)
	})
}

// TestEmbeddedSchemaIsComposeGos keeps linter/schema/compose-spec.json
// identical to the schema of the compose-go version in go.mod, the one
// docker compose validates with. With -update it copies compose-go's.
func TestEmbeddedSchemaIsComposeGos(t *testing.T) {
	if specJSON == composeschema.Schema {
		return
	}
	if *update {
		if err := os.WriteFile("compose-spec.json", []byte(composeschema.Schema), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("compose-spec.json now holds compose-go's schema; run go generate ./linter/schema, then the tests")
		return
	}
	t.Error("compose-spec.json differs from compose-go's schema; run go test ./linter/schema -run TestEmbeddedSchema -update, then the tests")
}
