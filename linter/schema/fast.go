package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The schema is built into nodes (buildFast), which two validators share;
// for the compose-spec schema that happens at `go generate` time, and the
// binary links the result as static data (nodes_gen.go, see fast).
// The fast path (check) decides "valid" with early exits and no allocation,
// and answers only valid or unsure: Validate runs the full evaluation
// (evaluate, in full.go), which finds every violation, whenever the answer
// is not valid. Internally every subschema check answers valid, invalid or
// unsure, and valid and invalid must both be certain, because oneOf, anyOf
// and not turn one into the other. Whatever the fast path does not model (a
// value JSON cannot hold, the exact set of properties unevaluatedProperties
// sees) is unsure, never a guess. A keyword neither validator implements
// makes the builder record the schema as unsupported, which a test forbids.

type verdict uint8

const (
	valid verdict = iota
	invalid
	unsure
)

// supportedKeywords are the keywords the validators implement, with the
// semantics jsonschema gives them under draft 2020-12. compose-go v2.17.0's
// schema uses: $defs, $id, $ref, $schema, additionalProperties, allOf, anyOf,
// default, deprecated, description, enum, items, maximum, minimum, oneOf,
// pattern, patternProperties, properties, required, title, type,
// unevaluatedProperties, uniqueItems (TestFastKeywordsCovered walks it).
// A schema object with any other keyword is unsure wherever it applies.
var supportedKeywords = map[string]bool{
	"type": true, "enum": true, "const": true, "$ref": true,
	"properties": true, "patternProperties": true, "additionalProperties": true,
	"unevaluatedProperties": true, "required": true, "minProperties": true,
	"maxProperties": true, "dependentRequired": true,
	"items": true, "uniqueItems": true, "minItems": true, "maxItems": true,
	"minLength": true, "maxLength": true, "pattern": true,
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true,
	"if": true, "then": true, "else": true,
	// Annotations, which never affect validity.
	"title": true, "description": true, "default": true, "deprecated": true,
	"examples": true, "$comment": true, "readOnly": true, "writeOnly": true,
	// Only at the root (checked there): the dialect, the base URI, the
	// definitions $ref points into.
	"$schema": true, "$id": true, "$defs": true,
}

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// Type bits of a JSON value; tInteger is only ever wanted, never had.
const (
	tNull uint8 = 1 << iota
	tBool
	tObject
	tArray
	tNumber
	tString
	tInteger
)

// node is one subschema, resolved for the fast path.
type node struct {
	always      *bool // a boolean schema
	unsupported string
	types       uint8   // 0: any type
	values      *values // enum and const, which few nodes have
	limits      *limits // the bounds on counts, which few nodes have
	ref         *node
	properties  []property // sorted by name
	index       []uint16   // properties by name (propertyIndex)
	patterns    []patternProp
	additional  *node
	unevaluated *node
	required    []string
	depRequired map[string][]string
	items       *node
	uniqueItems bool
	pattern     *matcher
	minimum     *float64
	maximum     *float64
	exclMinimum *float64
	exclMaximum *float64
	allOf       []*node
	anyOf       []*node
	oneOf       []*node
	not         *node
	ifS         *node
	thenS       *node
	elseS       *node
}

// property is the subschema of one name of a node's properties.
type property struct {
	name string
	n    *node
}

// property returns the subschema n's properties give the name k, or nil.
func (n *node) property(k string) *node {
	t := n.index
	if len(t) == 0 {
		return nil
	}
	mask := uint32(len(t) - 1)
	for h := nameHash(k) & mask; ; h = (h + 1) & mask {
		i := t[h]
		if i == 0 {
			return nil // the table has empty slots: it is twice as long as properties
		}
		if p := &n.properties[i-1]; p.name == k {
			return p.n
		}
	}
}

// nameHash is the 32-bit FNV-1a hash of s.
func nameHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// propertyIndex returns the hash table of the names of ps for property:
// open addressing with linear probing, a power of two long and at least
// twice as long as ps; 0 is an empty slot, i+1 stands for ps[i]. Unlike a
// map it can be static data, and it looks a name up faster.
func propertyIndex(ps []property) []uint16 {
	size := 1
	for size < 2*len(ps) {
		size <<= 1
	}
	t := make([]uint16, size)
	mask := uint32(size - 1)
	for i, p := range ps {
		h := nameHash(p.name) & mask
		for t[h] != 0 {
			h = (h + 1) & mask
		}
		t[h] = uint16(i + 1)
	}
	return t
}

// limits are the keywords that bound a count: of properties, items, a
// string's characters. -1 is absent.
type limits struct {
	minProps  int
	maxProps  int
	minItems  int
	maxItems  int
	minLength int
	maxLength int
}

