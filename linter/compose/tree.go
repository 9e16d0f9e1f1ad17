package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/fastyaml"
	"github.com/reachlint/reachlint/linter/source"
)

// Kind is the shape of a Node.
type Kind uint8

const (
	Null Kind = iota
	Scalar
	Map
	Seq
)

func (k Kind) String() string {
	return [...]string{"null", "scalar", "mapping", "sequence"}[k]
}

// Node is a YAML value with the position where it was written. Anchors,
// aliases and merge keys are resolved: a node reached through an alias is the
// anchor's node itself, so a finding in it points at the anchor. Scalars are
// interpolated; Raw keeps the text as written.
type Node struct {
	Kind Kind
	// Quoted reports a single- or double-quoted scalar.
	Quoted bool
	// direct is set when Raw is byte for byte the file content at
	// valStart, the byte offset of the scalar's first content byte.
	direct bool
	// Shared is set when at least one alias refers to this node, defined
	// under an anchor (HasAnchor).
	Shared bool
	// anchor is set on a node defined under an anchor (&name).
	anchor bool
	// fromList marks a mapping made from a list (environment, depends_on,
	// networks), so validation sees the list that was written, and the
	// null value such a list gives each name.
	fromList bool
	// anchored marks a node in an anchored node's subtree, the only nodes
	// of a parsed tree that aliases and merge keys may reach twice.
	anchored bool
	// valStart is the byte offset of the scalar's first content byte
	// (files are at most 1 GiB: vfs.HardLimit).
	valStart int32

	Tag   string // "!!str", "!!int", "!reset", "!override", ...
	Value string // scalar value after interpolation
	Raw   string // scalar value before interpolation
	Range diag.Range
	File  *source.File
	Pairs []Pair  // Map
	Items []*Node // Seq

	// Segs maps Value back to its sources after interpolation; nil when no
	// interpolation happened.
	Segs []Seg
}

// HasAnchor reports a node defined under an anchor (&name).
func (n *Node) HasAnchor() bool { return n.anchor }

// Pair is one mapping entry.
type Pair struct {
	Key *Node
	Val *Node
}

// Get returns the value of key in a mapping, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i := len(n.Pairs) - 1; i >= 0; i-- {
		if n.Pairs[i].Key.Value == key {
			return n.Pairs[i].Val
		}
	}
	return nil
}

// GetPair returns the pair of key in a mapping.
func (n *Node) GetPair(key string) (Pair, bool) {
	if n == nil || n.Kind != Map {
		return Pair{}, false
	}
	for i := len(n.Pairs) - 1; i >= 0; i-- {
		if n.Pairs[i].Key.Value == key {
			return n.Pairs[i], true
		}
	}
	return Pair{}, false
}

// Path follows mapping keys.
func (n *Node) Path(keys ...string) *Node {
	for _, k := range keys {
		n = n.Get(k)
	}
	return n
}

// IsNull reports a missing or null node.
func (n *Node) IsNull() bool { return n == nil || n.Kind == Null }

// Str returns a scalar's value, or "".
func (n *Node) Str() string {
	if n == nil || n.Kind != Scalar {
		return ""
	}
	return n.Value
}

// SubRange returns the source range of Value[start:end], following
// interpolation back to where those bytes were written (a .env line, a
// default). When the bytes cannot be mapped exactly it returns the whole
// scalar's range.
func (n *Node) SubRange(start, end int) diag.Range {
	if n == nil {
		return diag.Range{}
	}
	if n.Segs != nil {
		for _, s := range n.Segs {
			if start >= s.Start && end <= s.End {
				if s.File != nil && s.direct {
					off := s.SrcStart + (start - s.Start)
					return s.File.Range(off, off+(end-start))
				}
				if s.File != nil {
					return s.SrcRange()
				}
			}
		}
		return n.Range
	}
	if n.direct && n.File != nil && end <= len(n.Raw) && start <= end {
		return n.File.Range(int(n.valStart)+start, int(n.valStart)+end)
	}
	return n.Range
}

