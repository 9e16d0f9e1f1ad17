// Package schema validates a decoded Compose document against the
// compose-spec JSON schema (the one compose-go embeds, copied here) and
// reports every violation as a diagnostic at the node it concerns.
// compose-go stops at its single "most specific" error with a path-only
// message; users fixing a file want all of them, each with a line and a
// column.
//
// The package interprets the schema itself, for the draft 2020-12 keywords
// the schema uses, with the semantics of the validator compose-go uses
// (santhosh-tekuri/jsonschema), which stays out of the binary: its start-up
// alone cost every process more than a whole lint of a small project. The
// schema is built into nodes that two validators share, at `go generate`
// time, so that the binary carries them as static data: the fast path
// (fast.go), which says "valid" without allocating and decides nearly every
// file, and the full evaluation (full.go), which finds every violation of
// the others and keeps, where the schema offers alternatives, those of the
// branch the user most likely meant. Tests hold both to jsonschema's
// verdict, and the diagnostics to those jsonschema's error tree gave, on
// every fixture, the corpus of real projects and mutations of them.
package schema

import (
	_ "embed"
	"fmt"
	"sync/atomic"

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

// specJSON is the compose-spec JSON schema, a copy of the one compose-go
// embeds (github.com/compose-spec/compose-go/v2/schema, Apache License 2.0):
// importing that package would link its validator library, whose start-up
// costs every reachlint process milliseconds. TestEmbeddedSchemaIsComposeGos
// keeps the copy identical to the compose-go version in go.mod; after an
// upgrade, `go test ./linter/schema -run TestEmbeddedSchema -update`
// refreshes it, and `go generate ./linter/schema` the nodes built from it
// (nodes_gen.go), which is what the binary carries: only the builder and
// the tests read specJSON.
//
//go:embed compose-spec.json
var specJSON string

//go:generate go test -run ^TestGeneratedNodes$ -update

// fullValidations counts the documents the fast path could not accept, for
// tests that prove the common case never takes the full evaluation.
var fullValidations atomic.Int64

// Validate checks doc, a decoded and interpolated Compose document made of
// map[string]any (or map[any]any, or Mapping), []any and scalars (a string
// may be a *string, a []any a *[]any), and returns one
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
	// Nearly every file is valid, which the fast path says without
	// allocating; the full evaluation then looks for every violation.
	if fastValid(doc) {
		return nil
	}
	return validateFull(asMaps(doc), locate)
}

// validateFull is Validate without the fast path: every violation, each
// with its message.
func validateFull(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	fullValidations.Add(1)
	fs := fast()
	if len(fs.unsupported) > 0 {
		// The schema is embedded and TestFastKeywordsCovered proves the
		// validators implement all of it; failing here is a bug, which must
		// not look like a finding about the user's file.
		panic(fmt.Sprintf("compose-schema: the embedded schema uses what the validator does not implement: %v", fs.unsupported))
	}
	return fs.diagnostics(doc, locate)
}

// diagnostics runs the full evaluation of doc against the schema fs.
func (fs *fastSchema) diagnostics(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	c := collector{locate: locate, ev: &evaluation{}}
	val := c.normalize(doc, nil)
	c.doc = val
	for _, b := range c.bad {
		c.add(b.path, false, subject(val, b.path)+": "+b.msg)
	}
	if ok, leaves, _ := c.ev.evaluate(fs.root, val, nil, false); !ok {
		c.report(leaves)
	}
	return diag.Sort(c.out)
}
