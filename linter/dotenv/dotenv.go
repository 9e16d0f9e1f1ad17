// Package dotenv scans `.env` files exactly as Docker Compose reads them
// (compose-go v2.17.0's dotenv package) while keeping the position of every
// key, value and comment, and collecting every problem instead of stopping at
// the first.
//
// Compose's syntax, as implemented: `KEY=value` and `KEY: value`, an optional
// `export ` prefix, keys of letters, digits, "_", ".", "-", "[" and "]";
// single- and double-quoted values that may span lines (a backslash escapes
// the quote; double quotes also expand \n \t \" \\ \$ \0NNN ...); no
// backquote quoting (`x` is kept literally); in unquoted values " #" starts a
// comment and trailing white space is cut; a bare `KEY` (on a line of its
// own, or the last line without a line break) takes its value from the
// lookup or is dropped; a statement without a key ("=value", `export` alone
// on its line) is refused; `${VAR}`, `${VAR:-default}`, `$$` ... are
// interpolated in unquoted and double-quoted values, from the lookup first,
// then from the keys above; CRLF and a UTF-8 BOM are accepted.
//
// Parse(path, data, lookup) returns a *File; lookup plays the process
// environment, as in dotenv.ParseWithLookup. For a file Compose accepts,
// Problems is empty and Map() equals what compose-go loads; for a file
// Compose rejects, Problems is not empty (the first one is where Compose
// fails, on the line compose-go's error names; an unterminated quote, which
// compose-go reports on the last line, is shown where it opens) and Entries
// hold what could still be read. Warnings are lines Compose accepts silently
// but almost certainly misreads (text after a closing quote read as another
// variable, a key with a tab in it).
// Lookup(key) and Duplicates() serve checks; Comments (with Inline) serve
// suppression directives. Each Entry carries the facts checks need: the
// value as written (Raw) and as loaded (Value), its Quote, the comment that
// " #" cut off (CutComment), text after a closing quote (Trailing) and a
// quote character Compose keeps literally (StrayQuote).
//
// Positions: lines are 1-based, columns are 1-based and count runes, offsets
// are 0-based byte offsets into the data given to Parse. A UTF-8 BOM does not
// count as a column but is included in offsets. Only "\n" ends a line (as in
// Compose); a "\r" before it belongs to no key or value.
package dotenv

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compose-spec/compose-go/v2/template"

	"github.com/reachlint/reachlint/linter/diag"
)

// Entry is one `KEY=value` (or bare `KEY`) statement.
type Entry struct {
	Key        string     // as Compose stores it; never empty (Compose refuses a statement without a key)
	Value      string     // final value as Compose loads it (escapes and ${VAR} expanded); for a bare key, the looked-up value
	Raw        string     // value as written, quotes included, without a cut comment; "" for a bare key
	Quote      byte       // 0, '\'' or '"' (Compose has no backquote quoting: `x` is kept literally)
	Export     bool       // written with an `export ` prefix
	Bare       bool       // `KEY` without "=" or ":" (ended by a line break or the end of the file): the value comes from the lookup
	Unset      bool       // bare key the lookup does not define: Compose drops it
	KeyRange   diag.Range // the key, without `export `
	ValueRange diag.Range // covers Raw; empty (at the key's end) for a bare key
	Line       int        // line of the key
	Range      diag.Range // the statement: from "export" or the key to the end of the value or cut comment

	CutComment *diag.Range // unquoted value: the "#..." that Compose cut off as a comment
	Trailing   *diag.Range // quoted value: text after the closing quote on the same line, read by Compose as a new statement
	StrayQuote *diag.Range // unquoted value that starts with a backquote or ends with a quote character: Compose keeps it literally
}

// Comment is a `#` comment: a whole line, or after a quoted value (Inline).
type Comment struct {
	Text   string // from "#" to the end of the line, trailing white space removed
	Range  diag.Range
	Inline bool // follows a value on the same line
}

// Problem is something wrong at a position.
type Problem struct {
	Range   diag.Range
	Message string // the headline: lower case, no final period
	Why     string // the explanation, when the headline needs one
}