// values are the enum and const of a node.
type values struct {
	enum      []any // normalized JSON values; nil: no enum
	enumRaw   []any // as the schema writes them, for messages
	enumTypes uint8 // the types of the values
	hasConst  bool
	constVal  any
	constRaw  any
}

type patternProp struct {
	m *matcher
	n *node
}

// matcher is a schema pattern as jsonschema runs it by default: Go's
// regexp, unanchored. "^" followed by a literal is a prefix test, which is
// what the ubiquitous "^x-" is. Other patterns compile on their first
// match, so that a process pays only for those its files reach. The
// builder compiled each of them (one that does not compile makes the schema
// unsupported), and TestSchemaPatternsCompile compiles those of the compose
// schema, so compiling here cannot fail.
type matcher struct {
	src    string // the pattern as the schema writes it
	prefix string // the literal after "^", when that is the whole pattern
	once   sync.Once
	re     *regexp.Regexp
	fn     func(string) bool // a pattern simple enough to test without re
}

func (m *matcher) match(s string) bool {
	if m.prefix != "" {
		return strings.HasPrefix(s, m.prefix)
	}
	m.once.Do(m.compile)
	if m.fn != nil {
		return m.fn(s)
	}
	return m.re.MatchString(s)
}

func (m *matcher) compile() {
	if m.fn = simplePatterns[m.src]; m.fn == nil {
		m.re = regexp.MustCompile(m.src)
	}
}

// simplePatterns test the schema's most used patterns as RE2 reads them
// ("." is any character but a line feed, invalid UTF-8 included; "$"
// without the m flag is the end of the text). FuzzSimplePatterns holds
// each to regexp.
var simplePatterns = map[string]func(string) bool{
	"^.+$":              func(s string) bool { return s != "" && strings.IndexByte(s, '\n') < 0 },
	".+":                func(s string) bool { return strings.Trim(s, "\n") != "" },
	"^[a-zA-Z0-9._-]+$": func(s string) bool { return s != "" && allBytes(s, isNameByte) },
	"^[a-z]+$":          func(s string) bool { return s != "" && allBytes(s, func(c byte) bool { return 'a' <= c && c <= 'z' }) },
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// fastSchema is a schema built into nodes for the fast path and the full
// evaluation.
type fastSchema struct {
	root        *node
	unsupported []string // keywords or constructs met that the validators do not model
}

// fast returns the compose-spec schema's nodes: what buildFast makes of
// compose-spec.json, written out as Go composite literals (nodes_gen.go) by
// `go generate ./linter/schema`. The compiler lays them out in the binary,
// so a process neither decodes the schema nor builds a node (which cost
// each one 0.5 to 1 ms); only the patterns it matches compile, on first use.
// TestGeneratedNodes keeps the file what the builder makes of the embedded
// schema, and TestGeneratedNodesMatchBuilder the nodes equal to the
// builder's.
func fast() *fastSchema { return &composeSchema }

// buildFast builds the nodes of a schema: the compose-spec schema at `go
// generate` time, and the small schemas of the tests.
func buildFast(text string) *fastSchema {
	fs, _ := buildNodes(text)
	return fs
}

// buildNodes is buildFast that also returns the nodes of the schema's $defs
// by name, which the generator writes out as named variables.
func buildNodes(text string) (*fastSchema, map[string]*node) {
	fs := &fastSchema{}
	raw, err := decodeJSON(text)
	if err != nil {
		fs.root = &node{unsupported: "unparsable schema"}
		fs.unsupported = append(fs.unsupported, fs.root.unsupported)
		return fs, nil
	}
	b := builder{fs: fs, defs: map[string]*node{}, regexps: map[string]*matcher{}}
	top, _ := raw.(map[string]any)
	if defs, ok := top["$defs"].(map[string]any); ok {
		// Nodes first, so that $refs (also recursive ones) can point at them.
		for name := range defs {
			b.defs[name] = &node{}
		}
		for name, d := range defs {
			b.fill(b.defs[name], d, false)
		}
	}
	fs.root = &node{}
	b.fill(fs.root, raw, true)
	return fs, b.defs
}

type builder struct {
	fs      *fastSchema
	defs    map[string]*node
	regexps map[string]*matcher
}

func (b *builder) fail(n *node, why string) {
	if n.unsupported == "" {
		n.unsupported = why
	}
	b.fs.unsupported = append(b.fs.unsupported, why)
}

func (b *builder) sub(v any) *node {
	n := &node{}
	b.fill(n, v, false)
	return n
}

func (b *builder) subs(v any, n *node, kw string) []*node {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		b.fail(n, kw+" is not a non-empty array")
		return nil
	}
	out := make([]*node, len(list))
	for i, e := range list {
		out[i] = b.sub(e)
	}
	return out
}

func (b *builder) fill(n *node, v any, root bool) {
	switch v := v.(type) {
	case bool:
		n.always = &v
		return
	case map[string]any:
		for kw, val := range v {
			b.keyword(n, kw, val, root)
		}
	default:
		b.fail(n, fmt.Sprintf("schema of type %T", v))
	}
}

