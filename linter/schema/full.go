package schema

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The full evaluation finds every violation of a document the fast path did
// not accept, on the same nodes. It follows draft 2020-12 as jsonschema
// (santhosh-tekuri/jsonschema/v6, which compose-go validates with) applies
// it, including which properties count as evaluated for
// unevaluatedProperties, and returns the violations already reduced the way
// the messages want them: where the schema offers alternatives (anyOf,
// oneOf), only the branch the user most likely meant. Tests hold it to
// jsonschema's verdict and to the diagnostics that jsonschema's error tree
// gave (report_oracle_test.go) on every fixture, the corpus and mutations of
// them.

// leafKind is the keyword a violation is about.
type leafKind uint8

const (
	kType leafKind = iota
	kFalse
	kUnevaluated // a property "unevaluatedProperties": false of n rejects
	kAdditional
	kRequired
	kDependentRequired
	kEnum
	kConst
	kPattern
	kMinimum
	kMaximum
	kExclusiveMinimum
	kExclusiveMaximum
	kMinItems
	kMaxItems
	kMinLength
	kMaxLength
	kMinProperties
	kMaxProperties
	kUnique
	kOneOfAmbiguous
	kOneOfNone // no alternative matched, and none had a violation to show
	kAnyOf     // the same for anyOf
	kNot
)

// leaf is one violation: a keyword of the schema node n that failed at the
// instance location loc.
type leaf struct {
	loc   []string
	kind  leafKind
	n     *node
	names []string // kType: the wanted types; kAdditional: the properties; kRequired, kDependentRequired: the missing ones
	prop  string   // kDependentRequired: the property that requires them
	got   int      // the count of kMin*/kMax* on items, properties and lengths; kUnique: the earlier index
	want  int      // the bound of kMin*/kMax*; kUnique: the later index
}

// evaluation is one run of the full evaluation over a document.
type evaluation struct {
	props map[*node][]string // declaredProps, per schema that asks
}

// unevaluated is the set of properties of an object that no successful
// subschema has evaluated so far, kept while some schema at that object
// has unevaluatedProperties. nil when not kept.
type unevaluated map[string]struct{}

// merge keeps in u what a successful subschema left unevaluated too. A
// subschema that kept no set evaluated every property (it has
// additionalProperties), or its caller needed none.
func (u unevaluated) merge(sub unevaluated) {
	for k := range u {
		if _, ok := sub[k]; !ok {
			delete(u, k)
		}
	}
}

// evaluate validates v, a normalized JSON value at loc, against n. It
// returns whether v is valid and, if not, its violations (possibly none
// worth showing: a property unevaluatedProperties rejects because the
// branch that declares it failed for a reason reported on its own). When
// track is set (the caller keeps an unevaluated set for v), it also returns
// what n leaves unevaluated of v; see merge.
func (ev *evaluation) evaluate(n *node, v any, loc []string, track bool) (bool, []leaf, unevaluated) {
	obj, isObj := v.(map[string]any)
	var rem unevaluated
	if isObj && n.additional == nil && (track || n.unevaluated != nil) {
		rem = make(unevaluated, len(obj))
		for k := range obj {
			rem[k] = struct{}{}
		}
	}
	if n.always != nil {
		if *n.always {
			return true, nil, rem
		}
		return false, []leaf{ev.leaf(loc, kFalse, n)}, nil
	}
	if n.types != 0 && !hasType(n.types, v) {
		l := ev.leaf(loc, kType, n)
		l.names = typeNames(n.types)
		return false, []leaf{l}, nil
	}
	if n.values != nil {
		if ok, k := n.values.holds(v); !ok {
			return false, []leaf{ev.leaf(loc, k, n)}, nil
		}
	}

	ok := true
	var out []leaf
	fail := func(ls ...leaf) {
		ok = false
		out = append(out, ls...)
	}
	// self validates v against s, a subschema applying to v itself, and
	// merges what it evaluated when it holds.
	self := func(s *node) (bool, []leaf) {
		good, ls, sub := ev.evaluate(s, v, loc, len(rem) > 0)
		if good {
			rem.merge(sub)
		}
		return good, ls
	}
	if n.ref != nil {
		if good, ls := self(n.ref); !good {
			fail(ls...)
		}
	}

	switch v := v.(type) {
	case map[string]any:
		ev.object(n, v, loc, rem, fail)
	case []any:
		ev.array(n, v, loc, fail)
	case string:
		ev.str(n, v, loc, fail)
	case float64:
		ev.number(n, v, loc, fail)
	}

	if n.not != nil {
		if good, _ := self(n.not); good {
			fail(ev.leaf(loc, kNot, n))
		}
	}
	for _, s := range n.allOf {
		if good, ls := self(s); !good {
			fail(ls...)
		}
	}
	if n.anyOf != nil {
		matched := false
		var branches [][]leaf
		for _, s := range n.anyOf {
			good, ls := self(s)
			if good {
				matched = true
				if len(rem) == 0 {
					// Later branches could only add evaluated properties.
					break
				}
				continue
			}
			branches = append(branches, ls)
		}
		if !matched {
			fail(ev.choose(branches, loc, kAnyOf, n)...)
		}
	}
	if n.oneOf != nil {
		matched := -1
		var branches [][]leaf
	oneOf:
		for i, s := range n.oneOf {
			good, ls := self(s)
			switch {
			case !good:
				if matched == -1 {
					branches = append(branches, ls)
				}
			case matched == -1:
				matched = i
			default:
				fail(ev.leaf(loc, kOneOfAmbiguous, n))
				break oneOf
			}
		}
		if matched == -1 {
			fail(ev.choose(branches, loc, kOneOfNone, n)...)
		}
	}
	if n.ifS != nil {
		branch := n.elseS
		if good, _ := self(n.ifS); good {
			branch = n.thenS
		}
		if branch != nil {
			if good, ls := self(branch); !good {
				fail(ls...)
			}
		}
	}

	if isObj && n.unevaluated != nil {
		for k := range rem {
			prop := append(loc, k)
			if a := n.unevaluated.always; a != nil && !*a {
				// "unevaluatedProperties": false. A known property counts
				// as unevaluated when the allOf branch declaring it failed
				// for another reason, which is reported on its own.
				ok = false
				if !slices.Contains(ev.declaredProps(n), k) {
					out = append(out, ev.leaf(prop, kUnevaluated, n))
				}
			} else if good, ls, _ := ev.evaluate(n.unevaluated, obj[k], prop, false); !good {
				fail(ls...)
			}
		}
		rem = nil // now every property is evaluated
	}
	return ok, out, rem
}

