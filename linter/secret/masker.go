package secret

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Masker hides credentials the engine knows by value (the values of secret
// variables it read, wherever they reappear: in a message, after
// interpolation, in another file) on top of the patterns of ValuePatterns
// and the line patterns of MaskLine. The zero value and nil mask by pattern
// only.
type Masker struct {
	values []string
	text   *strings.Replacer // value -> Mask
	width  *strings.Replacer // value -> one '*' per rune
	// starts has a bit for the hash of each value's first four bytes: a
	// text in which no four bytes hash to one holds no value, and skips
	// the replacers (which look for every value at every byte).
	starts *[1 << 10]uint64
}

// minKnown is the least length of a known value masked wherever it
// appears: shorter values ("1", "dev") would hide ordinary words.
const minKnown = 4

// NewMasker returns a masker for the given known secret values.
func NewMasker(values []string) *Masker {
	m := &Masker{}
	seen := map[string]bool{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) < minKnown || seen[v] || isPureRef(v) || commonWord(v) {
			continue
		}
		seen[v] = true
		m.values = append(m.values, v)
	}
	// Longest first, so a value containing another is hidden whole.
	slices.SortFunc(m.values, func(a, b string) int { return len(b) - len(a) })
	var tp, wp []string
	m.starts = new([1 << 10]uint64)
	for _, v := range m.values {
		h := startHash(v[:4]) // minKnown runes are at least four bytes
		m.starts[h>>6] |= 1 << (h & 63)
		tp = append(tp, v, Mask)
		wp = append(wp, v, strings.Repeat("*", utf8.RuneCountInString(v)))
	}
	m.text, m.width = strings.NewReplacer(tp...), strings.NewReplacer(wp...)
	return m
}

// commonWord: a lower-case dictionary word of a development default
// ("postgres", "example", "changeme") is also the name of images, services
// and users, and a short number is also a port; hiding it everywhere would garble findings about them. It is
// still masked where it is assigned (MaskLine, MaskValue).
func commonWord(v string) bool {
	if len(v) <= 5 && strings.Trim(v, "0123456789") == "" {
		return true // a port number ("1234") is everywhere in findings
	}
	if len(v) > 10 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 'a' || v[i] > 'z' {
			return false
		}
	}
	return true
}

// startHash hashes the four bytes w to 16 bits.
func startHash(w string) uint32 {
	return (uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24) * 0x9e3779b1 >> 16
}

// mayHold reports whether s may hold a known value: some four bytes of it
// start one, as far as their hash tells.
func (m *Masker) mayHold(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if h := startHash(s[i : i+4]); m.starts[h>>6]&(1<<(h&63)) != 0 {
			return true
		}
	}
	return false
}

// Text masks free text: known values and ValuePatterns, each with Mask.
func (m *Masker) Text(s string) string {
	if m != nil && len(m.values) > 0 && m.mayHold(s) {
		s = m.text.Replace(s)
	}
	return MaskText(s)
}

// Line masks a source line for a snippet, keeping its width.
func (m *Masker) Line(s string) string {
	if m != nil && len(m.values) > 0 && m.mayHold(s) {
		s = m.width.Replace(s)
	}
	return MaskLine(s)
}

// Source masks a whole file for snippets: known values, then every line,
// keeping every rune's position (masked runes become '*', line breaks stay).
// spans are extra byte ranges to mask (the multi-line values of secret keys).
func (m *Masker) Source(data []byte, spans [][2]int) []byte {
	s := string(data)
	if len(spans) > 0 {
		hide := make([]bool, len(s))
		for _, sp := range spans {
			for i := max(sp[0], 0); i < min(sp[1], len(s)); i++ {
				hide[i] = true
			}
		}
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			if hide[i] && s[i] != '\n' && s[i] != '\r' {
				b.WriteByte('*')
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
		s = b.String()
	}
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		body := strings.TrimRight(l, "\r\n")
		lines[i] = m.Line(body) + l[len(body):]
	}
	return []byte(strings.Join(lines, ""))
}

// Find returns the secret substrings the patterns see in one line that may
// reappear where no pattern would recognise them (URL passwords, secret
// pairs, the value of a secret assignment): the known values a Masker
// hides everywhere. Self-evident credentials (prefixed tokens, key blocks)
// are masked wherever they appear, so Find skips them.
func Find(line string) []string {
	var spans []span
	for _, p := range ValuePatterns {
		if !p.SelfEvident {
			spans = append(spans, p.Find(line)...)
		}
	}
	if sp, ok := lineAssignment(line); ok {
		spans = append(spans, sp)
	}
	out := make([]string, 0, len(spans))
	for _, sp := range spans {
		if sp.start >= 0 && sp.end <= len(line) && sp.end > sp.start {
			out = append(out, line[sp.start:sp.end])
		}
	}
	return out
}

// IsRef reports a bare "${VAR}" or "$VAR": it names a variable and shows
// no secret.
func IsRef(v string) bool { return isPureRef(strings.TrimSpace(v)) }
