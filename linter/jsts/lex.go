package jsts

import (
	"unicode"
	"unicode/utf8"
)

// The lowering's lexer: JavaScript tokens scanned on demand, with the
// parser deciding where a slash starts a regular expression and where a
// closing brace resumes a template. A '>' is always one token, so that
// type arguments close one level at a time; expressions join them again.

type tkind uint8

const (
	tEOF          tkind = iota
	tName               // identifiers, keywords and #private names
	tNum                // numbers
	tStr                // '...' and "..."
	tTemplate           // a whole template, or the tail after a substitution
	tTemplateHead       // a template's text up to "${", or a middle part
	tRegex
	tPunct
)

type token struct {
	kind       tkind
	start, end int
	nl         bool // a line break comes before the token
}

// puncts are the punctuators longer than one byte, longest first.
var puncts = []string{"...", "===", "!==", "**=", "<<=", "&&=", "||=", "??=",
	"=>", "==", "!=", "<=", "<<", "**", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "&&", "||", "??", "?."}

// scan reads the token at p.pos into p.tok.
func (p *lowerer) scan() {
	p.prevStart, p.prevEnd = p.tok.start, p.tok.end
	nl := p.skipSpace()
	s := p.src
	i := p.pos
	t := token{start: i, nl: nl}
	if i >= len(s) {
		t.kind, t.end = tEOF, i
		p.tok = t
		return
	}
	c := s[i]
	switch {
	case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		t.kind, t.end = tNum, numEnd(s, i)
	case isIdentByte(c) || c == '\\' || c >= utf8.RuneSelf:
		t.kind, t.end = tName, p.identEnd(i)
	case c == '#' && i+1 < len(s) && (isIdentByte(s[i+1]) || s[i+1] >= utf8.RuneSelf):
		t.kind, t.end = tName, p.identEnd(i+1)
	case c == '\'' || c == '"':
		t.kind, t.end = tStr, p.stringEnd(i)
	case c == '`':
		t.kind, t.end = p.templateEnd(i + 1)
	default:
		t.kind, t.end = tPunct, i+1
		if c != '>' {
			for _, q := range puncts {
				if len(s)-i >= len(q) && string(s[i:i+len(q)]) == q {
					if q == "?." && i+2 < len(s) && s[i+2] >= '0' && s[i+2] <= '9' {
						continue // a ? .5 : b
					}
					t.end = i + len(q)
					break
				}
			}
		}
	}
	if t.end <= i {
		p.tok = t
		p.fail("unexpected character")
	}
	p.pos = t.end
	p.tok = t
	p.steps++
	if p.steps > p.budget {
		p.fail("input too complex")
	}
}

// skipSpace skips white space and comments and reports whether they held
// a line break.
func (p *lowerer) skipSpace() bool {
	s := p.src
	nl := false
	i := p.pos
	if i == 0 && len(s) > 1 && s[0] == '#' && s[1] == '!' {
		for i < len(s) && s[i] != '\n' {
			i++
		}
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			nl = true
			i++
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := i + 2
			for ; j+1 < len(s) && !(s[j] == '*' && s[j+1] == '/'); j++ {
				if s[j] == '\n' || s[j] == '\r' {
					nl = true
				}
			}
			if j+1 >= len(s) {
				p.pos = len(s)
				p.fail("unterminated comment")
			}
			i = j + 2
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(s[i:])
			switch {
			case r == 0x2028 || r == 0x2029:
				nl = true
			case r == 0xFEFF || unicode.Is(unicode.Zs, r):
			default:
				p.pos = i
				return nl
			}
			i += n
		default:
			p.pos = i
			return nl
		}
	}
	p.pos = i
	return nl
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

func (p *lowerer) identEnd(i int) int {
	s := p.src
	for i < len(s) {
		c := s[i]
		switch {
		case isIdentByte(c):
			i++
		case c == '\\':
			i += 2 // \uXXXX or \u{...}: the rest are identifier bytes
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(s[i:])
			if r == 0x2028 || r == 0x2029 || r == 0xFEFF || unicode.Is(unicode.Zs, r) || r == utf8.RuneError {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return min(i, len(s))
}

func numEnd(s []byte, i int) int {
	hex := i+1 < len(s) && s[i] == '0' && (s[i+1]|0x20 == 'x')
	for i < len(s) {
		c := s[i]
		switch {
		case isIdentByte(c) || c == '.':
			i++
			if !hex && (c == 'e' || c == 'E') && i < len(s) && (s[i] == '+' || s[i] == '-') {
				i++
			}
		default:
			return i
		}
	}
	return i
}

func (p *lowerer) stringEnd(i int) int {
	s := p.src
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+2 < len(s) && s[j+1] == '\r' && s[j+2] == '\n' {
				j++
			}
			j++
		case q:
			return j + 1
		case '\n', '\r':
			p.pos = j
			p.fail("unterminated string")
		}
	}
	p.pos = len(s)
	p.fail("unterminated string")
	return 0
}

// templateEnd scans template text from i (just after "`" or "}") to its
// closing "`" (a tail) or its next "${" (a head).
func (p *lowerer) templateEnd(i int) (tkind, int) {
	s := p.src
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '`':
			return tTemplate, j + 1
		case '$':
			if j+1 < len(s) && s[j+1] == '{' {
				return tTemplateHead, j + 2
			}
		}
	}
	p.pos = len(s)
	p.fail("unterminated template")
	return 0, 0
}

// rescanRegex reads the current '/' or '/=' token as a regular
// expression literal.
func (p *lowerer) rescanRegex() {
	s := p.src
	inClass := false
	for j := p.tok.start + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '\n', '\r':
			p.fail("unterminated regular expression")
		case '/':
			if !inClass {
				j++
				for j < len(s) && isIdentByte(s[j]) {
					j++
				}
				p.tok.kind, p.tok.end, p.pos = tRegex, j, j
				return
			}
		}
	}
	p.fail("unterminated regular expression")
}

// rescanTemplate reads the text after the current '}', which closes a
// template substitution.
func (p *lowerer) rescanTemplate() {
	k, end := p.templateEnd(p.tok.start + 1)
	p.tok.kind, p.tok.end, p.pos = k, end, end
}
