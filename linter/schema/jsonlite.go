package schema

import (
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// decodeJSON decodes text as encoding/json does into any with UseNumber,
// for the builder: the embedded schema (at `go generate` time) and the
// tests' schemas. It is several times faster because most of the schema is
// strings without escapes (descriptions), which it returns as substrings
// of text instead of copies; anything unusual in a string goes through
// encoding/json.
// TestDecodeJSONMatchesEncodingJSON holds it to encoding/json's result.
func decodeJSON(text string) (any, error) {
	d := jsonDecoder{s: text}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.s) {
		return nil, errJSON
	}
	return v, nil
}

var errJSON = errors.New("schema: malformed JSON")

type jsonDecoder struct {
	s string
	i int
}

func (d *jsonDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (any, error) {
	d.space()
	if d.i >= len(d.s) || depth > 10000 {
		return nil, errJSON
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return nil, errJSON
}

func (d *jsonDecoder) literal(lit string) error {
	if len(d.s)-d.i < len(lit) || d.s[d.i:d.i+len(lit)] != lit {
		return errJSON
	}
	d.i += len(lit)
	return nil
}

func (d *jsonDecoder) object(depth int) (any, error) {
	d.i++ // {
	m := map[string]any{}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return m, nil
	}
	for {
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return nil, errJSON
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return nil, errJSON
		}
		d.i++
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[k] = v
		d.space()
		if d.i >= len(d.s) {
			return nil, errJSON
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return m, nil
		default:
			return nil, errJSON
		}
	}
}

func (d *jsonDecoder) array(depth int) (any, error) {
	d.i++ // [
	l := []any{}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return l, nil
	}
	for {
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		l = append(l, v)
		d.space()
		if d.i >= len(d.s) {
			return nil, errJSON
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return l, nil
		default:
			return nil, errJSON
		}
	}
}

// str returns the string at d.i. Plain ASCII or valid UTF-8 without escapes
// and control characters is a substring; the rest is left to encoding/json.
func (d *jsonDecoder) str() (string, error) {
	start := d.i
	d.i++ // "
	simple := true
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			lit := d.s[start:d.i]
			if simple {
				return lit[1 : len(lit)-1], nil
			}
			var out string
			if err := json.Unmarshal([]byte(lit), &out); err != nil {
				return "", err
			}
			return out, nil
		case c == '\\':
			simple = false
			d.i += 2
			continue
		case c < 0x20:
			simple = false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				simple = false
			}
			d.i += size
			continue
		}
		d.i++
	}
	return "", errJSON
}

// number returns the JSON number at d.i as json.Number, checking its
// grammar as encoding/json does.
func (d *jsonDecoder) number() (any, error) {
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.s[d.i] == '-' {
		d.i++
	}
	if d.i < len(d.s) && d.s[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		return nil, errJSON
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return nil, errJSON
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return nil, errJSON
		}
	}
	return json.Number(d.s[start:d.i]), nil
}
