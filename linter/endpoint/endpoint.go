// Package endpoint finds network endpoints (URLs, host:port pairs, bare
// hosts, libpq and semicolon connection strings, Kafka listener lists,
// command-line host flags) inside configuration values, with byte offsets
// into the value so that rules can report at exact columns and fixes can
// replace only the host or the port.
//
// Every function is pure and total: any input, however broken, yields a
// (possibly empty) result and never panics. Precision wins over recall: a
// value is only reported when it is unambiguously an endpoint, because a
// false endpoint becomes a false alarm. In particular a bare word is a host
// only when the variable's name says so (FromEnv), an image reference such as
// "redis:7-alpine" or "node:20" is not host:port, and text that is not ASCII
// hostname syntax or an IP literal is never a host.
//
// Entry points: FromEnv (a variable or build argument: the name decides the
// Role and whether a bare word is a host), FromArgs (command, entrypoint,
// healthcheck argument lists, including "sh -c" scripts), FromString (any
// value, no name to go by). IsLoopback and IsBindAll classify hosts; KeyRole
// classifies a variable name alone.
//
// Offsets are 0-based byte offsets into the string that was passed in (for
// FromArgs: into args[ArgIndex]). A fix edit replaces [HostStart,HostEnd)
// and [PortStart,PortEnd) only; the host range excludes IPv6 brackets, so a
// fix that turns "[::1]" into a name must widen the edit by one byte on each
// side.
package endpoint

import (
	"maps"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
)

// Role says what a service does with an endpoint, which decides which rules
// apply to it.
type Role int

const (
	// Connect: the service dials this address.
	Connect Role = iota
	// Bind: the service listens on this address (HOST, *_BIND_ADDRESS,
	// LISTEN*, *_LISTENERS, --host on a server).
	Bind
	// Advertise: the service tells its clients to connect here
	// (*ADVERTISED*, such as KAFKA_ADVERTISED_LISTENERS).
	Advertise
	// Browser: the value is shipped to the user's browser (NEXT_PUBLIC_*,
	// VITE_*, ...), so it is resolved on the host, not in a container.
	Browser
	// Self: the service's own public address, or names it accepts or hands
	// out (CORS origins, allowed hosts, redirect and callback URLs, the
	// image registry it names to the Docker daemon). Not a connect target.
	Self
)

func (r Role) String() string {
	switch r {
	case Connect:
		return "connect"
	case Bind:
		return "bind"
	case Advertise:
		return "advertise"
	case Browser:
		return "browser"
	case Self:
		return "self"
	}
	return "unknown"
}

// Endpoint is one network address found in a value.
type Endpoint struct {
	// Scheme is the lower-cased URL scheme ("http", "postgres",
	// "jdbc:postgresql"), "postgres" for a libpq keyword DSN, and "" for
	// host:port, bare hosts, semicolon connection strings and Kafka listener
	// names that are not URL schemes (a listener "http://0.0.0.0:8081" has
	// Scheme "http" and Listener "http").
	Scheme string
	// Host is lower-cased, IPv6 without brackets. It is "" only for a Kafka
	// listener without a host ("PLAINTEXT://:9092").
	Host string
	// Port is the explicit port, or 0.
	Port int
	// DefaultPort is the scheme's well-known port when Port is 0, else 0.
	DefaultPort int
	// HostStart and HostEnd delimit the host text (brackets excluded).
	HostStart, HostEnd int
	// PortStart and PortEnd delimit the port text, -1 when there is none.
	PortStart, PortEnd int
	// Start and End delimit the whole endpoint: the URL, the host:port token,
	// the "host=..." keyword, the listener entry.
	Start, End int
	Role       Role
	// Implied names the server whose default listen address this is when
	// none is written ("gunicorn", "flask run"); its span is the program's
	// word.
	Implied string
	// Listener is the Kafka listener name for NAME://host:port lists.
	Listener string
}

