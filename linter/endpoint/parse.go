package endpoint

import (
	"net/netip"
	"strings"
)

// hostOpts says what a host[:port] piece may look like in its context.
type hostOpts struct {
	needPort  bool // "host" alone is not enough (free text)
	bareV6    bool // "::1" without brackets is allowed (host-named keys)
	emptyHost bool // ":9092" is allowed (Kafka listeners)
}

// parseHostPort parses v[start:end] as host, host:port, [v6] or [v6]:port.
// Offsets in the result are into v.
func parseHostPort(v string, start, end int, o hostOpts) (Endpoint, bool) {
	ep := Endpoint{HostStart: -1, HostEnd: -1, PortStart: -1, PortEnd: -1, Start: start, End: end}
	if start < 0 || end > len(v) || start >= end {
		return ep, false
	}
	s := v[start:end]
	portAt := -1 // index in s of the port's first byte
	if s[0] == '[' {
		c := strings.IndexByte(s, ']')
		if c < 0 || !isIPv6(s[1:c]) {
			return ep, false
		}
		ep.HostStart, ep.HostEnd = start+1, start+c
		switch rest := s[c+1:]; {
		case rest == "":
		case rest[0] == ':':
			portAt = c + 2
		default:
			return ep, false
		}
	} else {
		switch n := strings.Count(s, ":"); {
		case n == 0:
			ep.HostStart, ep.HostEnd = start, end
		case n == 1:
			i := strings.IndexByte(s, ':')
			ep.HostStart, ep.HostEnd = start, start+i
			portAt = i + 1
		default:
			if !o.bareV6 || !isIPv6(s) {
				return ep, false
			}
			ep.HostStart, ep.HostEnd = start, end
		}
		host := v[ep.HostStart:ep.HostEnd]
		if host == "" {
			if !o.emptyHost || portAt < 0 {
				return ep, false
			}
		} else if !validHost(host) && !(o.bareV6 && isIPv6(host)) {
			return ep, false
		}
	}
	if portAt >= 0 {
		p, ok := parsePort(s[portAt:])
		if !ok {
			return ep, false
		}
		ep.Port = p
		ep.PortStart, ep.PortEnd = start+portAt, end
	} else if o.needPort {
		return ep, false
	}
	ep.Host = strings.ToLower(v[ep.HostStart:ep.HostEnd])
	return ep, true
}

func parsePort(s string) (int, bool) {
	if s == "" || len(s) > 5 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= 1 && n <= 65535
}

func isIPv6(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6()
}

func isIPv4(s string) bool {
	if !digitsAndDots(s) {
		return false // a name: no parse, no error to allocate
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

// digitsAndDots: only those make an IPv4 literal.
func digitsAndDots(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return s != ""
}

// MayBeIP reports a string netip.ParseAddr may accept: an IPv6 address has
// a ':', an IPv4 one only digits and dots. Names are answered without
// parsing (and the error it allocates).
func MayBeIP(s string) bool { return strings.IndexByte(s, ':') >= 0 || digitsAndDots(s) }

// validHost accepts an IPv4 literal or an ASCII DNS name with at least one
// letter or underscore (so "10", "1.2.3" and "16" are not hosts).
func validHost(h string) bool {
	if len(h) == 0 || len(h) > 253 {
		return false
	}
	if isIPv4(h) {
		return true
	}
	letter := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case isLetter(c) || c == '_':
			letter = true
		case isDigit(c) || c == '-':
		case c == '.':
			if i == 0 || h[i-1] == '.' {
				return false
			}
		default:
			return false
		}
	}
	if h[0] == '-' || h[0] == '.' || !letter {
		return false
	}
	// "192.168.178.X" is an IP address placeholder, not a name.
	if t := strings.TrimSuffix(h, "."); strings.Count(t, ".") == 3 {
		a, rest, _ := strings.Cut(t, ".")
		b, rest, _ := strings.Cut(rest, ".")
		c, _, _ := strings.Cut(rest, ".")
		if allDigits(a) && allDigits(b) && allDigits(c) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isSchemeChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '+' || c == '-' || c == '.' || c == '_' || c == ':'
}

// isStop ends a URL or a token in free text.
func isStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f', '"', '\'', '`', '<', '>', '\\':
		return true
	}
	return false
}