func (ev *evaluation) leaf(loc []string, k leafKind, n *node) leaf {
	return leaf{loc: slices.Clone(loc), kind: k, n: n}
}

func (ev *evaluation) object(n *node, obj map[string]any, loc []string, rem unevaluated, fail func(...leaf)) {
	if lim := n.limits; lim != nil {
		if lim.minProps >= 0 && len(obj) < lim.minProps {
			l := ev.leaf(loc, kMinProperties, n)
			l.got, l.want = len(obj), lim.minProps
			fail(l)
		}
		if lim.maxProps >= 0 && len(obj) > lim.maxProps {
			l := ev.leaf(loc, kMaxProperties, n)
			l.got, l.want = len(obj), lim.maxProps
			fail(l)
		}
	}
	if missing := missingProps(obj, n.required); missing != nil {
		l := ev.leaf(loc, kRequired, n)
		l.names = missing
		fail(l)
	}
	for p, deps := range n.depRequired {
		if _, ok := obj[p]; ok {
			if missing := missingProps(obj, deps); missing != nil {
				l := ev.leaf(loc, kDependentRequired, n)
				l.prop, l.names = p, missing
				fail(l)
			}
		}
	}
	if n.properties == nil && n.patterns == nil && n.additional == nil {
		return
	}
	var extra []string
	for k, e := range obj {
		evaluated := false
		child := append(loc, k)
		if s := n.property(k); s != nil {
			evaluated = true
			if good, ls, _ := ev.evaluate(s, e, child, false); !good {
				fail(ls...)
			}
		}
		for _, p := range n.patterns {
			if p.m.match(k) {
				evaluated = true
				if good, ls, _ := ev.evaluate(p.n, e, child, false); !good {
					fail(ls...)
				}
			}
		}
		if !evaluated && n.additional != nil {
			evaluated = true
			if a := n.additional.always; a != nil && !*a {
				// "additionalProperties": false names the properties in one
				// violation of the object.
				extra = append(extra, k)
			} else if good, ls, _ := ev.evaluate(n.additional, e, child, false); !good {
				fail(ls...)
			}
		}
		if evaluated {
			delete(rem, k)
		}
	}
	if extra != nil {
		l := ev.leaf(loc, kAdditional, n)
		l.names = extra
		fail(l)
	}
}

func missingProps(obj map[string]any, names []string) []string {
	var missing []string
	for _, p := range names {
		if _, ok := obj[p]; !ok {
			missing = append(missing, p)
		}
	}
	return missing
}