func (b *builder) keyword(n *node, kw string, val any, root bool) {
	if !supportedKeywords[kw] {
		b.fail(n, "keyword "+kw)
		return
	}
	switch kw {
	case "$schema":
		if !root || val != draft2020 {
			b.fail(n, fmt.Sprintf("$schema %v", val))
		}
	case "$id", "$defs":
		if !root {
			b.fail(n, kw+" below the root")
		}
	case "type":
		n.types = b.types(n, val)
	case "enum":
		list, ok := val.([]any)
		if !ok {
			b.fail(n, "enum is not an array")
			return
		}
		vs := b.values(n)
		vs.enum, vs.enumRaw = []any{}, list // present and empty: nothing matches
		for _, e := range list {
			v := b.value(n, e)
			vs.enum = append(vs.enum, v)
			vs.enumTypes |= typeBit(v)
		}
	case "const":
		vs := b.values(n)
		vs.hasConst, vs.constVal, vs.constRaw = true, b.value(n, val), val
	case "$ref":
		s, _ := val.(string)
		name, ok := strings.CutPrefix(s, "#/$defs/")
		if !ok || strings.ContainsAny(name, "/~%") || b.defs[name] == nil {
			b.fail(n, fmt.Sprintf("$ref %v", val))
			return
		}
		n.ref = b.defs[name]
	case "properties":
		m, ok := val.(map[string]any)
		if !ok {
			b.fail(n, "properties is not an object")
			return
		}
		if len(m) > math.MaxUint16/2 {
			b.fail(n, "too many properties")
			return
		}
		n.properties = make([]property, 0, len(m))
		for k, s := range m {
			n.properties = append(n.properties, property{k, b.sub(s)})
		}
		// In a fixed order, which no verdict or message depends on.
		slices.SortFunc(n.properties, func(a, b property) int { return strings.Compare(a.name, b.name) })
		n.index = propertyIndex(n.properties)
	case "patternProperties":
		m, ok := val.(map[string]any)
		if !ok {
			b.fail(n, "patternProperties is not an object")
			return
		}
		for k, s := range m {
			if re := b.regexp(n, k); re != nil {
				n.patterns = append(n.patterns, patternProp{re, b.sub(s)})
			}
		}
		// In a fixed order, which no verdict or message depends on.
		slices.SortFunc(n.patterns, func(a, b patternProp) int { return strings.Compare(a.m.src, b.m.src) })
	case "additionalProperties":
		n.additional = b.sub(val)
	case "unevaluatedProperties":
		n.unevaluated = b.sub(val)
	case "items":
		n.items = b.sub(val)
	case "not":
		n.not = b.sub(val)
	case "if":
		n.ifS = b.sub(val)
	case "then":
		n.thenS = b.sub(val)
	case "else":
		n.elseS = b.sub(val)
	case "allOf":
		n.allOf = b.subs(val, n, kw)
	case "anyOf":
		n.anyOf = b.subs(val, n, kw)
	case "oneOf":
		n.oneOf = b.subs(val, n, kw)
	case "required":
		n.required = b.strings(n, val)
	case "dependentRequired":
		m, ok := val.(map[string]any)
		if !ok {
			b.fail(n, "dependentRequired is not an object")
			return
		}
		n.depRequired = map[string][]string{}
		for k, l := range m {
			n.depRequired[k] = b.strings(n, l)
		}
	case "uniqueItems":
		u, ok := val.(bool)
		if !ok {
			b.fail(n, "uniqueItems is not a boolean")
		}
		n.uniqueItems = u
	case "minProperties":
		b.limits(n).minProps = b.count(n, val)
	case "maxProperties":
		b.limits(n).maxProps = b.count(n, val)
	case "minItems":
		b.limits(n).minItems = b.count(n, val)
	case "maxItems":
		b.limits(n).maxItems = b.count(n, val)
	case "minLength":
		b.limits(n).minLength = b.count(n, val)
	case "maxLength":
		b.limits(n).maxLength = b.count(n, val)
	case "minimum":
		n.minimum = b.bound(n, val)
	case "maximum":
		n.maximum = b.bound(n, val)
	case "exclusiveMinimum":
		n.exclMinimum = b.bound(n, val)
	case "exclusiveMaximum":
		n.exclMaximum = b.bound(n, val)
	case "pattern":
		s, ok := val.(string)
		if !ok {
			b.fail(n, "pattern is not a string")
			return
		}
		n.pattern = b.regexp(n, s)
	}
}

func (b *builder) values(n *node) *values {
	if n.values == nil {
		n.values = &values{}
	}
	return n.values
}

func (b *builder) limits(n *node) *limits {
	if n.limits == nil {
		n.limits = &limits{-1, -1, -1, -1, -1, -1}
	}
	return n.limits
}

