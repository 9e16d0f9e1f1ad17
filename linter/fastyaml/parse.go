// Package fastyaml parses the YAML most Compose files are written in into
// the yaml.Node tree go.yaml.in/yaml/v4 builds for them, about four times
// faster and with a tenth of the allocations: block mappings and
// sequences, plain scalars (also over several lines), one-line quoted
// scalars, literal and folded block scalars, flow collections (JSON),
// comments, anchors, aliases and merge keys. Anything else, and every
// error, it declines, and the caller parses with yaml/v4. FuzzParse,
// TestGenerated and TestFiles hold the two trees equal wherever Parse
// accepts.
package fastyaml

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// Parse returns the document node of data, a one-document YAML text, as
// yaml/v4's Decoder would (Kind, Style, Tag, Value, Anchor, Alias, Line,
// Column and Content; not comments), or ok false when data is outside the
// subset.
func Parse(data []byte) (doc *yaml.Node, ok bool) { return ParseIn(data, nil) }

// ParseIn is Parse building the tree in b's memory (in new memory when b is
// nil): the tree is valid until b.Reset. A caller that converts the tree at
// once (the loader) saves the allocation of its nodes at the next parse.
func ParseIn(data []byte, b *Buffer) (doc *yaml.Node, ok bool) {
	p := &parser{data: data, text: string(data), colLine: -1, buf: b}
	if !p.splitLines() {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if r != errDecline {
				panic(r)
			}
			doc, ok = nil, false
		}
	}()
	ln := p.nextContent(0)
	if ln < len(p.lines) && p.directive(ln) {
		// A leading "---" alone on its line starts the one document.
		if p.indent(ln) != 0 || strings.TrimRight(string(p.rest(p.lines[ln])), " ") != "---" {
			p.decline()
		}
		ln = p.nextContent(ln + 1)
	}
	if ln >= len(p.lines) || p.directive(ln) {
		p.decline() // an empty document, or a marker after the first ("---\n--- :")
	}
	off := p.lines[ln] + p.indent(ln)
	if p.data[off] == '&' || p.data[off] == '*' {
		p.decline()
	}
	root := p.blockNode(ln, off, p.indent(ln), -1)
	if p.nextContent(p.ln) < len(p.lines) {
		p.decline() // a second document, or text the root cannot hold
	}
	doc = p.node(yaml.DocumentNode, ln, off)
	doc.Line, doc.Column = root.Line, root.Column
	p.stack = append(p.stack, root)
	doc.Content = p.children(len(p.stack) - 1)
	return doc, true
}

// A Buffer keeps the memory of the trees ParseIn builds in it for the
// next: Reset hands it back. The zero value is ready to use; a Buffer is not
// safe for concurrent use.
type Buffer struct {
	nodes [][]yaml.Node
	kids  [][]*yaml.Node
	n, k  int // the blocks of each handed out since Reset
	size  int // nodes and children the blocks hold
}

// Reset clears what the trees built since the last Reset held (they must
// no longer be used) and makes their memory free for the next ones.
func (b *Buffer) Reset() {
	for _, blk := range b.nodes[:b.n] {
		clear(blk)
	}
	for _, blk := range b.kids[:b.k] {
		clear(blk)
	}
	b.n, b.k = 0, 0
}

// Size is the number of nodes and child slots the buffer holds, for a
// caller that bounds the memory it keeps.
func (b *Buffer) Size() int { return b.size }

// nodeBlock returns a block of at least size nodes, all zero.
func (b *Buffer) nodeBlock(size int) []yaml.Node {
	for b.n < len(b.nodes) {
		blk := b.nodes[b.n]
		b.n++
		if len(blk) >= size {
			return blk
		}
	}
	blk := make([]yaml.Node, size)
	b.nodes = append(b.nodes, blk)
	b.n, b.size = len(b.nodes), b.size+size
	return blk
}

// kidBlock returns a block of at least size child slots, all nil.
func (b *Buffer) kidBlock(size int) []*yaml.Node {
	for b.k < len(b.kids) {
		blk := b.kids[b.k]
		b.k++
		if len(blk) >= size {
			return blk
		}
	}
	blk := make([]*yaml.Node, size)
	b.kids = append(b.kids, blk)
	b.k, b.size = len(b.kids), b.size+size
	return blk
}

