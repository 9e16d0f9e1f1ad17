package jsts

// Expressions, types and JSX for lower.

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

// Types: read to find where they end; the caller blanks them.

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
		for p.is(".") {
			p.next()
			p.next()
		}
		if p.is("<") && !p.tok.nl {
			p.skipAngles()
		}
	case p.is("import"):
		p.next()
		p.skipBalanced()
		for p.is(".") {
			p.next()
			p.next()
		}
		if p.is("<") {
			p.skipAngles()
		}
	case p.tok.kind == tName:
		p.next()
		for p.is(".") {
			p.next()
			p.next()
		}
		if p.is("<") && !p.tok.nl {
			p.skipAngles()
		}
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

// JSX.

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
		if p.tok.kind == tName && p.tok.start == p.prevEnd {
			p.next()
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
