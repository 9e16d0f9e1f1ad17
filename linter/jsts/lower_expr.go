package jsts

// Expressions for lower.

// expr reads a comma-separated expression.
func (p *lowerer) expr() {
	p.assign()
	for p.eat(",") {
		p.assign()
	}
}

// assign reads an assignment expression: arrows, conditionals and binary
// operators, with TypeScript's "as" and "satisfies".
func (p *lowerer) assign() {
	p.enter()
	defer p.leave()
	if p.arrow() {
		return
	}
	if p.is("yield") && !p.peekIs("=") && !p.peekIs(".") && !p.peekIs("==") && !p.peekIs("===") {
		p.next()
		p.eat("*")
		if !p.tok.nl && p.startsExpr() {
			p.assign()
		}
		return
	}
	p.unary()
	for {
		switch {
		case p.tok.kind == tName && (p.is("as") || p.is("satisfies")) && p.ts && !p.tok.nl:
			start := p.tok.start
			p.next()
			p.typ()
			p.blank(start, p.prevEnd)
			if p.tok.nl && (p.is("(") || p.is("[") || p.tok.kind == tTemplate || p.tok.kind == tTemplateHead) {
				// "a as T" then "(b)" on the next line are two
				// statements; without the type they would be a call.
				p.put(p.prevEnd-1, ';')
			}
		case p.is("?"):
			p.next()
			old := p.condTrue
			p.condTrue = p.depth + 1
			p.assign()
			p.condTrue = old
			p.expect(":")
			p.assign()
			return
		case p.tok.kind == tName && (p.is("in") || p.is("instanceof")):
			p.next()
			p.unary()
		case p.is(">"):
			end := p.tok.end
			p.next()
			for p.tok.start == end && (p.is(">") || p.is("=") || p.is(">=")) {
				end = p.tok.end
				p.next()
			}
			p.unary()
		case p.tok.kind == tPunct && isAssignOp(p.text()):
			p.next()
			p.assign()
			return
		case p.tok.kind == tPunct && isBinaryOp(p.text()):
			p.next()
			p.unary()
		default:
			return
		}
	}
}

func isAssignOp(s string) bool {
	switch s {
	case "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", "&=", "|=", "^=", "&&=", "||=", "??=":
		return true
	}
	return false
}

func isBinaryOp(s string) bool {
	switch s {
	case "+", "-", "*", "/", "%", "**", "<", "<=", "<<", "==", "!=", "===", "!==", "&", "|", "^", "&&", "||", "??":
		return true
	}
	return false
}

// startsExpr reports whether the current token can begin an expression.
func (p *lowerer) startsExpr() bool {
	switch p.tok.kind {
	case tEOF:
		return false
	case tPunct:
		switch p.src[p.tok.start] {
		case ')', ']', '}', ',', ';', ':', '=', '?', '>', '|', '&', '*', '%', '^':
			return false
		case '.':
			return p.is("...")
		}
		return true
	case tName:
		switch p.text() {
		case "in", "instanceof", "of", "as", "satisfies":
			return false
		}
	}
	return true
}