func (b *builder) types(n *node, val any) uint8 {
	var names []any
	switch val := val.(type) {
	case string:
		names = []any{val}
	case []any:
		names = val
	}
	var t uint8
	for _, name := range names {
		switch name {
		case "null":
			t |= tNull
		case "boolean":
			t |= tBool
		case "object":
			t |= tObject
		case "array":
			t |= tArray
		case "number":
			t |= tNumber
		case "string":
			t |= tString
		case "integer":
			t |= tInteger
		default:
			b.fail(n, fmt.Sprintf("type %v", name))
		}
	}
	if names == nil {
		b.fail(n, fmt.Sprintf("type %v", val))
	}
	return t
}

func (b *builder) strings(n *node, val any) []string {
	list, ok := val.([]any)
	if !ok {
		b.fail(n, "expected an array of strings")
		return nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			b.fail(n, "expected an array of strings")
		}
		out = append(out, s)
	}
	return out
}

// exactInt returns the JSON number as a float64 when it is an integer that
// float64 holds exactly (|x| <= 2^53). Comparing float64 instances against
// such a bound agrees with jsonschema's comparison of exact rationals.
func exactInt(v any) (float64, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	r, ok := new(big.Rat).SetString(string(num))
	if !ok || !r.IsInt() || r.Num().CmpAbs(big.NewInt(1<<53)) > 0 {
		return 0, false
	}
	f, _ := r.Float64()
	return f, true
}

func (b *builder) bound(n *node, val any) *float64 {
	f, ok := exactInt(val)
	if !ok {
		b.fail(n, fmt.Sprintf("bound %v", val))
		return nil
	}
	return &f
}

func (b *builder) count(n *node, val any) int {
	f, ok := exactInt(val)
	if !ok || f < 0 {
		b.fail(n, fmt.Sprintf("count %v", val))
		return -1
	}
	return int(f)
}

// value turns a schema constant into the form instances are compared in.
func (b *builder) value(n *node, v any) any {
	switch v := v.(type) {
	case nil, bool, string:
		return v
	case json.Number:
		f, ok := exactInt(v)
		if !ok {
			b.fail(n, fmt.Sprintf("constant %v", v))
		}
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = b.value(n, e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = b.value(n, e)
		}
		return out
	}
	b.fail(n, fmt.Sprintf("constant of type %T", v))
	return nil
}

func (b *builder) regexp(n *node, src string) *matcher {
	if m, ok := b.regexps[src]; ok {
		return m
	}
	var m *matcher
	if rest, ok := strings.CutPrefix(src, "^"); ok && rest != "" && regexp.QuoteMeta(rest) == rest {
		m = &matcher{src: src, prefix: rest}
	} else {
		if _, err := regexp.Compile(src); err != nil {
			// jsonschema could not compile the schema either; let it say so.
			b.fail(n, "pattern "+src)
			return nil
		}
		m = &matcher{src: src}
	}
	b.regexps[src] = m
	return m
}

// fastValid reports whether doc certainly validates: jsonschema's
// validation of the normalized document would find nothing, and normalizing
// it would report no value. False means only "not known to be valid".
func fastValid(doc any) bool { return checker{}.valid(doc) }

// valid is fastValid with c's memo.
func (c checker) valid(doc any) bool {
	return c.plain(doc, 0) && c.check(fast().root, doc, 0) == valid
}

// maxDepth bounds recursion through documents and $refs; deeper is unsure.
const maxDepth = 256

// plain reports whether v consists only of values normalize passes through
// unchanged in meaning and without a diagnostic: JSON types, Go integers,
// finite float64s, valid UTF-8. The checks below assume it.
func plain(v any, depth int) bool { return checker{}.plain(v, depth) }

// plain is plain remembering, in c's memo, the shared mappings found plain
// (as accepted against no schema node).
func (c checker) plain(v any, depth int) bool {
	if c.memo != nil {
		if s, ok := v.(Shared); ok {
			if c.memo.isAccepted(nil, s, depth) {
				return true
			}
			if !c.plainValue(v, depth) {
				return false
			}
			c.memo.accept(nil, s, depth)
			return true
		}
	}
	return c.plainValue(v, depth)
}

func (c checker) plainValue(v any, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch v := v.(type) {
	case nil, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return true
	case float64:
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case string:
		return utf8.ValidString(v)
	case *string:
		return utf8.ValidString(*v)
	case map[string]any:
		for k, e := range v {
			if !utf8.ValidString(k) || !c.plain(e, depth+1) {
				return false
			}
		}
		return true
	case Mapping:
		for i := range v.Len() {
			if k, e := v.Entry(i); !utf8.ValidString(k) || !c.plain(e, depth+1) {
				return false
			}
		}
		return true
	case []any:
		return c.plainList(v, depth)
	case *[]any:
		return c.plainList(*v, depth)
	}
	return false
}

