package rules

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

// imagePorts are the ports well-known images listen on by default, keyed by
// the image's repository name without registry or tag.
var imagePorts = map[string][]int{
	"postgres": {5432}, "postgis/postgis": {5432}, "timescale/timescaledb": {5432},
	"mysql": {3306}, "mariadb": {3306}, "percona": {3306},
	"redis": {6379}, "valkey/valkey": {6379}, "bitnami/redis": {6379}, "redis/redis-stack": {6379, 8001}, "bitnami/redis-sentinel": {26379},
	"mongo": {27017}, "bitnami/mongodb": {27017},
	"rabbitmq": {5672, 15672}, "bitnami/rabbitmq": {5672, 15672},
	"elasticsearch": {9200, 9300}, "docker.elastic.co/elasticsearch/elasticsearch": {9200, 9300},
	"opensearchproject/opensearch": {9200},
	"kafka":                        {9092}, "confluentinc/cp-kafka": {9092}, "bitnami/kafka": {9092}, "apache/kafka": {9092},
	"zookeeper": {2181}, "confluentinc/cp-zookeeper": {2181}, "bitnami/zookeeper": {2181},
	"memcached": {11211}, "nginx": {80}, "httpd": {80}, "traefik": {80},
	"minio/minio": {9000, 9001}, "nats": {4222}, "consul": {8500},
	"jaegertracing/all-in-one": {16686, 4317, 4318}, "grafana/grafana": {3000},
	"prom/prometheus": {9090}, "mailhog/mailhog": {1025, 8025}, "axllent/mailpit": {1025, 8025},
	"clickhouse/clickhouse-server": {8123, 9000}, "qdrant/qdrant": {6333, 6334},
	"ollama/ollama": {11434}, "neo4j": {7474, 7687}, "cassandra": {9042},
	"confluentinc/cp-schema-registry": {8081}, "mcr.microsoft.com/mssql/server": {1433},
}

// software returns what a service runs, for image knowledge: its image's
// name, or, for a service built without an image name, its own name when
// that is a well-known image's (a service "mysql" built from ./mysql).
func software(s *compose.Service) string {
	if s.Image != "" {
		return imageName(s.Image)
	}
	if n := strings.ToLower(s.Name); s.Build != nil && imagePorts[n] != nil {
		return n
	}
	return ""
}

// imageName strips the registry's default prefixes and the tag or digest.
func imageName(image string) string {
	s := strings.ToLower(image)
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "docker.io/")
	s = strings.TrimPrefix(s, "library/")
	return s
}

// listenPorts returns the container ports a service listens on, as far as
// the configuration tells: ports, expose, its image's default ports, a
// PORT-like variable (PORT, SERVER_PORT, HTTP_PORT, or <SERVICE>_PORT)
// and a port its own command listens on (--port 8000, --bind 0.0.0.0:8000,
// runserver 0.0.0.0:8000).
func listenPorts(s *compose.Service, extra map[string][]int) map[int]bool {
	out := map[int]bool{}
	for _, p := range s.Ports {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out[t] = true
		}
	}
	for _, p := range s.Expose {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out[t] = true
		}
	}
	for _, p := range imagePorts[software(s)] {
		out[p] = true
	}
	for sub, ports := range extra {
		if sub != "" && strings.Contains(strings.ToLower(s.Image), strings.ToLower(sub)) {
			for _, p := range ports {
				out[p] = true
			}
		}
	}
	for _, e := range s.Env {
		if e.Value == nil {
			continue
		}
		if ownPortKey(e.Key, s.Name) || imagePortVar(s.Image, e.Key) {
			if n, err := strconv.Atoi(strings.TrimSpace(e.Value.Value)); err == nil && n > 0 && n < 65536 {
				out[n] = true
			}
		}
		// Listen addresses in the environment (KAFKA_LISTENERS,
		// BIND_ADDRESS=0.0.0.0:8080, ...) name ports too.
		for _, ep := range endpoint.FromEnv(e.Key, e.Value.Value, nil) {
			if ep.Role == endpoint.Bind && ep.Port > 0 {
				out[ep.Port] = true
			}
		}
	}
	for _, n := range commandPorts(s) {
		out[n] = true
	}
	return out
}