// EffectivePort is Port, or DefaultPort when no port is given.
func (e Endpoint) EffectivePort() int {
	if e.Port != 0 {
		return e.Port
	}
	return e.DefaultPort
}

// DefaultBrowserPrefixes are the variable prefixes that front-end build tools
// expose to the browser.
var DefaultBrowserPrefixes = []string{"NEXT_PUBLIC_", "VITE_", "REACT_APP_", "NUXT_PUBLIC_", "PUBLIC_", "GATSBY_", "EXPO_PUBLIC_", "VUE_APP_", "STORYBOOK_",
	"WDS_SOCKET_"} // the webpack dev server's hot-reload socket, which Create React App hands to the browser

// schemePorts are the well-known ports of URL schemes. Schemes resolved by
// DNS SRV (mongodb+srv) and schemes without a fixed port (grpc, tcp) are
// absent: their DefaultPort is 0.
var schemePorts = map[string]int{
	"http": 80, "https": 443, "ws": 80, "wss": 443,
	"postgres": 5432, "postgresql": 5432, "pgsql": 5432, "cockroachdb": 26257,
	"mysql": 3306, "mariadb": 3306, "mysqlx": 33060,
	"redis": 6379, "rediss": 6379, "valkey": 6379,
	"amqp": 5672, "amqps": 5671, "mongodb": 27017,
	"nats": 4222, "tls": 0, "kafka": 9092,
	"mqtt": 1883, "mqtts": 8883, "ldap": 389, "ldaps": 636,
	"ftp": 21, "sftp": 22, "ssh": 22, "smtp": 25, "smtps": 465,
	"memcached": 11211, "clickhouse": 9000, "sqlserver": 1433, "mssql": 1433,
	"cassandra": 9042, "stomp": 61613, "zk": 2181, "zookeeper": 2181,
	"git": 9418, "rtmp": 1935, "elasticsearch": 9200, "influxdb": 8086,
	"jdbc:postgresql": 5432, "jdbc:mysql": 3306, "jdbc:mariadb": 3306,
	"jdbc:sqlserver": 1433, "jdbc:clickhouse": 8123, "jdbc:redshift": 5439,
}

// notNetwork are schemes whose "host" names a bucket, a path or a package,
// not a network peer.
var notNetwork = map[string]bool{
	"file": true, "unix": true, "npipe": true, "s3": true, "s3a": true, "s3n": true,
	"gs": true, "gcs": true, "az": true, "abfs": true, "abfss": true, "wasb": true, "wasbs": true,
	"jar": true, "classpath": true, "data": true, "docker-image": true, "oci": true,
	"chrome-extension": true, "moz-extension": true, "sqlite": true, "sqlite3": true,
}

// IsLoopback reports whether host, used as a target inside a container,
// means the container itself: localhost, *.localhost, ip6-localhost,
// localhost.localdomain and localhost6 (the names other distributions give
// it), 127.0.0.0/8, ::1, IPv4-mapped loopback, and the unspecified addresses
// 0.0.0.0 and :: (which connect to the local host on Linux). 127.0.0.11,
// Docker's embedded DNS server, is not loopback for our purposes.
func IsLoopback(host string) bool {
	h := normHost(host)
	switch h {
	case "localhost", "ip6-localhost", "ip6-loopback", "localhost.localdomain", "localhost6", "localhost6.localdomain6":
		return true
	case "127.0.0.11":
		return false
	}
	if strings.HasSuffix(h, ".localhost") {
		return true
	}
	// Most hosts are names, answered without parsing.
	if !MayBeIP(h) {
		return false
	}
	a, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	a = a.Unmap()
	return a.IsLoopback() || a.IsUnspecified()
}

