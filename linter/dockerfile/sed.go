package dockerfile

import (
	"bytes"
	"encoding/json"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Edit is one substitution of a `sed -i` that a RUN applies to a file.
type Edit struct {
	// Repl is the replacement's literal text, without the parts of the
	// match it copies (& and \1..\9).
	Repl   string
	re     *regexp.Regexp
	tmpl   string // for regexp.Expand
	nth    int    // the first match replaced, from 1
	global bool
}

// Apply returns line as the substitution leaves it.
func (e Edit) Apply(line string) string {
	var b []byte
	last, k := 0, 0
	for _, m := range e.re.FindAllStringSubmatchIndex(line, -1) {
		if k++; k < e.nth || k > e.nth && !e.global {
			continue
		}
		b = append(b, line[last:m[0]]...)
		b = e.re.ExpandString(b, e.tmpl, line, m)
		last = m[1]
		if b == nil {
			b = []byte{} // replaced by nothing
		}
	}
	if b == nil {
		return line
	}
	return string(append(b, line[last:]...))
}

// Edits returns where the stage named target (else the last) holds the
// build-context file rel (slash-separated), copied there by COPY or ADD
// without --from, and the substitutions that in-place seds of later RUN
// instructions apply to it, in order. edits is nil when the copies were
// edited differently. Variables are not expanded: a path holding one
// matches nothing.
func Edits(dockerfile []byte, target, rel string) (at []string, edits []Edit) {
	if !bytes.Contains(dockerfile, []byte("sed")) {
		return nil, nil
	}
	var all []Edit
	wd := "/"
	where := map[string][]int{} // image path → indexes into all
	for _, in := range chain(dockerfile, target) {
		switch in.word {
		case "WORKDIR":
			wd = workdir(wd, in.rest)
		case "COPY", "ADD":
			if strings.Contains(in.rest, "--parents") {
				break
			}
			srcs, dest := copyArgs(in.rest)
			for _, src := range srcs {
				for _, p := range placed(src, dest, wd, rel, len(srcs) > 1) {
					where[p] = nil // a fresh copy
				}
			}
		case "RUN":
			cwd := wd
			for _, args := range runCommands(in.rest) {
				for len(args) > 1 && isAssign(args[0]) {
					args = args[1:] // VAR=value sed ...
				}
				switch path.Base(args[0]) {
				case "(", ")":
					cwd = "" // a subshell: lost track
				case "cd":
					cwd = inDir(cwd, args[1:])
				case "sed":
					subs, files, ok := parseSed(args[1:])
					if !ok {
						break
					}
					first := len(all)
					all = append(all, subs...)
					for _, f := range files {
						f = inDir(cwd, []string{f})
						for p := range where {
							if ok, _ := path.Match(f, p); ok && f != "" {
								for i := range subs {
									where[p] = append(where[p], first+i)
								}
							}
						}
					}
				}
			}
		}
	}
	at = slices.Sorted(maps.Keys(where))
	if len(at) == 0 {
		return nil, nil
	}
	for _, p := range at[1:] {
		if !slices.Equal(where[p], where[at[0]]) {
			return at, nil
		}
	}
	for _, i := range where[at[0]] {
		edits = append(edits, all[i])
	}
	return at, edits
}

// placed returns where a COPY of src to dest, in working directory wd,
// puts rel: a directory's contents go into dest, a file into dest when it
// ends in / (or several sources are copied), else at dest, or into it
// when it is a directory.
func placed(src, dest, wd, rel string, many bool) []string {
	if strings.Contains(src, "$") || strings.Contains(dest, "$") {
		return nil
	}
	dir := many || strings.HasSuffix(dest, "/") || path.Base(dest) == "." || path.Base(dest) == ".."
	if !path.IsAbs(dest) {
		dest = path.Join(wd, dest)
	}
	dest = path.Clean(dest)
	s := path.Clean("/" + src)[1:]
	sub := ""
	switch n := strings.Count(s, "/") + 1; {
	case s == "":
		sub = rel
	case rel == s || strings.ContainsAny(s, "*?[") && strings.Count(rel, "/")+1 == n && match(s, rel):
		switch into := path.Join(dest, path.Base(rel)); {
		case dir:
			return []string{into}
		case path.Base(dest) == path.Base(rel):
			return []string{dest}
		default:
			return []string{dest, into} // dest may be a directory
		}
	case strings.HasPrefix(rel, s+"/"):
		sub = rel[len(s)+1:]
	case strings.ContainsAny(s, "*?["):
		parts := strings.SplitN(rel, "/", n+1)
		if len(parts) <= n || !match(s, strings.Join(parts[:n], "/")) {
			return nil
		}
		sub = parts[n]
	default:
		return nil
	}
	return []string{path.Join(dest, sub)}
}

func match(pattern, name string) bool {
	ok, _ := path.Match(pattern, name)
	return ok
}

// inDir resolves the one argument of cd, or a sed file, against cwd; ""
// when it cannot ("cd", "cd -", a variable, a relative path in an unknown
// directory).
func inDir(cwd string, args []string) string {
	if len(args) != 1 || args[0] == "-" || args[0] == "" || strings.ContainsAny(args[0], "$~") {
		return ""
	}
	if path.IsAbs(args[0]) {
		return path.Clean(args[0])
	}
	if cwd == "" {
		return ""
	}
	return path.Join(cwd, args[0])
}

func isAssign(w string) bool {
	k, _, ok := strings.Cut(w, "=")
	return ok && k != "" && strings.Trim(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == ""
}

// runCommands splits a RUN's command (its --flags dropped) into simple
// commands: an exec form's argument list, or the script of its sh -c or
// of the shell form.
func runCommands(rest string) [][]string {
	for strings.HasPrefix(rest, "--") {
		_, rest, _ = strings.Cut(rest, " ")
		rest = strings.TrimSpace(rest)
	}
	var a []string
	if strings.HasPrefix(rest, "[") && json.Unmarshal([]byte(rest), &a) == nil {
		if len(a) == 3 && slices.Contains([]string{"sh", "bash", "ash", "dash"}, path.Base(a[0])) && a[1] == "-c" {
			return shellCommands(a[2])
		}
		if len(a) == 0 {
			return nil
		}
		return [][]string{a}
	}
	return shellCommands(rest)
}

// shellCommands splits a shell script into the words of its simple
// commands, quotes removed and variables left as text. &&, ||, ;, |, &
// and newlines separate them; ( and ) become commands of their own;
// redirections are dropped with their targets; a comment ends it.
func shellCommands(s string) [][]string {
	var cmds [][]string
	var cur []string
	var w strings.Builder
	inWord, redirect := false, false
	endWord := func() {
		if inWord && !redirect {
			cur = append(cur, w.String())
		} else if inWord {
			redirect = false
		}
		w.Reset()
		inWord = false
	}
	endCmd := func() {
		endWord()
		if len(cur) > 0 {
			cmds = append(cmds, cur)
		}
		cur, redirect = nil, false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = len(s) - i - 1
			}
			w.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
			inWord = true
		case c == '\\':
			if i+1 < len(s) {
				i++
				w.WriteByte(s[i])
			}
			inWord = true
		case c == ' ' || c == '\t':
			endWord()
		case c == '#' && !inWord:
			endCmd()
			return cmds
		case strings.IndexByte(";&|\n()", c) >= 0:
			endCmd()
			if c == '(' || c == ')' {
				cmds = append(cmds, []string{string(c)})
			}
		case c == '>' || c == '<':
			if strings.Trim(w.String(), "0123456789") == "" {
				w.Reset() // 2>file: the descriptor
				inWord = false
			}
			endWord()
			for i+1 < len(s) && strings.IndexByte("<>&|", s[i+1]) >= 0 {
				i++
			}
			redirect = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	endCmd()
	return cmds
}

// parseSed reads a sed command's arguments: the substitutions and the
// files of an in-place edit; false for anything else, or for an option or
// a script it does not model.
func parseSed(args []string) (subs []Edit, files []string, ok bool) {
	var scripts []string
	inPlace, ere, opts := false, false, true
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case !opts || a == "-" || !strings.HasPrefix(a, "-"):
			files = append(files, a)
		case a == "--":
			opts = false
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			switch {
			case name == "in-place":
				inPlace = true
			case name == "expression" && hasVal:
				scripts = append(scripts, val)
			case name == "expression" && i+1 < len(args):
				i++
				scripts = append(scripts, args[i])
			case hasVal:
				return nil, nil, false
			case name == "regexp-extended":
				ere = true
			case name != "quiet" && name != "silent" && name != "separate" && name != "unbuffered":
				return nil, nil, false
			}
		default:
			for j := 1; j < len(a); j++ {
				switch a[j] {
				case 'i': // the rest is a backup suffix (-ie: suffix "e")
					inPlace, j = true, len(a)
				case 'e':
					switch {
					case j+1 < len(a):
						scripts = append(scripts, a[j+1:])
					case i+1 < len(args):
						i++
						scripts = append(scripts, args[i])
					default:
						return nil, nil, false
					}
					j = len(a)
				case 'E', 'r':
					ere = true
				case 'n', 's', 'u':
				default:
					return nil, nil, false
				}
			}
		}
	}
	if len(scripts) == 0 && len(files) > 0 {
		scripts, files = files[:1], files[1:]
	}
	if !inPlace || len(files) == 0 {
		return nil, nil, false
	}
	for _, sc := range scripts {
		s, ok := parseScript(sc, ere)
		if !ok {
			return nil, nil, false
		}
		subs = append(subs, s...)
	}
	return subs, files, true
}

