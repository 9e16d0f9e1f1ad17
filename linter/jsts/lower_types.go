package jsts

// TypeScript types for lower: read to find where they end; the caller
// blanks them.

// returnType reads a type, or a type predicate (x is T, asserts x).
func (p *lowerer) returnType() {
	if p.is("asserts") && p.nextIsName() {
		p.next()
		p.next()
		if p.is("is") {
			p.next()
			p.typ()
		}
		return
	}
	if p.tok.kind == tName && p.peekIs("is") && p.nextSameLine() {
		p.next()
		p.next()
	}
	p.typ()
}

func (p *lowerer) typ() {
	p.enter()
	defer p.leave()
	p.typeNoConditional()
	if p.is("extends") && !p.tok.nl {
		st := p.save()
		p.next()
		if p.try(func() { p.typeNoConditional(); p.expect("?") }) {
			p.typ()
			p.expect(":")
			p.typ()
		} else {
			p.restore(st)
		}
	}
}

// typeNoConditional reads a function type or a union of operands.
func (p *lowerer) typeNoConditional() {
	if p.is("<") || p.is("new") || p.is("abstract") && p.peekIs("new") || p.is("(") && p.functionTypeAhead() {
		// <T>(x: T) => U, new (...) => T, (x: T) => U
		p.eat("abstract")
		p.eat("new")
		if p.is("<") {
			p.skipAngles()
		}
		p.skipBalanced()
		p.expect("=>")
		p.returnType()
		return
	}
	p.eat("|")
	p.eat("&")
	for {
		p.typeOperand()
		if !p.is("|") && !p.is("&") {
			return
		}
		p.next()
	}
}

// functionTypeAhead reports, at "(" in a type, whether a function type's
// parameters follow rather than a parenthesized type, as TypeScript
// decides: "()", "(...", "(a:", "(a,", "(a?", "(a=", "(a) =>".
func (p *lowerer) functionTypeAhead() bool {
	st := p.save()
	defer p.restore(st)
	p.next()
	if p.is(")") || p.is("...") {
		return true
	}
	switch {
	case p.tok.kind == tName:
		p.next()
	case p.is("[") || p.is("{"):
		if !p.try(p.skipBalanced) {
			return false
		}
	default:
		return false
	}
	if p.is(":") || p.is(",") || p.is("?") || p.is("=") {
		return true
	}
	if p.is(")") {
		p.next()
		return p.is("=>")
	}
	return false
}

func (p *lowerer) typeOperand() {
	for p.tok.kind == tName && (p.is("keyof") || p.is("unique") || p.is("readonly") || p.is("infer")) && p.operatorFollows() {
		infer := p.is("infer")
		p.next()
		if infer {
			p.next()
			if p.is("extends") {
				st := p.save()
				p.next()
				if !p.try(func() { p.typeOperand() }) {
					p.restore(st)
				}
			}
			p.typePostfix()
			return
		}
	}
	switch {
	case p.is("(") || p.is("{") || p.is("["):
		p.skipBalanced()
	case p.is("-") && p.peek().kind == tNum:
		p.next()
		p.next()
	case p.tok.kind == tStr || p.tok.kind == tNum:
		p.next()
	case p.tok.kind == tTemplate || p.tok.kind == tTemplateHead:
		p.skipTemplate()
	case p.is("typeof"):
		p.next()
		if p.is("import") {
			p.next()
			p.skipBalanced()
		} else {
			p.next()
		}
		p.typeReferenceRest()
	case p.is("import"):
		p.next()
		p.skipBalanced()
		p.typeReferenceRest()
	case p.tok.kind == tName:
		p.next()
		p.typeReferenceRest()
	default:
		p.fail("expected a type")
	}
	p.typePostfix()
}

// operatorFollows reports, at keyof, unique, readonly or infer, whether
// a type follows, which makes the word an operator and not a type name.
func (p *lowerer) operatorFollows() bool {
	t := p.peek()
	if t.kind == tEOF {
		return false
	}
	if t.kind == tPunct {
		switch p.src[t.start] {
		case ',', ')', ']', '}', ';', '=', '|', '&', '>', '?', ':':
			return false
		}
	}
	return true
}

// typeReferenceRest reads what follows a type's name: ".b.c" and its
// type arguments.
func (p *lowerer) typeReferenceRest() {
	for p.is(".") {
		p.next()
		p.next()
	}
	if p.is("<") && !p.tok.nl {
		p.skipAngles()
	}
}

func (p *lowerer) typePostfix() {
	for p.is("[") && !p.tok.nl {
		p.skipBalanced()
	}
}

// skipBalanced reads from an opening (, [ or { to its closing bracket.
func (p *lowerer) skipBalanced() {
	var stack []byte
	for {
		switch {
		case p.tok.kind == tEOF:
			p.fail("unbalanced brackets")
		case p.tok.kind == tTemplateHead:
			p.skipTemplate()
			continue
		case p.tok.kind == tPunct:
			switch c := p.src[p.tok.start]; c {
			case '(', '[', '{':
				if p.tok.end-p.tok.start == 1 {
					stack = append(stack, c)
				}
			case ')', ']', '}':
				want := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
				if len(stack) == 0 || stack[len(stack)-1] != want {
					p.fail("unbalanced brackets")
				}
				stack = stack[:len(stack)-1]
			}
		}
		p.next()
		if len(stack) == 0 {
			return
		}
	}
}

// skipAngles reads "<...>" (type parameters or arguments).
func (p *lowerer) skipAngles() {
	if p.noAngles[p.tok.start] {
		p.fail("unbalanced <")
	}
	open := []int{p.tok.start} // the "<"s not closed yet
	p.expect("<")
	for len(open) > 0 {
		switch {
		case p.tok.kind == tEOF || p.is(")") || p.is("]") || p.is("}") || p.is(";"):
			// None of the open ones closes: remember, so that trying
			// each "<" of "a < b, c < d, ..." stays linear.
			for _, o := range open {
				p.noAngles[o] = true
			}
			p.fail("unbalanced <")
		case p.is("<"):
			open = append(open, p.tok.start)
		case p.is(">"):
			open = open[:len(open)-1]
		case p.is("(") || p.is("[") || p.is("{"):
			p.skipBalanced()
			continue
		case p.tok.kind == tTemplateHead:
			p.skipTemplate()
			continue
		}
		p.next()
	}
}

// skipTemplate reads a template type or literal whose substitutions hold
// types.
func (p *lowerer) skipTemplate() {
	for p.tok.kind == tTemplateHead {
		p.next()
		depth := 0
		for !(depth == 0 && p.is("}")) {
			switch {
			case p.tok.kind == tEOF:
				p.fail("unterminated template")
			case p.is("{"):
				depth++
			case p.is("}"):
				depth--
			case p.tok.kind == tTemplateHead:
				p.skipTemplate()
				continue
			}
			p.next()
		}
		p.rescanTemplate()
	}
	p.next()
}