// imagePortVars are the variables with which images move the port they
// listen on (ZOOKEEPER_CLIENT_PORT=32181 for Confluent's ZooKeeper).
var imagePortVars = map[string][]string{
	"confluentinc/cp-zookeeper": {"ZOOKEEPER_CLIENT_PORT"}, "zookeeper": {"ZOO_PORT"},
	"postgres": {"PGPORT"}, "postgis/postgis": {"PGPORT"}, "timescale/timescaledb": {"PGPORT"},
	"mysql": {"MYSQL_TCP_PORT"}, "mariadb": {"MYSQL_TCP_PORT", "MARIADB_TCP_PORT"}, "rabbitmq": {"RABBITMQ_NODE_PORT"},
	"redis/redis-stack": {"REDIS_PORT"}, "clickhouse/clickhouse-server": {"CLICKHOUSE_HTTP_PORT", "CLICKHOUSE_TCP_PORT"},
}

// imagePortVar reports a variable that sets the port the service's image
// listens on: one of imagePortVars, or Bitnami's *_PORT_NUMBER.
func imagePortVar(image, key string) bool {
	name := imageName(image)
	if strings.HasPrefix(name, "bitnami/") && strings.HasSuffix(key, "_PORT_NUMBER") {
		return true
	}
	return slices.Contains(imagePortVars[name], key)
}

// ownPortKey reports a variable that sets the port the service itself
// listens on. DB_PORT in an api service is the database's port, so only
// generic names and the service's own name count.
func ownPortKey(key, service string) bool {
	switch strings.ToUpper(key) {
	case "PORT", "SERVER_PORT", "HTTP_PORT", "APP_PORT", "LISTEN_PORT", "WEB_PORT", "APPLICATION_PORT":
		return true
	}
	base, ok := strings.CutSuffix(strings.ToUpper(key), "_PORT")
	return ok && base != "" && namesService(base, service) && !strings.Contains(base, "_")
}

// commandPorts returns the ports a service's command or entrypoint makes
// it listen on.
func commandPorts(s *compose.Service) []int {
	var out []int
	for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		words := argValues(args)
		for _, ep := range endpoint.FromArgs(words) {
			if ep.Role == endpoint.Bind && ep.Port > 0 {
				out = append(out, ep.Port)
			}
		}
		for i, w := range words {
			name, val, hasVal := strings.Cut(w, "=")
			if name != "--port" && name != "--http-port" && name != "--listen-port" && name != "--server.port" {
				continue
			}
			if !hasVal && i+1 < len(words) {
				val = words[i+1]
			}
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n < 65536 {
				out = append(out, n)
			}
		}
	}
	return out
}

func argValues(args []compose.Arg) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

// publishedBy returns the container port that host port hp maps to.
func publishedBy(s *compose.Service, hp int) (int, bool) {
	for _, p := range s.Ports {
		if p.Published != 0 && hp >= p.Published && hp <= p.PublishedEnd {
			return p.Target + (hp - p.Published), true
		}
	}
	return 0, false
}

// netModel is the project's network as the containers see it: which
// networks each service is on, which names it resolves, where it listens.
type netModel struct {
	p      *compose.Project
	byName map[string]*compose.Service
	// byContainer maps container_name to its service.
	byContainer map[string]*compose.Service
	listen      map[*compose.Service]map[int]bool

	// Indexes built once, so every rule stays linear in services.
	members  map[*compose.Service][]*compose.Service // namespace root -> services in it
	onNet    map[string]map[string]*compose.Service  // network -> DNS name -> service (namespace roots)
	anyName  map[string]*compose.Service             // every service name, container name, hostname, alias, links alias
	allNames []string                                // the same names, in project order
	extra    map[string]bool                         // extra_hosts and external_links names, lower case
	under    map[string]*compose.Service             // service name with "-" as "_" -> service
	suggests map[string]string                       // suggest cache
	byWords  map[string][]*compose.Service           // service name as "word_word" -> services
	byPort   map[int][]*compose.Service              // container port -> services listening there
	byPub    map[int][]*compose.Service              // host port -> services publishing it
	deletes  map[string][]int                        // suggestion index, built on first use
}

// Network modes of a service.
const (
	modeNetworks  = ""          // networks: (or the default network)
	modeHost      = "host"      // the host's namespace
	modeNone      = "none"      // no network
	modeBridge    = "bridge"    // Docker's legacy bridge: no DNS by name
	modeService   = "service"   // service:x
	modeContainer = "container" // container:x
	modeOther     = "other"     // anything else (a network name, a template)
)

