package schema

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/suggest"
)

// collector turns violations into diagnostics.
type collector struct {
	locate func(path []string, key bool) diag.Range
	doc    any // the normalized instance
	ev     *evaluation
	bad    []badValue
	out    []diag.Diagnostic
	seen   map[string]bool
}

func (c *collector) add(path []string, key bool, msg string) {
	c.addWhy(path, key, msg, "")
}

// addWhy is add with an explanation for the note.
func (c *collector) addWhy(path []string, key bool, msg, why string) {
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

func (c *collector) report(leaves []leaf) {
	before := len(c.out)
	for _, l := range leaves {
		c.emit(l)
	}
	if len(c.out) == before {
		// Unreachable as far as the tests know; it keeps the promise that
		// an invalid document never passes silently.
		c.add(nil, false, "the file does not follow the Compose specification")
	}
}

func (c *collector) emit(l leaf) {
	name := subject(c.doc, l.loc)
	n := l.n
	switch l.kind {
	case kType:
		c.add(l.loc, false, fmt.Sprintf("%s must be %s, got %s", name, typeList(l.names), describe(valueAt(c.doc, l.loc))))
	case kAdditional:
		for _, p := range l.names {
			c.additional(append(slices.Clip(l.loc), p), n)
		}
	case kFalse:
		c.add(l.loc, len(l.loc) > 0, fmt.Sprintf("%s is not allowed here", name))
	case kUnevaluated:
		c.additional(l.loc, n)
	case kRequired:
		for _, m := range l.names {
			c.add(l.loc, len(l.loc) > 0, fmt.Sprintf("%s: missing required property %q", name, m))
		}
	case kDependentRequired:
		c.add(l.loc, false, fmt.Sprintf("%s: properties %s required, if %s exists", name, joinQuoted(l.names), quote(l.prop)))
	case kEnum:
		got := valueAt(c.doc, l.loc)
		var opts []string
		for _, w := range n.values.enumRaw {
			opts = append(opts, literal(w))
		}
		msg := fmt.Sprintf("%s: %s is not allowed", name, literal(got))
		if s, ok := got.(string); ok {
			var names []string
			for _, w := range n.values.enumRaw {
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
	case kConst:
		c.add(l.loc, false, fmt.Sprintf("%s must be %s, got %s", name, literal(n.values.constRaw), literal(valueAt(c.doc, l.loc))))
	case kPattern:
		c.addWhy(l.loc, false, fmt.Sprintf("%s: %q is not a valid value", name, valueAt(c.doc, l.loc)), "it must match "+n.pattern.src)
	case kMinimum:
		c.add(l.loc, false, fmt.Sprintf("%s must be at least %s, got %s", name, boundText(n.minimum), c.numberAt(l.loc)))
	case kMaximum:
		c.add(l.loc, false, fmt.Sprintf("%s must be at most %s, got %s", name, boundText(n.maximum), c.numberAt(l.loc)))
	case kExclusiveMinimum:
		c.add(l.loc, false, fmt.Sprintf("%s must be greater than %s, got %s", name, boundText(n.exclMinimum), c.numberAt(l.loc)))
	case kExclusiveMaximum:
		c.add(l.loc, false, fmt.Sprintf("%s must be less than %s, got %s", name, boundText(n.exclMaximum), c.numberAt(l.loc)))
	case kMinItems:
		c.add(l.loc, false, fmt.Sprintf("%s must have at least %d items, got %d", name, l.want, l.got))
	case kMaxItems:
		c.add(l.loc, false, fmt.Sprintf("%s must have at most %d items, got %d", name, l.want, l.got))
	case kMinLength:
		c.add(l.loc, false, fmt.Sprintf("%s must be at least %d characters long, got %d", name, l.want, l.got))
	case kMaxLength:
		c.add(l.loc, false, fmt.Sprintf("%s must be at most %d characters long, got %d", name, l.want, l.got))
	case kMinProperties:
		c.add(l.loc, false, fmt.Sprintf("%s must have at least %d entries, got %d", name, l.want, l.got))
	case kMaxProperties:
		c.add(l.loc, false, fmt.Sprintf("%s must have at most %d entries, got %d", name, l.want, l.got))
	case kUnique:
		item := append(slices.Clip(l.loc), strconv.Itoa(l.want))
		c.add(item, false, fmt.Sprintf("%s repeats item %d (%s); items must be unique", subject(c.doc, item), l.got, literal(valueAt(c.doc, item))))
	case kOneOfAmbiguous, kOneOfNone:
		// kOneOfNone (no alternative matched, none with a violation to
		// show) has no better wording as far as the tests know.
		c.add(l.loc, false, fmt.Sprintf("%s is ambiguous: it matches more than one allowed form", name))
	case kNot:
		c.add(l.loc, false, fmt.Sprintf("%s: this value is not allowed here", name))
	case kAnyOf:
		c.add(l.loc, false, fmt.Sprintf("%s: anyOf failed", name))
	}
}

// additional reports the property at the end of path as not allowed by the
// schema n, with a suggestion when a known name is close.
func (c *collector) additional(path []string, n *node) {
	parent, prop := path[:len(path)-1], path[len(path)-1]
	name := subject(c.doc, parent)
	props := c.ev.declaredProps(n)
	patterns := namePatterns(n)
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
	} else if allowsExtensions(n) {
		msg += " (custom keys must start with \"x-\")"
	}
	c.add(path, true, msg)
}

// allowsExtensions reports whether the schema n accepts "x-" keys.
func allowsExtensions(n *node) bool {
	return slices.ContainsFunc(n.patterns, func(p patternProp) bool { return p.m.src == "^x-" })
}

// namePatterns lists the patternProperties of n, other than the "^x-"
// extension pattern every mapping accepts, sorted.
func namePatterns(n *node) []string {
	var out []string
	for _, p := range n.patterns {
		if p.m.src != "^x-" {
			out = append(out, p.m.src)
		}
	}
	slices.Sort(out)
	return out
}

// numberAt spells the number at path as jsonschema's exact rational of it
// prints.
func (c *collector) numberAt(path []string) string {
	r, ok := new(big.Rat).SetString(fmt.Sprint(valueAt(c.doc, path)))
	if !ok {
		return "?"
	}
	return ratText(r)
}

// boundText spells a bound of the schema (an integer that float64 holds
// exactly).
func boundText(b *float64) string {
	if b == nil {
		return "?"
	}
	return ratText(new(big.Rat).SetFloat64(*b))
}

// quote and joinQuoted spell names as jsonschema's messages do: in single
// quotes.
func quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

func joinQuoted(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

var plainKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
})

// subject spells an instance path the way a Compose user reads it:
// services.api.ports[0], labels["com.example.team"].
func subject(doc any, path []string) string {
	if len(path) == 0 {
		return "the top level"
	}
	var b strings.Builder
	cur := doc
	for _, p := range path {
		switch n := cur.(type) {
		case []any:
			b.WriteString("[" + p + "]")
			if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(n) {
				cur = n[i]
			} else {
				cur = nil
			}
			continue
		case map[string]any:
			cur = n[p]
		default:
			cur = nil
		}
		if plainKey().MatchString(p) {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		} else {
			b.WriteString("[" + strconv.Quote(p) + "]")
		}
	}
	return b.String()
}

func valueAt(doc any, path []string) any {
	cur := doc
	for _, p := range path {
		switch n := cur.(type) {
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n) {
				return nil
			}
			cur = n[i]
		case map[string]any:
			cur = n[p]
		default:
			return nil
		}
	}
	return cur
}

// describe names a value's type for "got ..." in messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "an empty value"
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case float64:
		return "the number " + literal(v)
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// literal prints a scalar as the user would write it.
func literal(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprint(v)
}

func typeName(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "integer":
		return "an integer"
	case "null":
		return "null"
	case "boolean":
		return "a boolean"
	}
	return "a " + t
}

func typeList(ts []string) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = typeName(t)
	}
	return orList(names)
}

func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func ratText(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// closest returns the candidate nearest to s when it is near enough to be a
// likely typo, or "".
func closest(s string, candidates []string) string { return suggest.Closest(s, candidates) }