// scanURLs finds scheme://authority URLs. In listener mode the "scheme" is a
// Kafka listener name, hosts may be empty, and ',' separates entries.
func scanURLs(v string, listener bool) []Endpoint {
	var eps []Endpoint
	i := 0
	for i < len(v) {
		j := strings.Index(v[i:], "://")
		if j < 0 {
			break
		}
		j += i
		s := j
		for s > i && isSchemeChar(v[s-1]) {
			s--
		}
		if k := strings.LastIndexByte(v[s:j], ':'); k >= 0 && !hasPrefixFold(v[s:j], "jdbc:") {
			s += k + 1
		}
		// "${NAME-http://x}": the scheme starts after the operator.
		if s >= 2 && v[s-1] == '{' && v[s-2] == '$' {
			k := s
			for k < j && (isLetter(v[k]) || isDigit(v[k]) || v[k] == '_') {
				k++
			}
			if k < j && strings.IndexByte("-=+?", v[k]) >= 0 {
				s = k + 1
			}
		}
		for s < j && !isLetter(v[s]) {
			s++
		}
		name := v[s:j]
		a := j + 3
		end := a
		for end < len(v) && !isStop(v[end]) && !strings.ContainsRune("/?#;", rune(v[end])) {
			end++
		}
		// '}' ends the hosts (closing a "${VAR:-URL}" default), but not a
		// user name or password that holds "${USER}".
		hs := a
		if at := strings.LastIndexByte(v[a:end], '@'); at >= 0 {
			hs = a + at + 1
		}
		if k := strings.IndexByte(v[hs:end], '}'); k >= 0 {
			end = hs + k
		}
		// "a:1,nats://b:2": the authority stopped at the second URL's "//";
		// it really ends at the last comma before that scheme.
		if strings.HasPrefix(v[end:], "//") {
			if c := strings.LastIndexByte(v[a:end], ','); c >= 0 {
				end = a + c
			}
		}
		urlEnd := end
		// '}' closes a "${VAR:-URL}" default around the URL.
		for urlEnd < len(v) && !isStop(v[urlEnd]) && v[urlEnd] != ',' && v[urlEnd] != '}' {
			urlEnd++
		}
		if listener {
			// A listener entry has no path; the next entry starts after ','.
			urlEnd = end
		}
		scheme := strings.ToLower(name)
		if name == "" || notNetwork[scheme] || strings.HasPrefix(v[end:], `\.`) {
			// A host with an escaped dot is a regular expression's pattern
			// (sed 's|https://oss-collab\.excalidraw\.com|...|'), not an address.
			i = max(urlEnd, j+3)
			continue
		}
		if hs > end {
			hs = end
		}
		o := hostOpts{emptyHost: listener}
		for p := hs; p <= end; {
			q := strings.IndexByte(v[p:end], ',')
			if q < 0 {
				q = end
			} else {
				q += p
			}
			if ep, ok := parseHostPort(v, p, q, o); ok {
				ep.Start, ep.End = s, urlEnd
				if listener {
					ep.Listener = name
					if _, ok := schemePorts[scheme]; ok {
						ep.Scheme = scheme
					}
				} else {
					ep.Scheme = scheme
					if ep.Port == 0 {
						ep.DefaultPort = defaultPort(scheme)
					}
				}
				eps = append(eps, ep)
			}
			p = q + 1
		}
		i = max(urlEnd, j+3)
	}
	return eps
}

