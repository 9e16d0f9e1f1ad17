// Package secret masks credentials in text that reachlint prints: URL
// passwords, values of secret-looking variables, password=... keywords of
// connection strings. Every output path (messages, snippet lines, JSON,
// SARIF, LSP) runs values through it, so that no finding ever prints a
// credential.
//
// Two styles: MaskURLs and MaskValue replace each secret with the fixed
// Mask ("****"), which hides its length; MaskLine, for source snippet lines
// shown under a "^~~~" marker, replaces each secret rune by '*' so every
// column after it stays where it was. That discloses the secret's length, a
// price paid so the marker points at the right text.
//
// Masking errs on the side of hiding: when it is unclear where a password
// ends, more is masked rather than less.
package secret

import (
	"strings"
	"unicode/utf8"
)

// Mask replaces a secret in values and messages.
const Mask = "****"

// MaskURLs replaces the password of every URL in s with Mask
// ("postgres://app:****@localhost:5432/app"), and a token used as the user
// name when there is no password ("https://****@sentry.io/1").
func MaskURLs(s string) string {
	return replace(s, urlSecrets(s), false)
}

// MaskValue masks a variable's value for display: the whole value when the
// key is secret (except a bare "${VAR}" reference, which shows no secret),
// otherwise URL passwords and secret name=value pairs inside it.
func MaskValue(key, value string) string {
	if IsSecretKey(key) && value != "" && !isPureRef(value) {
		return Mask
	}
	return MaskText(value)
}

// MaskText masks URL passwords and the values of secret name=value pairs
// ("password=x" in a DSN, "?token=x" in a query, "--db-password=x") in free
// text, each with Mask.
func MaskText(s string) string {
	return replace(s, textSecrets(s), false)
}

// MaskLine masks a source line for a snippet: the value of a secret key in a
// YAML "KEY: value", a list item "- KEY=value", a .env "KEY=value" or
// "export KEY=value", plus URL passwords and secret name=value pairs
// anywhere. Each masked rune becomes '*', so columns do not move.
func MaskLine(line string) string {
	spans := textSecrets(line)
	if sp, ok := lineAssignment(line); ok {
		spans = append(spans, sp)
	}
	return replace(line, spans, true)
}

type span struct{ start, end int }

func textSecrets(s string) []span {
	var out []span
	for _, p := range ValuePatterns {
		out = append(out, p.Find(s)...)
	}
	return out
}

// urlSecrets finds URL userinfo passwords (or token-like user names).
func urlSecrets(s string) []span {
	var out []span
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "://")
		if j < 0 {
			break
		}
		a := i + j + 3
		// A following URL ("a://x,b://u:p@y") is not ours; stopping there
		// also keeps the scan linear.
		limit := len(s)
		if n := strings.Index(s[a:], "://"); n >= 0 {
			limit = a + n
		}
		end := a
		for end < limit && !isStop(s[end]) {
			end++
		}
		seg := s[a:end]
		// The userinfo ends at the last '@' before any query or fragment;
		// a password may contain '/' but not an unescaped '?' or '#' in
		// practice, while queries often carry e-mail addresses.
		lim := len(seg)
		if q := strings.IndexAny(seg, "?#"); q >= 0 {
			lim = q
			// "u:p?ss@host" or "u:p#ss@host": an '@' after the '?' or '#'
			// with no '=' or '/' before it ends a password, not a query
			// ("?email=a@b.com" has its '=').
			if at2 := strings.IndexByte(seg[q:], '@'); at2 >= 0 && !strings.ContainsAny(seg[q:q+at2], "=/&") &&
				strings.IndexByte(seg[:q], ':') >= 0 && strings.IndexByte(seg[:q], '/') < 0 {
				lim = q + at2 + 1
			}
		}
		at := strings.LastIndexByte(seg[:lim], '@')
		if at < 0 {
			i = a
			continue
		}
		ui := seg[:at]
		if c := userColon(ui); c >= 0 {
			pw := ui[c+1:]
			// "${PW}" is a reference; "$ecret" may be a literal (no
			// interpolation in a single-quoted env file, or in code).
			if pw != "" && !isPortPath(pw) && !(strings.HasPrefix(pw, "${") && isPureRef(pw)) {
				out = append(out, span{a + c + 1, a + at})
			}
		} else if looksLikeToken(ui) {
			out = append(out, span{a, a + at})
		}
		i = a + at + 1
	}
	return out
}

