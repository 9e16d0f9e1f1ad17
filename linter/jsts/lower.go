package jsts

import (
	"fmt"
)

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
//     computed key ("[Column({...})];"); the others, and parameters', go;
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

// Statements.

func (p *lowerer) statements(top bool) {
	for {
		if p.tok.kind == tEOF {
			if !top {
				p.fail("unexpected end of input")
			}
			return
		}
		if !top && p.is("}") {
			return
		}
		p.statement()
	}
}

func (p *lowerer) block() {
	p.expect("{")
	p.statements(false)
	p.expect("}")
}

func (p *lowerer) semi() { p.eat(";") }

func (p *lowerer) statement() {
	p.enter()
	defer p.leave()
	start := p.tok.start
	if p.tok.kind != tName {
		switch {
		case p.is("{"):
			p.block()
		case p.is(";"):
			p.next()
		case p.is("@"):
			p.decoratedClass(start)
		default:
			p.expr()
			p.semi()
		}
		return
	}
	if p.ts && p.tsDeclaration(start) {
		return
	}
	switch p.text() {
	case "import":
		if t := p.peek(); t.kind == tPunct && (p.src[t.start] == '(' || p.src[t.start] == '.') {
			break
		}
		p.importDecl(start)
		return
	case "export":
		p.exportDecl(start)
		return
	case "function":
		p.function(start, true)
		return
	case "async":
		if p.peekIs("function") && p.nextSameLine() {
			p.next()
			p.function(start, true)
			return
		}
	case "class":
		p.class()
		return
	case "var", "const":
		p.next()
		if p.is("enum") { // const enum
			p.blankStmt(start, p.skipDeclaration())
			p.dropped = append(p.dropped, [2]int{start, p.prevEnd})
			return
		}
		p.declarations()
		p.semi()
		return
	case "let":
		if p.letDeclares() {
			p.next()
			p.declarations()
			p.semi()
			return
		}
	case "using":
		if p.nextIsName() && !p.peekIs("in") && !p.peekIs("of") && !p.peekIs("instanceof") && !p.peekIs("as") {
			p.rewrite(start, "const")
			p.next()
			p.declarations()
			p.semi()
			return
		}
	case "await":
		if p.peekIs("using") && p.nextSameLine() {
			st := p.save()
			p.next()
			if p.nextIsName() {
				p.blank(start, p.tok.start)
				p.statement()
				return
			}
			p.restore(st)
		}
	case "if":
		p.next()
		p.parenExpr()
		p.statement()
		if p.eat("else") {
			p.statement()
		}
		return
	case "while", "with":
		p.next()
		p.parenExpr()
		p.statement()
		return
	case "do":
		p.next()
		p.statement()
		p.expect("while")
		p.parenExpr()
		p.semi()
		return
	case "for":
		p.forStatement()
		return
	case "switch":
		p.next()
		p.parenExpr()
		p.expect("{")
		for !p.is("}") {
			switch {
			case p.eat("case"):
				p.expr()
				p.expect(":")
			case p.eat("default"):
				p.expect(":")
			default:
				if p.tok.kind == tEOF {
					p.fail("unexpected end of input")
				}
				p.statement()
			}
		}
		p.next()
		return
	case "try":
		p.next()
		p.block()
		if p.eat("catch") {
			if p.eat("(") {
				p.binding()
				p.annotation()
				p.expect(")")
			}
			p.block()
		}
		if p.eat("finally") {
			p.block()
		}
		return
	case "return", "throw":
		p.next()
		if !p.tok.nl && !p.is(";") && !p.is("}") && p.tok.kind != tEOF {
			p.expr()
		}
		p.semi()
		return
	case "break", "continue":
		p.next()
		if p.tok.kind == tName && !p.tok.nl {
			p.next()
		}
		p.semi()
		return
	case "debugger":
		p.next()
		p.semi()
		return
	}
	if p.peekIs(":") && !isReserved(p.text()) { // a label
		p.next()
		p.next()
		p.statement()
		return
	}
	p.expr()
	p.semi()
}

// letDeclares reports whether "let" starts a declaration.
func (p *lowerer) letDeclares() bool {
	t := p.peek()
	return t.kind == tName || t.kind == tPunct && (p.src[t.start] == '[' || p.src[t.start] == '{')
}