func (c checker) plainList(v []any, depth int) bool {
	for _, e := range v {
		if !c.plain(e, depth+1) {
			return false
		}
	}
	return true
}

// number returns v as normalize would hand it to jsonschema.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return 0, false
}

func typeBit(v any) uint8 {
	switch v.(type) {
	case nil:
		return tNull
	case bool:
		return tBool
	case string, *string:
		return tString
	case map[string]any, Mapping:
		return tObject
	case []any, *[]any:
		return tArray
	}
	return tNumber
}

// equal is jsonschema's equality of a (an instance value) with b (a
// schema constant, or an earlier item of the same list): numbers by value,
// and, a quirk compose-go inherits, a number equals a string that big.Rat
// parses as the same number, but only with the number on the left: a list
// ["3000", 3000] repeats an item, [3000, "3000"] does not. Inside mappings
// and lists the sides keep their roles.
func equal(a, b any) bool {
	if s, ok := text(a); ok {
		bs, ok := text(b)
		return ok && s == bs
	}
	a, b = mapped(a), mapped(b)
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, e := range a {
			f, ok := bm[k]
			if !ok || !equal(e, f) {
				return false
			}
		}
		return true
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !equal(a[i], bl[i]) {
				return false
			}
		}
		return true
	}
	x, ok := number(a)
	if !ok {
		return false
	}
	if s, ok := text(b); ok {
		return numberText(x, s)
	}
	y, ok := number(b)
	return ok && x == y
}

// numberText reports whether jsonschema takes the string s for the number
// f: it compares the exact rationals of f's shortest decimal form and of s.
// Equal rationals round to the same float, so a string ParseFloat reads as
// another float (or out of range) is not f, which spares big.Rat the
// exponents that cost it milliseconds ("1e999999"); ParseFloat misreads
// exponents from 10,000 on, so those go the exact way. Zero is the one
// float a string far out of range still rounds to ("1e-999999"): only a
// mantissa without a nonzero digit is zero. A nonzero mantissa of n digits
// lies within 10^±n (2^±4n), so an exponent beyond that and the range of
// floats leaves a value that is not f, whatever big.Rat would compute.
func numberText(f float64, s string) bool {
	if s == "" || !strings.ContainsAny(s[:1], "+-.0123456789") {
		return false // not the start of anything big.Rat parses
	}
	e10, dec := exponentAfter(s, "eE")
	e2, bin := exponentAfter(s, "pP")
	if !(dec && abs(e10) >= 10000 || bin && abs(e2) >= 10000) {
		if g, err := strconv.ParseFloat(s, 64); err == nil && g != f || errors.Is(err, strconv.ErrRange) {
			return false
		}
	}
	if f == 0 {
		if nonzeroMantissa(s) {
			return false
		}
	} else if dec && abs(e10) > len(s)+330 || bin && abs(e2) > 4*len(s)+1100 {
		return false
	}
	if neg, sig, exp, exp5, ok := plainDecimal(s); ok {
		// big.Rat reads every digit (seconds for a megabyte): give it the
		// same value in a few hundred.
		switch {
		case sig == "":
			// Zero, if big.Rat can read the exponent as written (int64).
			return f == 0 && exponentFits(s)
		case abs(exp5) > 1e6:
			return false // big.Rat refuses the text
		case len(sig) > 800 || exp+len(sig) > 310 || exp+len(sig) < -324:
			return false // no float has more digits, nor such a magnitude
		}
		s = sig + "e" + strconv.Itoa(exp)
		if neg {
			s = "-" + s
		}
	} else if len(s) > 10000 {
		// A prefix, an underscore or a fraction over 10,000 characters:
		// not taken for a number (big.Rat would read it quadratically).
		return false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return false
	}
	fr, _ := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	return fr.Cmp(r) == 0
}

// nonzeroMantissa reports whether the mantissa of a number text (before
// its exponent: "p" after a hexadecimal prefix, "e" or "p" otherwise) or
// the dividend of a fraction has a nonzero digit, so that whatever value
// big.Rat reads, it is not zero.
func nonzeroMantissa(s string) bool {
	t := strings.TrimLeft(s, "+-")
	if i := strings.IndexByte(t, '/'); i >= 0 {
		t = t[:i]
	}
	marks, digits := "eEpP", "123456789"
	if len(t) > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') {
		t, marks, digits = t[2:], "pP", "123456789abcdefABCDEF"
	}
	if i := strings.IndexAny(t, marks); i >= 0 {
		t = t[:i]
	}
	return strings.ContainsAny(t, digits)
}