func defaultPort(scheme string) int {
	if p, ok := schemePorts[scheme]; ok {
		return p
	}
	// jdbc:mysql:loadbalance -> jdbc:mysql
	if strings.HasPrefix(scheme, "jdbc:") {
		rest := scheme[5:]
		if k := strings.IndexByte(rest, ':'); k >= 0 {
			rest = rest[:k]
		}
		return schemePorts["jdbc:"+rest]
	}
	return 0
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isTokenSep separates host:port tokens in free text.
func isTokenSep(c byte) bool {
	return isStop(c) || strings.IndexByte(",;=()|{}", c) >= 0
}

// scanTokens finds host:port tokens outside the ranges of already found
// URLs. With tagGuard, a single-label host with a port below 80 is taken for
// an image reference ("node:20") and skipped.
func scanTokens(v string, urls []Endpoint, tagGuard bool) []Endpoint {
	var eps []Endpoint
	u := 0 // urls are in text order; skip those that end before the token
	for i := 0; i < len(v); {
		if isTokenSep(v[i]) {
			i++
			continue
		}
		j := i
		for j < len(v) && !isTokenSep(v[j]) {
			j++
		}
		for u < len(urls) && urls[u].End <= i {
			u++
		}
		if ep, ok := tokenEndpoint(v, i, j, urls[u:], tagGuard); ok {
			eps = append(eps, ep)
		}
		i = j
	}
	return eps
}

func tokenEndpoint(v string, i, j int, urls []Endpoint, tagGuard bool) (Endpoint, bool) {
	for _, u := range urls {
		if u.Start >= j {
			break
		}
		if i < u.End {
			return Endpoint{}, false
		}
	}
	tok := v[i:j]
	if strings.HasPrefix(tok, "/dev/tcp/") || strings.HasPrefix(tok, "/dev/udp/") {
		return devTCP(v, i, j)
	}
	if strings.Contains(tok, "://") || strings.Contains(tok, "/") {
		return Endpoint{}, false
	}
	hs := i
	if at := strings.LastIndexByte(tok, '@'); at >= 0 {
		hs = i + at + 1
	}
	ep, ok := parseHostPort(v, hs, j, hostOpts{needPort: true})
	if !ok {
		return ep, false
	}
	if tagGuard && ep.Port < 80 && !strings.Contains(ep.Host, ".") && !strings.Contains(ep.Host, ":") {
		return ep, false
	}
	ep.Start = i
	return ep, true
}

var notHostWords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
	"enabled": true, "disabled": true, "auto": true,
	"null": true, "nil": true, "none": true, "undefined": true, "changeme": true, "example": true,
}

// notHostWord: a switch or placeholder word, in any case ("N", "False").
func notHostWord(h string) bool { return len(h) <= 9 && notHostWords[strings.ToLower(h)] }

// hostList parses a value that is only hosts or host:port entries separated
// by commas or blanks (a host-named variable). Any entry that is not a host
// makes the whole value not a host list.
func hostList(v string, blanks bool) []Endpoint {
	var eps []Endpoint
	isSep := func(c byte) bool { return c == ',' || c == ';' || blanks && (c == ' ' || c == '\t') }
	for i := 0; i < len(v); {
		if isSep(v[i]) {
			i++
			continue
		}
		j := i
		for j < len(v) && !isSep(v[j]) {
			j++
		}
		// "a, b": blanks after a comma are not part of the host.
		for i < j && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		if i == j {
			continue
		}
		ep, ok := parseHostPort(v, i, j, hostOpts{bareV6: true})
		if !ok || notHostWord(ep.Host) {
			return nil
		}
		eps = append(eps, ep)
		i = j
	}
	return eps
}

// devTCP parses bash's /dev/tcp/HOST/PORT. A port that is not a number (an
// unexpanded variable) leaves the port out; the host still counts.
func devTCP(v string, i, j int) (Endpoint, bool) {
	hs := i + len("/dev/tcp/")
	he := j
	if k := strings.IndexByte(v[hs:j], '/'); k >= 0 {
		he = hs + k
	}
	ep, ok := parseHostPort(v, hs, he, hostOpts{bareV6: true})
	if !ok || ep.Port != 0 {
		return ep, false
	}
	if he < j {
		if p, ok := parsePort(v[he+1 : j]); ok {
			ep.Port, ep.PortStart, ep.PortEnd = p, he+1, j
		}
	}
	ep.Start, ep.End = i, j
	return ep, true
}
