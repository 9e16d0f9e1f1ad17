package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The oracle compiles the embedded schema with jsonschema as compose-go's
// schema package does: the same document, the same draft, the same
// "duration" format.
var compiled struct {
	once   sync.Once
	schema *jsonschema.Schema
	raw    any // the schema as JSON values, to look up allowed property names
	err    error
}

func load() (*jsonschema.Schema, any, error) {
	compiled.once.Do(func() {
		compiled.schema, compiled.raw, compiled.err = compile()
	})
	return compiled.schema, compiled.raw, compiled.err
}

// resourceURL names the embedded schema for the compiler. jsonschema checks
// every schema against its draft's meta-schema while compiling, which is two
// thirds of the compile time, except for schemas it trusts: those under
// json-schema.org. Checking it once (TestSchemaPassesMetaSchema) is enough;
// TestTrustedCompileEquivalent proves both compilations validate alike.
const resourceURL = "https://json-schema.org/reachlint/compose-spec.json"

func compile() (*jsonschema.Schema, any, error) {
	return compileAt(resourceURL)
}

func compileAt(u string) (*jsonschema.Schema, any, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(specJSON))
	if err != nil {
		return nil, nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(u, doc); err != nil {
		return nil, nil, err
	}
	c.RegisterFormat(&jsonschema.Format{Name: "duration", Validate: durationFormat})
	sch, err := c.Compile(u)
	if err != nil {
		return nil, nil, err
	}
	// The compiler only reads doc, so it doubles as the lookup table for
	// property names in messages.
	return sch, doc, nil
}

// durationFormat has compose-go's semantics: a string Go's time package can
// parse; any other JSON type fails the format. (Under draft 2020-12
// jsonschema asserts formats only when asked to, which compose-go does not;
// the schema does not use it either.)
func durationFormat(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected string")
	}
	_, err := time.ParseDuration(s)
	return err
}

// checkedURL is outside json-schema.org, so compiling under it runs the
// meta-schema check, as compose-go's compilation does.
const checkedURL = "compose-spec.json"

var checked = sync.OnceValues(func() (*jsonschema.Schema, error) {
	s, _, err := compileAt(checkedURL)
	return s, err
})

// TestSchemaPassesMetaSchema is the check the trusted compilation skips: the
// embedded schema is valid draft 2020-12.
func TestSchemaPassesMetaSchema(t *testing.T) {
	if _, err := checked(); err != nil {
		t.Fatal(err)
	}
}

// The check must be real: a schema breaking the meta-schema fails under the
// checked URL, and (which is why it is faster) is accepted under the trusted one.
func TestMetaSchemaCheckSkippedOnlyWhenTrusted(t *testing.T) {
	bad := map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": 42}
	for _, tc := range []struct {
		url     string
		wantErr bool
	}{{"bad.json", true}, {"https://json-schema.org/reachlint/bad.json", false}} {
		c := jsonschema.NewCompiler()
		if err := c.AddResource(tc.url, bad); err != nil {
			t.Fatal(err)
		}
		_, err := c.Compile(tc.url)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: compile error %v, want error %v", tc.url, err, tc.wantErr)
		}
	}
}

// sameVerdict asserts that the trusted and the checked compilations return
// the same error tree for doc (compared without the base URL, which differs
// by construction).
func sameVerdict(t *testing.T, name string, doc any) {
	t.Helper()
	fast, _, err := load()
	if err != nil {
		t.Fatal(err)
	}
	slow, err := checked()
	if err != nil {
		t.Fatal(err)
	}
	var c collector
	v := c.normalize(doc, nil)
	a, b := tree(fast.Validate(v)), tree(slow.Validate(v))
	if a != b {
		t.Errorf("%s: trusted and checked compilations disagree:\n%s\n---\n%s", name, a, b)
	}
}

// baseURL matches the resource URL in messages, the one part that differs.
var baseURL = regexp.MustCompile(`'[^']*compose-spec\.json#`)

// tree prints a validation error tree with siblings sorted: the validator
// visits properties in map order, so only the set of causes is stable.
func tree(err error) string {
	if err == nil {
		return "valid"
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return "error: " + err.Error()
	}
	p := message.NewPrinter(language.English)
	var walk func(e *jsonschema.ValidationError, depth int) string
	walk = func(e *jsonschema.ValidationError, depth int) string {
		k := e.ErrorKind
		if ap, ok := k.(*kind.AdditionalProperties); ok {
			k = &kind.AdditionalProperties{Properties: slices.Sorted(slices.Values(ap.Properties))}
		}
		msg := baseURL.ReplaceAllString(k.LocalizedString(p), "'compose-spec.json#")
		var kids []string
		for _, c := range e.Causes {
			kids = append(kids, walk(c, depth+1))
		}
		slices.Sort(kids)
		return fmt.Sprintf("%*s%q #%s %s\n", depth*2, "", e.InstanceLocation, fragment(e.SchemaURL), msg) + strings.Join(kids, "")
	}
	return walk(verr, 0)
}

func TestTrustedCompileEquivalent(t *testing.T) {
	var files []string
	for _, root := range roots() {
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
				files = append(files, path)
			}
			return nil
		})
	}
	invalid := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse(f, data)
		if err != nil || p.doc == nil {
			continue
		}
		doc := interpolated(p.doc)
		sameVerdict(t, f, doc)
		if s, _, _ := load(); s.Validate(new(collector).normalize(doc, nil)) != nil {
			invalid++
		}
	}
	if invalid < 10 {
		t.Fatalf("only %d invalid documents compared; the comparison needs failures to mean anything", invalid)
	}
}
