package jsts

// Functions, classes and decorators for lower.

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

// decorators reads "@a.b(c) @d" and drops them or, when keep is set,
// turns each "@" into ";", so that they stay as expression statements
// before a class.
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