func newNet(p *Pass) *netModel {
	if sh := p.shared; sh != nil {
		if !sh.done.net {
			sh.net, sh.done.net = buildNet(p), true
		}
		return sh.net
	}
	return buildNet(p)
}

func buildNet(p *Pass) *netModel {
	m := &netModel{p: p.Project, byName: map[string]*compose.Service{}, byContainer: map[string]*compose.Service{},
		listen: map[*compose.Service]map[int]bool{}}
	for _, s := range p.Project.Services {
		m.byName[s.Name] = s
		if s.ContainerName != nil && s.ContainerName.Value != "" {
			m.byContainer[strings.ToLower(s.ContainerName.Value)] = s
		}
		m.listen[s] = listenPorts(s, p.Settings.ImagePorts)
	}
	m.index()
	return m
}

func (m *netModel) index() {
	m.members = map[*compose.Service][]*compose.Service{}
	m.onNet = map[string]map[string]*compose.Service{}
	m.anyName = map[string]*compose.Service{}
	m.extra = map[string]bool{}
	m.under = map[string]*compose.Service{}
	m.suggests = map[string]string{}
	m.byWords = map[string][]*compose.Service{}
	m.byPort = map[int][]*compose.Service{}
	m.byPub = map[int][]*compose.Service{}
	for _, t := range m.p.Services {
		if w := serviceWords(t.Name); len(w) > 0 {
			k := strings.Join(w, "_")
			m.byWords[k] = append(m.byWords[k], t)
		}
		for port := range m.listen[t] {
			m.byPort[port] = append(m.byPort[port], t)
		}
		seen := map[int]bool{}
		for _, pt := range t.Ports {
			for hp := pt.Published; pt.Published != 0 && hp <= pt.PublishedEnd && hp-pt.Published < 1024; hp++ {
				if !seen[hp] {
					seen[hp] = true
					m.byPub[hp] = append(m.byPub[hp], t)
				}
			}
		}
	}
	name := func(n string, t *compose.Service) {
		if _, ok := m.anyName[n]; !ok {
			m.anyName[n] = t
			m.allNames = append(m.allNames, n)
		}
	}
	for _, t := range m.p.Services {
		if r := m.root(t); r != nil {
			m.members[r] = append(m.members[r], t)
		}
		m.under[strings.ReplaceAll(strings.ToLower(t.Name), "-", "_")] = t
		refs := t.Networks
		if len(refs) == 0 {
			refs = []compose.NetworkRef{{}}
		}
		for _, ref := range refs {
			for _, n := range dnsNames(t, ref) {
				name(n, t)
			}
		}
		if m.root(t) == t {
			for _, ref := range m.networks(t) {
				if m.onNet[ref.Name] == nil {
					m.onNet[ref.Name] = map[string]*compose.Service{}
				}
				for _, n := range dnsNames(t, ref) {
					if _, ok := m.onNet[ref.Name][n]; !ok {
						m.onNet[ref.Name][n] = t
					}
				}
			}
		}
		for _, h := range t.ExtraHosts {
			m.extra[strings.ToLower(h.Host)] = true
		}
		if el := t.Node.Get("external_links"); el != nil {
			for _, it := range el.Items {
				n, alias, _ := strings.Cut(it.Value, ":")
				m.extra[strings.ToLower(n)] = true
				if alias != "" {
					m.extra[strings.ToLower(alias)] = true
				}
			}
		}
	}
	// Links aliases come after every service's own names, as identify
	// looked them up last.
	for _, s := range m.p.Services {
		for _, l := range s.Links {
			if t := m.byName[l.Service]; t != nil {
				name(strings.ToLower(l.Alias), t)
			}
		}
	}
}

// mode returns s's network mode and, for service:x and container:x, x.
func (m *netModel) mode(s *compose.Service) (string, string) {
	if s.NetworkMode == nil {
		return modeNetworks, ""
	}
	v := strings.TrimSpace(s.NetworkMode.Value)
	switch v {
	case "host", "none", "bridge":
		return v, ""
	case "", "default":
		return modeNetworks, ""
	}
	if x, ok := strings.CutPrefix(v, "service:"); ok {
		return modeService, x
	}
	if x, ok := strings.CutPrefix(v, "container:"); ok {
		return modeContainer, x
	}
	return modeOther, ""
}