// ExactRange is SubRange when Value[start:end] maps byte for byte onto one
// file, so that an edit there is safe; ok is false otherwise.
func (n *Node) ExactRange(start, end int) (diag.Range, bool) {
	if n == nil || start < 0 || end > len(n.Value) || start > end {
		return diag.Range{}, false
	}
	if n.Segs != nil {
		for _, s := range n.Segs {
			if start >= s.Start && end <= s.End && s.File != nil && s.direct {
				off := s.SrcStart + (start - s.Start)
				return s.File.Range(off, off+(end-start)), true
			}
		}
		return n.Range, false
	}
	if n.direct && n.File != nil {
		return n.File.Range(int(n.valStart)+start, int(n.valStart)+end), true
	}
	return n.Range, false
}

// Origin returns where Value as a whole was written: the .env line when the
// scalar is a single ${VAR} that a .env file supplied, else the scalar.
func (n *Node) Origin() diag.Range {
	if n != nil && len(n.Segs) == 1 && n.Segs[0].File != nil && n.Segs[0].Var != "" {
		return n.Segs[0].SrcRange()
	}
	if n == nil {
		return diag.Range{}
	}
	return n.Range
}

// Problem is a parse error with a position.
type Problem struct {
	Rule    string
	Range   diag.Range
	Message string
	Related []diag.Related
}

// Limits bound what parsing may cost.
type Limits struct {
	MaxAliasExpansion int // nodes reached through aliases, per document
	MaxDepth          int
}

var defaultLimits = Limits{MaxAliasExpansion: 100000, MaxDepth: 200}

type converter struct {
	nodes    slab
	f        *source.File
	memo     map[*yaml.Node]*Node
	active   map[*yaml.Node]bool // anchors being converted, to catch cycles
	expanded int
	limits   Limits
	probs    []Problem
	aborted  bool
}

// slab hands out nodes allocated in blocks that grow from 32 to slabBlock
// nodes: a tree is kept or dropped whole, and one allocation serves many
// nodes. A block is filled right after it is cleared, while it is still in
// the processor's cache: a larger one would be cleared, leave the cache,
// and be read back to be filled (measured: a fifth of the conversion of a
// 1.9 MB file, with one block for its 135,000 nodes).
type slab struct {
	free []Node
	next int
}

func (s *slab) node() *Node {
	if len(s.free) == 0 {
		if s.next == 0 {
			s.next = 32
		}
		s.free = make([]Node, s.next)
		s.next = min(2*s.next, slabBlock)
	}
	n := &s.free[0]
	s.free = s.free[1:]
	return n
}

// slabBlock is the most nodes a slab block holds (about 200 KB).
const slabBlock = 1024

// yamlNodes counts the nodes of a tree, not following aliases, up to
// slabBlock (the first block of a converter's slab).
func yamlNodes(yn *yaml.Node, n int) int {
	n++
	for _, c := range yn.Content {
		if n >= slabBlock {
			break
		}
		if c.Kind != yaml.AliasNode {
			n = yamlNodes(c, n)
		}
	}
	return n
}

// parseYAML parses every document of f. A syntax error yields a Problem
// and no documents.
func parseYAML(f *source.File, lim Limits) ([]*Node, []Problem) {
	docs, probs, _ := parseDocs(f, lim)
	return docs, probs
}

// parseDocs is parseYAML, also reporting whether a document has an anchor
// (then a node may be reached twice).
func parseDocs(f *source.File, lim Limits) (docs []*Node, probs []Problem, anchors bool) {
	data := f.Data
	if hasNUL(data) {
		off := strings.IndexByte(string(data), 0)
		return nil, []Problem{{Rule: YAMLSyntax.Name, Range: f.Range(off, off+1), Message: "file contains a NUL byte: not a YAML text file"}}, false
	}
	// add converts one document; false ends the file.
	add := func(yn *yaml.Node) bool {
		c := &converter{f: f, limits: lim} // memo and active are made at the first anchor
		c.nodes.next = yamlNodes(yn, 0)    // the first block holds a small tree whole
		var root *Node
		if len(yn.Content) > 0 {
			root = c.conv(yn.Content[0], 0)
		}
		probs = append(probs, c.probs...)
		if root != nil && !c.aborted {
			docs = append(docs, root)
			anchors = anchors || c.memo != nil // made at the first anchor
		}
		return !c.aborted
	}
	// The common case: one document in the YAML the fast parser takes,
	// read into the tree yaml/v4 would build, in memory the next parse
	// reuses (the tree is converted at once). yaml/v4 reads the rest.
	buf := yamlBuffers.Get().(*fastyaml.Buffer)
	yn, ok := fastyaml.ParseIn(data, buf)
	if ok {
		add(yn)
	}
	buf.Reset()
	if buf.Size() <= maxBufferedNodes {
		yamlBuffers.Put(buf)
	}
	if ok {
		return docs, probs, anchors
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var yn yaml.Node
		err := dec.Decode(&yn)
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			probs = append(probs, syntaxProblem(f, err))
			return nil, probs, false
		}
		if !add(&yn) {
			return nil, probs, false
		}
	}
	return docs, probs, anchors
}

