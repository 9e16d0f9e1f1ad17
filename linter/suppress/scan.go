// Package suppress finds inline suppression directives in YAML and .env files
// and filters findings with them.
//
// Syntax, in a comment:
//
//	# reachlint-ignore RULE[,RULE] -- reason       on the line above a finding, or at the end of its line
//	# reachlint-ignore-file RULE[,RULE] -- reason  anywhere in the file: the whole file
//
// A full-line directive covers the next line that is neither blank nor a
// comment, so several directives can be stacked above one line. The lead adds
// service-level scopes (x-reachlint: {ignore: [RULE], reason: ...}) with
// AddScope. Filter then drops suppressed findings and reports the directives
// themselves: a malformed one or one without a reason (ignore-syntax), an
// unknown rule name (ignore-unknown-rule) and one that suppresses nothing
// (unused-ignore, with a fix that deletes it).
//
// Order in the pipeline: suppress after linting and before --new-from-rev
// and path filtering, so that a directive is only called unused when the
// rule really ran on its file.
package suppress

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

// Kind is what a directive covers.
type Kind int

const (
	Line  Kind = iota + 1 // lines FromLine..ToLine (one line for a comment)
	File                  // the whole file
	Scope                 // lines FromLine..ToLine, added with AddScope
)

// Directive is one suppression.
type Directive struct {
	Kind       Kind
	Rules      []string
	RuleRanges []diag.Range // position of each rule name, parallel to Rules
	Reason     string       // "" when missing
	Range      diag.Range   // the comment (from "#" to the end of the line) or the scope's node
	// FromLine..ToLine (1-based, inclusive) are the lines covered by Line
	// and Scope directives. 0 means nothing (a directive above the end of file).
	FromLine, ToLine int
	// Problem describes a malformed directive; such a directive suppresses
	// nothing and is reported as ignore-syntax.
	Problem string

	remove diag.Range // the bytes that deleting the directive removes
	list   diag.Range // the rule list, for fixes that drop some names
}

// Scan returns the directives in a file: .env syntax for files named .env,
// .env.* or *.env, YAML otherwise.
func Scan(path string, data []byte) []Directive {
	if !bytes.Contains(data, []byte("reachlint-ignore")) {
		return nil // the common case, found without tokenizing the file
	}
	if IsEnvFile(path) {
		return ScanEnv(path, data)
	}
	return ScanYAML(path, data)
}

// IsEnvFile reports whether path is scanned with .env comment rules.
func IsEnvFile(path string) bool {
	b := filepath.Base(path)
	return b == ".env" || strings.HasPrefix(b, ".env.") || strings.HasSuffix(b, ".env")
}

// AddScope appends a directive covering lines from..to of at.File, e.g. a
// service that carries x-reachlint: {ignore: [RULE], reason: "..."}. at is
// where unused or unknown names are reported (the ignore list); reason ""
// is reported as a missing reason like a comment directive.
func AddScope(dirs []Directive, at diag.Range, rules []string, reason string, from, to int) []Directive {
	rr := make([]diag.Range, len(rules))
	for i := range rr {
		rr[i] = at
	}
	return append(dirs, Directive{Kind: Scope, Rules: rules, RuleRanges: rr, Reason: reason, Range: at, FromLine: from, ToLine: to})
}

// lineInfo is what the comment scanners learn about each line.
type lineInfo struct {
	start, end int // byte offsets; end excludes "\r\n"
	comment    int // byte offset of a comment's "#", or -1
	blank      bool
	onlyCmt    bool // the comment is the whole line
}