// root follows network_mode service:x and container:x to the service
// whose network namespace s uses; nil when it is not a service of the
// project (a container started elsewhere) or the chain loops.
func (m *netModel) root(s *compose.Service) *compose.Service {
	for i := 0; i < 16 && s != nil; i++ {
		mode, x := m.mode(s)
		switch mode {
		case modeService:
			s = m.byName[x]
		case modeContainer:
			s = m.byContainer[strings.ToLower(x)]
			if s == nil {
				s = m.byName[x]
			}
		default:
			return s
		}
	}
	return nil
}

// namespace returns the services sharing s's network namespace (s, the
// service it borrows it from, and every other sidecar of that service);
// nil when the namespace is not one of the project's.
func (m *netModel) namespace(s *compose.Service) []*compose.Service {
	r := m.root(s)
	if r == nil {
		return nil
	}
	return m.members[r]
}

// listensIn reports whether any service in s's namespace listens on port
// (or publishes it: ports published on the namespace's owner are its own).
func (m *netModel) listensIn(s *compose.Service, port int) bool {
	ns := m.namespace(s)
	if ns == nil {
		ns = []*compose.Service{s}
	}
	for _, t := range ns {
		if m.listen[t][port] {
			return true
		}
	}
	return false
}

// networks returns the names of the networks s's namespace is attached to.
func (m *netModel) networks(s *compose.Service) []compose.NetworkRef {
	r := m.root(s)
	if r == nil {
		return nil
	}
	if mode, _ := m.mode(r); mode != modeNetworks {
		return nil
	}
	return r.Networks
}

// onExternal reports whether s sits on a network created outside the
// project, where names of other projects' containers resolve too.
func (m *netModel) onExternal(s *compose.Service) bool {
	for _, n := range m.networks(s) {
		if nw := m.p.Networks[n.Name]; nw != nil && nw.External {
			return true
		}
	}
	return false
}

// shared returns the networks a and b are both attached to.
func (m *netModel) shared(a, b *compose.Service) []string {
	var out []string
	for _, x := range m.networks(a) {
		for _, y := range m.networks(b) {
			if x.Name == y.Name {
				out = append(out, x.Name)
			}
		}
	}
	return out
}

// dnsNames returns the names other containers resolve for t on network
// ref: its service name, container_name, hostname, and that network's
// aliases.
func dnsNames(t *compose.Service, ref compose.NetworkRef) []string {
	out := []string{strings.ToLower(t.Name)}
	if t.ContainerName != nil && t.ContainerName.Value != "" {
		out = append(out, strings.ToLower(t.ContainerName.Value))
	}
	if t.Hostname != nil && t.Hostname.Value != "" && !isIP(t.Hostname.Value) {
		out = append(out, strings.ToLower(t.Hostname.Value))
	}
	for _, a := range ref.Aliases {
		if a.Value != "" {
			out = append(out, strings.ToLower(a.Value))
		}
	}
	return out
}

// identify returns the service a name designates anywhere in the project
// (its service name, container_name, hostname, any network alias, or a
// links alias of any service), regardless of who can resolve it.
func (m *netModel) identify(host string) *compose.Service {
	host = strings.ToLower(host)
	if t := m.byName[host]; t != nil {
		return t
	}
	return m.anyName[host]
}

// known reports whether anything in the project names host: a service,
// container name, hostname, alias, links alias or extra_hosts entry.
func (m *netModel) known(host string) bool {
	// extra_hosts entries, and external_links: containers of other
	// projects, by name or alias.
	return m.identify(host) != nil || m.extra[strings.ToLower(host)]
}

// resolution is what a name means to one service.
type resolution struct {
	target *compose.Service // the service reached; nil for extra_hosts
	via    string           // "network", "link", "extra_hosts", "self"
	ok     bool
}

