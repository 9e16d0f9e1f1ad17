package hardcodedlocalhost

import (
	"net"
	"net/netip"
	"strings"
)

// hosts returns the host names or addresses written in an endpoint string: a
// URL of any scheme (with several comma-separated hosts, as MongoDB allows), a
// gRPC target ("dns:///host:port"), a MySQL DSN ("user@tcp(host:port)/db"), a
// libpq keyword DSN ("host=localhost port=5432"), a host:port list or a bare
// host. Strings that hold no host (file paths, unix sockets) give none.
func hosts(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if i := strings.Index(s, "://"); i >= 0 {
		scheme := strings.ToLower(s[:i])
		if strings.HasSuffix(scheme, "unix") || scheme == "file" {
			return nil
		}
		rest := s[i+3:]
		authority := rest
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			authority = rest[:j]
		}
		if authority == "" {
			// gRPC "dns:///host:port" and "passthrough:///host:port": the
			// endpoint is the path.
			if strings.HasPrefix(rest, "/") {
				return hostList(strings.TrimPrefix(rest, "/"))
			}
			return nil
		}
		if j := strings.LastIndex(authority, "@"); j >= 0 {
			authority = authority[j+1:]
		}
		return hostList(authority)
	}
	if i := strings.Index(s, "tcp("); i >= 0 && (i == 0 || s[i-1] == '@') {
		// MySQL: user:pass@tcp(host:port)/db.
		inner := s[i+len("tcp("):]
		if j := strings.IndexByte(inner, ')'); j >= 0 {
			return hostList(inner[:j])
		}
		return nil
	}
	if strings.Contains(s, "=") {
		return keywordHosts(s)
	}
	if strings.ContainsAny(s, " /\t") {
		return nil // a path or prose, not an endpoint
	}
	return hostList(s)
}

// keywordHosts reads libpq- and ADO-style DSNs: "host=a port=1" or
// "server=a;database=b".
func keywordHosts(s string) []string {
	var out []string
	for _, field := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ';' || r == '\t' }) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "host", "hostaddr", "server", "addr", "address", "data source":
			out = append(out, hostList(strings.Trim(v, `'"`))...)
		}
	}
	return out
}

// hostList splits "a:1,b:2" and strips ports and brackets.
func hostList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if h := hostOf(strings.TrimSpace(part)); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// hostOf strips the port from "host:port", "[v6]:port" or returns a bare host
// or bare IPv6 address as is.
// bareAddr reports a host or host:port alone: no scheme, path or query.
func bareAddr(s string) bool { return !strings.ContainsAny(s, "/@?#=; ") && hostOf(s) != "" }

func hostOf(s string) string {
	if s == "" {
		return ""
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		return h
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return s[1 : len(s)-1]
	}
	if strings.Count(s, ":") > 1 {
		if _, err := netip.ParseAddr(s); err == nil {
			return s
		}
		return ""
	}
	h, _, _ := strings.Cut(s, ":")
	return h
}

// isLoopback reports whether host names this machine only: "localhost" (and
// its subdomains, RFC 6761), 127.0.0.0/8 and ::1, also IPv4-mapped.
func isLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Unmap().IsLoopback()
}

// isUnspecified reports whether host is 0.0.0.0 or ::, which are bind
// addresses: dialing them reaches the local machine only.
func isUnspecified(host string) bool {
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsUnspecified()
}

// localHost returns the first host in s that a client cannot use from inside a
// container to reach another one.
func localHost(s string) (string, bool) {
	for _, h := range hosts(s) {
		if isLoopback(h) || isUnspecified(h) {
			return h, true
		}
	}
	return "", false
}

// implicitLocal reports an endpoint that names no host where its client
// then dials this machine, and says what the client dials: a dial address
// ":6379" (Go dials the local system), or a MySQL DSN without an address,
// "user:pw@/db", "user:pw@tcp/db" or "user:pw@tcp(:3306)/db"
// (go-sql-driver/mysql dials 127.0.0.1:3306). what is the sink's kind of
// value: "address" and the like take the first form, "DSN" the second. s
// may hold "x" for parts known only at run time; a port must be written.
func implicitLocal(s, what string) (string, bool) {
	switch what {
	case "address", "broker address", "broker list", "agent address", "target":
		for _, part := range strings.Split(s, ",") {
			h, p, err := net.SplitHostPort(strings.TrimSpace(part))
			if err == nil && h == "" && p != "" && strings.Trim(p, "0123456789") == "" {
				return "localhost:" + p, true
			}
		}
	case "DSN":
		return mysqlDefaultAddr(s)
	}
	return "", false
}

// mysqlDefaultAddr reads a DSN the way go-sql-driver/mysql does,
// "[user[:password]@][net[(addr)]]/dbname[?params]", and reports a TCP one
// whose address names no host. Only a DSN with its "@" counts, and none
// that reads as a path: "/db" alone is as likely one.
func mysqlDefaultAddr(s string) (string, bool) {
	if strings.Contains(s, "://") || strings.ContainsAny(s, " \t") || strings.HasPrefix(s, "file:") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, ".") {
		return "", false // a URL, prose or a path (SQLite's "file:/data/app.db")
	}
	slash := strings.LastIndexByte(s, '/')
	if slash < 0 {
		return "", false
	}
	at := strings.LastIndexByte(s[:slash], '@')
	if at < 0 || strings.Contains(s[:at], "=") {
		return "", false
	}
	network, addr := s[at+1:slash], ""
	if i := strings.IndexByte(network, '('); i >= 0 {
		if !strings.HasSuffix(network, ")") {
			return "", false
		}
		network, addr = network[:i], network[i+1:len(network)-1]
	}
	if network != "" && network != "tcp" {
		return "", false
	}
	switch h, p, err := net.SplitHostPort(addr); {
	case addr == "":
		return "127.0.0.1:3306", true
	case err == nil && h == "" && p != "":
		return "localhost:" + p, true
	}
	return "", false
}

// loopbackListen reports whether a listen address binds to loopback only, and
// the port to keep in ":port".
func loopbackListen(s string) (host, port string, ok bool) {
	h, p, err := net.SplitHostPort(strings.TrimSpace(s))
	if err != nil {
		h = strings.TrimSpace(s)
		p = ""
	}
	if !isLoopback(h) {
		return "", "", false
	}
	return h, p, true
}