// parseScript reads a sed script made only of s commands without an
// address, separated by ; or newlines.
func parseScript(sc string, ere bool) ([]Edit, bool) {
	var out []Edit
	for i := 0; ; {
		for i < len(sc) && strings.IndexByte(" \t\n;", sc[i]) >= 0 {
			i++
		}
		if i == len(sc) {
			return out, true
		}
		if sc[i] != 's' || i+1 == len(sc) || sc[i+1] == '\\' || sc[i+1] == '\n' {
			return nil, false
		}
		d := sc[i+1]
		pat, j, ok := field(sc, i+2, d, true)
		if !ok {
			return nil, false
		}
		repl, j, ok := field(sc, j, d, false)
		if !ok {
			return nil, false
		}
		e, icase := Edit{nth: 1}, false
		for ; j < len(sc) && strings.IndexByte(" \t\n;", sc[j]) < 0; j++ {
			switch c := sc[j]; {
			case c == 'g':
				e.global = true
			case c == 'i' || c == 'I':
				icase = true
			case c == 'p':
			case c >= '1' && c <= '9':
				k := j + 1
				for k < len(sc) && sc[k] >= '0' && sc[k] <= '9' {
					k++
				}
				n, err := strconv.Atoi(sc[j:k])
				if err != nil || e.nth != 1 {
					return nil, false
				}
				e.nth, j = n, k-1
			default: // w, e, m, M or anything else
				return nil, false
			}
		}
		for j < len(sc) && (sc[j] == ' ' || sc[j] == '\t') {
			j++
		}
		if j < len(sc) && sc[j] != ';' && sc[j] != '\n' {
			return nil, false
		}
		expr, ok := translateRE(pat, d, ere)
		if icase {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if !ok || err != nil {
			return nil, false
		}
		re.Longest() // POSIX: the leftmost-longest match
		if e.tmpl, e.Repl, ok = translateRepl(repl, d, re.NumSubexp()); !ok {
			return nil, false
		}
		e.re = re
		out = append(out, e)
		i = j
	}
}

// field returns the text from i up to the next unescaped d, escapes kept,
// and the index after d. In a pattern, d may stand in a bracket
// expression.
func field(sc string, i int, d byte, pattern bool) (string, int, bool) {
	for j := i; j < len(sc); j++ {
		switch {
		case sc[j] == d:
			return sc[i:j], j + 1, true
		case sc[j] == '\\':
			j++
		case sc[j] == '[' && pattern:
			if k := bracketEnd(sc, j); k > 0 {
				j = k
			}
		}
	}
	return "", 0, false
}

// bracketEnd returns the index of the ] that closes the bracket expression
// at p[i], or -1.
func bracketEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++
	}
	for ; j < len(p); j++ {
		switch {
		case p[j] == ']':
			return j
		case p[j] == '[' && j+1 < len(p) && strings.IndexByte(":.=", p[j+1]) >= 0:
			k := strings.Index(p[j+2:], string(p[j+1])+"]")
			if k < 0 {
				return -1
			}
			j += k + 3
		}
	}
	return -1
}