// resolve returns what host means inside s: its own names, its
// extra_hosts and links, and the names of services on its networks.
func (m *netModel) resolve(s *compose.Service, host string) resolution {
	host = strings.ToLower(host)
	for _, h := range s.ExtraHosts {
		if strings.EqualFold(h.Host, host) {
			return resolution{via: "extra_hosts", ok: true}
		}
	}
	for _, t := range m.namespace(s) {
		for _, n := range dnsNames(t, compose.NetworkRef{}) {
			if n == host {
				return resolution{target: t, via: "self", ok: true}
			}
		}
	}
	if m.namespace(s) == nil && strings.EqualFold(s.Name, host) {
		return resolution{target: s, via: "self", ok: true}
	}
	// A sidecar uses the /etc/hosts of the container whose namespace it
	// shares, links included.
	links := s.Links
	if r := m.root(s); r != nil && r != s {
		links = append(slices.Clip(links), r.Links...)
	}
	for _, l := range links {
		t := m.byName[l.Service]
		if t == nil {
			continue
		}
		// A link resolves only where the two containers can talk: on a
		// shared network, or both on the legacy bridge, where Docker
		// writes the alias and the linked container's hostname and name
		// (not its service name) into /etc/hosts.
		if (strings.EqualFold(l.Alias, host) || slices.Contains(dnsNames(t, compose.NetworkRef{})[1:], host) ||
			strings.EqualFold(l.Service, host) && len(m.shared(s, t)) > 0) && m.linkable(s, t) {
			return resolution{target: t, via: "link", ok: true}
		}
	}
	// The first service (in project order) with the name on any of s's
	// networks, as Docker's DNS answers with one of them.
	var best *compose.Service
	bestIdx := -1
	for _, ref := range m.networks(s) {
		if t := m.onNet[ref.Name][host]; t != nil {
			if i := m.order(t); best == nil || i < bestIdx {
				best, bestIdx = t, i
			}
		}
	}
	if best != nil {
		return resolution{target: best, via: "network", ok: true}
	}
	return resolution{}
}

// order is a service's position in the project.
func (m *netModel) order(t *compose.Service) int {
	i, _ := slices.BinarySearchFunc(m.p.Services, t.Name, func(s *compose.Service, n string) int { return strings.Compare(s.Name, n) })
	return i
}

// linkable reports whether a links: entry from s to t can work. Between
// two services on Docker's default bridge it does: Compose v1 passed links
// at creation, and v2 does again since v2.6.1 (docker/compose#9523, which
// fixed #9053 and #9513; Compose's e2e TestNetworkLinks checks it). A link
// to a service that borrows another's namespace (network_mode service:x)
// does not: that container has no endpoint to link to (docker/compose#3545).
func (m *netModel) linkable(s, t *compose.Service) bool {
	if m.root(t) != t {
		return false
	}
	if len(m.shared(s, t)) > 0 {
		return true
	}
	rs, rt := m.root(s), m.root(t)
	if rs == nil || rt == nil {
		return false
	}
	ms, _ := m.mode(rs)
	mt, _ := m.mode(rt)
	return ms == modeBridge && mt == modeBridge
}

// networksNote is a related location listing the networks of s.
func (m *netModel) networksNote(s *compose.Service) diag.Related {
	rng := s.Key.Range
	if n := s.Node.Get("networks"); n != nil {
		rng = n.Range
	} else if s.NetworkMode != nil {
		rng = s.NetworkMode.Range
	}
	var names []string
	for _, r := range m.networks(s) {
		names = append(names, r.Name)
	}
	msg := fmt.Sprintf("service %q is on networks %s", s.Name, QuoteList(names))
	switch {
	case s.NetworkMode != nil:
		msg = fmt.Sprintf("service %q uses network_mode %q", s.Name, s.NetworkMode.Value)
	case len(names) == 1 && names[0] == "default" && s.Node.Get("networks") == nil:
		msg = fmt.Sprintf("service %q is on the project's default network only", s.Name)
	case len(names) == 1:
		msg = fmt.Sprintf("service %q is on network %q only", s.Name, names[0])
	}
	return diag.Related{Range: rng, Message: msg}
}

// staticIPs returns the ipv4_address and ipv6_address of every service,
// by address.
func (m *netModel) staticIPs() map[netip.Addr]*compose.Service {
	out := map[netip.Addr]*compose.Service{}
	for _, s := range m.p.Services {
		for _, r := range s.Networks {
			for _, n := range []*compose.Node{r.IPv4, r.IPv6} {
				if n == nil {
					continue
				}
				if a, err := netip.ParseAddr(strings.TrimSpace(n.Value)); err == nil {
					out[a.Unmap()] = s
				}
			}
		}
	}
	return out
}