// userColon finds the ':' between user and password, skipping the ':' of a
// complete "${USER:-default}" (a name, ':', one of -?+=, then '}'); any
// other ':' counts, so a password is never taken for a default.
func userColon(ui string) int {
	for i := 0; i < len(ui); i++ {
		if ui[i] == ':' {
			return i
		}
		if ui[i] != '$' || i+1 >= len(ui) || ui[i+1] != '{' {
			continue
		}
		j := i + 2
		for j < len(ui) && (ui[j] == '_' || 'A' <= ui[j] && ui[j] <= 'Z' || 'a' <= ui[j] && ui[j] <= 'z' || j > i+2 && '0' <= ui[j] && ui[j] <= '9') {
			j++
		}
		if j == i+2 || j+1 >= len(ui) || ui[j] != ':' || strings.IndexByte("-?+=", ui[j+1]) < 0 {
			continue
		}
		close := strings.IndexByte(ui[j:], '}')
		if close < 0 {
			return j
		}
		i = j + close
	}
	return -1
}

// isPortPath tells "80/@scope" (host:port/path with an '@' in the path) from
// a password.
func isPortPath(pw string) bool {
	n := 0
	for n < len(pw) && '0' <= pw[n] && pw[n] <= '9' {
		n++
	}
	return n > 0 && n <= 5 && n < len(pw) && pw[n] == '/'
}

// looksLikeToken: a user name of 16+ letters and digits (and - _) with both
// letters and digits is a key (Sentry DSN keys, GitHub tokens).
func looksLikeToken(u string) bool {
	if len(u) < 16 {
		return false
	}
	letter, digit := false, false
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9':
			digit = true
		case c == '-' || c == '_':
		default:
			return false
		}
	}
	return letter && digit
}

func isStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f', '"', '\'', '`', '<', '>':
		return true
	}
	return false
}

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// pairSecrets finds name=value (and "--name value" is left alone) where
// the name is secret: the value runs to a blank, '&' or ';', or to the
// closing quote when it is quoted.
func pairSecrets(s string) []span {
	var out []span
	for i := nextByte(s, 0, '='); i >= 0; i = nextByte(s, i+1, '=') {
		k := i
		for k > 0 && isNameChar(s[k-1]) {
			k--
		}
		name := strings.TrimLeft(s[k:i], "-")
		// Embedded names are held to a stricter test than variable names:
		// "security.auth=INFO" in a logger list is not a credential.
		if name == "" || !isPairSecret(name) || strings.HasSuffix(strings.ToUpper(name), "AUTH") {
			continue
		}
		// Names secret only inside a value ("Pwd=" of a connection
		// string, "sig=" of a signed URL) follow a separator there.
		if !IsSecretKey(name) && (k == 0 || strings.IndexByte(";&? \t", s[k-1]) < 0) {
			continue
		}
		vs := i + 1
		ve := vs
		if vs < len(s) && (s[vs] == '\'' || s[vs] == '"') {
			q := s[vs]
			vs++
			ve = vs
			for ve < len(s) && s[ve] != q {
				if s[ve] == '\\' && ve+1 < len(s) {
					ve++
				}
				ve++
			}
			ve = min(ve, len(s))
		} else if j := strings.IndexByte(s[vs:], '}'); strings.HasPrefix(s[vs:], "${") && j > 0 && isPureRef(s[vs:vs+j+1]) && endsValue(s, vs+j+1) {
			ve = vs + j + 1 // ${KEY:?an error text with blanks}, and nothing glued after it
		} else {
			for ve < len(s) && !isBlank(s[ve]) && s[ve] != '&' && s[ve] != ';' && s[ve] != '"' && s[ve] != '\'' {
				ve++
			}
		}
		if ve > vs && !isPureRef(s[vs:ve]) {
			out = append(out, span{vs, ve})
		}
		i = ve - 1
		if i < k {
			i = k
		}
	}
	return out
}

