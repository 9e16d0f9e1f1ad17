package config

import (
	"errors"
	"path"
	"strings"
)

// glob is a path pattern: path.Match syntax within a segment ("*", "?",
// "[a-z]", "\" escapes), "{a,b}" alternatives, and "**" as a whole segment
// matching any number of directories, including none.
type glob struct {
	alts [][]string // brace-expanded alternatives, split into segments
}

func compileGlob(p string) (glob, error) {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/")
	if p == "" {
		return glob{}, errors.New("empty pattern")
	}
	exp, err := expandBraces(p)
	if err != nil {
		return glob{}, err
	}
	if len(exp) > 256 {
		return glob{}, errors.New("too many {} alternatives")
	}
	var g glob
	for _, e := range exp {
		segs := strings.Split(strings.TrimSuffix(e, "/"), "/")
		for i, s := range segs {
			s = bangClass(s)
			segs[i] = s
			if _, err := path.Match(s, ""); err != nil {
				return glob{}, errors.New("malformed character class or escape")
			}
		}
		g.alts = append(g.alts, segs)
	}
	return g, nil
}

// expandBraces expands the first "{...}" group (recursively), honouring "\"
// escapes and nesting.
func expandBraces(p string) ([]string, error) {
	open := -1
	depth := 0
	var commas []int
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '{':
			if depth == 0 {
				open = i
				commas = nil
			}
			depth++
		case ',':
			if depth == 1 {
				commas = append(commas, i)
			}
		case '}':
			if depth == 0 {
				return nil, errors.New(`unmatched "}"`)
			}
			depth--
			if depth == 0 {
				var out []string
				prev := open + 1
				for _, c := range append(commas, i) {
					rest, err := expandBraces(p[:open] + p[prev:c] + p[i+1:])
					if err != nil {
						return nil, err
					}
					out = append(out, rest...)
					if len(out) > 256 {
						return nil, errors.New("too many {} alternatives")
					}
					prev = c + 1
				}
				return out, nil
			}
		}
	}
	if depth > 0 {
		return nil, errors.New(`unmatched "{"`)
	}
	return []string{p}, nil
}

// match reports whether the slash-separated relative path p, or a directory
// containing it, matches. It runs in time proportional to the pattern's
// segments times the path's (memoized), whatever the "**"s: a plain
// backtracking matcher is exponential in patterns like "**/d*/**/d*/...".
func (g glob) match(p string) bool {
	segs := strings.Split(p, "/")
	for _, alt := range g.alts {
		if matchPrefix(alt, segs) {
			return true
		}
	}
	return false
}

// matchPrefix: pat matches segs[:n] for some n >= 1.
func matchPrefix(pat, segs []string) bool {
	w := len(segs) + 1
	memo := make([]int8, (len(pat)+1)*w) // 0 unknown, 1 false, 2 true
	var f func(i, j int) bool
	f = func(i, j int) bool {
		m := &memo[i*w+j]
		if *m != 0 {
			return *m == 2
		}
		var r bool
		switch {
		case i == len(pat):
			r = j >= 1
		case pat[i] == "**":
			r = f(i+1, j) || (j < len(segs) && f(i, j+1))
		default:
			ok := false
			if j < len(segs) {
				ok, _ = path.Match(pat[i], segs[j])
			}
			r = ok && f(i+1, j+1)
		}
		*m = 1
		if r {
			*m = 2
		}
		return r
	}
	return f(0, 0)
}

// bangClass turns the gitignore-style negated class "[!...]" into path.Match's "[^...]".
func bangClass(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\\':
			i++
		case b[i] == '[' && i+1 < len(b) && b[i+1] == '!':
			b[i+1] = '^'
		}
	}
	return string(b)
}