func hasNUL(b []byte) bool { return bytes.IndexByte(b, 0) >= 0 }

// yamlBuffers hold the memory of the fast parser's trees between parses;
// a buffer that grew past maxBufferedNodes (a file of tens of thousands
// of nodes, megabytes) is left to the collector.
var yamlBuffers = sync.Pool{New: func() any { return new(fastyaml.Buffer) }}

const maxBufferedNodes = 1 << 16

func (c *converter) pos(yn *yaml.Node) diag.Pos {
	return c.f.PosAt(yn.Line, yn.Column)
}

func (c *converter) fail(yn *yaml.Node, msg string) *Node {
	if !c.aborted {
		p := c.pos(yn)
		c.probs = append(c.probs, Problem{Rule: YAMLSyntax.Name, Range: diag.Range{File: c.f.Path, Start: p, End: p}, Message: msg})
	}
	c.aborted = true
	return &Node{Kind: Null, File: c.f, Range: c.f.Range(p0(c, yn), p0(c, yn))}
}

func p0(c *converter, yn *yaml.Node) int { return c.f.Offset(yn.Line, yn.Column) }

func (c *converter) conv(yn *yaml.Node, depth int) *Node {
	if c.aborted {
		return &Node{Kind: Null, File: c.f}
	}
	if depth > c.limits.MaxDepth {
		return c.fail(yn, fmt.Sprintf("nesting deeper than %d levels", c.limits.MaxDepth))
	}
	if n, ok := c.memo[yn]; ok {
		return n
	}
	if yn.Kind == yaml.AliasNode {
		if yn.Alias == nil {
			return c.fail(yn, "unknown alias")
		}
		if c.active[yn.Alias] {
			return c.fail(yn, fmt.Sprintf("alias *%s refers to the node that contains it: a recursive document", yn.Value))
		}
		n := c.conv(yn.Alias, depth+1)
		n.Shared = true
		c.expanded += size(n)
		if c.expanded > c.limits.MaxAliasExpansion {
			return c.fail(yn, fmt.Sprintf("aliases expand to more than %d nodes (a \"billion laughs\" document?)", c.limits.MaxAliasExpansion))
		}
		return n
	}
	n := c.nodes.node()
	n.File, n.Tag, n.anchor = c.f, yn.Tag, yn.Anchor != ""
	start := p0(c, yn)
	if yn.Anchor != "" {
		if c.memo == nil {
			c.memo, c.active = map[*yaml.Node]*Node{}, map[*yaml.Node]bool{}
		}
		c.memo[yn] = n
		c.active[yn] = true
		defer delete(c.active, yn)
	}
	n.anchored = len(c.active) > 0
	switch yn.Kind {
	case yaml.ScalarNode:
		c.scalar(n, yn, start)
	case yaml.MappingNode:
		n.Kind = Map
		c.mapping(n, yn, depth)
		n.Range = diag.Range{File: c.f.Path, Start: c.f.PosOnLine(start, yn.Line), End: c.endOf(n, start, yn.Line)}
	case yaml.SequenceNode:
		n.Kind = Seq
		if len(yn.Content) > 0 {
			n.Items = make([]*Node, 0, len(yn.Content))
		}
		for _, it := range yn.Content {
			n.Items = append(n.Items, c.conv(it, depth+1))
		}
		n.Range = diag.Range{File: c.f.Path, Start: c.f.PosOnLine(start, yn.Line), End: c.endOf(n, start, yn.Line)}
	default:
		n.Kind = Null
		n.Range = c.f.RangeOnLine(start, start, yn.Line)
	}
	return n
}

