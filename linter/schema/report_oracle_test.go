package schema

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/reachlint/reachlint/linter/diag"
)

// The oracle is how reachlint turned jsonschema's error tree into
// diagnostics before it had its own validator (report.go as it was, kept
// for the tests): oracleValidate is the expected output of validateFull.

// oracle turns a validation error tree into diagnostics.
type oracle struct {
	raw    any // the schema as JSON values
	locate func(path []string, key bool) diag.Range
	doc    any // the normalized instance
	out    []diag.Diagnostic
	seen   map[string]bool
}

// oracleLeaf is one violation: a keyword that failed at an instance location.
type oracleLeaf struct {
	loc       []string
	schemaURL string
	kind      jsonschema.ErrorKind
}

func (c *oracle) add(path []string, key bool, msg string) {
	c.addWhy(path, key, msg, "")
}

// addWhy is add with an explanation for the note.
func (c *oracle) addWhy(path []string, key bool, msg, why string) {
	id := fmt.Sprintf("%q %v %s", path, key, msg)
	if c.seen[id] {
		return
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	c.seen[id] = true
	c.out = append(c.out, diag.Diagnostic{
		Rule:     Rule,
		Severity: diag.Error,
		Range:    c.locate(slices.Clone(path), key),
		Message:  msg,
		Why:      why,
	})
}

func (c *oracle) report(verr *jsonschema.ValidationError) {
	before := len(c.out)
	for _, l := range c.flatten(verr) {
		c.emit(l)
	}
	if len(c.out) == before {
		// Unreachable as far as the tests know; it keeps the promise that
		// an invalid document never passes silently.
		c.add(nil, false, "the file does not follow the Compose specification")
	}
}

// flatten collects the leaves below e. Where the schema offers alternatives
// (oneOf, anyOf) it keeps the errors of the one branch the user most likely
// meant, instead of one error per alternative.
func (c *oracle) flatten(e *jsonschema.ValidationError) []oracleLeaf {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
		var out []oracleLeaf
		for _, cause := range e.Causes {
			out = append(out, c.flatten(cause)...)
		}
		return out
	case *kind.AnyOf:
		return c.choose(e)
	case *kind.OneOf:
		if k.Subschemas == nil && len(e.Causes) > 0 {
			return c.choose(e)
		}
	case *kind.FalseSchema:
		if parent, prop, ok := oracleUnevaluated(e); ok && slices.Contains(c.propsAt(parent), prop) {
			// A known property counts as unevaluated when the allOf branch
			// declaring it failed for another reason; that reason is
			// reported on its own.
			return nil
		}
	}
	return []oracleLeaf{{loc: e.InstanceLocation, schemaURL: e.SchemaURL, kind: e.ErrorKind}}
}

// choose picks the branch of a failed oneOf/anyOf to report. Branches that
// only reject the value's type are the ones the user did not mean; if every
// branch does, the result is a single type error naming all accepted types.
func (c *oracle) choose(e *jsonschema.ValidationError) []oracleLeaf {
	depth := len(e.InstanceLocation)
	var wants []string
	got := ""
	var best []oracleLeaf
	bestDepth := -1
	for _, cause := range e.Causes {
		b := c.flatten(cause)
		typeOnly := len(b) > 0
		for _, l := range b {
			_, ok := l.kind.(*kind.Type)
			if !ok || len(l.loc) != depth {
				typeOnly = false
				break
			}
		}
		if typeOnly {
			for _, l := range b {
				t := l.kind.(*kind.Type)
				got = t.Got
				for _, w := range t.Want {
					if !slices.Contains(wants, w) {
						wants = append(wants, w)
					}
				}
			}
			continue
		}
		if len(b) == 0 {
			continue
		}
		d := 0
		for _, l := range b {
			d = max(d, len(l.loc))
		}
		// Fewest errors first: the branch closest to the value is the
		// intended one; then the most specific.
		if best == nil || len(b) < len(best) || (len(b) == len(best) && d > bestDepth) {
			best, bestDepth = b, d
		}
	}
	if best != nil {
		return best
	}
	if len(wants) == 0 {
		return []oracleLeaf{{loc: e.InstanceLocation, schemaURL: e.SchemaURL, kind: e.ErrorKind}}
	}
	return []oracleLeaf{{loc: e.InstanceLocation, schemaURL: e.SchemaURL, kind: &kind.Type{Got: got, Want: wants}}}
}