func isReserved(s string) bool {
	switch s {
	case "this", "super", "null", "true", "false", "new", "typeof", "void", "delete", "in", "instanceof", "case", "default":
		return true
	}
	return false
}

func (p *lowerer) parenExpr() {
	p.expect("(")
	p.expr()
	p.expect(")")
}

func (p *lowerer) forStatement() {
	p.next()
	p.eat("await")
	p.expect("(")
	switch {
	case p.is(";"):
	case p.is("var") || p.is("const") || p.is("let") && p.letDeclares() || p.is("using") && p.nextIsName():
		if p.is("using") {
			p.rewrite(p.tok.start, "const")
		}
		p.next()
		p.declarations()
	case p.is("await") && p.peekIs("using"):
		start := p.tok.start
		p.next()
		p.blank(start, p.tok.start)
		p.rewrite(p.tok.start, "const")
		p.next()
		p.declarations()
	default:
		p.expr()
	}
	switch {
	case p.eat("of") || p.eat("in"):
		p.assign()
	case p.is(")"): // for (x in y): the expression read "in y"
	default:
		p.expect(";")
		if !p.is(";") {
			p.expr()
		}
		p.expect(";")
		if !p.is(")") {
			p.expr()
		}
	}
	p.expect(")")
	p.statement()
}

// declarations reads "a: T = 1, {b}: U = c, d!: V" after var, let or const.
func (p *lowerer) declarations() {
	for {
		p.typedBinding("!")
		if !p.eat(",") {
			return
		}
	}
}

// typedBinding reads "x?: T = v": a binding, TypeScript's marker (! for a
// definite assignment, ? for an optional parameter), its type and its
// initializer.
func (p *lowerer) typedBinding(marker string) {
	p.binding()
	if p.ts && p.is(marker) {
		p.blank(p.tok.start, p.tok.end)
		p.next()
	}
	p.annotation()
	if p.eat("=") {
		p.assign()
	}
}

// binding reads a name or a destructuring pattern.
func (p *lowerer) binding() {
	switch {
	case p.tok.kind == tName:
		p.next()
	case p.is("[") || p.is("{"):
		p.primary()
	default:
		p.fail("expected a binding")
	}
}

// annotation blanks ": Type" if there is one.
func (p *lowerer) annotation() {
	if p.ts && p.is(":") {
		start := p.tok.start
		p.next()
		p.returnType()
		p.blank(start, p.prevEnd)
	}
}

// Functions and classes.

// function reads "function* name<T>(params): R { body }" from "function";
// start is where the declaration began (export, async). A declaration
// without a body (an overload) is blanked.
func (p *lowerer) function(start int, decl bool) {
	p.expect("function")
	p.eat("*")
	if p.tok.kind == tName && !p.is("(") {
		p.next()
	}
	if p.signature() {
		p.block()
		return
	}
	if !decl || !p.ts {
		p.fail("expected a function body")
	}
	p.semi()
	p.blankStmt(start, p.prevEnd)
}

// signature reads "<T>(params): R" and reports whether a body follows.
func (p *lowerer) signature() bool {
	p.typeParams()
	p.params()
	p.annotation()
	return p.is("{")
}

func (p *lowerer) typeParams() {
	if p.ts && p.is("<") {
		p.blankAngles()
	}
}

// blankAngles blanks the type parameters or arguments at "<".
func (p *lowerer) blankAngles() {
	start := p.tok.start
	p.skipAngles()
	p.blank(start, p.prevEnd)
}

// params reads "(a?: T, private b = 1, ...c: U[])".
func (p *lowerer) params() {
	p.expect("(")
	for !p.is(")") {
		p.param()
		if !p.eat(",") {
			break
		}
	}
	p.expect(")")
}

func (p *lowerer) param() {
	start := p.tok.start
	p.decorators(false)
	if p.ts {
		for p.tok.kind == tName && isParamModifier(p.text()) && p.nextIsName() {
			s := p.tok.start
			p.next()
			p.blank(s, p.prevEnd)
		}
		if p.is("this") && (p.peekIs(":") || p.peekIs(",") || p.peekIs(")")) {
			p.next()
			p.annotation()
			if p.is(",") {
				p.next()
			}
			p.blank(start, p.prevEnd)
			if p.is(")") {
				return
			}
		}
	}
	p.eat("...")
	p.typedBinding("?")
}

func isParamModifier(s string) bool {
	switch s {
	case "public", "private", "protected", "readonly", "override":
		return true
	}
	return false
}