func size(n *Node) int {
	s := 1
	for _, p := range n.Pairs {
		s += 1 + size(p.Val)
	}
	for _, it := range n.Items {
		s += size(it)
	}
	return s
}

func (c *converter) endOf(n *Node, start, line int) diag.Pos {
	var last *Node
	if len(n.Pairs) > 0 {
		last = n.Pairs[len(n.Pairs)-1].Val
	} else if len(n.Items) > 0 {
		last = n.Items[len(n.Items)-1]
	}
	if last != nil && last.Range.File == c.f.Path && !last.Range.Start.Before(c.f.PosOnLine(start, line)) {
		return last.Range.End
	}
	// An empty flow collection: end after its closing bracket.
	if start < len(c.f.Data) && (c.f.Data[start] == '{' || c.f.Data[start] == '[') {
		return c.f.PosOnLine(start+2, line)
	}
	return c.f.PosOnLine(start, line)
}

func (c *converter) mapping(n *Node, yn *yaml.Node, depth int) {
	// Keys are found by a scan while a mapping is small, by a map beyond.
	var seen map[string]*Node
	find := func(key string) (*Node, bool) {
		if seen != nil {
			k, ok := seen[key]
			return k, ok
		}
		for i := len(n.Pairs) - 1; i >= 0; i-- { // the latest, as the map keeps
			if n.Pairs[i].Key.Value == key {
				return n.Pairs[i].Key, true
			}
		}
		return nil, false
	}
	add := func(p Pair) {
		n.Pairs = append(n.Pairs, p)
		switch {
		case seen != nil:
			seen[p.Key.Value] = p.Key
		case len(n.Pairs) > 16:
			seen = make(map[string]*Node, 2*len(n.Pairs))
			for _, q := range n.Pairs {
				seen[q.Key.Value] = q.Key
			}
		}
	}
	if len(yn.Content) > 1 {
		n.Pairs = make([]Pair, 0, len(yn.Content)/2)
	}
	var merged []Pair
	for i := 0; i+1 < len(yn.Content); i += 2 {
		kn, vn := yn.Content[i], yn.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
			for _, src := range mergeSources(vn) {
				m := c.conv(src, depth+1)
				if c.aborted {
					return
				}
				if m.Kind != Map {
					c.fail(src, "merge key \"<<\" needs a mapping or a list of mappings")
					return
				}
				merged = append(merged, m.Pairs...)
			}
			continue
		}
		k := c.conv(kn, depth+1)
		v := c.conv(vn, depth+1)
		if k.Kind != Scalar {
			c.fail(kn, "mapping keys must be strings")
			return
		}
		if prev, ok := find(k.Value); ok {
			c.probs = append(c.probs, Problem{
				Rule:    YAMLSyntax.Name,
				Range:   k.Range,
				Message: fmt.Sprintf("mapping key %q is defined twice; Compose refuses the file", k.Value),
				Related: []diag.Related{{Range: prev.Range, Message: "first defined here"}},
			})
		}
		add(Pair{Key: k, Val: v})
	}
	// Explicit keys win over merged ones; among merge sources the first wins.
	for _, p := range merged {
		if _, ok := find(p.Key.Value); ok {
			continue
		}
		add(p)
	}
}

func mergeSources(vn *yaml.Node) []*yaml.Node {
	if vn.Kind == yaml.SequenceNode {
		return vn.Content
	}
	return []*yaml.Node{vn}
}

