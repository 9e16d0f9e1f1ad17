package endpoint

import "strings"

// span is a byte range of a keyword value.
type span struct{ start, end int }

// keywordDSN parses libpq "host=db port=5432 ..." or, failing that, a
// semicolon connection string "Server=db,1433;Database=x" (ADO.NET, Npgsql,
// MySQL Connector).
func keywordDSN(v string) []Endpoint {
	if eps, ok := libpqDSN(v); ok && len(eps) > 0 {
		return eps
	}
	return semicolonDSN(v)
}

// libpqDSN accepts only a value made entirely of key=value pairs (values
// quoted with '...' may contain blanks), with a host or hostaddr key.
func libpqDSN(v string) ([]Endpoint, bool) {
	var hosts []span
	var hostKeys []span
	var port span
	havePort := false
	i := 0
	for {
		for i < len(v) && isBlank(v[i]) {
			i++
		}
		if i == len(v) {
			break
		}
		ks := i
		for i < len(v) && (isLetter(v[i]) || v[i] == '_') {
			i++
		}
		key := strings.ToLower(v[ks:i])
		for i < len(v) && isBlank(v[i]) {
			i++
		}
		if key == "" || i == len(v) || v[i] != '=' {
			return nil, false
		}
		i++
		for i < len(v) && isBlank(v[i]) {
			i++
		}
		var val span
		if i < len(v) && v[i] == '\'' {
			i++
			val.start = i
			for i < len(v) && v[i] != '\'' {
				if v[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(v) {
				return nil, false
			}
			val.end = i
			i++
		} else {
			val.start = i
			for i < len(v) && !isBlank(v[i]) {
				i++
			}
			val.end = i
		}
		switch key {
		case "host", "hostaddr":
			hosts = append(hosts, val)
			hostKeys = append(hostKeys, span{ks, val.end})
		case "port":
			port, havePort = val, true
		}
	}
	if len(hosts) == 0 {
		return nil, false
	}
	var ports []span
	if havePort {
		ports = splitComma(v, port)
	}
	var eps []Endpoint
	for h, hv := range hosts {
		for n, hp := range splitComma(v, hv) {
			if hp.start < hp.end && v[hp.start] == '/' {
				continue // Unix socket directory
			}
			ep, ok := parseHostPort(v, hp.start, hp.end, hostOpts{bareV6: true})
			if !ok || notHostWord(ep.Host) {
				continue
			}
			ep.Start, ep.End = hostKeys[h].start, hostKeys[h].end
			ep.Scheme = "postgres"
			if ep.Port == 0 && len(ports) > 0 {
				pp := ports[0]
				if len(ports) > 1 && n < len(ports) {
					pp = ports[n]
				}
				if p, ok := parsePort(v[pp.start:pp.end]); ok {
					ep.Port, ep.PortStart, ep.PortEnd = p, pp.start, pp.end
				}
			}
			if ep.Port == 0 {
				ep.DefaultPort = 5432
			} else {
				ep.Start, ep.End = min(ep.Start, ep.PortStart), max(ep.End, ep.PortEnd)
			}
			eps = append(eps, ep)
		}
	}
	return eps, true
}

func splitComma(v string, s span) []span {
	var out []span
	p := s.start
	for {
		q := strings.IndexByte(v[p:s.end], ',')
		if q < 0 {
			out = append(out, span{p, s.end})
			return out
		}
		out = append(out, span{p, p + q})
		p += q + 1
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

var semicolonHostKeys = map[string]bool{
	"host": true, "server": true, "data source": true, "datasource": true, "address": true,
	"addr": true, "network address": true, "hostname": true,
}

func semicolonDSN(v string) []Endpoint {
	if !strings.Contains(v, ";") {
		return nil
	}
	type kv struct {
		key string
		val span
	}
	var pairs []kv
	for p := 0; p <= len(v); {
		q := strings.IndexByte(v[p:], ';')
		if q < 0 {
			q = len(v)
		} else {
			q += p
		}
		seg := span{p, q}
		for seg.start < seg.end && isBlank(v[seg.start]) {
			seg.start++
		}
		for seg.end > seg.start && isBlank(v[seg.end-1]) {
			seg.end--
		}
		if seg.start < seg.end {
			eq := strings.IndexByte(v[seg.start:seg.end], '=')
			if eq <= 0 {
				return nil
			}
			key := strings.ToLower(strings.TrimSpace(v[seg.start : seg.start+eq]))
			val := span{seg.start + eq + 1, seg.end}
			for val.start < val.end && isBlank(v[val.start]) {
				val.start++
			}
			pairs = append(pairs, kv{key, val})
		}
		p = q + 1
	}
	var port span
	havePort := false
	for _, p := range pairs {
		if p.key == "port" {
			port, havePort = p.val, true
		}
	}
	var eps []Endpoint
	for _, p := range pairs {
		if !semicolonHostKeys[p.key] {
			continue
		}
		hv := p.val
		if hasPrefixFold(v[hv.start:hv.end], "tcp:") {
			hv.start += 4
		}
		var pp span
		hasPP := false
		if c := strings.IndexByte(v[hv.start:hv.end], ','); c >= 0 {
			pp, hasPP = span{hv.start + c + 1, hv.end}, true
			hv.end = hv.start + c
		} else if havePort {
			pp, hasPP = port, true
		}
		if b := strings.IndexByte(v[hv.start:hv.end], '\\'); b >= 0 {
			hv.end = hv.start + b // SQL Server named instance
		}
		ep, ok := parseHostPort(v, hv.start, hv.end, hostOpts{bareV6: true})
		if !ok || notHostWord(ep.Host) {
			continue
		}
		if ep.Port == 0 && hasPP {
			if n, ok := parsePort(v[pp.start:pp.end]); ok {
				ep.Port, ep.PortStart, ep.PortEnd = n, pp.start, pp.end
			}
		}
		ep.Start, ep.End = p.val.start, p.val.end
		if ep.PortStart >= 0 {
			ep.Start, ep.End = min(ep.Start, ep.PortStart), max(ep.End, ep.PortEnd)
		}
		eps = append(eps, ep)
	}
	return eps
}