// exponentAfter returns the exponent after one of marks ("eE": decimal;
// "pP": binary) in a number text, saturated at ±10^9. A hexadecimal
// mantissa has no decimal exponent ('e' is one of its digits), a fraction
// no exponent at all.
// exponentFits reports whether the decimal exponent written in s (after
// e or E), if any, fits in an int64, as big.Rat requires.
func exponentFits(s string) bool {
	i := strings.LastIndexAny(s, "eE")
	if i < 0 {
		return true
	}
	_, err := strconv.ParseInt(s[i+1:], 10, 64)
	return err == nil
}

func exponentAfter(s, marks string) (int, bool) {
	t := strings.TrimLeft(s, "+-")
	if strings.Contains(t, "/") || marks == "eE" && len(t) > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') {
		return 0, false
	}
	i := strings.IndexAny(t, marks)
	if i < 0 {
		return 0, false
	}
	t = t[i+1:]
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(t, "+-")
	e := 0
	for _, c := range []byte(t) {
		if c == '_' {
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		e = min(e*10+int(c-'0'), 1e9)
	}
	if neg {
		e = -e
	}
	return e, true
}

// plainDecimal reads s as [sign] digits [. digits] [e|E [sign] digits]:
// sig is its significant digits (no leading or trailing zeros; "" for
// zero), scaled by 10^exp; exp5 is the exponent big.Rat works with (the
// written one less the fraction's digits), saturated at ±10^9.
func plainDecimal(s string) (neg bool, sig string, exp, exp5 int, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	digits := func() (int, int) {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return start, i
	}
	intStart, intEnd := digits()
	fracStart, fracEnd := i, i
	if i < len(s) && s[i] == '.' {
		i++
		fracStart, fracEnd = digits()
	}
	if intEnd == intStart && fracEnd == fracStart {
		return false, "", 0, 0, false
	}
	written := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := i < len(s) && s[i] == '-'
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start, end := digits()
		if start == end {
			return false, "", 0, 0, false
		}
		for _, c := range []byte(s[start:end]) {
			written = min(written*10+int(c-'0'), 1e9)
		}
		if eneg {
			written = -written
		}
	}
	if i != len(s) {
		return false, "", 0, 0, false
	}
	exp5 = max(written-(fracEnd-fracStart), -1e9)
	// The digits without the point, then without leading and trailing
	// zeros; each trailing zero dropped raises the power. Beyond 800
	// significant digits sig holds only their count in zeros' place
	// (callers refuse it by its length; no float has that many).
	in, fr := s[intStart:intEnd], s[fracStart:fracEnd]
	if t := strings.TrimLeft(in, "0"); t != "" {
		in = t
	} else {
		in, fr = "", strings.TrimLeft(fr, "0")
	}
	trail := len(fr) - len(strings.TrimRight(fr, "0"))
	if trail == len(fr) {
		fr = ""
		t := strings.TrimRight(in, "0")
		trail += len(in) - len(t)
		in = t
	} else {
		fr = fr[:len(fr)-trail]
	}
	if n := len(in) + len(fr); n > 800 {
		sig = strings.Repeat("0", 801)
	} else {
		sig = in + fr
	}
	return neg, sig, exp5 + trail, exp5, true
}

func abs(n int) int { return max(n, -n) }

// mapped is v, or the map of a Mapping (compared by key, as maps are).
func mapped(v any) any {
	switch m := v.(type) {
	case Mapping:
		return asMaps(m)
	case *[]any:
		return *m
	}
	return v
}

// sameValue is equality without the quirk: same types, numbers by value.
func sameValue(a, b any) bool {
	if typeBit(a) != typeBit(b) {
		return false
	}
	a, b = mapped(a), mapped(b)
	switch a := a.(type) {
	case map[string]any:
		bm := b.(map[string]any)
		if len(a) != len(bm) {
			return false
		}
		for k, e := range a {
			f, ok := bm[k]
			if !ok || !sameValue(e, f) {
				return false
			}
		}
		return true
	case []any:
		bl := b.([]any)
		if len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !sameValue(a[i], bl[i]) {
				return false
			}
		}
		return true
	}
	return equal(a, b)
}

// duplicate finds what uniqueItems rejects, as jsonschema does: the first
// item equal to an earlier one, i, and the first such earlier one, j. Up
// to 20 items it compares with equal; a longer list goes through a hash of
// each item's type and value, so only items of the same type compare, and
// the quirk of equal cannot apply.
func duplicate(list []any) (j, i int, found bool) {
	eq := equal
	if len(list) > 20 {
		eq = sameValue
	}
	for i := 1; i < len(list); i++ {
		for j := 0; j < i; j++ {
			if eq(list[i], list[j]) {
				return j, i, true
			}
		}
	}
	return 0, 0, false
}

// holds reports whether v is n's const, if it has one, and one of n's enum
// values, if it has an enum; the kind of the failed one otherwise.
func (vs *values) holds(v any) (bool, leafKind) {
	if vs.hasConst && !equal(v, vs.constVal) {
		return false, kConst
	}
	if vs.enum != nil && !vs.inEnum(v) {
		return false, kEnum
	}
	return true, 0
}