// maxDepth bounds nesting; deeper documents go to yaml/v4.
const maxDepth = 64

type decline struct{}

var errDecline = decline{}

type parser struct {
	data    []byte
	text    string // data: values are its substrings
	lines   []int  // offset of each line's first byte
	ln      int    // the first line not yet consumed
	depth   int
	anchors map[string]*yaml.Node
	buf     *Buffer      // where blocks come from, or nil
	slab    []yaml.Node  // nodes to hand out
	nodes   int          // nodes made
	stack   []*yaml.Node // children of the collections being read
	kids    []*yaml.Node // room for collections' children, handed out by children
	// The last position pos counted: offset colOff on line colLine is at
	// column col.
	colLine, colOff, col int
}

func (p *parser) decline() { panic(errDecline) }

// plainRune reports a rune beyond ASCII that splitLines accepts.
func plainRune(r rune) bool {
	return !(r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff)
}

// splitLines indexes the lines of the text and reports whether it is free
// of what yaml/v4 reads differently from lines of UTF-8: tabs, carriage
// returns, byte-order marks, Unicode line separators, control and
// non-printable characters.
func (p *parser) splitLines() bool {
	data := p.data
	p.lines = append(make([]int, 0, len(data)/24+1), 0)
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c >= ' ' && c < 0x7f:
			i++
		case c == '\n':
			if i+1 < len(data) {
				p.lines = append(p.lines, i+1)
			}
			i++
		case c < utf8.RuneSelf:
			return false
		default:
			r, n := utf8.DecodeRune(data[i:])
			if !plainRune(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// end is the offset of line ln's newline (or of the end of the text).
func (p *parser) end(ln int) int {
	if ln+1 < len(p.lines) {
		return p.lines[ln+1] - 1
	}
	if n := len(p.data); n > 0 && p.data[n-1] == '\n' {
		return n - 1
	}
	return len(p.data)
}

func (p *parser) indent(ln int) int {
	i, e := p.lines[ln], p.end(ln)
	n := 0
	for i+n < e && p.data[i+n] == ' ' {
		n++
	}
	return n
}

// rest is line text from off to the end of off's line.
func (p *parser) rest(off int) []byte {
	e := off
	for e < len(p.data) && p.data[e] != '\n' {
		e++
	}
	return p.data[off:e]
}

// blank reports a line of spaces, or of a comment.
func (p *parser) blank(ln int) bool {
	i := p.lines[ln] + p.indent(ln)
	return i == p.end(ln) || p.data[i] == '#'
}

// nextContent is the first line from ln that is not blank.
func (p *parser) nextContent(ln int) int {
	for ln < len(p.lines) && p.blank(ln) {
		ln++
	}
	return ln
}

// directive reports a line starting with "---", "..." or "%": document
// markers and directives.
func (p *parser) directive(ln int) bool {
	t := p.data[p.lines[ln]:p.end(ln)]
	return len(t) > 0 && t[0] == '%' || len(t) >= 3 && (string(t[:3]) == "---" || string(t[:3]) == "...") && (len(t) == 3 || t[3] == ' ')
}

// pos is the 1-based line and column (in characters) of off on line ln.
// Nodes come mostly in the order of their offsets: counting goes on from
// the last position asked, so a long line is counted once.
func (p *parser) pos(ln, off int) (int, int) {
	if ln != p.colLine || off < p.colOff {
		p.colLine, p.colOff, p.col = ln, p.lines[ln], 1
	}
	p.col += utf8.RuneCount(p.data[p.colOff:off])
	p.colOff = off
	return ln + 1, p.col
}

func (p *parser) node(kind yaml.Kind, ln, off int) *yaml.Node {
	l, c := p.pos(ln, off)
	if len(p.slab) == 0 {
		// Nodes are allocated in blocks: a tree is kept or dropped whole.
		// A block holds a node per line (most files fit in one or two), or
		// a quarter of the nodes made so far when that is more (files
		// with many nodes on a line: JSON), at most 1,024.
		size := min(max(len(p.lines), 16, p.nodes/4), 1024)
		if p.buf != nil {
			p.slab = p.buf.nodeBlock(size)
		} else {
			p.slab = make([]yaml.Node, size)
		}
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	p.nodes++
	n.Kind, n.Line, n.Column = kind, l, c
	return n
}

// children returns the children pushed on the stack since base, in a
// slice of their own, and pops them. The slices are cut from blocks, as
// nodes are, each at its full capacity (an append copies it).
func (p *parser) children(base int) []*yaml.Node {
	n := len(p.stack) - base
	if n == 0 {
		return nil
	}
	if len(p.kids) < n {
		// Every node but the root is a child once: a block holds two per
		// line, or half the nodes made so far (JSON), at most 4,096.
		size := max(n, min(max(2*len(p.lines), 16, p.nodes/2), 4096))
		if p.buf != nil {
			p.kids = p.buf.kidBlock(size)
		} else {
			p.kids = make([]*yaml.Node, size)
		}
	}
	c := p.kids[:n:n]
	p.kids = p.kids[n:]
	copy(c, p.stack[base:])
	p.stack = p.stack[:base]
	return c
}

// spaceOrEnd reports whether off is a space, a line end or the text's end.
func (p *parser) spaceOrEnd(off int) bool {
	return off >= len(p.data) || p.data[off] == ' ' || p.data[off] == '\n'
}

func (p *parser) skipSpaces(off int) int {
	for off < len(p.data) && p.data[off] == ' ' {
		off++
	}
	return off
}

// lineDone declines unless only spaces and a comment follow off on its line.
func (p *parser) lineDone(off int) {
	s := p.skipSpaces(off)
	if s < len(p.data) && p.data[s] != '\n' && (p.data[s] != '#' || s == off) {
		p.decline()
	}
}

// enter and leave bound the nesting.
func (p *parser) enter() {
	if p.depth++; p.depth > maxDepth {
		p.decline()
	}
}

func (p *parser) leave() { p.depth-- }

// blockNode parses the collection that starts at off on line ln, at
// column ind, in an entry at column parent: a sequence ("- "), a mapping
// ("key: "), or a flow collection.
func (p *parser) blockNode(ln, off, ind, parent int) *yaml.Node {
	switch {
	case p.data[off] == '-' && p.spaceOrEnd(off+1):
		return p.sequence(ln, off, ind)
	case p.data[off] == '[' || p.data[off] == '{':
		return p.inline(ln, off, parent, false)
	}
	return p.mapping(ln, off, ind)
}

// mapping parses a block mapping whose first key is at off on line ln and
// whose keys are at column ind.
func (p *parser) mapping(ln, off, ind int) *yaml.Node {
	p.enter()
	defer p.leave()
	m := p.node(yaml.MappingNode, ln, off)
	m.Tag = "!!map"
	base := len(p.stack)
	for {
		k, colon := p.key(ln, off)
		v := p.value(ln, colon+1, ind, false)
		p.stack = append(p.stack, k, v)
		next := p.nextContent(p.ln)
		if next >= len(p.lines) {
			m.Content = p.children(base)
			return m
		}
		switch n := p.indent(next); {
		case n < ind:
			m.Content = p.children(base)
			return m
		case n > ind:
			p.decline()
		}
		ln, off = next, p.lines[next]+ind
		if p.data[off] == '-' && p.spaceOrEnd(off+1) || p.directive(next) {
			p.decline() // a sequence entry among keys, or a second document
		}
	}
}

// key parses a mapping key at off and returns it with the offset of the
// ':' after it.
func (p *parser) key(ln, off int) (*yaml.Node, int) {
	k := p.node(yaml.ScalarNode, ln, off)
	var i int
	switch c := p.data[off]; c {
	case '"', '\'':
		k.Value, i = p.quoted(off)
		k.Style, k.Tag = quoteStyle(c), "!!str"
		i = p.skipSpaces(i)
		if i >= len(p.data) || p.data[i] != ':' || !p.spaceOrEnd(i+1) {
			p.decline()
		}
	default:
		if !plainStart(p.data, off, false) {
			p.decline()
		}
		i = off
		for ; ; i++ {
			if i >= len(p.data) || p.data[i] == '\n' || p.data[i] == '#' && p.data[i-1] == ' ' {
				p.decline() // not a key
			}
			if p.data[i] == ':' && p.spaceOrEnd(i+1) {
				break
			}
		}
		k.Value = strings.TrimRight(p.text[off:i], " ")
		k.Tag = resolve(k.Value)
	}
	if i-off > 1000 {
		p.decline() // yaml/v4 refuses implicit keys over 1024 characters
	}
	return k, i
}

// value parses what follows a key's ':' or an item's '-' (at off, on line
// ln) whose entry is at column ind; inSeq tells an item's.
func (p *parser) value(ln, off, ind int, inSeq bool) *yaml.Node {
	s := p.skipSpaces(off)
	if s >= len(p.data) || p.data[s] == '\n' || p.data[s] == '#' {
		return p.nested(ln, off, ind, inSeq)
	}
	if p.data[s] == '&' {
		name, e := p.name(s + 1)
		// An alias inside the node to the node itself (or to an earlier
		// node of the same name, which this one replaces) goes to yaml/v4.
		delete(p.anchors, name)
		var n *yaml.Node
		t := p.skipSpaces(e)
		if t >= len(p.data) || p.data[t] == '\n' || p.data[t] == '#' && t > e {
			n = p.nested(ln, e, ind, inSeq)
			if n.Kind == yaml.ScalarNode {
				p.decline() // an anchored null
			}
		} else {
			if t == e || p.data[t] == '&' || p.data[t] == '*' {
				p.decline()
			}
			n = p.inline(ln, t, ind, false)
		}
		n.Anchor = name
		n.Line, n.Column = p.pos(ln, s)
		if p.anchors == nil {
			p.anchors = map[string]*yaml.Node{}
		}
		// yaml/v4 names a node when it starts: an anchor of the same name
		// inside it came later and stays the one aliases after it mean.
		if p.anchors[name] == nil {
			p.anchors[name] = n
		}
		return n
	}
	return p.inline(ln, s, ind, inSeq)
}

// name reads an anchor or alias name from off.
func (p *parser) name(off int) (string, int) {
	e := off
	for e < len(p.data) && nameChar(p.data[e]) {
		e++
	}
	if e == off || !p.spaceOrEnd(e) {
		p.decline()
	}
	return p.text[off:e], e
}

// nameChar reports the characters of the anchor names taken here.
func nameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// nested parses the value written on the lines after ln, the line of an
// entry at column ind whose text ended at off: a more indented collection,
// a sequence at the key's own column (in a mapping), or else null.
func (p *parser) nested(ln, off, ind int, inSeq bool) *yaml.Node {
	p.lineDone(off)
	p.ln = ln + 1
	next := p.nextContent(ln + 1)
	if next < len(p.lines) {
		n := p.indent(next)
		start := p.lines[next] + n
		seq := p.data[start] == '-' && p.spaceOrEnd(start+1)
		if n > ind || n == ind && seq && !inSeq {
			if p.directive(next) {
				p.decline()
			}
			if p.data[start] == '&' || p.data[start] == '*' {
				p.decline()
			}
			return p.blockNode(next, start, n, ind)
		}
	}
	v := p.node(yaml.ScalarNode, ln, off)
	v.Tag = "!!null"
	return v
}

// inline parses a value written on line ln from s: a scalar, an alias, a
// flow sequence, a literal block scalar, or (in a sequence item) a
// mapping whose first key is there.
func (p *parser) inline(ln, s, ind int, inSeq bool) *yaml.Node {
	var v *yaml.Node
	switch c := p.data[s]; c {
	case '*':
		name, e := p.name(s + 1)
		target := p.anchors[name]
		if target == nil {
			p.decline()
		}
		p.lineDone(e)
		v = p.node(yaml.AliasNode, ln, s)
		v.Value, v.Alias = name, target
	case '|', '>':
		return p.blockScalar(ln, s, ind)
	case '[', '{':
		var e int
		v, ln, e = p.flow(ln, s, ind)
		p.lineDone(e)
	case '"', '\'':
		if inSeq && p.keyAhead(s) {
			return p.compact(ln, s)
		}
		var e int
		v = p.node(yaml.ScalarNode, ln, s)
		v.Value, e = p.quoted(s)
		v.Style, v.Tag = quoteStyle(c), "!!str"
		p.lineDone(e)
	default:
		if !plainStart(p.data, s, false) {
			p.decline()
		}
		e := s
		for e < len(p.data) && p.data[e] != '\n' && !(p.data[e] == '#' && p.data[e-1] == ' ') {
			if p.data[e] == ':' && p.spaceOrEnd(e+1) {
				if inSeq {
					return p.compact(ln, s)
				}
				p.decline() // "a: b: c"
			}
			e++
		}
		v = p.node(yaml.ScalarNode, ln, s)
		v.Value = strings.TrimRight(p.text[s:e], " ")
		if e < len(p.data) && p.data[e] == '\n' {
			v.Value, ln = p.morePlain(v.Value, ln, ind)
		}
		v.Tag = resolve(v.Value)
	}
	// A more indented line after the value is an error, or a form this
	// parser leaves to yaml/v4.
	p.ln = ln + 1
	if next := p.nextContent(p.ln); next < len(p.lines) && p.indent(next) > ind {
		p.decline()
	}
	return v
}

// morePlain reads the lines that continue a plain scalar whose first line
// (text, ending line ln) is in an entry at column ind: lines indented more
// than ind, each trimmed, joined by a space, or by a line break for each
// empty line between them. It returns the value and its last line.
func (p *parser) morePlain(text string, ln, ind int) (string, int) {
	var b []byte
	empty := 0
	for l := ln + 1; l < len(p.lines); l++ {
		n := p.indent(l)
		i, e := p.lines[l]+n, p.end(l)
		if i == e {
			empty++
			continue
		}
		if n <= ind || p.data[i] == '#' {
			break
		}
		for e > i && p.data[e-1] == ' ' {
			e--
		}
		for j := i; j < e; j++ {
			if p.data[j] == ':' && p.spaceOrEnd(j+1) || p.data[j] == '#' && p.data[j-1] == ' ' {
				p.decline() // a key, or a comment, in what follows a scalar
			}
		}
		if p.directive(l) {
			p.decline()
		}
		if b == nil {
			b = append(b, text...)
		}
		if empty == 0 {
			b = append(b, ' ')
		}
		for range empty {
			b = append(b, '\n')
		}
		empty = 0
		b = append(b, p.data[i:e]...)
		ln = l
	}
	if b == nil {
		return text, ln
	}
	return string(b), ln
}

// keyAhead reports a quoted scalar at s followed by ':' and a space: a key.
func (p *parser) keyAhead(s int) bool {
	_, e := p.quoted(s)
	e = p.skipSpaces(e)
	return e < len(p.data) && p.data[e] == ':' && p.spaceOrEnd(e+1)
}

// compact parses a mapping that starts on a sequence item's line ("- a: 1").
func (p *parser) compact(ln, s int) *yaml.Node {
	return p.mapping(ln, s, s-p.lines[ln])
}

// sequence parses a block sequence whose first "-" is at off on line ln,
// at column ind.
func (p *parser) sequence(ln, off, ind int) *yaml.Node {
	p.enter()
	defer p.leave()
	q := p.node(yaml.SequenceNode, ln, off)
	q.Tag = "!!seq"
	base := len(p.stack)
	for {
		v := p.value(ln, off+1, ind, true)
		p.stack = append(p.stack, v)
		next := p.nextContent(p.ln)
		if next >= len(p.lines) {
			q.Content = p.children(base)
			return q
		}
		n := p.indent(next)
		if n > ind {
			p.decline()
		}
		start := p.lines[next] + n
		if n < ind || p.data[start] != '-' || !p.spaceOrEnd(start+1) {
			q.Content = p.children(base)
			return q // the mapping around it goes on, or ends
		}
		ln, off = next, start
	}
}

// quoted reads a one-line quoted scalar at off and returns its value and
// the offset after its closing quote.
func (p *parser) quoted(off int) (string, int) {
	q := p.data[off]
	// Most quoted scalars are their text: no escape, no doubled quote.
	if e := strings.IndexByte(p.text[off+1:], q); e >= 0 {
		e += off + 1
		t := p.text[off+1 : e]
		if !strings.ContainsAny(t, "\\\n") && (e+1 >= len(p.data) || p.data[e+1] != q) {
			return t, e + 1
		}
	}
	var b []byte
	i := off + 1
	for {
		if i >= len(p.data) || p.data[i] == '\n' {
			p.decline() // a quoted scalar over several lines
		}
		c := p.data[i]
		switch {
		case c == q && q == '\'' && i+1 < len(p.data) && p.data[i+1] == '\'':
			b = append(b, '\'')
			i += 2
		case c == q:
			return string(b), i + 1
		case c == '\\' && q == '"':
			var n int
			b, n = p.escape(b, i)
			i += n
		default:
			b = append(b, c)
			i++
		}
	}
}

// escape appends the character escaped at off (a backslash) and returns
// the escape's length.
func (p *parser) escape(b []byte, off int) ([]byte, int) {
	if off+1 >= len(p.data) {
		p.decline()
	}
	c := p.data[off+1]
	if r, ok := simpleEscape(c); ok {
		return append(b, r), 2
	}
	digits := 0
	switch c {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	}
	if digits == 0 || off+2+digits > len(p.data) {
		p.decline()
	}
	v, err := strconv.ParseUint(string(p.data[off+2:off+2+digits]), 16, 32)
	if err != nil || v >= 0xd800 && v <= 0xdfff || v > utf8.MaxRune {
		p.decline()
	}
	return utf8.AppendRune(b, rune(v)), 2 + digits
}

// simpleEscape is the character of a one-letter escape in a double-quoted
// scalar (the ones yaml/v4 reads as one byte).
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '0':
		return 0, true
	case 'a':
		return '\a', true
	case 'b':
		return '\b', true
	case 't':
		return '\t', true
	case 'n':
		return '\n', true
	case 'v':
		return '\v', true
	case 'f':
		return '\f', true
	case 'r':
		return '\r', true
	case 'e':
		return 0x1b, true
	case ' ', '"', '/', '\\':
		return c, true
	}
	return 0, false
}

func quoteStyle(q byte) yaml.Style {
	if q == '"' {
		return yaml.DoubleQuotedStyle
	}
	return yaml.SingleQuotedStyle
}

// plainStart reports whether a plain scalar may start at off: not at an
// indicator, nor at "-", "?" or ":" before a space (or, in a flow
// collection, before a flow indicator).
func plainStart(data []byte, off int, flow bool) bool {
	c := data[off]
	if strings.IndexByte("?:,[]{}#&*!|>'\"%@`", c) >= 0 && c != '?' && c != ':' {
		return false
	}
	if c == '-' || c == '?' || c == ':' {
		if off+1 >= len(data) {
			return false
		}
		n := data[off+1]
		if c != '-' || n == ' ' || n == '\n' || flow && strings.IndexByte(",[]{}", n) >= 0 {
			return false // "?" and ":" starts go to yaml/v4
		}
	}
	return true
}

// flow reads the flow collection at off on line ln, in an entry at column
// ind, and returns it with the line and offset after its closing bracket.
// Entries may be on the lines that follow.
func (p *parser) flow(ln, off, ind int) (*yaml.Node, int, int) {
	f := &flowReader{p: p, ln: ln, ind: ind}
	n, e := f.collection(off)
	return n, f.ln, e
}

// flowReader reads flow collections over lines.
type flowReader struct {
	p       *parser
	ln, ind int
}

// skip passes spaces, comments and line breaks. Lines inside a flow
// collection must not be indented less than the entry holding it (yaml/v4
// refuses some of those); lines of spaces or comments only are declined
// unless indented more.
func (f *flowReader) skip(i int) int {
	p := f.p
	for {
		i = p.skipSpaces(i)
		if i < len(p.data) && p.data[i] == '#' && (i == p.lines[f.ln] || p.data[i-1] == ' ') {
			for i < len(p.data) && p.data[i] != '\n' {
				i++
			}
		}
		if i >= len(p.data) || p.data[i] != '\n' {
			return i
		}
		if f.ln++; f.ln >= len(p.lines) || p.directive(f.ln) || p.indent(f.ln) < f.ind || p.blank(f.ln) && p.indent(f.ln) <= f.ind {
			p.decline()
		}
		i = p.lines[f.ln]
	}
}

// collection reads the sequence ("[") or mapping ("{") at off and returns
// it with the offset after its closing bracket.
func (f *flowReader) collection(off int) (*yaml.Node, int) {
	p := f.p
	p.enter()
	defer p.leave()
	isMap := p.data[off] == '{'
	closing := byte(']')
	c := p.node(yaml.SequenceNode, f.ln, off)
	c.Style, c.Tag = yaml.FlowStyle, "!!seq"
	if isMap {
		closing = '}'
		c.Kind, c.Tag = yaml.MappingNode, "!!map"
	}
	i := f.skip(off + 1)
	base := len(p.stack)
	for {
		if i >= len(p.data) {
			p.decline()
		}
		if p.data[i] == closing {
			c.Content = p.children(base)
			return c, i + 1 // also after a trailing comma
		}
		var n *yaml.Node
		n, i = f.node(i, isMap)
		p.stack = append(p.stack, n)
		if isMap {
			// A key, then ":" on its line (and after a plain key, a
			// space), then the value.
			i = p.skipSpaces(i)
			if i >= len(p.data) || p.data[i] != ':' || n.Style == 0 && !p.spaceOrEnd(i+1) {
				p.decline() // a key without a value, or over two lines
			}
			i = f.skip(i + 1)
			if i >= len(p.data) || p.data[i] == ',' || p.data[i] == '}' {
				p.decline() // an empty value
			}
			n, i = f.node(i, false)
			p.stack = append(p.stack, n)
		} else if e := p.skipSpaces(i); e < len(p.data) && p.data[e] == ':' {
			p.decline() // a mapping inside the sequence
		}
		i = f.skip(i)
		switch {
		case i < len(p.data) && p.data[i] == closing:
			c.Content = p.children(base)
			return c, i + 1
		case i < len(p.data) && p.data[i] == ',':
			i = f.skip(i + 1)
		default:
			p.decline()
		}
	}
}

// node reads a flow node at i: a collection, a quoted or plain scalar, or
// (not as a key) an alias.
func (f *flowReader) node(i int, key bool) (*yaml.Node, int) {
	p := f.p
	switch c := p.data[i]; c {
	case '[', '{':
		if key {
			p.decline()
		}
		return f.collection(i)
	case '"', '\'':
		v := p.node(yaml.ScalarNode, f.ln, i)
		v.Value, i = p.quoted(i)
		v.Style, v.Tag = quoteStyle(c), "!!str"
		return v, i
	case '*':
		if key {
			p.decline()
		}
		v := p.node(yaml.AliasNode, f.ln, i)
		s := i + 1
		for i = s; i < len(p.data) && nameChar(p.data[i]); i++ {
		}
		v.Value = p.text[s:i]
		v.Alias = p.anchors[v.Value]
		if v.Value == "" || v.Alias == nil || i < len(p.data) && strings.IndexByte(" \n,]}", p.data[i]) < 0 {
			p.decline()
		}
		return v, i
	}
	if !plainStart(p.data, i, true) {
		p.decline()
	}
	s := i
	for ; i < len(p.data) && strings.IndexByte(",[]{}\n", p.data[i]) < 0; i++ {
		if p.data[i] == '#' && p.data[i-1] == ' ' {
			break // a comment
		}
		if p.data[i] == ':' && (i+1 >= len(p.data) || strings.IndexByte(" \n,[]{}", p.data[i+1]) >= 0) {
			break // the end of a key
		}
	}
	if i < len(p.data) && strings.IndexByte("[{", p.data[i]) >= 0 {
		p.decline()
	}
	v := p.node(yaml.ScalarNode, f.ln, s)
	v.Value = strings.TrimRight(p.text[s:i], " ")
	v.Tag = resolve(v.Value)
	if i < len(p.data) && p.data[i] == '\n' && p.nextPlainLine(f.ln) {
		p.decline() // a plain scalar over several lines
	}
	return v, i
}

// nextPlainLine reports whether the line after ln goes on with text that
// is not a flow indicator: the rest of a plain scalar.
func (p *parser) nextPlainLine(ln int) bool {
	if ln+1 >= len(p.lines) {
		return false
	}
	i := p.lines[ln+1] + p.indent(ln+1)
	return i < p.end(ln+1) && p.data[i] != ',' && p.data[i] != ']'
}

// blockScalar reads a literal ("|") or folded (">") block scalar whose
// indicator is at off on line ln, in an entry at column ind.
func (p *parser) blockScalar(ln, off, ind int) *yaml.Node {
	v := p.node(yaml.ScalarNode, ln, off)
	v.Tag = "!!str"
	literal := p.data[off] == '|'
	v.Style = yaml.FoldedStyle
	if literal {
		v.Style = yaml.LiteralStyle
	}
	i := off + 1
	chomp := byte(0)
	if i < len(p.data) && (p.data[i] == '-' || p.data[i] == '+') {
		chomp = p.data[i]
		i++
	}
	if !p.spaceOrEnd(i) {
		p.decline() // an indentation indicator, or text after the header
	}
	p.lineDone(i)
	// The first line with text sets the indentation; lines of spaces
	// before it must not be longer.
	ci, maxEmpty := -1, 0
	for l := ln + 1; l < len(p.lines); l++ {
		n := p.indent(l)
		if p.lines[l]+n < p.end(l) {
			ci = n
			break
		}
		maxEmpty = max(maxEmpty, n)
	}
	if ci <= ind || maxEmpty > ci {
		p.decline()
	}
	// Lines are joined as libyaml does: a line break between two lines of
	// text that do not start with a space folds into a space (">"), empty
	// lines in between stay line breaks.
	var b []byte
	leadingBreak, trailing := false, 0 // the break after the last text line; empty lines since
	leadingBlank := false
	last := ln
	for l := ln + 1; l < len(p.lines); l++ {
		n := p.indent(l)
		if p.lines[l]+n == p.end(l) { // an empty line
			if n > ci {
				p.decline() // spaces beyond the indentation are content
			}
			if p.end(l) == len(p.data) {
				p.decline() // the text ends without a line break
			}
			trailing++
			last = l
			continue
		}
		if n < ci {
			break
		}
		text := p.data[p.lines[l]+ci : p.end(l)]
		trailingBlank := text[0] == ' '
		if !literal && leadingBreak && !leadingBlank && !trailingBlank {
			if trailing == 0 {
				b = append(b, ' ')
			}
		} else if leadingBreak {
			b = append(b, '\n')
		}
		for range trailing {
			b = append(b, '\n')
		}
		trailing = 0
		leadingBlank = trailingBlank
		b = append(b, text...)
		leadingBreak = p.end(l) < len(p.data)
		last = l
	}
	switch {
	case chomp == '+':
		if leadingBreak {
			b = append(b, '\n')
		}
		for range trailing {
			b = append(b, '\n')
		}
	case chomp == 0 && leadingBreak:
		b = append(b, '\n')
	}
	v.Value = string(b)
	p.ln = last + 1
	return v
}

// resolve is the tag yaml/v4 gives a plain scalar: !!null, !!bool,
// !!int, !!float, !!timestamp, !!merge or !!str.
func resolve(s string) string {
	if s == "" {
		return "!!null"
	}
	c := s[0]
	switch {
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "<<":
			return "!!merge"
		}
		return "!!str"
	case c == '.':
		switch s {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return "!!float"
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
		return "!!str"
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		switch s {
		case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "-0", "-0.0":
			return "!!float"
		}
		if timestamp(s) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(s, "_", "")
		if intChars(plain) { // else both fail (ports, dates, versions), each with an error to allocate
			if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(strings.TrimPrefix(plain, "+"), 0, 64); err == nil {
				return "!!int"
			}
		}
		if decimalFloat(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
	}
	return "!!str"
}

// intChars reports whether s holds only bytes an integer literal of base 0
// may hold: digits, hexadecimal letters, base prefixes, signs and "_".
func intChars(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		case c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == '+' || c == '-' || c == '_':
		default:
			return false
		}
	}
	return true
}

// timestamp reports the dates and times yaml/v4 reads as !!timestamp.
func timestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, f := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}

// decimalFloat matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?.
func decimalFloat(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