// IsBindAll reports whether host is an all-interfaces address (0.0.0.0, ::).
func IsBindAll(host string) bool {
	h := normHost(host)
	if !MayBeIP(h) {
		return false
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Unmap().IsUnspecified()
}

func normHost(host string) string {
	h := strings.ToLower(strings.TrimSpace(host))
	if len(h) >= 2 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	if strings.HasSuffix(h, ".") && !strings.Contains(h, ":") {
		h = strings.TrimSuffix(h, ".")
	}
	return h
}

// FromString finds the endpoints in any value, without a variable name to
// go by: URLs and host:port tokens (comma-separated lists included), then,
// if there are none, a libpq keyword DSN or a semicolon connection string.
// Every endpoint has Role Connect. Bare words are never hosts here, and a
// single-label host with a port below 80 ("node:20", "postgres:16") is taken
// for an image tag, not an endpoint.
func FromString(value string) []Endpoint {
	eps := scanURLs(value, false)
	eps = append(eps, scanTokens(value, eps, true)...)
	if len(eps) == 0 {
		eps = keywordDSN(value)
	}
	return eps
}

// FromEnv finds the endpoints in an environment variable or build argument
// KEY=value. The key decides the role (see KeyRole), whether a bare word is a
// host (KEY names a host: *_HOST, *_ADDR, *_SERVER, ...), and whether the
// value is a Kafka listener list (*LISTENERS). browserPrefixes nil means
// DefaultBrowserPrefixes.
func FromEnv(key, value string, browserPrefixes []string) []Endpoint {
	k := ParseKey(key)
	role := k.Role
	if browserPrefixes != nil {
		role = KeyRole(key, browserPrefixes)
	}
	return k.Endpoints(value, role)
}

// Key is what a variable's name says of its value, read once per name:
// ParseKey.
type Key struct {
	Name  string
	Role  Role     // KeyRole with DefaultBrowserPrefixes
	Words []string // KeyWords (read only: shared)
	// HostVar, when IsHostVar: the name is a host variable (ParseHostVar).
	HostVar   HostVar
	IsHostVar bool

	listeners, host, plural, switchWord, destination bool
}

var keys NameMemo[*Key]

// ParseKey returns what the name key says (read only: shared).
func ParseKey(key string) *Key { return keys.Get(key, parseKey) }

func parseKey(key string) *Key {
	words := KeyWords(key)
	k := &Key{Name: key, Role: KeyRole(key, DefaultBrowserPrefixes), Words: words,
		listeners: hasWord(words, "LISTENERS"), host: isHostKey(words), plural: isPluralHostKey(words),
		switchWord: len(words) == 1 && switchWords[words[0]], destination: destinationKey(words)}
	k.HostVar, k.IsHostVar = ParseHostVar(key)
	return k
}

// Endpoints finds the endpoints in value, the value of a variable named
// k, given role (k.Role, or Browser by a configured prefix): FromEnv.
func (k *Key) Endpoints(value string, role Role) []Endpoint {
	var eps []Endpoint
	switch {
	case k.listeners:
		eps = scanURLs(value, true)
		if len(eps) == 0 {
			eps = hostList(value, false) // "0.0.0.0:8082" without a listener name
		}
	case k.host && !strings.Contains(value, "://") && !strings.Contains(value, "="):
		eps = hostList(value, k.plural)
		if eps == nil {
			eps = scanTokens(value, nil, false)
		}
		if k.switchWord && len(eps) == 1 && eps[0].Port == 0 && !strings.Contains(eps[0].Host, ".") && !IsLoopback(eps[0].Host) {
			eps = nil // SERVER=node: a mode, not an address
		}
	case mayHoldAddress(value):
		eps = scanValue(value, k.Words)
	}
	for i := range eps {
		eps[i].Role = role
		// 0.0.0.0 is never a useful target: without a scheme, in a name
		// that does not say it is a destination, it is a listen address.
		if role == Connect && eps[i].Scheme == "" && eps[i].Listener == "" && IsBindAll(eps[i].Host) && !k.destination {
			eps[i].Role = Bind
		}
	}
	return eps
}

// scanValue finds the endpoints of a value whose key names no host: URLs,
// host:port tokens, /dev/tcp paths and keyword DSNs.
func scanValue(value string, words []string) []Endpoint {
	eps := scanURLs(value, false)
	eps = append(eps, scanTokens(value, eps, !isHostKey(words))...)
	if len(eps) == 0 {
		eps = keywordDSN(value)
	}
	return eps
}

// mayHoldAddress is false for a value in which scanValue finds nothing
// (most values: words, numbers, paths, flags): every form it reads has a
// ':' (a URL, a port), an '=' or ';' (a DSN) or "/dev/" (/dev/tcp/h/p).
// FuzzFromEnv holds the two to each other.
func mayHoldAddress(v string) bool {
	return strings.ContainsAny(v, ":=;") || strings.Contains(v, "/dev/")
}

// KeyRole classifies a variable name. Order matters: a browser prefix wins
// (the browser reads every such variable), then advertised, then bind/listen
// names, then the service's own public address and allow lists, else
// Connect.
func KeyRole(key string, browserPrefixes []string) Role {
	for _, p := range browserPrefixes {
		if p != "" && len(key) >= len(p) && strings.EqualFold(key[:len(p)], p) {
			return Browser
		}
	}
	return keyRoles.Get(key, keyRole)
}

var keyRoles NameMemo[Role]

// keyRole is KeyRole after the browser prefixes.
func keyRole(key string) Role {
	words := KeyWords(key)
	if hasWord(words, "ADVERTISED") || hasWord(words, "ADVERTISE") || hasWord(words, "BROADCAST") || hasWord(words, "ANNOUNCE") || rmiHostname(words) {
		return Advertise
	}
	up := strings.Join(words, "_") // "http.host" -> HTTP_HOST
	if bindKeys[up] && len(words) == 1 && key == strings.ToLower(key) {
		// A bare lower-case hostname or host is an application's own
		// setting (forte's federation domain), not the HOST or HOSTNAME a
		// server reads its bind address from: variable names are
		// case-sensitive.
		return Self
	}
	if bindKeys[up] || hasWord(words, "BIND") || hasWord(words, "LISTEN") || hasWord(words, "LISTENERS") {
		return Bind
	}
	if selfKeys[up] {
		return Self
	}
	for _, w := range words {
		if selfWords[w] {
			return Self
		}
	}
	if n := len(words); n >= 2 && words[n-2] == "NO" && words[n-1] == "PROXY" {
		return Self
	}
	if imageRegistry(words) {
		return Self
	}
	if n := len(words); n >= 2 && frontWords[words[n-2]] && (words[n-1] == "URL" || words[n-1] == "URI" || words[n-1] == "ORIGIN") {
		return Self // where the browser app lives: used for links and CORS
	}
	return Connect
}

// rmiHostname: KAFKA_JMX_HOSTNAME, JAVA_RMI_SERVER_HOSTNAME: the host name
// a JMX server writes into the stubs it hands its clients
// (java.rmi.server.hostname), never one it connects to.
func rmiHostname(words []string) bool {
	n := len(words)
	return n >= 2 && (words[n-1] == "HOSTNAME" || words[n-1] == "HOST") && (hasWord(words[:n-1], "JMX") || hasWord(words[:n-1], "RMI"))
}

// frontWords name the browser app in CLIENT_URL, UI_URL, WEBAPP_ORIGIN: the
// address the user's browser opens, which another service writes into
// links and CORS headers, never one it connects to.
var frontWords = map[string]bool{"CLIENT": true, "FRONTEND": true, "FRONT": true, "UI": true, "WEBAPP": true}

// imageRegistry: DOCKER_REGISTRY_URL, DEPLOY_REGISTRY_HOST: images are
// pushed and pulled by the Docker daemon, on the host, where localhost:5000
// is the registry's published port. A schema registry (Kafka's) is a
// server the service itself connects to.
func imageRegistry(words []string) bool {
	if !hasWord(words, "REGISTRY") || hasWord(words, "SCHEMA") {
		return false
	}
	for _, w := range []string{"DOCKER", "DEPLOY", "CONTAINER", "IMAGE", "IMAGES", "OCI"} {
		if hasWord(words, w) {
			return true
		}
	}
	return false
}

// bindKeys are whole names that servers read as their listen address.
var bindKeys = map[string]bool{
	"HOST": true, "HOSTNAME": true, "IP": true, "NUXT_HOST": true, "NITRO_HOST": true,
	"UVICORN_HOST": true, "FLASK_RUN_HOST": true, "SERVER_ADDRESS": true, "HTTP_HOST": true,
	"ADDR": true, "ADDRESS": true, "NETWORK_HOST": true, "TRANSPORT_HOST": true, "URLS": true,
	"ASPNETCORE_URLS": true,
}

var selfKeys = map[string]bool{
	"APP_URL": true, "AUTH_URL": true, "WEBHOOK_URL": true, "SERVER_NAME": true, "BASE_DOMAIN": true,
	"PHX_HOST": true, "WEBUI_URL": true, "WEB_URL": true, "WEB_APP_URL": true, "REDASH_HOST": true,
	// Names of cluster nodes, not addresses: Elasticsearch's node.name and
	// cluster.initial_master_nodes, Weaviate's CLUSTER_HOSTNAME.
	"NODE_NAME": true, "CLUSTER_INITIAL_MASTER_NODES": true, "CLUSTER_HOSTNAME": true,
}

var selfWords = map[string]bool{
	"ORIGIN": true, "ORIGINS": true, "CORS": true, "ALLOWED": true, "ALLOW": true, "TRUSTED": true,
	"REDIRECT": true, "CALLBACK": true, "EXTERNAL": true, "PUBLIC": true, "VIRTUAL": true,
	"DOMAIN": true, "DOMAINS": true, "CSRF": true, "WHITELIST": true, "ALLOWLIST": true,
	"SITE": true, "HOMEPAGE": true, "ROOT": true, "NEXTAUTH": true, "DASHBOARD": true,
}

// switchWords are names that alone often select a mode (SERVER=node,
// BROKER=redis) rather than name a host: a bare word there is no host.
var switchWords = map[string]bool{"SERVER": true, "SERVERS": true, "BROKER": true, "ENDPOINT": true, "NODES": true}

// hostSuffixes are last words of names whose value is a host (or a list).
var hostSuffixes = map[string]bool{
	"HOST": true, "HOSTS": true, "HOSTNAME": true, "ADDR": true, "ADDRESS": true, "ADDRESSES": true,
	"SERVER": true, "SERVERS": true, "ENDPOINT": true, "ENDPOINTS": true, "BROKER": true, "BROKERS": true,
	"IP": true, "NODES": true, "BIND": true, "LISTEN": true, "SENTINELS": true, "SEEDS": true,
}

// destinationKey reports a name whose value is somewhere to connect to,
// never a listen address: *_URL, *_URI, *_DSN, *_BROKERS, and host names
// of a backing service (DB_HOST, REDIS_ADDR). There 0.0.0.0 and :: are a
// destination, which Linux connects to the local host.
func destinationKey(words []string) bool {
	n := len(words)
	if n == 0 {
		return false
	}
	switch words[n-1] {
	case "URL", "URI", "URLS", "URIS", "DSN", "BROKERS":
		return true
	}
	stem := words[:n-1]
	return isHostKey(words) && (BackingPort(stem) != 0 || hasWord(stem, "DB") || hasWord(stem, "DATABASE"))
}

func isHostKey(words []string) bool {
	n := len(words)
	if n == 0 {
		return false
	}
	if n >= 2 && words[n-1] == "SERVER" && serverSettings[words[n-2]] {
		return false
	}
	return hostSuffixes[words[n-1]] || n >= 2 && words[n-2] == "HOST" && words[n-1] == "NAME" ||
		n >= 2 && words[n-2] == "CONTACT" && words[n-1] == "POINTS" || isGluedHostKey(words)
}

// serverSettings are words before SERVER in names of a server's settings,
// not of a server: MySQL's character_set_server and collation_server
// ("--collation-server=utf8mb4_unicode_ci").
var serverSettings = map[string]bool{"SET": true, "COLLATION": true, "CHARSET": true}

// isPluralHostKey: a list of hosts may be separated by blanks, not only
// commas ("MEMCACHED_SERVERS=m1 m2"); a single host never holds a blank.
func isPluralHostKey(words []string) bool {
	if len(words) == 0 {
		return false
	}
	w := words[len(words)-1]
	return strings.HasSuffix(w, "S") && (hostSuffixes[w] || w == "POINTS")
}

// KeyWords splits a name into upper-cased words at '_', '-', '.' and
// camelCase boundaries: "spring.datasource.url" -> SPRING DATASOURCE URL,
// "redisHost" -> REDIS HOST. The result is shared between callers: do not
// modify it.
func KeyWords(key string) []string {
	return keyWords.Get(key, splitKey)
}

var keyWords NameMemo[[]string]

func splitKey(key string) []string {
	var words []string
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToUpper(key[start:end]))
		}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ':
			flush(i)
			start = i + 1
		case i > start && isUpper(c) && isLower(key[i-1]):
			flush(i)
			start = i
		}
	}
	flush(len(key))
	return words[:len(words):len(words)] // an append copies
}