// inEnum reports whether v is one of the enum values. jsonschema compares
// only when the enum has a value of v's type.
func (vs *values) inEnum(v any) bool {
	if vs.enumTypes&typeBit(v) == 0 {
		return false
	}
	for _, e := range vs.enum {
		if equal(v, e) {
			return true
		}
	}
	return false
}

// and combines the verdicts of keywords that must all hold.
func and(a, b verdict) verdict {
	if a == invalid || b == invalid {
		return invalid
	}
	if a == unsure || b == unsure {
		return unsure
	}
	return valid
}

// checker runs the fast check, remembering in memo (when set) the shared
// mappings it accepts.
type checker struct{ memo *Memo }

func check(n *node, v any, depth int) verdict { return checker{}.check(n, v, depth) }

// check checks v against n: a shared mapping accepted before against n
// at this depth or deeper needs no second look.
func (c checker) check(n *node, v any, depth int) verdict {
	if c.memo != nil {
		if s, ok := v.(Shared); ok {
			if c.memo.isAccepted(n, s, depth) {
				return valid
			}
			r := c.checkValue(n, v, depth)
			if r == valid {
				c.memo.accept(n, s, depth)
			}
			return r
		}
	}
	return c.checkValue(n, v, depth)
}

func (c checker) checkValue(n *node, v any, depth int) verdict {
	if n.always != nil {
		if *n.always {
			return valid
		}
		return invalid
	}
	if n.unsupported != "" || depth > maxDepth {
		return unsure
	}
	t := typeBit(v)
	if n.types != 0 && n.types&t == 0 {
		if t != tNumber || n.types&tInteger == 0 {
			return invalid
		}
		f, _ := number(v)
		if f != math.Trunc(f) {
			return invalid
		}
	}
	if n.values != nil {
		if ok, _ := n.values.holds(v); !ok {
			return invalid
		}
	}
	r := valid
	if n.ref != nil {
		if r = c.check(n.ref, v, depth+1); r == invalid {
			return invalid
		}
	}
	switch v := v.(type) {
	case map[string]any:
		r = and(r, c.checkObject(n, v, depth))
	case Mapping:
		r = and(r, c.checkMapping(n, v, depth))
	case []any:
		r = and(r, c.checkArray(n, v, depth))
	case *[]any:
		r = and(r, c.checkArray(n, *v, depth))
	case string:
		r = and(r, checkString(n, v))
	case *string:
		r = and(r, checkString(n, *v))
	case nil, bool:
	default:
		f, _ := number(v)
		r = and(r, checkNumber(n, f))
	}
	if r == invalid {
		return invalid
	}
	r = and(r, c.checkApplicators(n, v, depth))
	if r != valid || n.unevaluated == nil {
		return r
	}
	// Everything else holds. A property no successful subschema evaluated
	// must match unevaluatedProperties; evaluates under-approximates that
	// set, so a failure here is only unsure.
	switch obj := v.(type) {
	case map[string]any:
		for k, e := range obj {
			if !evaluates(n, k, 0) && c.check(n.unevaluated, e, depth+1) != valid {
				return unsure
			}
		}
	case Mapping:
		for i := range obj.Len() {
			if k, e := obj.Entry(i); !evaluates(n, k, 0) && c.check(n.unevaluated, e, depth+1) != valid {
				return unsure
			}
		}
	}
	return r
}

func (c checker) checkObject(n *node, obj map[string]any, depth int) verdict {
	has := func(k string) bool { _, ok := obj[k]; return ok }
	if r := checkKeys(n, len(obj), has); r != valid || n.properties == nil && n.patterns == nil && n.additional == nil {
		return r
	}
	r := valid
	for k, e := range obj {
		if r = and(r, c.checkProperty(n, k, e, depth)); r == invalid {
			return invalid
		}
	}
	return r
}

// checkMapping is checkObject of a Mapping.
func (c checker) checkMapping(n *node, obj Mapping, depth int) verdict {
	has := func(k string) bool { _, ok := lookup(obj, k); return ok }
	if r := checkKeys(n, obj.Len(), has); r != valid || n.properties == nil && n.patterns == nil && n.additional == nil {
		return r
	}
	r := valid
	for i := range obj.Len() {
		k, e := obj.Entry(i)
		if r = and(r, c.checkProperty(n, k, e, depth)); r == invalid {
			return invalid
		}
	}
	return r
}

// checkKeys checks an object's number of properties and the ones it must
// have, given its size and a look-up.
func checkKeys(n *node, size int, has func(string) bool) verdict {
	if l := n.limits; l != nil && (l.minProps >= 0 && size < l.minProps || l.maxProps >= 0 && size > l.maxProps) {
		return invalid
	}
	for _, k := range n.required {
		if !has(k) {
			return invalid
		}
	}
	for k, deps := range n.depRequired {
		if has(k) {
			for _, d := range deps {
				if !has(d) {
					return invalid
				}
			}
		}
	}
	return valid
}