// File is a scanned `.env` file.
type File struct {
	Path     string
	BOM      bool // data starts with a UTF-8 byte order mark
	Entries  []Entry
	Comments []Comment
	Problems []Problem // lines Compose cannot parse: it refuses the whole file
	Warnings []Problem // lines Compose accepts but most likely misreads
}

// Map returns the variables Compose would load: the last definition of a key
// wins, and bare keys the lookup does not define are dropped.
func (f *File) Map() map[string]string {
	m := make(map[string]string, len(f.Entries))
	for _, e := range f.Entries {
		if !e.Unset {
			m[e.Key] = e.Value
		}
	}
	return m
}

// Lookup returns the entry that defines key in the loaded map (the last one
// that is not a dropped bare key).
func (f *File) Lookup(key string) (Entry, bool) {
	for i := len(f.Entries) - 1; i >= 0; i-- {
		if e := f.Entries[i]; e.Key == key && !e.Unset {
			return e, true
		}
	}
	return Entry{}, false
}

// Duplicate is a key written more than once; Entries are indexes into
// File.Entries in file order, and Compose keeps the last one that is set.
type Duplicate struct {
	Key     string
	Entries []int
}

// Duplicates lists keys with more than one entry, in order of first
// appearance.
func (f *File) Duplicates() []Duplicate {
	idx := make(map[string][]int, len(f.Entries))
	var order []string
	for i, e := range f.Entries {
		if _, seen := idx[e.Key]; !seen {
			order = append(order, e.Key)
		}
		idx[e.Key] = append(idx[e.Key], i)
	}
	var out []Duplicate
	for _, k := range order {
		if len(idx[k]) > 1 {
			out = append(out, Duplicate{Key: k, Entries: idx[k]})
		}
	}
	return out
}

const bom = "\uFEFF"