func splitLines(data []byte) []lineInfo {
	var ls []lineInfo
	start := 0
	for i := 0; i <= len(data); i++ {
		if i == len(data) || data[i] == '\n' {
			end := i
			if end > start && data[end-1] == '\r' {
				end--
			}
			if i == len(data) && start == len(data) && len(ls) > 0 {
				break
			}
			ls = append(ls, lineInfo{start: start, end: end, comment: -1})
			start = i + 1
		}
	}
	return ls
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// ScanYAML returns the directives in YAML comments. A "#" starts a comment at
// the start of a line or after whitespace, outside quoted scalars, block
// scalars and anything else that is content.
func ScanYAML(path string, data []byte) []Directive {
	lines := splitLines(data)
	var quote byte    // open quoted scalar, carried across lines
	flow := 0         // flow collection depth, carried across lines
	blockIndent := -1 // parent indentation while inside a block scalar
	for li := range lines {
		l := &lines[li]
		s := data[l.start:l.end]
		indent := 0
		for indent < len(s) && s[indent] == ' ' {
			indent++
		}
		if strings.TrimSpace(string(s)) == "" {
			l.blank = true
			continue
		}
		if blockIndent >= 0 {
			if indent > blockIndent {
				continue
			}
			blockIndent = -1
		}
		valueStart := quote == 0
		blockPending := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case quote == '"':
				if c == '\\' {
					i++
				} else if c == '"' {
					quote = 0
				}
				continue
			case quote == '\'':
				if c == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' {
						i++
					} else {
						quote = 0
					}
				}
				continue
			}
			next := byte(' ')
			if i+1 < len(s) {
				next = s[i+1]
			}
			switch {
			case isSpace(c):
			case c == '#' && (i == 0 || isSpace(s[i-1])):
				l.comment = l.start + i
				l.onlyCmt = strings.TrimSpace(string(s[:i])) == ""
				i = len(s)
			case valueStart && (c == '"' || c == '\''):
				quote = c
				valueStart = false
			case valueStart && (c == '-' || c == '?') && isSpace(next):
				// sequence entry or complex key: a node starts next
			case c == ':' && (isSpace(next) || flow > 0 && (next == ',' || next == ']' || next == '}')):
				valueStart = true
			case c == ':' && i+1 == len(s):
				valueStart = true
			case valueStart && (c == '[' || c == '{'):
				flow++
			case flow > 0 && (c == ']' || c == '}'):
				flow--
				valueStart = false
			case flow > 0 && c == ',':
				valueStart = true
			case valueStart && (c == '&' || c == '!' || c == '*'):
				// anchor, tag or alias: skip the token, a node may still follow
				for i+1 < len(s) && !isSpace(s[i+1]) {
					i++
				}
			case valueStart && flow == 0 && (c == '|' || c == '>'):
				blockPending = true
				valueStart = false
			default:
				valueStart = false
			}
		}
		if blockPending {
			blockIndent = indent
		}
	}
	return directives(path, data, lines)
}

// ScanEnv returns the directives in a .env file: full-line "#" comments and
// " #" comments after a value (after the closing quote of a quoted value,
// which may span lines).
func ScanEnv(path string, data []byte) []Directive {
	lines := splitLines(data)
	var quote byte
	for li := range lines {
		l := &lines[li]
		s := data[l.start:l.end]
		i := 0
		if quote == 0 {
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i == len(s) {
				l.blank = true
				continue
			}
			if s[i] == '#' {
				l.comment, l.onlyCmt = l.start+i, true
				continue
			}
			eq := strings.IndexAny(string(s[i:]), "=")
			if eq < 0 {
				envComment(l, s, i) // a bare key
				continue
			}
			i += eq + 1
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				quote = s[i]
				i++
			}
		}
		if quote != 0 {
			for ; i < len(s); i++ {
				if quote == '"' && s[i] == '\\' {
					i++
				} else if s[i] == quote {
					quote = 0
					i++
					break
				}
			}
			if quote != 0 {
				continue
			}
		}
		envComment(l, s, i)
	}
	return directives(path, data, lines)
}

// envComment records a " #" comment in s at or after from.
func envComment(l *lineInfo, s []byte, from int) {
	for i := from; i < len(s); i++ {
		if s[i] == '#' && i > 0 && isSpace(s[i-1]) {
			l.comment = l.start + i
			return
		}
	}
}

// directives parses the comments found by a scanner.
func directives(path string, data []byte, lines []lineInfo) []Directive {
	f := source.New(path, data)
	var out []Directive
	for li, l := range lines {
		if l.comment < 0 {
			continue
		}
		p, ok := parseDirective(string(data[l.comment+1 : l.end]))
		if !ok {
			continue
		}
		base := l.comment + 1
		d := Directive{
			Kind:    p.kind,
			Reason:  p.reason,
			Problem: p.problem,
			Range:   f.Range(l.comment, l.end),
			list:    f.Range(base+p.listStart, base+p.listEnd),
		}
		for _, r := range p.rules {
			d.Rules = append(d.Rules, r.name)
			d.RuleRanges = append(d.RuleRanges, f.Range(base+r.start, base+r.end))
		}
		if l.onlyCmt {
			// Delete the whole line with its line ending.
			end := l.end
			if li+1 < len(lines) {
				end = lines[li+1].start
			} else if i := bytes.IndexByte(data[end:], '\n'); i >= 0 {
				end += i + 1
			}
			d.remove = f.Range(l.start, end)
		} else {
			start := l.comment
			for start > l.start && isSpace(data[start-1]) {
				start--
			}
			d.remove = f.Range(start, l.end)
		}
		if d.Kind == Line {
			if l.onlyCmt {
				for n := li + 1; n < len(lines); n++ {
					if !lines[n].blank && !lines[n].onlyCmt {
						d.FromLine, d.ToLine = n+1, n+1
						break
					}
				}
			} else {
				d.FromLine, d.ToLine = li+1, li+1
			}
		}
		out = append(out, d)
	}
	return out
}
