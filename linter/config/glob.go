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
// containing it, matches.
func (g glob) match(p string) bool {
	segs := strings.Split(p, "/")
	for _, alt := range g.alts {
		for n := len(segs); n > 0; n-- {
			if matchSegs(alt, segs[:n]) {
				return true
			}
		}
	}
	return false
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
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
