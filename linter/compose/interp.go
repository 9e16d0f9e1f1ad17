package compose

import (
	"strings"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

// Seg maps Value[Start:End] of an interpolated scalar to where its bytes were
// written: the compose file itself (literal text and defaults) or the .env
// line that defined a variable.
type Seg struct {
	Start, End int
	File       *source.File // nil when the bytes have no file (process environment)
	SrcStart   int          // byte offset in File when direct
	direct     bool
	Range      diag.Range // the whole source of this segment
	Var        string     // the variable that produced it; "" for literal text
	Source     *VarSource // where Var was defined

	rawOff int // offset in the template for literal text, else -1
}

// SrcRange is where the segment's bytes were written.
func (s *Seg) SrcRange() diag.Range {
	if s.direct && s.File != nil && s.Range.File == "" {
		return s.File.Range(s.SrcStart, s.SrcStart+(s.End-s.Start))
	}
	return s.Range
}

// VarSource says where a variable's value was defined.
type VarSource struct {
	File     *source.File // nil for the process environment
	Range    diag.Range   // the value as written
	ValStart int          // byte offset of the value in File
	Direct   bool         // the value is the file's bytes at ValStart verbatim
	Where    string       // "process environment", or the file path
}

// Lookup resolves a variable for interpolation.
type Lookup func(name string) (string, *VarSource, bool)

// VarUse is one ${VAR} in a scalar.
type VarUse struct {
	Name     string
	Op       string // "", ":-", "-", ":?", "?", ":+", "+"
	Arg      string // the default, alternative or error text as written
	Set      bool   // the variable was defined
	RawStart int    // byte offsets of the whole expression in Raw
	RawEnd   int
	Source   *VarSource
}

type piece struct {
	text   string
	rawOff int // offset in the template, or -1
	src    *VarSource
	name   string
}

// InterpError is a template Compose cannot interpolate.
type InterpError struct {
	Message  string
	Var      string
	Required bool // a ${VAR:?msg} or ${VAR?msg} whose variable is missing
	// TooComplex: the value exceeds reachlint's interpolation bounds
	// (Compose would take very long but may succeed).
	TooComplex bool
	RawStart   int
	RawEnd     int
}

func (e *InterpError) Error() string { return e.Message }

// Bounds on interpolation work: Compose's algorithm rescans the rest of a
// value at every ${...}, so hostile values cost quadratic time or more.
const (
	maxInterpDepth = 64      // nested ${A:-${B:-...}} defaults
	maxInterpWork  = 1 << 20 // bytes scanned for one scalar
)

type interp struct {
	lookup Lookup
	uses   []VarUse
	err    *InterpError
	depth  int
	work   int
}

// Interpolate substitutes variables in s exactly as Compose does (the same
// pattern, operators and nesting), recording where every output byte came
// from.
func Interpolate(s string, lookup Lookup) (string, []Seg, []VarUse, *InterpError) {
	if !strings.Contains(s, "$") {
		return s, nil, nil, nil
	}
	in := &interp{lookup: lookup}
	ps := in.subst(s, 0)
	var b strings.Builder
	n := 0
	for _, p := range ps {
		n += len(p.text)
	}
	b.Grow(n)
	segs := make([]Seg, 0, len(ps))
	for _, p := range ps {
		if p.text == "" {
			continue
		}
		st := b.Len()
		b.WriteString(p.text)
		segs = append(segs, Seg{Start: st, End: b.Len(), rawOff: p.rawOff, Var: p.name, Source: p.src})
	}
	return b.String(), segs, in.uses, in.err
}

func (in *interp) fail(e *InterpError) {
	if in.err == nil {
		in.err = e
	}
}

// subst mirrors compose-go's template.SubstituteWithOptions; base is the
// offset of s in the original template.
func (in *interp) subst(s string, base int) []piece {
	in.work += len(s)
	if in.depth > maxInterpDepth || in.work > maxInterpWork {
		if in.err == nil || !in.err.TooComplex {
			in.err = &InterpError{Message: "the value is too complex to interpolate (${...} nested too deep or too many); simplify it", TooComplex: true, RawStart: 0, RawEnd: base + len(s)}
		}
		return nil
	}
	var out []piece
	last := 0
	for from := 0; ; {
		start, end, _ := nextRef(s, from)
		if start < 0 {
			break
		}
		if start > last {
			out = append(out, piece{text: s[last:start], rawOff: base + last})
		}
		out = in.replace(out, s[start:end], base+start)
		last, from = end, end
	}
	if last < len(s) {
		out = append(out, piece{text: s[last:], rawOff: base + last})
	}
	return out
}

// nested interpolates a default, alternative or error text.
func (in *interp) nested(s string, base int) []piece {
	in.depth++
	defer func() { in.depth-- }()
	return in.subst(s, base)
}

// What nextRef matched: the alternatives of compose-go's template pattern
// $(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>))).
const (
	refEscaped = iota + 1 // $$
	refNamed              // $NAME
	refBraced             // ${NAME}, ${NAME:-default} ...: the braced group is s[start+2:end-1]
	refInvalid            // "${" that starts no braced reference
)

// nextRef finds the first match of compose-go's template pattern in s at or
// after from, as Go's regexp would (leftmost, then the first alternative
// that matches, quantifiers greedy), without running a regexp: start is -1
// when there is none.
func nextRef(s string, from int) (start, end, kind int) {
	for i := from; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		j := i + 1
		switch {
		case s[j] == '$':
			return i, j + 1, refEscaped
		case nameStart(s, j) > 0:
			return i, nameEnd(s, j), refNamed
		case s[j] == '{':
			if e := bracedEnd(s, j+1); e > 0 {
				return i, e, refBraced
			}
			return i, j + 1, refInvalid
		}
	}
	return -1, -1, 0
}

