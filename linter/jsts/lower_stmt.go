package jsts

// Statements for lower.

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