// translateRE turns a POSIX basic (or, with ere, extended) regular
// expression with GNU's escapes into Go's syntax; false for what Go cannot
// match alike (back-references, unknown escapes, collating elements). As
// in GNU sed, an escaped delimiter d is d unescaped.
func translateRE(p string, d byte, ere bool) (string, bool) {
	var b strings.Builder
	start := true // where a BRE's * is literal and ^ an anchor
	for i := 0; i < len(p); i++ {
		c, atStart, escaped := p[i], start, false
		start = false
		if c == '\\' {
			if i++; i == len(p) {
				return "", false
			}
			c, escaped = p[i], p[i] != d
		}
		switch {
		case escaped:
			switch {
			case c >= '1' && c <= '9':
				return "", false // a back-reference
			case !ere && strings.IndexByte("(){}|+?", c) >= 0:
				b.WriteByte(c)
				start = c == '(' || c == '|'
			case strings.IndexByte("afnrtvwWsSbB", c) >= 0: // the same in Go
				b.WriteString(`\` + string(c))
				b.WriteString(`\` + string(c))
			case c == '<' || c == '>':
				b.WriteString(`\b`)
			case c == '`':
				b.WriteString(`\A`)
			case c == '\'':
				b.WriteString(`\z`)
			case isAlnum(c):
				return "", false
			default:
				b.WriteString(regexp.QuoteMeta(string(c)))
			}
		case c == '[':
			j := bracketEnd(p, i)
			if j < 0 || strings.Contains(p[i+1:j], "[.") || strings.Contains(p[i+1:j], "[=") {
				return "", false
			}
			b.WriteString(bracketRE(p[i+1 : j]))
			i = j
		case c == '*' && atStart && !ere:
			b.WriteString(`\*`)
		case c == '^':
			if ere || atStart {
				b.WriteByte('^')
				start = true
			} else {
				b.WriteString(`\^`)
			}
		case c == '$':
			if ere || i == len(p)-1 || strings.HasPrefix(p[i+1:], `\)`) || strings.HasPrefix(p[i+1:], `\|`) {
				b.WriteByte('$')
			} else {
				b.WriteString(`\$`)
			}
		case !ere && strings.IndexByte("(){}|+?", c) >= 0:
			b.WriteString(`\` + string(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// bracketRE writes a bracket expression's body for RE2, where a backslash
// or a [ outside a class like [:alpha:] needs escaping.
func bracketRE(body string) string {
	var b strings.Builder
	b.WriteByte('[')
	if strings.HasPrefix(body, "^") {
		b.WriteByte('^')
		body = body[1:]
	}
	if strings.HasPrefix(body, "]") {
		b.WriteString(`\]`)
		body = body[1:]
	}
	for j := 0; j < len(body); j++ {
		switch c := body[j]; {
		case strings.HasPrefix(body[j:], "[:"):
			k := strings.Index(body[j+2:], ":]") + j + 4
			b.WriteString(body[j:k])
			j = k - 1
		case c == '\\' || c == '[':
			b.WriteString(`\` + string(c))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// translateRepl turns a sed replacement into a regexp.Expand template and
// its literal text; false for case conversions (\L, \U, ...), unknown
// escapes and references to groups the pattern lacks.
func translateRepl(r string, d byte, groups int) (tmpl, text string, ok bool) {
	var t, lit strings.Builder
	add := func(c byte) {
		if c == '$' {
			t.WriteByte('$')
		}
		t.WriteByte(c)
		lit.WriteByte(c)
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '&':
			t.WriteString("${0}")
		case c != '\\':
			add(c)
		case i+1 == len(r):
			return "", "", false
		default:
			i++
			switch c = r[i]; {
			case c == d:
				add(c)
			case c >= '0' && c <= '9':
				if int(c-'0') > groups {
					return "", "", false
				}
				t.WriteString("${" + string(c) + "}")
			case strings.IndexByte("afnrtv", c) >= 0:
				add("\a\f\n\r\t\v"[strings.IndexByte("afnrtv", c)])
			case isAlnum(c):
				return "", "", false
			default:
				add(c)
			}
		}
	}
	return t.String(), lit.String(), true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// CopiedTo returns the build-context directories (slash-separated,
// relative to the context, "" for the context itself) that COPY or ADD
// without --from put at the image directory dir in the stage named target
// (else the last): COPY frontend . under WORKDIR /app puts frontend/ at
// /app. Only copies of one source are read.
func CopiedTo(dockerfile []byte, target, dir string) []string {
	var out []string
	wd := "/"
	for _, in := range chain(dockerfile, target) {
		switch in.word {
		case "WORKDIR":
			wd = workdir(wd, in.rest)
		case "COPY", "ADD":
			srcs, dest := copyArgs(in.rest)
			if len(srcs) != 1 || strings.ContainsAny(srcs[0]+dest, "$*?[") {
				break
			}
			if !path.IsAbs(dest) {
				dest = path.Join(wd, dest)
			}
			if path.Clean(dest) == path.Clean(dir) {
				out = append(out, path.Clean("/" + srcs[0])[1:])
			}
		}
	}
	return out
}
