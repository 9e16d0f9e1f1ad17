package suppress

import (
	"fmt"
	"strings"
)

const (
	prefix     = "reachlint-ignore"
	filePrefix = "reachlint-ignore-file"
)

type ruleSpan struct {
	name       string
	start, end int // byte offsets in the comment text
}

type parsed struct {
	kind               Kind
	rules              []ruleSpan
	listStart, listEnd int
	reason             string
	problem            string
}

// parseDirective parses a comment's text (after "#"). ok is false when the
// comment is not a directive at all. Anything starting with
// "reachlint-ignore" is a directive, so a typo is reported, not ignored.
func parseDirective(text string) (p parsed, ok bool) {
	i := 0
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	if !strings.HasPrefix(text[i:], prefix) {
		return p, false
	}
	p.kind = Line
	word := prefix
	if strings.HasPrefix(text[i:], filePrefix) {
		p.kind, word = File, filePrefix
	}
	i += len(word)
	if i < len(text) && !isSpace(text[i]) {
		j := i
		for j < len(text) && !isSpace(text[j]) {
			j++
		}
		p.problem = fmt.Sprintf("unknown directive %q; use reachlint-ignore or reachlint-ignore-file", strings.TrimSpace(text[:j]))
		return p, true
	}
	sep := strings.Index(text[i:], "--")
	list := text[i:]
	if sep >= 0 {
		list = text[i : i+sep]
		p.reason = strings.TrimSpace(text[i+sep+2:])
	}
	// RULE[,RULE] with optional spaces around commas.
	j := 0
	for {
		for j < len(list) && isSpace(list[j]) {
			j++
		}
		s := j
		for j < len(list) && isRuleByte(list[j]) {
			j++
		}
		if j == s {
			break
		}
		if len(p.rules) == 0 {
			p.listStart = i + s
		}
		p.rules = append(p.rules, ruleSpan{name: list[s:j], start: i + s, end: i + j})
		p.listEnd = i + j
		k := j
		for k < len(list) && isSpace(list[k]) {
			k++
		}
		if k < len(list) && list[k] == ',' {
			j = k + 1
			continue
		}
		break
	}
	rest := strings.TrimSpace(list[j:])
	switch {
	case len(p.rules) == 0 && rest == "":
		p.problem = fmt.Sprintf("%s names no rule; write # %s RULE[,RULE] -- reason", word, word)
	case len(p.rules) == 0 || rest != "" && sep >= 0:
		p.problem = fmt.Sprintf("malformed rule list %q; rule names are lower-case words joined by '-', separated by ','", strings.TrimSpace(list))
	case rest != "":
		p.problem = fmt.Sprintf("expected \"--\" before the reason %q", rest)
	}
	return p, true
}

func isRuleByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 'A' && c <= 'Z'
}
