package jsts

import "fmt"

// lower rewrites TypeScript and JSX into plain JavaScript of exactly the
// same length, for tdewolff's parser, so that every offset into the result
// is the offset of the same token in src and no source map is needed:
//   - type annotations, type arguments and parameters, interfaces, type
//     aliases, declare statements, enums, namespaces, overloads, access
//     modifiers, non-null assertions and "as"/"satisfies" casts become
//     spaces; a statement or class member that disappears starts with ";"
//     so that the code around it parses as it did;
//   - a JSX element becomes an array literal of its attribute values and
//     children: "<a href={u}>{t}</a>" becomes "[  ,   u ,,t,]   ";
//   - decorators stay as code where the layout leaves room: a class's on
//     lines of their own as expression statements ("@Module({...})" becomes
//     ";Module({...})"), a member's before a line break as a field with a
//     computed key (";[Column({...})];"); the others, and parameters', go;
//   - "using" declarations become "const".
//
// Line breaks stay where they were. ts enables TypeScript, jsx JSX (a
// .tsx file has both; in a .ts file "<T>x" is a cast).
func lower(src []byte, ts, jsx bool) ([]byte, error) {
	out, _, err := lowerDropping(src, ts, jsx)
	return out, err
}

// lowerDropping is lower that also returns the spans it dropped.
func lowerDropping(src []byte, ts, jsx bool) (out []byte, dropped [][2]int, err error) {
	p := &lowerer{src: src, ts: ts, jsx: jsx, budget: 64*len(src) + 4096, notArrow: map[int]bool{}, noAngles: map[int]bool{}}
	defer func() {
		if e := recover(); e != nil {
			le, ok := e.(lowerError)
			if !ok {
				panic(e)
			}
			out, dropped, err = nil, nil, le
		}
	}()
	p.scan()
	p.statements(true)
	return p.apply(), p.dropped, nil
}

type lowerer struct {
	src                []byte
	ts, jsx            bool
	pos                int // the next byte to scan
	tok                token
	prevStart, prevEnd int // the token before tok
	edits              []edit
	depth              int
	steps              int
	budget             int          // the most tokens scanned, backtracking included
	notArrow           map[int]bool // '(' offsets that failed to read as arrow parameters
	// dropped are the spans of code that had run as JavaScript and that
	// lowering drops: enums, and decorators of members and parameters.
	dropped [][2]int
	// condTrue is the depth at which the true branch of a conditional is
	// read, where an arrow with a return type must be followed by ":".
	condTrue int
	// noAngles are the "<" offsets that start no balanced "<...>".
	noAngles map[int]bool
}

type edit struct {
	start, end int
	b          byte // 0: blank the range
	all        bool // blank line breaks too
}

type lowerError struct {
	off int
	msg string
}

func (e lowerError) Error() string { return fmt.Sprintf("offset %d: %s", e.off, e.msg) }

func (p *lowerer) fail(msg string) {
	panic(lowerError{p.tok.start, msg})
}

func (p *lowerer) apply() []byte {
	out := make([]byte, len(p.src), len(p.src)+1)
	copy(out, p.src)
	for _, e := range p.edits {
		if e.b != 0 {
			continue
		}
		for i := e.start; i < e.end; i++ {
			if e.all || out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	for _, e := range p.edits {
		if e.b != 0 {
			out[e.start] = e.b
		}
	}
	return out
}

func (p *lowerer) blank(start, end int) {
	if end > start {
		p.edits = append(p.edits, edit{start: start, end: end})
	}
}

// blankStmt blanks a statement or class member and keeps a ";" at its
// start in its place.
func (p *lowerer) blankStmt(start, end int) {
	p.blank(start, end)
	p.put(start, ';')
}

// blankAll blanks a range with its line breaks, where JavaScript allows
// none (before an arrow's "=>", inside a string).
func (p *lowerer) blankAll(start, end int) {
	if end > start {
		p.edits = append(p.edits, edit{start: start, end: end, all: true})
	}
}

// rewrite replaces the bytes at off by word (using by const).
func (p *lowerer) rewrite(off int, word string) {
	for i := range len(word) {
		p.put(off+i, word[i])
	}
}

func (p *lowerer) put(off int, b byte) {
	p.edits = append(p.edits, edit{start: off, end: off + 1, b: b})
}

// Tokens.

func (p *lowerer) text() string { return string(p.src[p.tok.start:p.tok.end]) }

// is reports whether the current token is the name or punctuator s.
func (p *lowerer) is(s string) bool {
	return (p.tok.kind == tPunct || p.tok.kind == tName) && p.tok.end-p.tok.start == len(s) && string(p.src[p.tok.start:p.tok.end]) == s
}

func (p *lowerer) next() { p.scan() }

func (p *lowerer) eat(s string) bool {
	if p.is(s) {
		p.next()
		return true
	}
	return false
}

func (p *lowerer) expect(s string) {
	if !p.eat(s) {
		p.fail(fmt.Sprintf("expected %q", s))
	}
}

// peek returns the token after the current one.
func (p *lowerer) peek() token {
	st := p.save()
	p.next()
	t := p.tok
	p.restore(st)
	return t
}

func (p *lowerer) peekIs(s string) bool {
	t := p.peek()
	return (t.kind == tPunct || t.kind == tName) && string(p.src[t.start:t.end]) == s
}

type state struct {
	pos, prevStart, prevEnd, edits, depth, dropped, condTrue int
	tok                                                      token
}

func (p *lowerer) save() state {
	return state{pos: p.pos, prevStart: p.prevStart, prevEnd: p.prevEnd, dropped: len(p.dropped), condTrue: p.condTrue, edits: len(p.edits), depth: p.depth, tok: p.tok}
}

func (p *lowerer) restore(s state) {
	p.pos, p.prevStart, p.prevEnd, p.edits, p.depth, p.tok = s.pos, s.prevStart, s.prevEnd, p.edits[:s.edits], s.depth, s.tok
	p.dropped = p.dropped[:s.dropped]
	p.condTrue = s.condTrue
}

// try runs f and reports whether it read without error; if not, the
// state is as before. A budget overrun is not caught.
func (p *lowerer) try(f func()) (ok bool) {
	st := p.save()
	defer func() {
		if e := recover(); e != nil {
			le, isLower := e.(lowerError)
			if !isLower || le.msg == "input too complex" {
				panic(e)
			}
			p.restore(st)
			ok = false
		}
	}()
	f()
	return true
}

func (p *lowerer) enter() {
	p.depth++
	if p.depth > 1500 {
		p.fail("nested too deeply")
	}
}

func (p *lowerer) leave() { p.depth-- }

func (p *lowerer) nextSameLine() bool { t := p.peek(); return !t.nl && t.kind != tEOF }

// nextIsName reports whether the next token is a name on the same line.
func (p *lowerer) nextIsName() bool { t := p.peek(); return !t.nl && t.kind == tName }
