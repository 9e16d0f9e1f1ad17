package secret

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Masker hides credentials the engine knows by value (the values of secret
// variables it read, wherever they reappear: in a message, after
// interpolation, in another file) on top of the patterns of ValuePatterns
// and the line patterns of MaskLine. The zero value and nil mask by pattern
// only.
type Masker struct {
	values []string
	// The replacers are built when a text first needs one (most runs mask
	// no known value anywhere): value -> Mask, value -> a '*' per rune.
	once      [2]sync.Once
	replacers [2]*strings.Replacer
	// starts has a bit for the hash of each value's first four bytes (the
	// top bits of startHash, shift), about sixteen bits a value: a text in
	// which no four bytes hash to one holds no value, and skips the
	// replacers (which look for every value at every byte).
	starts []uint64
	shift  uint
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
	bits := uint(6) // 64 bits at least, 1<<16 at most
	for 1<<bits < 16*len(m.values) && bits < 16 {
		bits++
	}
	m.starts, m.shift = make([]uint64, 1<<(bits-6)), 32-bits
	for _, v := range m.values {
		h := startHash(v[:4]) >> m.shift // minKnown runes are at least four bytes
		m.starts[h>>6] |= 1 << (h & 63)
	}
	return m
}

// Replacers of a Masker.
const (
	textReplacer  = iota // each value -> Mask
	widthReplacer        // each value -> a '*' per rune
)

// replacer returns replacer i, built on first use.
func (m *Masker) replacer(i int) *strings.Replacer {
	m.once[i].Do(func() {
		pairs := make([]string, 0, 2*len(m.values))
		for _, v := range m.values {
			to := Mask
			if i == widthReplacer {
				to = strings.Repeat("*", utf8.RuneCountInString(v))
			}
			pairs = append(pairs, v, to)
		}
		m.replacers[i] = strings.NewReplacer(pairs...)
	})
	return m.replacers[i]
}

// commonWord: a lower-case dictionary word of a development default
// ("postgres", "example", "changeme") is also the name of images, services
// and users, and a short number is also a port; hiding it everywhere would garble findings about them. It is
// still masked where it is assigned (MaskLine, MaskValue).
func commonWord(v string) bool {
	if len(v) <= 5 && strings.Trim(v, "0123456789") == "" {
		return true // a port number ("1234") is everywhere in findings
	}
	switch v {
	case "0.0.0.0", "127.0.0.1", "::1", "[::]", "[::1]":
		return true // the addresses findings are about (SECRET_LOCAL_HOSTNAME=0.0.0.0)
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

// startHash hashes the four bytes w (its top bits are the best mixed).
func startHash(w string) uint32 {
	return (uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24) * 0x9e3779b1
}

// mayHold reports whether s may hold a known value: some four bytes of it
// start one, as far as their hash tells.
func (m *Masker) mayHold(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if h := startHash(s[i:i+4]) >> m.shift; m.starts[h>>6]&(1<<(h&63)) != 0 {
			return true
		}
	}
	return false
}

// Text masks free text: known values and ValuePatterns, each with Mask.
func (m *Masker) Text(s string) string {
	if m != nil && len(m.values) > 0 && m.mayHold(s) {
		s = m.replacer(textReplacer).Replace(s)
	}
	return MaskText(s)
}

// Line masks a source line for a snippet, keeping its width.
func (m *Masker) Line(s string) string {
	if m != nil && len(m.values) > 0 && m.mayHold(s) {
		s = m.replacer(widthReplacer).Replace(s)
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