// endsValue reports that a value ends at s[i]: the end, a blank, a
// separator or a quote.
func endsValue(s string, i int) bool {
	return i >= len(s) || isBlank(s[i]) || strings.IndexByte("&;\"'", s[i]) >= 0
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineAssignment finds the value of a secret key in a line that assigns
// one: YAML "KEY: value", "- KEY=value", "- \"KEY=value\"", .env
// "KEY=value" and "export KEY=value". The value runs to the end of the line
// (unquoted .env values may hold blanks), less its quotes and a " #" comment.
func lineAssignment(line string) (span, bool) {
	i := 0
	skip := func() {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	skip()
	if strings.HasPrefix(line[i:], "- ") {
		i += 2
		skip()
	}
	if strings.HasPrefix(line[i:], "export ") {
		i += 7
		skip()
	}
	var q byte // the quote around the whole item or key
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		q = line[i]
		i++
	}
	ks := i
	for i < len(line) && isNameChar(line[i]) {
		i++
	}
	key := line[ks:i]
	if q != 0 && i < len(line) && line[i] == q {
		i++ // quoted key: "KEY": value
		q = 0
	}
	afterKey := i
	skip()
	if key == "" || i >= len(line) || !IsSecretKey(key) {
		return span{}, false
	}
	switch {
	case line[i] == '=':
	case line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
	case q == 0 && strings.ToUpper(key) == key && (i > afterKey || strings.IndexByte("!@$%^&*()+|;,<>?~/\\", line[i]) >= 0):
		// A malformed line ("DB_PASSWORD hunter2", "DB_PASSWORD!x"): the
		// rest of it is likely the value. Only for a name spelt like a
		// variable: "private readonly http = ..." is code.
		i--
	default:
		return span{}, false
	}
	i++
	skip()
	vs, ve := i, len(line)
	switch {
	case q != 0:
		if e := strings.LastIndexByte(line[vs:], q); e >= 0 {
			ve = vs + e
		}
	case vs < ve && (line[vs] == '"' || line[vs] == '\''):
		vq := line[vs]
		vs++
		if e := strings.LastIndexByte(line[vs:], vq); e >= 0 {
			ve = vs + e
		}
	default:
		// A comment is cut off, but one token glued to "#" may be the
		// rest of the password ("pa #ss"): hidden too.
		if c := strings.Index(line[vs:], " #"); c >= 0 {
			if rest := strings.TrimRight(line[vs+c+2:], " \t\r"); rest == "" || strings.ContainsAny(rest, " \t") {
				ve = vs + c
			}
		}
	}
	for ve > vs && isBlank(line[ve-1]) {
		ve--
	}
	v := line[vs:ve]
	if v == "" || v == "|" || v == ">" || v == "|-" || v == ">-" || isPureRef(v) || (key == "secrets" || key == "configs") && nameList(v) {
		return span{}, false
	}
	return span{vs, ve}, true
}

// nameList reports a YAML flow list of bare names ([db_password,
// api_key]): a Compose service's secrets: or configs:, which name what
// the top level defines, not values.
func nameList(v string) bool {
	if !strings.HasPrefix(v, "[") || !strings.HasSuffix(v, "]") || len(v) < 2 {
		return false
	}
	inner := v[1 : len(v)-1]
	for _, n := range strings.Split(inner, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			return false
		}
		for i := 0; i < len(n); i++ {
			if !isNameChar(n[i]) {
				return false
			}
		}
	}
	return true
}

// isPureRef: "${VAR}" or "$VAR" shows a name, not a secret; so does
// "${VAR:?message}" (Compose's error text when VAR is unset). A default
// (${VAR:-x}) or an alternative (${VAR:+x}) may be one.
func isPureRef(v string) bool {
	if strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") {
		v = v[2 : len(v)-1]
		if i := strings.IndexByte(v, '?'); i > 0 {
			msg := v[i+1:]
			if strings.ContainsAny(msg, "${}") {
				return false
			}
			v = strings.TrimSuffix(v[:i], ":")
		}
	} else if strings.HasPrefix(v, "$") {
		v = v[1:]
	} else {
		return false
	}
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// replace masks the union of spans: with Mask each, or rune for rune.
func replace(s string, spans []span, keepWidth bool) string {
	if len(spans) == 0 {
		return s
	}
	// Sort (insertion; few spans) and merge overlaps.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].start < spans[j-1].start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		for k+1 < len(spans) && spans[k+1].start <= sp.end {
			sp.end = max(sp.end, spans[k+1].end)
			k++
		}
		if sp.start < pos {
			sp.start = pos
		}
		if sp.end <= sp.start {
			continue
		}
		b.WriteString(s[pos:sp.start])
		if keepWidth {
			b.WriteString(strings.Repeat("*", utf8.RuneCountInString(s[sp.start:sp.end])))
		} else {
			b.WriteString(Mask)
		}
		pos = sp.end
	}
	b.WriteString(s[pos:])
	return b.String()
}