// unevaluated reports whether e is the failure of an "unevaluatedProperties:
// false" on one property, and returns the schema that holds the keyword.
func oracleUnevaluated(e *jsonschema.ValidationError) (parent, prop string, ok bool) {
	frag := fragment(e.SchemaURL)
	parent, found := strings.CutSuffix(frag, "/unevaluatedProperties")
	if !found || len(e.InstanceLocation) == 0 {
		return "", "", false
	}
	return parent, e.InstanceLocation[len(e.InstanceLocation)-1], true
}

func (c *oracle) emit(l oracleLeaf) {
	name := subject(c.doc, l.loc)
	switch k := l.kind.(type) {
	case *kind.Type:
		c.add(l.loc, false, fmt.Sprintf("%s must be %s, got %s", name, typeList(k.Want), describe(valueAt(c.doc, l.loc))))
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			c.additional(append(slices.Clip(l.loc), p), fragment(l.schemaURL))
		}
	case *kind.FalseSchema:
		if parent, _, ok := oracleUnevaluated(&jsonschema.ValidationError{SchemaURL: l.schemaURL, InstanceLocation: l.loc}); ok {
			c.additional(l.loc, parent)
			return
		}
		c.add(l.loc, len(l.loc) > 0, fmt.Sprintf("%s is not allowed here", name))
	case *kind.Required:
		for _, m := range k.Missing {
			c.add(l.loc, len(l.loc) > 0, fmt.Sprintf("%s: missing required property %q", name, m))
		}
	case *kind.Enum:
		got := valueAt(c.doc, l.loc)
		var opts []string
		for _, w := range k.Want {
			opts = append(opts, literal(w))
		}
		msg := fmt.Sprintf("%s: %s is not allowed", name, literal(got))
		if s, ok := got.(string); ok {
			var names []string
			for _, w := range k.Want {
				if ws, ok := w.(string); ok {
					names = append(names, ws)
				}
			}
			if m := closest(s, names); m != "" {
				c.add(l.loc, false, fmt.Sprintf("%s (did you mean %q?)", msg, m))
				return
			}
		}
		if use := orList(opts); len(use) <= 40 {
			c.add(l.loc, false, fmt.Sprintf("%s; use %s", msg, use))
		} else {
			// A long list: the headline stays one line, the note lists them.
			c.addWhy(l.loc, false, msg+"; use an allowed value", "use "+use)
		}
	case *kind.Const:
		c.add(l.loc, false, fmt.Sprintf("%s must be %s, got %s", name, literal(k.Want), literal(k.Got)))
	case *kind.Pattern:
		c.addWhy(l.loc, false, fmt.Sprintf("%s: %q is not a valid value", name, k.Got), "it must match "+k.Want)
	case *kind.Format:
		c.add(l.loc, false, fmt.Sprintf("%s: %s is not a valid %s: %v", name, literal(k.Got), k.Want, k.Err))
	case *kind.Minimum:
		c.add(l.loc, false, fmt.Sprintf("%s must be at least %s, got %s", name, ratText(k.Want), ratText(k.Got)))
	case *kind.Maximum:
		c.add(l.loc, false, fmt.Sprintf("%s must be at most %s, got %s", name, ratText(k.Want), ratText(k.Got)))
	case *kind.ExclusiveMinimum:
		c.add(l.loc, false, fmt.Sprintf("%s must be greater than %s, got %s", name, ratText(k.Want), ratText(k.Got)))
	case *kind.ExclusiveMaximum:
		c.add(l.loc, false, fmt.Sprintf("%s must be less than %s, got %s", name, ratText(k.Want), ratText(k.Got)))
	case *kind.MinItems:
		c.add(l.loc, false, fmt.Sprintf("%s must have at least %d items, got %d", name, k.Want, k.Got))
	case *kind.MaxItems:
		c.add(l.loc, false, fmt.Sprintf("%s must have at most %d items, got %d", name, k.Want, k.Got))
	case *kind.MinLength:
		c.add(l.loc, false, fmt.Sprintf("%s must be at least %d characters long, got %d", name, k.Want, k.Got))
	case *kind.MaxLength:
		c.add(l.loc, false, fmt.Sprintf("%s must be at most %d characters long, got %d", name, k.Want, k.Got))
	case *kind.MinProperties:
		c.add(l.loc, false, fmt.Sprintf("%s must have at least %d entries, got %d", name, k.Want, k.Got))
	case *kind.MaxProperties:
		c.add(l.loc, false, fmt.Sprintf("%s must have at most %d entries, got %d", name, k.Want, k.Got))
	case *kind.UniqueItems:
		i, j := k.Duplicates[0], k.Duplicates[1]
		item := append(slices.Clip(l.loc), strconv.Itoa(j))
		c.add(item, false, fmt.Sprintf("%s repeats item %d (%s); items must be unique", subject(c.doc, item), i, literal(valueAt(c.doc, item))))
	case *kind.OneOf:
		c.add(l.loc, false, fmt.Sprintf("%s is ambiguous: it matches more than one allowed form", name))
	case *kind.Not:
		c.add(l.loc, false, fmt.Sprintf("%s: this value is not allowed here", name))
	default:
		p := message.NewPrinter(language.English)
		c.add(l.loc, false, fmt.Sprintf("%s: %s", name, l.kind.LocalizedString(p)))
	}
}

