package jsts

// JSX for lower.

// element rewrites a JSX element or fragment at "<" into an array literal
// of its attribute values and children. child says whether it sits among
// another element's children, where a comma must follow it and where the
// text after it is not JavaScript: the reading then stops on its last ">".
func (p *lowerer) element(child bool) {
	p.enter()
	defer p.leave()
	p.put(p.tok.start, '[')
	p.next()
	if !p.is(">") {
		p.jsxName()
		if p.ts && p.is("<") {
			p.blankAngles()
		}
		p.jsxAttributes()
		if p.is("/") {
			p.put(p.tok.start, ']')
			p.next()
			if !p.is(">") {
				p.fail("expected />")
			}
			p.closeTag(child, p.tok.start)
			return
		}
	}
	if !p.is(">") {
		p.fail("expected >")
	}
	p.put(p.tok.start, ',')
	p.children(child)
}

// closeTag rewrites the ">" at gt that ends an element: a comma follows a
// child; outside JSX the reading goes on.
func (p *lowerer) closeTag(child bool, gt int) {
	if child {
		p.put(gt, ',')
		return
	}
	p.blank(gt, gt+1)
	p.next()
}

// jsxName blanks a tag or attribute name (a-b, a:b, a.b.c).
func (p *lowerer) jsxName() {
	start := p.tok.start
	if p.tok.kind != tName {
		p.fail("expected a JSX name")
	}
	p.next()
	for (p.is("-") || p.is("--") || p.is(":") || p.is(".")) && p.tok.start == p.prevEnd {
		p.next()
		if (p.tok.kind == tName || p.tok.kind == tNum) && p.tok.start == p.prevEnd {
			p.next() // data-1x
		}
	}
	p.blank(start, p.prevEnd)
}

func (p *lowerer) jsxAttributes() {
	for {
		switch {
		case p.is("{"):
			// {...spread}
			p.put(p.tok.start, ',')
			p.next()
			p.expect("...")
			p.assign()
			p.closeBrace()
		case p.tok.kind == tName:
			p.jsxName()
			if !p.is("=") {
				continue
			}
			p.put(p.tok.start, ',')
			// The value may be a string, which is not a JavaScript one.
			p.pos = p.tok.end
			p.skipSpace()
			if p.pos < len(p.src) && (p.src[p.pos] == '"' || p.src[p.pos] == '\'') {
				p.jsxString(p.pos)
				continue
			}
			p.next()
			switch {
			case p.is("{"):
				p.blank(p.tok.start, p.tok.end)
				p.next()
				p.assign()
				p.closeBrace()
			case p.is("<"):
				p.element(true)
				p.next()
			default:
				p.fail("expected an attribute value")
			}
		default:
			return
		}
	}
}

// closeBrace blanks the "}" that ends an expression container.
func (p *lowerer) closeBrace() {
	if !p.is("}") {
		p.fail("expected }")
	}
	p.blank(p.tok.start, p.tok.end)
	p.next()
}

// jsxString reads the attribute string at start, which has no escapes and
// may span lines; one that a JavaScript string could not hold keeps only
// its quotes.
func (p *lowerer) jsxString(start int) {
	q := p.src[start]
	end := -1
	for i := start + 1; i < len(p.src); i++ {
		if p.src[i] == q {
			end = i
			break
		}
	}
	if end < 0 {
		p.fail("unterminated attribute string")
	}
	for i := start + 1; i < end; i++ {
		if c := p.src[i]; c == '\\' || c == '\n' || c == '\r' || c == 0xE2 {
			p.blankAll(start+1, end)
			break
		}
	}
	p.tok = token{kind: tStr, start: start, end: end + 1}
	p.pos = end + 1
	p.next()
}

// children reads text, expression containers and elements up to the
// closing tag, whose "<" becomes "]".
func (p *lowerer) children(child bool) {
	i := p.tok.end
	for {
		text := i
		for i < len(p.src) && p.src[i] != '{' && p.src[i] != '<' {
			i++
		}
		p.blank(text, i)
		if i >= len(p.src) {
			p.pos = i
			p.fail("unterminated JSX element")
		}
		p.pos = i
		p.next()
		if p.is("{") {
			p.put(p.tok.start, ',')
			p.next()
			if !p.is("}") {
				p.eat("...")
				p.assign()
			}
			if !p.is("}") {
				p.fail("expected }")
			}
			p.put(p.tok.start, ',')
			i = p.tok.end
			continue
		}
		if p.peekIs("/") {
			p.put(p.tok.start, ']')
			p.next()
			slash := p.tok.start
			p.next()
			if !p.is(">") {
				p.jsxName()
			}
			if !p.is(">") {
				p.fail("expected >")
			}
			p.blank(slash, p.tok.start)
			if child {
				p.put(slash, ',')
			}
			p.blank(p.tok.start, p.tok.end)
			if !child {
				p.next()
			}
			return
		}
		p.element(true)
		i = p.tok.end
	}
}