// sortedServices returns names sorted, without duplicates.
func sortedNames(ss []*compose.Service) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s.Name)
		}
	}
	sort.Strings(out)
	return out
}

// occurrence is one endpoint written in a service's configuration: in an
// environment variable or build argument (grouped by where the value is
// written, so that a value shared through an anchor or a .env line is one
// occurrence naming every service that reads it), or in a command or
// entrypoint.
type occurrence struct {
	Key      string // variable name; "" in a command or entrypoint
	Value    *Value // nil in a command or entrypoint
	EP       endpoint.Endpoint
	Services []*compose.Service
	text     string // the string EP's offsets index
	node     *compose.Node
	base     int  // offset of text in node.Value
	direct   bool // text == node.Value[base:base+len(text)]
	word     diag.Range
	portHere bool // the port offsets index text (not another argument)

	// A host variable (DB_HOST=localhost) takes its port from elsewhere:
	// its port variable (DB_PORT), written in portNode, or what the name
	// and the project say (portFrom: "Redis's default port").
	hostVar  bool
	portKey  string
	portNode *compose.Node
	portFrom string
	// list: the value holds several endpoints (a seed or broker list).
	list bool
}

// occurrences returns every endpoint in the project's environment, build
// arguments, commands and entrypoints (healthchecks are not read: they
// run inside the container itself).
func occurrences(p *Pass) []*occurrence {
	if sh := p.shared; sh != nil {
		if !sh.done.occ {
			sh.occ, sh.done.occ = buildOccurrences(p), true
		}
		return sh.occ
	}
	return buildOccurrences(p)
}