// bracedEnd returns the end of "NAME}" or "NAME[:]op...}" starting at k,
// just past its '}', or 0. The text after an operator runs to the last '}'
// before a line break, as the pattern's greedy (.*) does.
func bracedEnd(s string, k int) int {
	if nameStart(s, k) == 0 {
		return 0
	}
	k = nameEnd(s, k)
	op := 0
	switch {
	case k+1 < len(s) && s[k] == ':' && isOp(s[k+1]):
		op = k + 2
	case k < len(s) && isOp(s[k]):
		op = k + 1
	}
	if op > 0 {
		line := len(s)
		if nl := strings.IndexByte(s[op:], '\n'); nl >= 0 {
			line = op + nl
		}
		if c := strings.LastIndexByte(s[op:line], '}'); c >= 0 {
			return op + c + 1
		}
	}
	if k < len(s) && s[k] == '}' {
		return k + 1
	}
	return 0
}

func isOp(c byte) bool { return c == '-' || c == '+' || c == '?' }

// nameStart returns the width of a character that may start a variable
// name at s[i] ([_a-z] case-insensitively, as Go folds case: the Kelvin
// sign is a k, the long s an s), or 0.
func nameStart(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return 1
		}
		return 0
	}
	switch r, w := utf8.DecodeRuneInString(s[i:]); r {
	case '\u212A', '\u017F':
		return w
	}
	return 0
}

// nameEnd returns the end of the name that starts at s[i].
func nameEnd(s string, i int) int {
	for i < len(s) {
		if w := nameStart(s, i); w > 0 {
			i += w
		} else if '0' <= s[i] && s[i] <= '9' {
			i++
		} else {
			break
		}
	}
	return i
}

var operators = []string{":?", "?", ":-", "-", ":+", "+"}

// firstOperator mirrors compose-go: the operator that occurs first in the
// whole match wins.
func firstOperator(s string) string {
	best, bestIdx := operators[0], -1
	for _, op := range operators {
		i := strings.Index(s, op)
		if i >= 0 && (bestIdx < 0 || i < bestIdx) {
			best, bestIdx = op, i
		}
	}
	return best
}

func closingBrace(s string) int {
	open := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '}' {
			open--
			if open == 0 {
				return i
			}
		}
		if s[i] == '{' {
			open++
			i++
		}
	}
	return -1
}

// replace appends the pieces of the reference sub (at base) to out.
func (in *interp) replace(out []piece, sub string, base int) []piece {
	if sub == "$$" {
		return append(out, piece{text: "$", rawOff: base + 1})
	}
	op := firstOperator(sub)
	rest, restOff := "", 0
	if ci := closingBrace(sub); ci > -1 {
		rest, restOff = sub[ci+1:], ci+1
		sub = sub[:ci+1]
	}
	var name string
	braced := false
	switch {
	case strings.HasPrefix(sub, "${"):
		if _, end, kind := nextRef(sub, 0); kind == refBraced {
			name = sub[2 : end-1]
		}
		braced = true
	default:
		name = sub[1:]
	}
	end := base + len(sub)
	if name == "" {
		in.fail(&InterpError{Message: "invalid interpolation format", RawStart: base, RawEnd: end})
		return out
	}
	if braced {
		if i := strings.Index(name, op); i >= 0 {
			v, arg := name[:i], name[i+len(op):]
			argOff := base + 2 + i + len(op)
			val, src, ok := in.lookup(v)
			in.uses = append(in.uses, VarUse{Name: v, Op: op, Arg: arg, Set: ok, RawStart: base, RawEnd: end, Source: src})
			switch op {
			case ":-", "-":
				if !ok || (op == ":-" && val == "") {
					out = append(out, in.nested(arg, argOff)...)
				} else {
					out = append(out, piece{text: val, rawOff: -1, src: src, name: v})
				}
			case ":+", "+":
				if ok && (op == "+" || val != "") {
					out = append(out, in.nested(arg, argOff)...)
				} else {
					out = append(out, piece{text: val, rawOff: -1, src: src, name: v})
				}
			case ":?", "?":
				if !ok || (op == ":?" && val == "") {
					msg := strings.Join(pieceText(in.nested(arg, argOff)), "")
					in.fail(&InterpError{Message: msg, Var: v, Required: true, RawStart: base, RawEnd: end})
					return out
				}
				out = append(out, piece{text: val, rawOff: -1, src: src, name: v})
			}
			return append(out, in.subst(rest, base+restOff)...)
		}
	}
	val, src, ok := in.lookup(name)
	in.uses = append(in.uses, VarUse{Name: name, Set: ok, RawStart: base, RawEnd: end, Source: src})
	return append(out, piece{text: val, rawOff: -1, src: src, name: name})
}

func pieceText(ps []piece) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// locate fills in the file positions of segs for a scalar whose raw text
// starts at byte valStart of f (direct: raw bytes are the file's bytes).
func locate(segs []Seg, f *source.File, valStart int, direct bool, whole diag.Range) {
	for i := range segs {
		s := &segs[i]
		switch {
		case s.rawOff >= 0:
			s.File = f
			if direct && f != nil {
				// Range is computed on demand (SrcRange): a long value
				// can have thousands of segments.
				s.SrcStart, s.direct = valStart+s.rawOff, true
			} else {
				s.Range = whole
			}
		case s.Source != nil && s.Source.File != nil:
			s.File = s.Source.File
			s.SrcStart, s.direct = s.Source.ValStart, s.Source.Direct
			s.Range = s.Source.Range
		}
	}
}