// arrow reads an arrow function if one starts here.
func (p *lowerer) arrow() bool {
	start := p.tok.start
	async := p.is("async") && !p.peek().nl && !p.peekIs("=>")
	if async {
		t := p.peek()
		if t.kind == tName {
			// async x => ...
			st := p.save()
			p.next()
			p.next()
			if p.is("=>") && !p.tok.nl {
				p.next()
				p.arrowBody()
				return true
			}
			p.restore(st)
			return false
		}
		if !(t.kind == tPunct && (p.src[t.start] == '(' || p.src[t.start] == '<')) {
			return false
		}
	}
	switch {
	case p.tok.kind == tName && !async:
		if t := p.peek(); t.kind == tPunct && !t.nl && string(p.src[t.start:t.end]) == "=>" {
			p.next()
			p.next()
			p.arrowBody()
			return true
		}
		return false
	case p.is("(") || async || p.ts && p.is("<"):
	default:
		return false
	}
	if p.notArrow[start] {
		return false
	}
	restricted := p.condTrue == p.depth
	withBody := false
	ok := p.try(func() {
		if async {
			p.next()
		}
		if p.is("<") {
			if !p.ts {
				p.fail("not an arrow")
			}
			if p.jsx {
				// In TSX, "<T," and "<T extends" are type parameters;
				// anything else is an element.
				st := p.save()
				p.next()
				if p.is("const") && p.nextIsName() {
					p.next()
				}
				p.next()
				generic := p.is(",") || p.is("extends") || p.is("=")
				p.restore(st)
				if !generic {
					p.fail("not an arrow")
				}
			}
			p.typeParams()
		}
		p.params()
		closed := p.prevEnd
		typed := p.ts && p.is(":")
		p.annotation()
		if !p.is("=>") || p.tok.nl && !typed {
			p.fail("not an arrow")
		}
		if typed {
			// JavaScript allows no line break between ")" and "=>";
			// the return type may hold some.
			p.blankAll(closed, p.tok.start)
		}
		if typed && restricted {
			// a ? (b): c => d : e. In "a ? (b) : c => d", ": c" is
			// the conditional's, as TypeScript reads it.
			p.next()
			p.arrowBody()
			if !p.is(":") {
				p.fail("not an arrow")
			}
			withBody = true
		}
	})
	if !ok {
		if !restricted {
			p.notArrow[start] = true
		}
		return false
	}
	if withBody {
		return true
	}
	p.next()
	p.arrowBody()
	return true
}

func (p *lowerer) arrowBody() {
	if !p.is("{") {
		p.assign()
		return
	}
	p.block()
	if p.tok.nl && (p.is("(") || p.is("[") || p.tok.kind == tTemplate || p.tok.kind == tTemplateHead) {
		// "() => {}" then "(x)" on the next line are two statements,
		// an arrow being no callee; tdewolff's parser reads on, so the
		// line break becomes a ";".
		for i := p.prevEnd; i < p.tok.start; i++ {
			if p.src[i] == '\n' {
				p.put(i, ';')
				break
			}
		}
	}
}

// unary reads prefix operators, TypeScript casts and the operand.
func (p *lowerer) unary() {
	p.enter()
	defer p.leave()
	for {
		switch {
		case p.tok.kind == tPunct && (p.is("!") || p.is("~") || p.is("+") || p.is("-") || p.is("++") || p.is("--")):
			p.next()
			continue
		case p.tok.kind == tName && (p.is("typeof") || p.is("void") || p.is("delete")):
			p.next()
			continue
		case p.is("await") && p.peekStartsOperand():
			p.next()
			continue
		case p.ts && !p.jsx && p.is("<"):
			// <T>x
			p.blankAngles()
			continue
		}
		break
	}
	p.postfix()
}

func (p *lowerer) peekStartsOperand() bool {
	st := p.save()
	defer p.restore(st)
	p.next()
	if p.tok.nl && p.tok.kind == tPunct && (p.is("(") || p.is("[")) {
		return true
	}
	return p.startsExpr() && !(p.tok.kind == tPunct && (p.is("+") || p.is("-") || p.is("<")))
}

// postfix reads an operand with its member accesses, calls, type
// arguments and non-null assertions.
func (p *lowerer) postfix() {
	p.primary()
	for {
		switch {
		case p.is(".") || p.is("?."):
			p.next()
			switch {
			case p.is("("):
				p.args()
			case p.is("["):
				p.next()
				p.expr()
				p.expect("]")
			case p.ts && p.is("<"):
				p.blankAngles()
			case p.tok.kind == tName:
				p.next()
			default:
				p.fail("expected a property name")
			}
		case p.is("["):
			p.next()
			p.expr()
			p.expect("]")
		case p.is("("):
			p.args()
		case p.tok.kind == tTemplate || p.tok.kind == tTemplateHead:
			p.template()
		case p.ts && p.is("!") && !p.tok.nl:
			p.blank(p.tok.start, p.tok.end)
			p.next()
		case (p.is("++") || p.is("--")) && !p.tok.nl:
			p.next()
		case p.ts && p.is("<") && p.typeArgs():
		default:
			return
		}
	}
}