// Parse scans data. lookup resolves bare keys and ${VAR} references before
// the file's own earlier keys, as in Compose (the process environment); nil
// means an empty environment. Parse never fails: problems are in the File.
func Parse(path string, data []byte, lookup func(string) (string, bool)) *File {
	p := &parser{
		src:    string(data),
		path:   path,
		lookup: lookup,
		vals:   map[string]string{},
		f:      &File{Path: path},
		trail:  -1,
	}
	p.lines = append(p.lines, 0)
	for i := 0; ; {
		j := strings.IndexByte(p.src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		p.lines = append(p.lines, i)
	}
	// At most one entry per line, except after closing quotes.
	p.f.Entries = make([]Entry, 0, len(p.lines))
	if strings.HasPrefix(p.src, bom) {
		p.f.BOM = true
		p.base = len(bom)
	}
	p.parse()
	return p.f
}

type parser struct {
	src    string
	path   string
	base   int   // offset where content starts (after a BOM)
	lines  []int // byte offset of each line start
	lookup func(string) (string, bool)
	vals   map[string]string // what Compose's map holds so far
	f      *File

	// A statement that starts at trailAt was left after the closing quote
	// of entry trail on the same line.
	trail   int
	trailAt int

	last diag.Pos // the last position computed

	expanded  int  // bytes produced by interpolation so far
	overTotal bool // MaxExpandedTotal reached: later values stay as written
}

// Bounds of .env interpolation, per file: a few lines of doubling
// variables (A1=${A0}${A0} ...) would otherwise need gigabytes, and deep
// ${A:-${B:-...}} nesting takes Compose's template quadratic time. A value
// beyond a bound is reported at its position and kept as written.
const (
	MaxExpandDepth   = 64       // nested ${...} in one value
	MaxExpandedValue = 1 << 20  // bytes of one interpolated value
	MaxExpandedTotal = 16 << 20 // bytes of all interpolated values of a file
)

func (p *parser) pos(off int) diag.Pos {
	// Positions are mostly asked in increasing order: counting runes from
	// the previous one on the same line keeps long lines linear.
	if c := p.last; c.Line > 0 && off >= c.Offset && (c.Line == len(p.lines) || off < p.lines[c.Line]) {
		c.Col += utf8.RuneCountInString(p.src[c.Offset:off])
		c.Offset = off
		p.last = c
		return c
	}
	i, found := slices.BinarySearch(p.lines, off)
	if !found {
		i--
	}
	start := p.lines[i]
	if i == 0 {
		start = min(max(start, p.base), off)
	}
	p.last = diag.Pos{Line: i + 1, Col: utf8.RuneCountInString(p.src[start:off]) + 1, Offset: off}
	return p.last
}

func (p *parser) rng(start, end int) diag.Range {
	return diag.Range{File: p.path, Start: p.pos(start), End: p.pos(end)}
}

func (p *parser) problem(start, end int, format string, args ...any) {
	p.f.Problems = append(p.f.Problems, Problem{Range: p.rng(start, end), Message: fmt.Sprintf(format, args...)})
}

func (p *parser) warn(start, end int, format string, args ...any) {
	p.f.Warnings = append(p.f.Warnings, Problem{Range: p.rng(start, end), Message: fmt.Sprintf(format, args...)})
}

// because sets the explanation of the problem or warning just reported.
func because(ps []Problem, why string) {
	ps[len(ps)-1].Why = why
}

// isSpace is compose-go's white space inside a line: it excludes "\n".
func isSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

// skip advances from i over runes for which f holds.
func (p *parser) skip(i int, f func(rune) bool) int {
	for i < len(p.src) {
		c := p.src[i]
		if c < utf8.RuneSelf {
			if !f(rune(c)) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if !f(r) {
			return i
		}
		i += size
	}
	return i
}

// lineEnd is the offset of the "\n" ending the line at i, or len(src).
func (p *parser) lineEnd(i int) int {
	if j := strings.IndexByte(p.src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(p.src)
}

// trimRight returns the end of src[start:end] without trailing white space.
func (p *parser) trimRight(start, end int) int {
	return start + len(strings.TrimRightFunc(p.src[start:end], unicode.IsSpace))
}

func (p *parser) parse() {
	i := p.base
	for {
		i = p.skip(i, unicode.IsSpace)
		if i >= len(p.src) {
			return
		}
		if p.src[i] == '#' {
			end := p.lineEnd(i)
			ls := strings.LastIndexByte(p.src[:i], '\n') + 1
			p.f.Comments = append(p.f.Comments, Comment{
				Text:   strings.TrimRightFunc(p.src[i:end], unicode.IsSpace),
				Range:  p.rng(i, p.trimRight(i, end)),
				Inline: strings.TrimSpace(strings.TrimPrefix(p.src[ls:i], bom)) != "",
			})
			i = end
			continue
		}
		i = p.statement(i)
	}
}

// statement reads one statement starting at a non-space, non-comment
// character and returns where scanning continues.
func (p *parser) statement(start int) int {
	trail := -1
	if start == p.trailAt {
		trail = p.trail
	}
	p.trail = -1

	i := start
	export := false
	if strings.HasPrefix(p.src[i:], "export") && i+6 < len(p.src) && strings.IndexByte("\t\n\f\r ", p.src[i+6]) >= 0 {
		export = true
		i = p.skip(i+6, isSpace)
		if i >= len(p.src) {
			p.problem(start, start+6, `"export" is not followed by a variable name`)
			return i
		}
	}

	keyStart := i
	sep := -1
	for i < len(p.src) && sep < 0 {
		r, size := rune(p.src[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(p.src[i:])
		}
		switch {
		case r == '=' || r == ':' || r == '\n':
			sep = i
			continue
		case isSpace(r), r == '_', r == '.', r == '-', r == '[', r == ']',
			unicode.IsLetter(r), unicode.IsNumber(r):
		default:
			return p.badKeyChar(start, keyStart, i, size, r, trail)
		}
		i += size
	}

	// A key ended by a line break, or by the end of the file, has no
	// value: it takes the lookup's.
	bare := sep < 0 || p.src[sep] == '\n'
	next := len(p.src)
	if sep < 0 {
		sep = len(p.src)
	} else {
		next = p.skip(sep+1, isSpace)
	}
	keyEnd := p.trimRight(keyStart, sep)
	key := p.src[keyStart:keyEnd]
	if key == "" {
		// Compose refuses a variable without a name. Only a separator
		// or an "export" alone can leave the key empty.
		switch {
		case trail >= 0:
			prev := p.f.Entries[trail]
			p.problem(start, prev.Trailing.End.Offset,
				"unexpected text %q after the closing quote of %q; quote or escape the whole value",
				p.src[prev.Trailing.Start.Offset:prev.Trailing.End.Offset], prev.Key)
		case bare:
			p.problem(start, start+len("export"), `"export" is not followed by a variable name on the same line`)
		default:
			p.problem(keyStart, sep+1, "missing key before %q: a variable needs a name", p.src[sep:sep+1])
		}
		if !bare {
			var skipped Entry
			next = p.value(&skipped, next)
		}
		return next
	}
	e := Entry{Key: key, Export: export, KeyRange: p.rng(keyStart, keyEnd), Bare: bare}
	e.Line = e.KeyRange.Start.Line

	if strings.IndexByte(key, ' ') >= 0 {
		// Only the first word is quoted: what follows the space is
		// often the value ("DB_PASSWORD hunter2").
		p.problem(keyStart, keyEnd, "a space follows key %q; keys cannot contain spaces", firstWord(key))
		if !e.Bare {
			var skipped Entry
			next = p.value(&skipped, next)
		}
		return next
	}
	if strings.IndexFunc(key, unicode.IsSpace) >= 0 {
		p.warn(keyStart, keyEnd, "key %q contains white space", key)
	}
	if e.Bare {
		e.ValueRange = p.rng(keyEnd, keyEnd)
		v, ok := p.lookupFn(key)
		e.Value, e.Unset = v, !ok
		p.add(e, start, trail)
		return next
	}
	next = p.value(&e, next)
	if e.ValueRange.Start.IsValid() {
		p.add(e, start, trail)
	}
	return next
}

func (p *parser) lookupFn(k string) (string, bool) {
	if p.lookup == nil {
		return "", false
	}
	return p.lookup(k)
}

// add records an entry Compose accepts and makes it visible to later
// interpolation.
func (p *parser) add(e Entry, start, trail int) {
	if e.Line == 0 {
		e.Line = e.KeyRange.Start.Line
	}
	end := max(e.KeyRange.End.Offset, e.ValueRange.End.Offset)
	if e.CutComment != nil {
		end = e.CutComment.End.Offset
	}
	e.Range = p.rng(start, end)
	if trail >= 0 {
		prev := p.f.Entries[trail]
		p.warn(e.KeyRange.Start.Offset, prev.Trailing.End.Offset,
			"text %q after the closing quote of %q is read as another variable",
			p.src[prev.Trailing.Start.Offset:prev.Trailing.End.Offset], prev.Key)
	}
	if e.Trailing != nil {
		p.trail, p.trailAt = len(p.f.Entries), e.Trailing.Start.Offset
	}
	p.f.Entries = append(p.f.Entries, e)
	if !e.Unset {
		p.vals[e.Key] = e.Value
	}
}

// badKeyChar reports an invalid character at i in the key that starts at
// keyStart and skips the statement.
func (p *parser) badKeyChar(start, keyStart, i, size int, r rune, trail int) int {
	end := p.lineEnd(i)
	if trail >= 0 {
		prev := p.f.Entries[trail]
		p.problem(start, prev.Trailing.End.Offset,
			"unexpected text %q after the closing quote of %q; quote or escape the whole value",
			p.src[prev.Trailing.Start.Offset:prev.Trailing.End.Offset], prev.Key)
		return end
	}
	// Only the text before the bad character is quoted: what follows may
	// be a value ("DB_PASSWORD!hunter2").
	name := firstWord(p.src[keyStart:i])
	what := fmt.Sprintf("%q", string(r))
	if r == utf8.RuneError && size == 1 {
		what = fmt.Sprintf("byte 0x%02x (not UTF-8)", p.src[i])
	}
	p.problem(i, i+size, `unexpected character %s after %q in a key`, what, name)
	because(p.f.Problems, `keys may contain only letters, digits, "_", ".", "-", "[" and "]"`)
	// Skip the value too when there is one, so that a multi-line quoted
	// value is not read as statements.
	if j := strings.IndexAny(p.src[i:end], "=:"); j >= 0 {
		var skipped Entry
		return p.value(&skipped, p.skip(i+j+1, isSpace))
	}
	return end
}

// value reads the value starting at i (after the separator and spaces) into
// e and returns where scanning continues. On an unterminated quote it
// reports a problem, leaves e.ValueRange invalid and resumes on the next line.
func (p *parser) value(e *Entry, i int) int {
	if i < len(p.src) && (p.src[i] == '"' || p.src[i] == '\'') {
		return p.quoted(e, i)
	}
	end := p.lineEnd(i)
	valEnd := end
	if j := strings.Index(p.src[i:end], " #"); j >= 0 {
		valEnd = i + j
		c := p.rng(i+j+1, p.trimRight(i+j+1, end))
		e.CutComment = &c
	}
	valEnd = p.trimRight(i, valEnd)
	e.Raw = p.src[i:valEnd]
	e.ValueRange = p.rng(i, valEnd)
	if e.Raw != "" {
		var q int = -1
		if e.Raw[0] == '`' {
			q = i
		} else if c := e.Raw[len(e.Raw)-1]; c == '"' || c == '\'' || c == '`' {
			q = valEnd - 1
		}
		if q >= 0 {
			r := p.rng(q, q+1)
			e.StrayQuote = &r
		}
	}
	e.Value = p.expand(e, e.Raw, i, valEnd)
	return end
}

func (p *parser) quoted(e *Entry, open int) int {
	q := p.src[open]
	var b strings.Builder
	esc := false
	lit := open + 1 // start of bytes not yet copied into b
	for i := open + 1; i < len(p.src); i++ {
		c := p.src[i]
		if c == '\\' && !esc {
			// Compose drops the backslash only before the quote character.
			b.WriteString(p.src[lit:i])
			lit = i
			esc = true
			continue
		}
		if c == q && esc {
			lit = i
			esc = false
			continue
		}
		esc = false
		if c != q {
			continue
		}
		b.WriteString(p.src[lit:i])
		end := i + 1
		e.Quote = q
		e.Raw = p.src[open:end]
		e.ValueRange = p.rng(open, end)
		v := b.String()
		if q == '"' {
			v = p.expand(e, unescape(v), open, end)
		}
		e.Value = v
		p.checkTrailing(e, end)
		return end
	}
	lineEnd := p.lineEnd(open)
	p.problem(open, p.trimRight(open, lineEnd), "unterminated quoted value: the %s opened here is never closed", quoteName(q))
	return lineEnd
}

func quoteName(q byte) string {
	if q == '"' {
		return `double quote (")`
	}
	return `single quote (')`
}

// checkTrailing records text after a closing quote on the same line that is
// not a comment: Compose reads it as the start of another statement.
func (p *parser) checkTrailing(e *Entry, end int) {
	i := p.skip(end, func(r rune) bool { return r != '\n' && unicode.IsSpace(r) })
	if i >= len(p.src) || p.src[i] == '\n' || p.src[i] == '#' {
		return
	}
	r := p.rng(i, p.trimRight(i, p.lineEnd(i)))
	e.Trailing = &r
}

// expand interpolates ${VAR} in v like Compose: the lookup first, then the
// keys read so far. An error is a problem at the value; Compose keeps v.
func (p *parser) expand(e *Entry, v string, start, end int) (out string) {
	// A value read only to skip a statement with a bad key (no KeyRange)
	// is not interpolated: its problem is already reported.
	if strings.IndexByte(v, '$') < 0 || !e.KeyRange.Start.IsValid() {
		return v
	}
	if p.overTotal {
		return v
	}
	if d := nesting(v); d > MaxExpandDepth {
		p.warn(start, end, "the value of %q nests ${...} %d levels deep; it is kept as written", e.Key, d)
		because(p.f.Warnings, fmt.Sprintf("reachlint interpolates at most %d levels", MaxExpandDepth))
		return v
	}
	defer func() {
		if r := recover(); r != nil {
			p.problem(start, end, "cannot interpolate the value of %q: %v", e.Key, r)
			out = v
		}
	}()
	res, err := template.SubstituteWithOptions(v, func(k string) (string, bool) {
		if v, ok := p.lookupFn(k); ok {
			return v, true
		}
		v, ok := p.vals[k]
		return v, ok
	}, template.WithoutLogging)
	if err != nil {
		var missing *template.MissingRequiredError
		switch {
		case errors.As(err, &missing):
			why := "compose refuses to load this file"
			if missing.Reason != "" {
				why += fmt.Sprintf(" with %q", missing.Reason)
			}
			p.problem(start, end, "required variable %q is not set (in the value of %q)", missing.Variable, e.Key)
			because(p.f.Problems, why)
		default:
			p.problem(start, end, "invalid interpolation in the value of %q; use ${VAR}, ${VAR:-default} or $$ for a literal $", e.Key)
		}
		return v
	}
	if len(res) > MaxExpandedValue {
		p.warn(start, end, "the value of %q expands to %d bytes; it is kept as written", e.Key, len(res))
		because(p.f.Warnings, fmt.Sprintf("reachlint interpolates values of at most %d bytes", MaxExpandedValue))
		return v
	}
	p.expanded += len(res)
	if p.expanded > MaxExpandedTotal {
		p.overTotal = true
		p.warn(start, end, "interpolation in this file expands to more than %d bytes in all (at %q)", MaxExpandedTotal, e.Key)
		because(p.f.Warnings, "reachlint keeps this value and later ones as written")
		return v
	}
	return res
}

// nesting is the deepest nesting of "${" in v (escaped "$$" does not
// open one).
func nesting(v string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '$' && i+1 < len(v) && v[i+1] == '$':
			i++
		case v[i] == '$' && i+1 < len(v) && v[i+1] == '{':
			depth++
			deepest = max(deepest, depth)
			i++
		case v[i] == '}' && depth > 0:
			depth--
		}
	}
	return deepest
}

// unescape applies the escapes Compose expands in double-quoted values:
// \a \b \f \n \r \t \v \" \\, \$ (kept as "$$" so that interpolation yields
// a literal "$") and \0NNN octal (up to \0377; for \0 followed by anything
// else Compose only drops the "0"). Any other backslash is kept.
func unescape(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch n {
		case 'a', 'b', 'f', 'n', 'r', 't', 'v', '"', '\\':
			b.WriteByte(simpleEscapes[n])
			i++
		case '$':
			b.WriteString("$$")
			i++
		case '0':
			j := i + 2
			for j < len(s) && j < i+5 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if v, ok := octal(s[i+2 : j]); ok {
				b.WriteRune(rune(v))
			} else {
				// Compose drops the "0" even when the rest is no
				// valid octal escape.
				b.WriteByte('\\')
				b.WriteString(s[i+2 : j])
			}
			i = j - 1
		default:
			// Not an escape (including "\c", which Compose matches but
			// cannot decode): the backslash stays.
			b.WriteByte(c)
		}
	}
	return b.String()
}

var simpleEscapes = [256]byte{'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '"': '"', '\\': '\\'}

// octal decodes exactly three octal digits up to 0377.
func octal(d string) (int, bool) {
	if len(d) != 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < 3; i++ {
		if d[i] > '7' {
			return 0, false
		}
		v = v*8 + int(d[i]-'0')
	}
	return v, v <= 0377
}

// firstWord is s up to its first blank: the part of a malformed line that
// messages may quote.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t")
	if i := strings.IndexAny(s, " \t\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}