func (c *converter) scalar(n *Node, yn *yaml.Node, start int) {
	n.Value, n.Raw = yn.Value, yn.Value
	if yn.Tag == "!!null" {
		n.Kind = Null
	} else {
		n.Kind = Scalar
	}
	data := c.f.Data
	i := skipProps(data, start)
	n.Quoted = yn.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	var end int
	switch {
	case yn.Style&yaml.DoubleQuotedStyle != 0:
		end = scanQuoted(data, i, '"')
		n.valStart = int32(i + 1)
		n.direct = hasPrefix(data[min(i+1, len(data)):], yn.Value) &&
			!strings.ContainsAny(yn.Value, "\\\n")
	case yn.Style&yaml.SingleQuotedStyle != 0:
		end = scanQuoted(data, i, '\'')
		n.valStart = int32(i + 1)
		n.direct = hasPrefix(data[min(i+1, len(data)):], yn.Value) &&
			!strings.ContainsAny(yn.Value, "'\n")
	case yn.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		end = blockEnd(c.f, yn)
		n.valStart = int32(i)
	default:
		n.valStart = int32(i)
		if hasPrefix(data[i:], yn.Value) {
			n.direct = !strings.Contains(yn.Value, "\n")
			end = i + len(yn.Value)
		} else {
			end = plainEnd(data, i)
		}
	}
	if yn.Tag == "!!null" && end == i && yn.Value == "" {
		end = i
	}
	n.Range = c.f.RangeOnLine(i, end, yn.Line)
}

// skipProps skips an anchor (&a) and a tag (!t) before a node's content.
func skipProps(data []byte, i int) int {
	for i < len(data) && (data[i] == '&' || data[i] == '!') {
		for i < len(data) && data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' {
			i++
		}
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
	}
	return i
}

func scanQuoted(data []byte, i int, q byte) int {
	j := i + 1
	for j < len(data) {
		switch {
		case q == '"' && data[j] == '\\':
			j += 2
			continue
		case data[j] == q:
			if q == '\'' && j+1 < len(data) && data[j+1] == '\'' {
				j += 2
				continue
			}
			return j + 1
		}
		j++
	}
	return len(data)
}

func plainEnd(data []byte, i int) int {
	j := i
	for j < len(data) && data[j] != '\n' && data[j] != '\r' {
		if data[j] == '#' && j > i && (data[j-1] == ' ' || data[j-1] == '\t') {
			break
		}
		j++
	}
	for j > i && (data[j-1] == ' ' || data[j-1] == '\t') {
		j--
	}
	return j
}

func blockEnd(f *source.File, yn *yaml.Node) int {
	lines := strings.Count(strings.TrimRight(yn.Value, "\n"), "\n") + 1
	last := yn.Line + lines
	if last > f.LineCount() {
		last = f.LineCount()
	}
	return f.Offset(last, len([]rune(f.Line(last)))+1)
}

// syntaxProblem turns the YAML library's error into a Problem at the place
// the user must edit.
func syntaxProblem(f *source.File, err error) Problem {
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Stage == yaml.ReaderStage {
		return encodingProblem(f, le.Mark.Index)
	}
	line, col, msg := yamlErrorPos(f, err)
	if line < 1 {
		line = 1
	}
	if line > f.LineCount() {
		line = f.LineCount()
	}
	if col < 1 {
		col = 1
	}
	p := f.PosAt(line, col)
	rng := diag.Range{File: f.Path, Start: p, End: p}
	if le != nil && strings.HasPrefix(le.ContextMsg, "while parsing a flow") {
		// Show the bracket that is never closed where it opens: the
		// collection the parser was in (its context), or, when the context
		// is a node inside one, the innermost bracket open at the error. A
		// collection that is closed but has something wrong inside gets the
		// parser's message where it stopped.
		open := unclosedBrackets(f.Data)
		at := -1
		if ctx := f.RuneOffset(le.ContextMark.Index); ctx < len(f.Data) && (f.Data[ctx] == '[' || f.Data[ctx] == '{') {
			if slices.Contains(open, ctx) {
				at = ctx
			}
		} else {
			for _, o := range open {
				if o < p.Offset {
					at = o
				}
			}
		}
		if at >= 0 {
			return Problem{Rule: YAMLSyntax.Name, Range: f.Range(at, at+1),
				Message: fmt.Sprintf("invalid YAML: %q is never closed: %s", f.Data[at:at+1], le.Message)}
		}
	}
	text := f.Line(line)
	if indent := len(text) - len(strings.TrimLeft(text, " \t")); strings.Contains(text[:indent], "\t") {
		// The parser's words for a tab in indentation do not say "tab".
		t := strings.IndexByte(text, '\t')
		rng = f.Range(f.Offset(line, 1)+t, f.Offset(line, 1)+t+1)
		return Problem{Rule: YAMLSyntax.Name, Range: rng, Message: "invalid YAML: a tab is used for indentation; YAML allows only spaces there"}
	}
	return Problem{Rule: YAMLSyntax.Name, Range: rng, Message: cleanYAMLMessage(msg)}
}

