// Package schema validates a decoded Compose document against the
// compose-spec JSON schema that compose-go embeds, with the same validator and
// format checkers compose-go uses, and reports every violation as a
// diagnostic at the node it concerns. compose-go stops at its single "most
// specific" error with a path-only message; users fixing a file want all of
// them, each with a line and a column.
package schema

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	composeschema "github.com/compose-spec/compose-go/v2/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reachlint/reachlint/linter/diag"
)

// Rule is the name of the diagnostics this package reports.
const Rule = "compose-schema"

// Info describes the rule for `reachlint rules` and `reachlint explain`.
var Info = diag.RuleInfo{
	Name:     Rule,
	Severity: diag.Error,
	Summary:  "the file does not follow the Compose specification",
	What: "Reports every place where the Compose file breaks the compose-spec JSON schema " +
		"that docker compose validates against: unknown keys, values of the wrong type, " +
		"values outside the allowed set.",
	Why: "docker compose refuses to start a project whose file does not validate, and it " +
		"names only one of the problems, without a line number.",
	Example:    "services:\n  api:\n    image: example/api\n    enviroment:\n      PORT: \"3000\"\n",
	UseInstead: "services:\n  api:\n    image: example/api\n    environment:\n      PORT: \"3000\"\n",
	Enabled:    true,
}

// compiled holds the schema, compiled on first use: compiling costs several
// milliseconds, which a run that never validates must not pay.
var compiled struct {
	once   sync.Once
	schema *jsonschema.Schema
	raw    any // the schema as JSON values, to look up allowed property names
	err    error
}

// fullValidations counts the documents the fast path could not accept, for
// tests that prove the common case never compiles the schema.
var fullValidations atomic.Int64

func load() (*jsonschema.Schema, any, error) {
	compiled.once.Do(func() {
		compiled.schema, compiled.raw, compiled.err = compile()
	})
	return compiled.schema, compiled.raw, compiled.err
}

// resourceURL names the embedded schema for the compiler. jsonschema checks
// every schema against its draft's meta-schema while compiling, which is two
// thirds of the compile time, except for schemas it trusts: those under
// json-schema.org. The compose-spec schema is fixed by the compose-go
// version, so checking it once in a test (TestSchemaPassesMetaSchema) is
// enough; TestTrustedCompileEquivalent proves both compilations validate
// alike.
const resourceURL = "https://json-schema.org/reachlint/compose-spec.json"

// compile builds the schema as compose-go's schema package does: the same
// embedded document, the same draft, the same "duration" format.
func compile() (*jsonschema.Schema, any, error) {
	return compileAt(resourceURL)
}

func compileAt(u string) (*jsonschema.Schema, any, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(composeschema.Schema))
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
// parse; any other JSON type fails the format.
func durationFormat(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected string")
	}
	_, err := time.ParseDuration(s)
	return err
}

// Validate checks doc, a decoded and interpolated Compose document made of
// map[string]any (or map[any]any), []any and scalars, and returns one
// diagnostic per violation, sorted. locate maps an instance path (map keys
// and decimal list indices from the root) to a source range; key asks for
// the range of the mapping key at the end of path rather than its value: for
// a property that is not allowed (path ends with it) and for a missing
// required property (path ends with the mapping that lacks it). Messages
// spell paths the Compose way: services.api.ports[0].
//
// Validate reports at least one diagnostic exactly when compose-go's
// schema.Validate would return an error for the same document. A document
// that is not a mapping gets one diagnostic, as compose-go's loader rejects
// it; a nil document (an empty file) gets none, as the loader skips it.
func Validate(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	if doc == nil {
		return nil
	}
	// Nearly every file is valid; saying so without the compiled schema
	// saves its compilation, most of a run's time.
	if fastValid(doc) {
		return nil
	}
	return validateFull(doc, locate)
}

// validateFull is Validate without the fast path: the compiled schema and
// its precise messages.
func validateFull(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	fullValidations.Add(1)
	sch, raw, err := load()
	if err != nil {
		// The schema is embedded and known to compile; failing here is a
		// bug, which must not look like a finding about the user's file.
		panic(fmt.Sprintf("compose-schema: compiling the embedded schema: %v", err))
	}
	c := collector{raw: raw, locate: locate}
	val := c.normalize(doc, nil)
	c.doc = val
	for _, b := range c.bad {
		c.add(b.path, false, subject(val, b.path)+": "+b.msg)
	}
	var verr *jsonschema.ValidationError
	switch err := sch.Validate(val); {
	case err == nil:
	case errors.As(err, &verr):
		c.report(verr)
	default:
		c.add(nil, false, fmt.Sprintf("the file cannot be validated: %v", err))
	}
	return diag.Sort(c.out)
}