func (ev *evaluation) array(n *node, list []any, loc []string, fail func(...leaf)) {
	if lim := n.limits; lim != nil {
		if lim.minItems >= 0 && len(list) < lim.minItems {
			l := ev.leaf(loc, kMinItems, n)
			l.got, l.want = len(list), lim.minItems
			fail(l)
		}
		if lim.maxItems >= 0 && len(list) > lim.maxItems {
			l := ev.leaf(loc, kMaxItems, n)
			l.got, l.want = len(list), lim.maxItems
			fail(l)
		}
	}
	if n.uniqueItems {
		if j, i, found := duplicate(list); found {
			l := ev.leaf(loc, kUnique, n)
			l.got, l.want = j, i
			fail(l)
		}
	}
	if n.items != nil {
		for i, e := range list {
			if good, ls, _ := ev.evaluate(n.items, e, append(loc, strconv.Itoa(i)), false); !good {
				fail(ls...)
			}
		}
	}
}

func (ev *evaluation) str(n *node, s string, loc []string, fail func(...leaf)) {
	if lim := n.limits; lim != nil && (lim.minLength >= 0 || lim.maxLength >= 0) {
		count := utf8.RuneCountInString(s)
		if lim.minLength >= 0 && count < lim.minLength {
			l := ev.leaf(loc, kMinLength, n)
			l.got, l.want = count, lim.minLength
			fail(l)
		}
		if lim.maxLength >= 0 && count > lim.maxLength {
			l := ev.leaf(loc, kMaxLength, n)
			l.got, l.want = count, lim.maxLength
			fail(l)
		}
	}
	if n.pattern != nil && !n.pattern.match(s) {
		fail(ev.leaf(loc, kPattern, n))
	}
}

func (ev *evaluation) number(n *node, f float64, loc []string, fail func(...leaf)) {
	if n.minimum != nil && f < *n.minimum {
		fail(ev.leaf(loc, kMinimum, n))
	}
	if n.maximum != nil && f > *n.maximum {
		fail(ev.leaf(loc, kMaximum, n))
	}
	if n.exclMinimum != nil && f <= *n.exclMinimum {
		fail(ev.leaf(loc, kExclusiveMinimum, n))
	}
	if n.exclMaximum != nil && f >= *n.exclMaximum {
		fail(ev.leaf(loc, kExclusiveMaximum, n))
	}
}

// hasType reports whether v is of one of the types, an integer being a
// number without a fraction.
func hasType(types uint8, v any) bool {
	t := typeBit(v)
	if types&t != 0 {
		return true
	}
	if t != tNumber || types&tInteger == 0 {
		return false
	}
	f, _ := number(v)
	return f == math.Trunc(f)
}

// typeNames lists the types in jsonschema's order.
func typeNames(types uint8) []string {
	var out []string
	for _, t := range []struct {
		bit  uint8
		name string
	}{{tNull, "null"}, {tBool, "boolean"}, {tNumber, "number"}, {tInteger, "integer"},
		{tString, "string"}, {tArray, "array"}, {tObject, "object"}} {
		if types&t.bit != 0 {
			out = append(out, t.name)
		}
	}
	return out
}

// choose picks the violations to report for a failed oneOf or anyOf at loc
// from those of its branches. Branches that only reject the value's type
// are the ones the user did not mean; if every branch does, the result is a
// single type error naming all accepted types. Otherwise the branch with
// the fewest violations is the one closest to the value, the intended one;
// between equals, the one whose violations go deepest, the most specific;
// then the first.
func (ev *evaluation) choose(branches [][]leaf, loc []string, none leafKind, n *node) []leaf {
	depth := len(loc)
	var wants []string
	var best []leaf
	bestDepth := -1
	for _, b := range branches {
		typeOnly := len(b) > 0
		for _, l := range b {
			if l.kind != kType || len(l.loc) != depth {
				typeOnly = false
				break
			}
		}
		if typeOnly {
			for _, l := range b {
				for _, w := range l.names {
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
		if best == nil || len(b) < len(best) || (len(b) == len(best) && d > bestDepth) {
			best, bestDepth = b, d
		}
	}
	if best != nil {
		return best
	}
	if len(wants) == 0 {
		return []leaf{ev.leaf(loc, none, n)}
	}
	l := ev.leaf(loc, kType, n)
	l.names = wants
	return []leaf{l}
}

// declaredProps lists the property names the schema n declares, including
// those it takes in through $ref and allOf (as unevaluatedProperties sees
// them), sorted.
func (ev *evaluation) declaredProps(n *node) []string {
	if out, ok := ev.props[n]; ok {
		return out
	}
	var out []string
	var walk func(s *node, depth int)
	walk = func(s *node, depth int) {
		if depth > 8 {
			return
		}
		for _, p := range s.properties {
			if !slices.Contains(out, p.name) {
				out = append(out, p.name)
			}
		}
		if s.ref != nil {
			walk(s.ref, depth+1)
		}
		for _, a := range s.allOf {
			walk(a, depth+1)
		}
	}
	walk(n, 0)
	slices.Sort(out)
	if ev.props == nil {
		ev.props = map[*node][]string{}
	}
	ev.props[n] = out
	return out
}