// class reads a class declaration or expression from "class".
func (p *lowerer) class() {
	p.expect("class")
	if p.tok.kind == tName && !p.is("extends") && !p.is("implements") && !p.is("{") {
		p.next()
	}
	p.typeParams()
	if p.eat("extends") {
		p.heritage()
	}
	if p.ts && p.is("implements") {
		start := p.tok.start
		p.next()
		for {
			p.typ()
			if !p.eat(",") {
				break
			}
		}
		p.blank(start, p.prevEnd)
	}
	p.expect("{")
	for !p.is("}") {
		if p.tok.kind == tEOF {
			p.fail("unexpected end of input")
		}
		p.member()
	}
	p.next()
}

// heritage reads the class after "extends", with its type arguments.
func (p *lowerer) heritage() {
	p.primary()
	for {
		switch {
		case p.is(".") || p.is("?."):
			p.next()
			p.next()
		case p.is("(") && !p.tok.nl:
			p.args()
		case p.ts && p.is("<"):
			p.blankAngles()
		default:
			return
		}
	}
}

var memberModifiers = map[string]bool{"public": true, "private": true, "protected": true, "readonly": true,
	"abstract": true, "override": true, "declare": true, "static": true, "accessor": true}

// member reads one class member.
func (p *lowerer) member() {
	p.enter()
	defer p.leave()
	if p.eat(";") {
		return
	}
	start := p.tok.start
	if p.is("@") {
		p.memberDecorators()
		start = p.tok.start
	}
	if p.is("static") && p.peekIs("{") {
		p.next()
		p.block()
		return
	}
	declare, abstract := false, false
	for p.tok.kind == tName && memberModifiers[p.text()] {
		t := p.peek()
		if t.kind == tEOF || t.kind == tPunct && !(p.src[t.start] == '[' || p.src[t.start] == '#' || p.src[t.start] == '*' || p.src[t.start] == '"' || p.src[t.start] == '\'') {
			break // a member called "static", "declare", ...
		}
		if t.nl && p.text() != "static" {
			break
		}
		switch p.text() {
		case "static":
		case "declare":
			declare = true
			fallthrough
		default:
			if p.text() == "abstract" {
				abstract = true
			}
			if !p.ts && p.text() != "accessor" {
				p.fail("TypeScript modifier")
			}
			p.blank(p.tok.start, p.tok.end)
		}
		p.next()
	}
	if p.ts && p.is("[") && p.indexSignature() {
		p.blankStmt(start, p.prevEnd)
		return
	}
	// get, set, async and * before a method.
	for p.is("get") || p.is("set") || p.is("async") {
		t := p.peek()
		if t.nl && p.is("async") || t.kind == tEOF || t.kind == tPunct && p.src[t.start] != '[' && p.src[t.start] != '*' && p.src[t.start] != '#' {
			break
		}
		p.next()
	}
	p.eat("*")
	p.propertyKey()
	keyEnd := p.prevEnd
	if p.ts && (p.is("?") || p.is("!")) {
		p.blank(p.tok.start, p.tok.end)
		p.next()
	}
	if p.is("(") || p.is("<") {
		if p.signature() {
			p.block()
			if declare {
				p.blankStmt(start, p.prevEnd)
			}
			return
		}
		if !p.ts {
			p.fail("expected a method body")
		}
		p.semi()
		p.blankStmt(start, p.prevEnd) // an overload or an abstract method
		return
	}
	p.annotation()
	switch {
	case p.eat("="):
		p.assign()
	case !p.is(";") && p.prevEnd > keyEnd:
		// "get!: T" then "post!: U" must not read as a getter once
		// the types are gone.
		p.put(keyEnd, ';')
	}
	p.semi()
	if declare || abstract {
		p.blankStmt(start, p.prevEnd)
	}
}

// indexSignature reads "[key: T]: U" if that is what follows.
func (p *lowerer) indexSignature() bool {
	return p.try(func() {
		p.expect("[")
		if p.tok.kind != tName {
			p.fail("not an index signature")
		}
		p.next()
		if !p.is(":") {
			p.fail("not an index signature")
		}
		p.next()
		p.typ()
		p.expect("]")
		if p.is("?") {
			p.next()
		}
		p.expect(":")
		p.typ()
		p.semi()
	})
}