func buildOccurrences(p *Pass) []*occurrence {
	prefixes := append(append([]string(nil), endpoint.DefaultBrowserPrefixes...), p.Settings.BrowserPrefixes...)
	var out []*occurrence
	for _, v := range p.values() {
		eps := endpoint.FromEnv(v.Key, v.Node.Value, prefixes)
		for _, ep := range eps {
			o := &occurrence{Key: v.Key, Value: v, EP: ep, text: v.Node.Value, node: v.Node, direct: true, portHere: true, list: len(eps) > 1}
			for _, u := range v.Uses {
				o.Services = append(o.Services, u.Service)
			}
			if ep.Scheme == "" && ep.Listener == "" && ep.Port == 0 {
				out = append(out, pairPorts(p, o)...)
				continue
			}
			out = append(out, o)
		}
	}
	idx := map[string]*occurrence{}
	for _, s := range p.Project.Services {
		for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
			if len(args) == 0 {
				continue
			}
			for _, ep := range endpoint.FromArgs(argValues(args)) {
				a := args[ep.ArgIndex]
				k := fmt.Sprintf("%p:%d:%d:%d", a.Node, a.Start, ep.Start, ep.HostStart)
				if o := idx[k]; o != nil {
					o.Services = append(o.Services, s)
					continue
				}
				base, direct := wordBase(a)
				o := &occurrence{EP: ep.Endpoint, Services: []*compose.Service{s}, text: a.Value, node: a.Node,
					base: base, direct: direct, word: a.Range(), portHere: ep.PortArg == -1 || ep.PortArg == ep.ArgIndex}
				if !o.portHere {
					o.EP.PortStart, o.EP.PortEnd = -1, -1
				}
				idx[k] = o
				out = append(out, o)
			}
		}
	}
	if len(p.Settings.AllowHosts) == 0 {
		return out
	}
	// Hosts the configuration allows are never reported, by any rule.
	allow := map[string]bool{}
	for _, h := range p.Settings.AllowHosts {
		allow[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	kept := out[:0]
	for _, o := range out {
		if !allow[o.EP.Host] {
			kept = append(kept, o)
		}
	}
	return kept
}

// pairPorts gives a host variable's endpoint the port it will be used
// with, per service that reads it: the value of its port variable there
// (DB_HOST with DB_PORT), else the port its name implies (REDIS_HOST:
// 6379), else the port of the project's only database (DB_HOST), else the
// port of the service it is named after when that service listens on one
// port only. Services that read the host with different ports get an
// occurrence each. A port variable whose value is not a number leaves the
// port unknown.
func pairPorts(p *Pass, o *occurrence) []*occurrence {
	hv, ok := endpoint.ParseHostVar(o.Key)
	if !ok || o.EP.Role != endpoint.Connect {
		return []*occurrence{o}
	}
	o.hostVar = true
	type group struct {
		node *compose.Node
		port int
		ss   []*compose.Service
	}
	var groups []*group
	for _, s := range o.Services {
		var n *compose.Node
		for i := range s.Env {
			if s.Env[i].Key == hv.PortKey {
				n = s.Env[i].Value
			}
		}
		port := 0
		if n != nil {
			v, err := strconv.Atoi(strings.TrimSpace(n.Value))
			if err != nil || v <= 0 || v > 65535 {
				v = -1 // written, but not known: say nothing about the port
			}
			port = v
		}
		var g *group
		for _, x := range groups {
			if x.port == port && (x.node == nil) == (n == nil) && (n == nil || x.node.Origin() == n.Origin()) {
				g = x
			}
		}
		if g == nil {
			g = &group{node: n, port: port}
			groups = append(groups, g)
		}
		g.ss = append(g.ss, s)
	}
	out := make([]*occurrence, 0, len(groups))
	for i, g := range groups {
		x := o
		if i > 0 {
			c := *o
			x = &c
		}
		x.Services = g.ss
		switch {
		case g.port > 0:
			x.EP.Port, x.portNode, x.portKey = g.port, g.node, hv.PortKey
		case g.port == 0:
			impliedPort(p, x, hv)
		}
		out = append(out, x)
	}
	return out
}

// impliedPort sets the port a host variable without a port variable is
// used with, when its name or the project makes it certain.
func impliedPort(p *Pass, o *occurrence, hv endpoint.HostVar) {
	if d, name := endpoint.Backing(hv.Stem); d != 0 {
		o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("%s's default port", name)
		return
	}
	m := newNet(p)
	if hasDatabaseWord(hv.Stem) {
		var dbs []*compose.Service
		for _, t := range p.Project.Services {
			if databaseImages[software(t)] {
				dbs = append(dbs, t)
			}
		}
		if len(dbs) == 1 && len(m.listen[dbs[0]]) == 1 {
			for d := range m.listen[dbs[0]] {
				o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("the port of the project's only database, %q", dbs[0].Name)
			}
		}
		return
	}
	stem := strings.Join(hv.Stem, "_")
	for _, t := range m.named(stem) {
		if !namesService(stem, t.Name) || len(m.listen[t]) != 1 {
			continue
		}
		for d := range m.listen[t] {
			o.EP.DefaultPort, o.portFrom = d, fmt.Sprintf("the port service %q listens on", t.Name)
		}
		return
	}
}

// databaseImages are the images of database servers.
var databaseImages = map[string]bool{
	"postgres": true, "postgis/postgis": true, "timescale/timescaledb": true, "mysql": true, "mariadb": true,
	"percona": true, "mongo": true, "bitnami/mongodb": true, "mcr.microsoft.com/mssql/server": true,
	"bitnami/postgresql": true, "bitnami/mysql": true, "bitnami/mariadb": true,
}

func hasDatabaseWord(words []string) bool {
	for _, w := range words {
		if w == "DB" || w == "DATABASE" {
			return true
		}
	}
	return false
}

// portAt is the range of the port as written: in the value, or in the
// port variable's value; ok when an edit there is safe.
func (o *occurrence) portAt() (diag.Range, bool) {
	if o.EP.PortStart >= 0 {
		return o.at(o.EP.PortStart, o.EP.PortEnd)
	}
	if o.portNode != nil {
		v := o.portNode.Value
		i := len(v) - len(strings.TrimLeft(v, " \t"))
		j := len(strings.TrimRight(v, " \t"))
		if r, ok := o.portNode.ExactRange(i, j); ok {
			return r, true
		}
		return o.portNode.SubRange(0, len(v)), false
	}
	return o.hostAt()
}

// wordBase returns where a command word's text starts in its scalar, and
// whether it is written there byte for byte (plainly or inside quotes
// without escapes).
func wordBase(a compose.Arg) (int, bool) {
	if a.Node == nil || a.Start < 0 || a.Start > a.End || a.End > len(a.Node.Value) {
		return 0, false
	}
	w := a.Node.Value[a.Start:a.End]
	if w == a.Value {
		return a.Start, true
	}
	if len(w) == len(a.Value)+2 && (w[0] == '"' || w[0] == '\'') && w[len(w)-1] == w[0] && w[1:len(w)-1] == a.Value {
		return a.Start + 1, true
	}
	return 0, false
}

// at returns the source range of text[start:end], and whether an edit
// there is safe (the bytes map one to one onto a file).
func (o *occurrence) at(start, end int) (diag.Range, bool) {
	if !o.direct || o.node == nil {
		return o.word, false
	}
	if r, ok := o.node.ExactRange(o.base+start, o.base+end); ok {
		return r, true
	}
	return o.node.SubRange(o.base+start, o.base+end), false
}

// hostAt is the range of the host, with an edit-safe flag.
func (o *occurrence) hostAt() (diag.Range, bool) { return o.at(o.EP.HostStart, o.EP.HostEnd) }

// related explains where the value is used when that is not where it is
// written (a .env line, an env_file, an anchor).
func (o *occurrence) related(rng diag.Range) []diag.Related {
	if o.Value == nil {
		return nil
	}
	uses := o.Value.Uses
	if len(o.Services) > 0 && len(o.Services) < len(uses) {
		// Only the services this occurrence is about (a host variable
		// read with different ports is split by service).
		var kept []Use
		for _, u := range uses {
			if slices.Contains(o.Services, u.Service) {
				kept = append(kept, u)
			}
		}
		uses = kept
	}
	if len(uses) > 1 {
		// A value under an anchor: every use has the anchor's key, so
		// point at the services that inherit it instead.
		same := true
		for _, u := range uses {
			if u.Var.From == "env_file" || u.Var.From == "mounted" || u.Var.KeyAt == nil || uses[0].Var.KeyAt == nil || u.Var.KeyAt.Range != uses[0].Var.KeyAt.Range {
				same = false
			}
		}
		if same {
			var out []diag.Related
			for _, u := range uses {
				out = append(out, diag.Related{Range: u.Service.Key.Range, Message: fmt.Sprintf("service %q inherits this value", u.Service.Name)})
			}
			return out
		}
	}
	v := *o.Value
	v.Uses = uses
	return v.Related(rng)
}

// verb renders `service "a" reaches` or `services "a" and "b" reach`.
func verb(ss []*compose.Service, one, many string) string {
	if len(sortedNames(ss)) == 1 {
		return subject(ss) + " " + one
	}
	return subject(ss) + " " + many
}

// subject renders `service "a"` or `services "a" and "b"`.
func subject(ss []*compose.Service) string {
	names := sortedNames(ss)
	if len(names) == 1 {
		return fmt.Sprintf("service %q", names[0])
	}
	return "services " + QuoteList(names)
}

// hostEdit returns the replacement of the endpoint's host by name (with
// IPv6 brackets widened) as [start,end) in o.text.
func (o *occurrence) hostSpan() (int, int) {
	start, end := o.EP.HostStart, o.EP.HostEnd
	if start > 0 && o.text[start-1] == '[' && end < len(o.text) && o.text[end] == ']' {
		start, end = start-1, end+1
	}
	return start, end
}

// addr renders host:port as written, with brackets around IPv6; a host
// variable's host alone (portNote says where its port comes from).
func (o *occurrence) addr() string {
	h := o.text[o.EP.HostStart:o.EP.HostEnd]
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if o.hostVar {
		return h
	}
	if p := o.EP.EffectivePort(); p != 0 {
		return h + ":" + strconv.Itoa(p)
	}
	return h
}

// portNote says, for a host variable, on which port it is used and why:
// ` on port 5432 (DB_PORT)`.
func (o *occurrence) portNote() string {
	switch {
	case !o.hostVar || o.EP.EffectivePort() == 0:
		return ""
	case o.portKey != "":
		return fmt.Sprintf(" on port %d (%s)", o.EP.Port, o.portKey)
	case o.portFrom != "":
		return fmt.Sprintf(" on port %d (%s)", o.EP.EffectivePort(), o.portFrom)
	}
	return ""
}

func isIP(s string) bool {
	_, err := netip.ParseAddr(strings.TrimSpace(s))
	return err == nil
}