// encodingProblem reports the YAML reader's encoding error, at byte off of
// the file. The reader stops at the first sequence that is not UTF-8, but it
// may name a later byte of it ("invalid trailing UTF-8 octet" is the byte
// after a lead byte): the sequence's first byte is shown.
func encodingProblem(f *source.File, off int) Problem {
	data := f.Data
	if bad := f.InvalidUTF8(); bad >= 0 && bad <= off {
		off = bad
	}
	if off < 0 || off > len(data) {
		off = 0
	}
	msg := "invalid YAML: the file is not valid UTF-8 here; save it as UTF-8"
	if off < len(data) {
		msg = fmt.Sprintf("invalid YAML: byte 0x%02x is not valid UTF-8; save the file as UTF-8", data[off])
	}
	return Problem{Rule: YAMLSyntax.Name, Range: f.Range(off, min(off+1, len(data))), Message: msg}
}

// unclosedBrackets returns the offsets of the "[" and "{" in data that are
// never closed, outermost first, skipping quoted text and comments. A
// closing bracket of the other kind closes nothing.
func unclosedBrackets(data []byte) []int {
	var stack []int
	var quote byte
	comment := false
	for i, c := range data {
		switch {
		case comment:
			comment = c != '\n'
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			comment = true
		case c == '[' || c == '{':
			stack = append(stack, i)
		case (c == ']' || c == '}') && len(stack) > 0 && data[stack[len(stack)-1]] == c-2:
			// "[" + 2 is "]", "{" + 2 is "}"
			stack = stack[:len(stack)-1]
		}
	}
	return stack
}

// yamlErrorPos reads the position and message of the YAML library's error.
// A LoadError's Mark holds a rune index (exact, when the library sets it), a
// 1-based line and a 1-based column; an unclosed quote is shown where it
// opens, not where the parser gave up (at the end of the file).
func yamlErrorPos(f *source.File, err error) (line, col int, msg string) {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		line, col, _ = markPos(f, le.Mark)
		msg = le.Message
		if le.ContextMsg != "" {
			msg = le.ContextMsg + ": " + msg
			if strings.HasPrefix(le.ContextMsg, "while scanning a quoted") {
				if cl, cc, ok := markPos(f, le.ContextMark); ok {
					line, col = cl, cc
					msg = strings.TrimPrefix(le.ContextMsg, "while ") + " that is never closed: " + le.Message
				}
			}
		}
		return line, col, msg
	}
	msg = err.Error()
	if _, e := fmt.Sscanf(msg, "yaml: line %d, column %d:", &line, &col); e != nil {
		col = 0
		if _, e := fmt.Sscanf(msg, "yaml: line %d:", &line); e != nil {
			line = 0
		}
	}
	return line, col, msg
}

func cleanYAMLMessage(m string) string {
	m = strings.TrimPrefix(m, "yaml: ")
	if i := strings.Index(m, ": "); i >= 0 && strings.HasPrefix(m, "line ") {
		m = m[i+2:]
	}
	return "invalid YAML: " + m
}

// hasPrefix reports whether data starts with s, without copying data.
func hasPrefix(data []byte, s string) bool {
	return len(data) >= len(s) && string(data[:len(s)]) == s
}

// markPos reads a Mark of the YAML library: from its rune index when set,
// else from its line and column (both 1-based, 0 when unknown).
func markPos(f *source.File, m yaml.Mark) (line, col int, ok bool) {
	if m.Index > 0 {
		p := f.Pos(f.RuneOffset(m.Index))
		return p.Line, p.Col, true
	}
	if m.Line < 1 {
		return 0, 0, false
	}
	return m.Line, max(m.Column, 1), true
}