func (p *lowerer) propertyKey() {
	switch {
	case p.tok.kind == tName || p.tok.kind == tStr || p.tok.kind == tNum:
		p.next()
	case p.is("["):
		p.next()
		p.assign()
		p.expect("]")
	default:
		p.fail("expected a property name")
	}
}

// decorators reads "@a.b(c) @d" and blanks them, or, when keep is set,
// returns false without reading anything if they can stay as expression
// statements before a class.
func (p *lowerer) decorators(keep bool) {
	for p.is("@") {
		start := p.decorator()
		if keep {
			p.put(start, ';')
		} else {
			p.drop(start, p.prevEnd)
		}
	}
}

// decorator reads one decorator and returns where its "@" is.
func (p *lowerer) decorator() int {
	start := p.tok.start
	p.next()
	if p.is("(") {
		p.parenExpr()
		return start
	}
	if p.tok.kind != tName {
		p.fail("expected a decorator")
	}
	p.next()
	for p.is(".") {
		p.next()
		p.next()
	}
	if p.ts && p.is("<") {
		p.blankAngles()
	}
	if p.is("(") {
		p.args()
	}
	return start
}

// drop blanks code that would have run.
func (p *lowerer) drop(start, end int) {
	p.blank(start, end)
	p.dropped = append(p.dropped, [2]int{start, end})
}