func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// NameMemo remembers a pure function of variable and key names: a run asks
// about the same few hundred names thousands of times (every line the
// masker scans, every variable of every service of every project). It
// holds at most maxMemo names, maxMemoBytes in all, and is safe for
// concurrent use.
type NameMemo[V any] struct {
	// known is read without a lock; names new to it wait in recent until
	// there are many of them, or they are asked for often, to be published
	// in a larger copy (each copy is paid for by as many names or look-ups
	// as half its size).
	known  atomic.Pointer[map[string]V]
	mu     sync.Mutex
	recent map[string]V
	hits   int // look-ups recent answered since the last copy
	size   int // names in known and recent
	bytes  int
}

// A memo holds at most maxMemo names of maxMemoBytes in all.
const (
	maxMemo      = 1 << 16
	maxMemoBytes = 8 << 20
)

// Get returns f(name), computed once per name while there is room.
func (k *NameMemo[V]) Get(name string, f func(string) V) V {
	known := k.known.Load()
	if known != nil {
		if v, ok := (*known)[name]; ok {
			return v
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if now := k.known.Load(); now != known { // published meanwhile
		if v, ok := (*now)[name]; ok {
			return v
		}
	}
	if v, ok := k.recent[name]; ok {
		if k.hits++; k.hits >= 16+k.size/2 {
			k.publish()
		}
		return v
	}
	if k.size >= maxMemo || k.bytes+len(name) > maxMemoBytes {
		return f(name)
	}
	// A copy: name may be a slice of a whole file, which neither the memo
	// nor what f makes of the name (its words, a slice of it) may keep.
	name = strings.Clone(name)
	v := f(name)
	if k.recent == nil {
		k.recent = map[string]V{}
	}
	k.recent[name] = v
	k.size++
	k.bytes += len(name)
	if len(k.recent) >= 16+k.size/2 {
		k.publish()
	}
	return v
}

// publish replaces known by a copy holding recent too.
func (k *NameMemo[V]) publish() {
	next := make(map[string]V, k.size)
	if known := k.known.Load(); known != nil {
		maps.Copy(next, *known)
	}
	maps.Copy(next, k.recent)
	k.known.Store(&next)
	k.recent, k.hits = nil, 0
}
