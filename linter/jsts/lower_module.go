package jsts

// Imports, exports and TypeScript-only declarations for lower.

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