// memberDecorators reads the decorators of a class member. One between
// white space, a byte before and two after (indentation and a line
// break, usually), becomes a field with a computed key, "@Column({...})"
// then ";[Column({...})];", so that its arguments are still read as code;
// the others are blanked.
func (p *lowerer) memberDecorators() {
	for p.is("@") {
		start := p.decorator()
		end := p.prevEnd
		// "[" at a line's start would continue the member before it
		// ("x = () => {}" or "x = 'a'"): a ";" goes before it.
		before := start > 0 && (p.src[start-1] == ' ' || p.src[start-1] == '\t')
		if before && end+1 < len(p.src) && isSpaceByte(p.src[end]) && isSpaceByte(p.src[end+1]) {
			p.put(start-1, ';')
			p.put(start, '[')
			p.put(end, ']')
			p.put(end+1, ';')
			continue
		}
		p.drop(start, end)
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// decoratedClass reads decorators before a class declaration (also
// exported). Decorators on lines of their own stay as calls.
func (p *lowerer) decoratedClass(start int) {
	st := p.save()
	p.decorators(true)
	if !p.tok.nl {
		p.restore(st)
		p.decorators(false)
	}
	switch {
	case p.is("export"):
		p.exportDecl(p.tok.start)
	case p.is("abstract") && p.ts:
		p.blank(p.tok.start, p.tok.end)
		p.next()
		p.class()
	default:
		p.class()
	}
}

// Imports and exports.

func (p *lowerer) importDecl(start int) {
	p.next()
	if p.ts && p.is("type") {
		if t := p.peek(); t.kind == tPunct && (p.src[t.start] == '{' || p.src[t.start] == '*') || t.kind == tName && string(p.src[t.start:t.end]) != "from" {
			p.next()
			if p.tok.kind == tName && p.peekIs("=") {
				p.next()
				p.next()
				p.assign()
				p.semi()
			} else {
				p.importRest()
			}
			p.blankStmt(start, p.prevEnd)
			return
		}
	}
	if p.ts && p.tok.kind == tName && p.peekIs("=") {
		// import x = require("y") becomes const  x = require("y").
		p.rewrite(start, "const ")
		p.next()
		p.next()
		p.assign()
		p.semi()
		return
	}
	p.importRest()
}

// importRest reads an import after "import" (and "type").
func (p *lowerer) importRest() {
	if p.tok.kind == tStr {
		p.next()
		p.attributes()
		p.semi()
		return
	}
	if p.tok.kind == tName && !p.is("from") || p.is("from") && p.peekIs("from") {
		p.next()
		p.eat(",")
	}
	switch {
	case p.is("*"):
		p.next()
		p.expect("as")
		p.next()
	case p.is("{"):
		p.specifiers()
	}
	p.expect("from")
	if p.tok.kind != tStr {
		p.fail("expected a module name")
	}
	p.next()
	p.attributes()
	p.semi()
}

func (p *lowerer) attributes() {
	if (p.is("with") || p.is("assert")) && !p.tok.nl {
		// Attributes say how to load; tdewolff's parser lacks "assert".
		start := p.tok.start
		p.next()
		p.primary()
		p.blank(start, p.prevEnd)
	}
}

// specifiers reads "{ a, type B, c as d }" and blanks the type-only ones.
func (p *lowerer) specifiers() {
	p.expect("{")
	for !p.is("}") {
		start := p.tok.start
		typeOnly := false
		if p.ts && p.is("type") {
			if t := p.peek(); t.kind == tName || t.kind == tStr {
				typeOnly = string(p.src[t.start:t.end]) != "as" || p.typeAsIsTypeOnly()
				if typeOnly {
					p.next()
				}
			}
		}
		if p.tok.kind != tName && p.tok.kind != tStr {
			p.fail("expected a specifier")
		}
		p.next()
		if p.eat("as") {
			p.next()
		}
		if typeOnly {
			if p.is(",") {
				p.next()
			}
			p.blank(start, p.prevEnd)
			continue
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
}

// typeAsIsTypeOnly reports, at "type" before "as" in a specifier list,
// whether the specifier is type-only, as TypeScript reads it: "type as"
// and "type as as x" are (of a binding called as), "type as x" and
// "type as as" rename a binding called type.
func (p *lowerer) typeAsIsTypeOnly() bool {
	st := p.save()
	defer p.restore(st)
	p.next() // as
	p.next()
	if p.is(",") || p.is("}") {
		return true
	}
	if !p.is("as") {
		return false
	}
	p.next()
	return !p.is(",") && !p.is("}")
}

func (p *lowerer) exportDecl(start int) {
	p.next()
	if p.ts {
		switch {
		case p.is("type") && (p.peekIs("{") || p.peekIs("*")):
			p.next()
			p.exportRest()
			p.blankStmt(start, p.prevEnd)
			return
		case p.is("="):
			// export = x runs x (module.exports = x): keep it.
			p.next()
			p.blankStmt(start, p.prevEnd)
			p.expr()
			p.semi()
			return
		case p.is("as") && p.peekIs("namespace"):
			p.next()
			p.expr()
			p.semi()
			p.blankStmt(start, p.prevEnd)
			return
		case p.is("import") && !p.peekIs("type"):
			// export import x = require("y") runs require.
			imp := p.tok.start
			p.blank(start, imp)
			p.rewrite(imp, "const ")
			p.next()
			p.next()
			p.expect("=")
			p.expr()
			p.semi()
			return
		case p.is("declare") || p.is("interface") || p.is("type") || p.is("enum") || p.is("namespace") || p.is("module") || p.is("abstract"):
			if p.tsDeclaration(start) {
				return
			}
		case p.is("const") && p.peekIs("enum"):
			p.next()
			p.blankStmt(start, p.skipDeclaration())
			p.dropped = append(p.dropped, [2]int{start, p.prevEnd})
			return
		}
	}
	switch {
	case p.is("default"):
		p.next()
		switch {
		case p.ts && p.is("interface") && p.nextIsName():
			p.blankStmt(start, p.skipDeclaration())
		case p.ts && p.is("abstract") && p.peekIs("class"):
			p.blank(p.tok.start, p.tok.end)
			p.next()
			p.class()
		case p.is("function"):
			p.function(start, true)
		case p.is("async") && p.peekIs("function") && p.nextSameLine():
			p.next()
			p.function(start, true)
		case p.is("class"):
			p.class()
		case p.is("@"):
			p.decorators(false)
			p.class()
		default:
			p.assign()
			p.semi()
		}
	case p.is("*") || p.is("{"):
		p.exportRest()
	case p.is("@"):
		p.decorators(false)
		p.statement()
	case p.is("function"):
		p.function(start, true)
	case p.is("async") && p.peekIs("function"):
		p.next()
		p.function(start, true)
	default:
		p.statement()
	}
}

// exportRest reads "* as x from 'y'", "{ a, type B } from 'y'" or "{ a }".
func (p *lowerer) exportRest() {
	if p.eat("*") {
		if p.eat("as") {
			p.next()
		}
	} else {
		p.specifiers()
	}
	if p.eat("from") {
		if p.tok.kind != tStr {
			p.fail("expected a module name")
		}
		p.next()
		p.attributes()
	}
	p.semi()
}

// tsDeclaration blanks a TypeScript-only declaration at the current token
// (interface, type alias, declare, enum, namespace, abstract class) and
// reports whether there was one.
func (p *lowerer) tsDeclaration(start int) bool {
	switch p.text() {
	case "interface", "enum":
		if !p.nextIsName() {
			return false
		}
	case "type":
		t := p.peek()
		if t.nl || t.kind != tName {
			return false
		}
	case "declare":
		t := p.peek()
		if t.nl || t.kind != tName {
			return false
		}
	case "namespace", "module":
		t := p.peek()
		if t.nl || t.kind != tName && t.kind != tStr {
			return false
		}
	case "abstract":
		if !p.peekIs("class") || !p.nextSameLine() {
			return false
		}
		p.blank(p.tok.start, p.tok.end)
		p.next()
		p.class()
		return true
	default:
		return false
	}
	runs := p.is("enum") || p.is("namespace") || p.is("module")
	p.blankStmt(start, p.skipDeclaration())
	if runs {
		p.dropped = append(p.dropped, [2]int{start, p.prevEnd})
	}
	return true
}

// skipDeclaration reads a declaration that disappears entirely and returns
// its end: everything up to a ";" or the end of its line outside
// brackets, or the end of its body.
func (p *lowerer) skipDeclaration() int {
	if p.is("declare") && p.nextIsName() {
		p.next()
	}
	if p.is("const") && p.peekIs("enum") {
		p.next()
	}
	switch {
	case p.is("enum"):
		// Member values are code (a regex, a template): read them.
		p.next()
		p.next()
		p.expect("{")
		for !p.is("}") {
			p.propertyKey()
			if p.eat("=") {
				p.assign()
			}
			if !p.eat(",") {
				break
			}
		}
		p.expect("}")
		return p.prevEnd
	case p.is("namespace") || p.is("module") || p.is("global"):
		p.next()
		for p.tok.kind == tName || p.tok.kind == tStr || p.is(".") {
			if p.is("{") || p.tok.nl && p.prevEnd > 0 && p.src[p.prevEnd-1] != '.' && !p.is(".") {
				break
			}
			p.next()
		}
		if p.is("{") {
			p.block()
		} else {
			p.semi()
		}
		return p.prevEnd
	}
	if p.is("type") {
		p.next()
		p.next()
		p.typeParams()
		p.expect("=")
		p.typ()
		p.semi()
		return p.prevEnd
	}
	for {
		switch {
		case p.tok.kind == tEOF:
			return p.prevEnd
		case p.is(";"):
			p.next()
			return p.prevEnd
		case p.is("{"):
			p.skipBalanced()
			if p.tok.nl || p.tok.kind == tEOF || !p.typeGoesOn() {
				return p.prevEnd
			}
		case p.is("(") || p.is("["):
			p.skipBalanced()
		case p.is("<"):
			p.skipAngles()
		case p.is("=") && !p.is("=>"):
			// declare const x = 1 / enum member values: read as an
			// expression so that a slash or JSX inside is scanned right.
			p.next()
			p.assign()
		case p.tok.kind == tTemplateHead:
			p.skipTemplate()
		default:
			p.next()
		}
		if p.tok.nl && p.ends() {
			return p.prevEnd
		}
	}
}

// typeGoesOn reports whether the token after an object type on its line
// continues the declaration ("declare const x: {a: T}[];").
func (p *lowerer) typeGoesOn() bool {
	if p.tok.kind != tPunct {
		return false
	}
	switch p.src[p.tok.start] {
	case ';', '|', '&', '[', ',', '=', '>', ')':
		return true
	}
	return false
}

// ends reports whether the token before the current one (after a line
// break) can end a declaration.
func (p *lowerer) ends() bool {
	if p.tok.kind == tPunct {
		switch p.text() {
		case "|", "&", ".", "?", ":", "=>", "=", ",", ">", "{":
			return false
		}
	}
	if p.is("extends") || p.is("keyof") || p.is("is") {
		return false
	}
	switch string(p.src[p.prevStart:p.prevEnd]) {
	case "extends", "implements", "keyof", "typeof", "infer", "is", "as", "new", "readonly", "declare", "export",
		"default", "function", "class", "interface", "type", "enum", "namespace", "module", "const", "let", "var",
		"abstract", "async", "unique", "asserts", "global":
		return false
	}
	prev := p.src[p.prevEnd-1]
	switch prev {
	case ')', ']', '}', '>', '"', '\'', '`':
		return true
	}
	return isIdentByte(prev) || prev >= 0x80
}