// checkProperty checks the value e of property k against the properties,
// patternProperties and additionalProperties of n.
func (c checker) checkProperty(n *node, k string, e any, depth int) verdict {
	r := valid
	evaluated := false
	if s := n.property(k); s != nil {
		evaluated = true
		if r = and(r, c.check(s, e, depth+1)); r == invalid {
			return invalid
		}
	}
	for _, p := range n.patterns {
		if p.m.match(k) {
			evaluated = true
			if r = and(r, c.check(p.n, e, depth+1)); r == invalid {
				return invalid
			}
		}
	}
	if !evaluated && n.additional != nil {
		r = and(r, c.check(n.additional, e, depth+1))
	}
	return r
}

func (c checker) checkArray(n *node, list []any, depth int) verdict {
	if l := n.limits; l != nil && (l.minItems >= 0 && len(list) < l.minItems || l.maxItems >= 0 && len(list) > l.maxItems) {
		return invalid
	}
	if n.uniqueItems {
		if _, _, found := duplicate(list); found {
			return invalid
		}
	}
	r := valid
	if n.items != nil {
		for _, e := range list {
			if r = and(r, c.check(n.items, e, depth+1)); r == invalid {
				return invalid
			}
		}
	}
	return r
}

func checkString(n *node, s string) verdict {
	if l := n.limits; l != nil && (l.minLength >= 0 || l.maxLength >= 0) {
		count := utf8.RuneCountInString(s)
		if l.minLength >= 0 && count < l.minLength || l.maxLength >= 0 && count > l.maxLength {
			return invalid
		}
	}
	if n.pattern != nil && !n.pattern.match(s) {
		return invalid
	}
	return valid
}

func checkNumber(n *node, f float64) verdict {
	if n.minimum != nil && f < *n.minimum || n.maximum != nil && f > *n.maximum ||
		n.exclMinimum != nil && f <= *n.exclMinimum || n.exclMaximum != nil && f >= *n.exclMaximum {
		return invalid
	}
	return valid
}

func (c checker) checkApplicators(n *node, v any, depth int) verdict {
	r := valid
	for _, s := range n.allOf {
		if r = and(r, c.check(s, v, depth+1)); r == invalid {
			return invalid
		}
	}
	if n.anyOf != nil {
		some := invalid
		for _, s := range n.anyOf {
			switch c.check(s, v, depth+1) {
			case valid:
				some = valid
			case unsure:
				some = unsure
			}
			if some == valid {
				break
			}
		}
		if r = and(r, some); r == invalid {
			return invalid
		}
	}
	if n.oneOf != nil {
		matched, unknown := 0, false
		for _, s := range n.oneOf {
			switch c.check(s, v, depth+1) {
			case valid:
				matched++
			case unsure:
				unknown = true
			}
		}
		one := unsure
		switch {
		case matched > 1:
			one = invalid
		case !unknown && matched == 1:
			one = valid
		case !unknown && matched == 0:
			one = invalid
		}
		if r = and(r, one); r == invalid {
			return invalid
		}
	}
	if n.not != nil {
		switch c.check(n.not, v, depth+1) {
		case valid:
			return invalid
		case unsure:
			r = and(r, unsure)
		}
	}
	if n.ifS != nil {
		var branch *node
		switch c.check(n.ifS, v, depth+1) {
		case valid:
			branch = n.thenS
		case invalid:
			branch = n.elseS
		default:
			return and(r, unsure)
		}
		if branch != nil {
			if r = and(r, c.check(branch, v, depth+1)); r == invalid {
				return invalid
			}
		}
	}
	return r
}

// evaluates reports whether n, having validated an object, certainly
// evaluated its property k: through its own properties, patternProperties,
// additionalProperties or unevaluatedProperties, or those of a $ref or
// allOf subschema (which a valid n implies are valid too). Subschemas of
// anyOf, oneOf and if/then/else are left out: which of them succeeded is not
// tracked, so the set is a subset of the real one.
//
// At depth 0, n is the schema whose unevaluatedProperties is being applied,
// so its own unevaluatedProperties does not count.
func evaluates(n *node, k string, depth int) bool {
	if n.always != nil || depth > maxDepth {
		return false
	}
	if n.additional != nil || n.unevaluated != nil && depth > 0 {
		return true
	}
	if n.property(k) != nil {
		return true
	}
	for _, p := range n.patterns {
		if p.m.match(k) {
			return true
		}
	}
	if n.ref != nil && evaluates(n.ref, k, depth+1) {
		return true
	}
	for _, s := range n.allOf {
		if evaluates(s, k, depth+1) {
			return true
		}
	}
	return false
}