// additional reports the property at the end of path as not allowed by the
// schema at frag, with a suggestion when a known name is close.
func (c *oracle) additional(path []string, frag string) {
	parent, prop := path[:len(path)-1], path[len(path)-1]
	name := subject(c.doc, parent)
	props := c.propsAt(frag)
	patterns := c.namePatterns(frag)
	if len(props) == 0 && len(patterns) > 0 {
		c.add(path, true, fmt.Sprintf("%s: %q is not a valid name; names must match %s", name, prop, strings.Join(patterns, " or ")))
		return
	}
	msg := fmt.Sprintf("%s: unknown key %q", name, prop)
	if m := closest(prop, props); m != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", m)
	} else if v, ok := valueAt(c.doc, path).(map[string]any); ok && len(parent) == 0 && (v["image"] != nil || v["build"] != nil) {
		// The version 1 file format had services at the top level.
		msg += " (a service? services go under \"services:\")"
	} else if c.allowsExtensions(frag) {
		msg += " (custom keys must start with \"x-\")"
	}
	c.add(path, true, msg)
}

// node resolves a JSON pointer fragment in the raw schema.
func (c *oracle) node(frag string) map[string]any {
	cur := c.raw
	if frag != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			switch n := cur.(type) {
			case map[string]any:
				cur = n[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(n) {
					return nil
				}
				cur = n[i]
			default:
				return nil
			}
		}
	}
	m, _ := cur.(map[string]any)
	return m
}

// propsAt lists the property names the schema at frag declares, including
// those it takes in through $ref and allOf (as unevaluatedProperties sees
// them).
func (c *oracle) propsAt(frag string) []string {
	var out []string
	var walk func(frag string, depth int)
	walk = func(frag string, depth int) {
		n := c.node(frag)
		if n == nil || depth > 8 {
			return
		}
		if ps, ok := n["properties"].(map[string]any); ok {
			for p := range ps {
				if !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
		if ref, ok := n["$ref"].(string); ok {
			walk(fragment(ref), depth+1)
		}
		if all, ok := n["allOf"].([]any); ok {
			for i := range all {
				walk(frag+"/allOf/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	walk(frag, 0)
	slices.Sort(out)
	return out
}

// allowsExtensions reports whether the schema at frag accepts "x-" keys.
func (c *oracle) allowsExtensions(frag string) bool {
	ps, ok := c.node(frag)["patternProperties"].(map[string]any)
	return ok && ps["^x-"] != nil
}

// namePatterns lists the patternProperties at frag, other than the "^x-"
// extension pattern every mapping accepts.
func (c *oracle) namePatterns(frag string) []string {
	var out []string
	if ps, ok := c.node(frag)["patternProperties"].(map[string]any); ok {
		for p := range ps {
			if p != "^x-" {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}

// fragment returns the JSON pointer of a schema location URL.
func fragment(u string) string {
	_, frag, _ := strings.Cut(u, "#")
	if s, err := url.PathUnescape(frag); err == nil {
		return s
	}
	return frag
}

// oracleValidate is validateFull as it was: the compiled schema and the
// messages drawn from its error tree.
func oracleValidate(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	sch, raw, err := load()
	if err != nil {
		panic(fmt.Sprintf("compose-schema: compiling the embedded schema: %v", err))
	}
	return oracleDiagnostics(sch, raw, doc, locate)
}

// oracleDiagnostics validates doc against sch, compiled from raw.
func oracleDiagnostics(sch *jsonschema.Schema, raw any, doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	var norm collector
	val := norm.normalize(doc, nil)
	c := oracle{raw: raw, locate: locate, doc: val}
	for _, b := range norm.bad {
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