// typeArgs blanks "<T, U>" after an expression when a call, a template or
// the end of an expression follows (f<T>(x), new Map<K, V>()); otherwise
// the "<" is a comparison.
func (p *lowerer) typeArgs() bool {
	start := p.tok.start
	return p.try(func() {
		p.next()
		for {
			p.typ()
			if !p.eat(",") {
				break
			}
		}
		if !p.is(">") {
			p.fail("not type arguments")
		}
		gt := p.tok.end
		p.next()
		if p.tok.start == gt && (p.is("=") || p.is("==") || p.is("===") || p.is(">") || p.is("=>")) {
			p.fail("a comparison") // a >= b, a >> b
		}
		switch {
		case p.is("(") || p.tok.kind == tTemplate || p.tok.kind == tTemplateHead:
		case !p.startsExpr() && !p.is("<") && !p.is(">"):
		case p.tok.nl:
		default:
			p.fail("not type arguments")
		}
		p.blank(start, p.prevEnd)
	})
}

func (p *lowerer) args() {
	p.expect("(")
	for !p.is(")") {
		p.eat("...")
		p.assign()
		if !p.eat(",") {
			break
		}
	}
	p.expect(")")
}

func (p *lowerer) template() {
	for p.tok.kind == tTemplateHead {
		p.next()
		p.expr()
		if !p.is("}") {
			p.fail("expected } in a template")
		}
		p.rescanTemplate()
	}
	if p.tok.kind != tTemplate {
		p.fail("expected a template")
	}
	p.next()
}

// primary reads one operand.
func (p *lowerer) primary() {
	p.enter()
	defer p.leave()
	switch p.tok.kind {
	case tEOF:
		p.fail("unexpected end of input")
	case tNum, tStr, tRegex:
		p.next()
		return
	case tTemplate, tTemplateHead:
		p.template()
		return
	case tName:
		switch p.text() {
		case "function":
			p.function(p.tok.start, false)
		case "async":
			if p.peekIs("function") && p.nextSameLine() {
				p.next()
				p.function(p.tok.start, false)
				return
			}
			p.next()
		case "class":
			p.class()
		case "new":
			p.next()
			if p.eat(".") {
				p.next()
				return
			}
			if p.is("new") {
				p.primary()
				return
			}
			p.primary()
			for p.is(".") || p.is("?.") {
				p.next()
				p.next()
			}
			if p.ts && p.is("<") {
				p.typeArgs()
			}
		default:
			p.next()
		}
		return
	}
	switch {
	case p.is("/") || p.is("/="):
		p.rescanRegex()
		p.next()
	case p.is("("):
		p.next()
		p.expr()
		p.expect(")")
	case p.is("["):
		p.next()
		for !p.is("]") {
			if p.is(",") {
				p.next()
				continue
			}
			p.eat("...")
			p.assign()
			if !p.is("]") {
				p.expect(",")
			}
		}
		p.next()
	case p.is("{"):
		p.object()
	case p.is("<") && p.jsx:
		p.element(false)
	case p.is("@"):
		p.decorators(false)
		p.class()
	default:
		p.fail("unexpected " + p.text())
	}
}

// object reads an object literal (or pattern).
func (p *lowerer) object() {
	p.expect("{")
	for !p.is("}") {
		if p.eat("...") {
			p.assign()
		} else {
			for p.is("get") || p.is("set") || p.is("async") {
				t := p.peek()
				if t.nl && p.is("async") || t.kind == tEOF || t.kind == tPunct && p.src[t.start] != '[' && p.src[t.start] != '*' {
					break
				}
				p.next()
			}
			p.eat("*")
			p.propertyKey()
			switch {
			case p.is("(") || p.is("<"):
				p.signature()
				p.block()
			case p.eat(":"):
				p.assign()
			case p.eat("="):
				p.assign()
			}
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
}
