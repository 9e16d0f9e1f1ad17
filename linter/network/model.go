package network

import (
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/suggest"
)

// Model is the project's network as the containers see it: which
// networks each service is on, which names it resolves, where it listens.
type Model struct {
	p      *compose.Project
	byName smallMap[string, *compose.Service]
	// byContainer maps container_name to its service.
	byContainer map[string]*compose.Service
	listen      []Ports // by position in the project (pos)

	// Indexes built once, so every rule stays linear in services.
	members     [][]*compose.Service                 // by the position of a namespace's root: the services in it
	own         [][]string                           // by position: ownNames of every service (read only: shared)
	onNet       smallMap[netName, *compose.Service]  // network and DNS name -> service (namespace roots)
	anyName     smallMap[string, *compose.Service]   // every service name, container name, hostname, alias, links alias
	allNames    []string                             // the same names, in project order
	extra       map[string]bool                      // extra_hosts and external_links names, lower case
	under       smallMap[string, *compose.Service]   // service name with "-" as "_" -> service
	byWords     smallMap[string, []*compose.Service] // service name as "word_word" -> services
	byPort      smallMap[int, []*compose.Service]    // container port -> services listening there
	byPub       smallMap[int, []*compose.Service]    // host port -> services publishing it
	suggestOnce sync.Once
	suggestIdx  *suggest.Index // "did you mean" over allNames, built on first use
	resolvedMu  sync.Mutex
	resolved    map[resolveKey]Resolution // Resolve's answers
	occ         []*Occurrence
	values      []*Value
	imagePorts  map[string][]int // configured: image-name substring -> ports
}

// Options are the settings that change the model.
type Options struct {
	ImagePorts      map[string][]int // image-name substring -> extra ports its containers listen on
	BrowserPrefixes []string         // added to endpoint.DefaultBrowserPrefixes
	AllowHosts      []string         // hosts never reported: their endpoints are left out
}

// Mode is a service's network mode.
type Mode string

// Network modes of a service.
const (
	ModeNetworks  Mode = ""          // networks: (or the default network)
	ModeHost      Mode = "host"      // the host's namespace
	ModeNone      Mode = "none"      // no network
	ModeBridge    Mode = "bridge"    // Docker's legacy bridge: no DNS by name
	ModeService   Mode = "service"   // service:x
	ModeContainer Mode = "container" // container:x
	ModeOther     Mode = "other"     // anything else (a network name, a template)
)

// Build computes the network model of p: built once per project, then
// only read (by every rule, and safe for concurrent readers).
func Build(p *compose.Project, o Options) *Model {
	m := &Model{p: p, byName: newSmallMap[string, *compose.Service](len(p.Services)),
		listen: make([]Ports, len(p.Services)), imagePorts: o.ImagePorts}
	bindMemo := map[string][]int{}
	// Each service's variables are read once, for its ports and its
	// values: in a large project their nodes are no longer in the
	// processor's cache by a second pass.
	g := newGrouper(p)
	var cmd [][2][]endpoint.ArgEndpoint // each service's command lines, read for ports and for occurrences
	for i, s := range p.Services {
		m.byName.set(s.Name, s)
		if s.ContainerName != nil && s.ContainerName.Value != "" {
			if m.byContainer == nil {
				m.byContainer = map[string]*compose.Service{}
			}
			m.byContainer[strings.ToLower(s.ContainerName.Value)] = s
		}
		var c [2][]endpoint.ArgEndpoint
		if len(s.Entrypoint)+len(s.Command) > 0 {
			if cmd == nil {
				cmd = make([][2][]endpoint.ArgEndpoint, len(p.Services))
			}
			c = commandEndpoints(s)
			cmd[i] = c
		}
		m.listen[i] = listenPorts(s, o.ImagePorts, bindMemo, c)
		g.service(s)
	}
	m.values = g.done()
	m.index()
	m.occ = m.buildOccurrences(o, cmd)
	return m
}

// Project is the project the model describes.
func (m *Model) Project() *compose.Project { return m.p }

// Service returns the service called name, or nil.
func (m *Model) Service(name string) *compose.Service { return m.byName.get(name) }

// Listen returns the container ports t listens on (read only).
func (m *Model) Listen(t *compose.Service) Ports {
	if i := m.pos(t); i >= 0 {
		return m.listen[i]
	}
	return nil
}

// pos is t's position in the project, or -1 when t is none of its
// services.
func (m *Model) pos(t *compose.Service) int {
	if t != nil && t.Index >= 0 && t.Index < len(m.p.Services) && m.p.Services[t.Index] == t {
		return t.Index
	}
	// A project put together without Project.build (tests).
	for i, s := range m.p.Services {
		if s == t {
			return i
		}
	}
	return -1
}

// Listeners returns the services listening on container port port, in
// project order (read only).
func (m *Model) Listeners(port int) []*compose.Service { return m.byPort.get(port) }

// Publishers returns the services publishing host port port (read only).
func (m *Model) Publishers(port int) []*compose.Service { return m.byPub.get(port) }

// Occurrences returns every endpoint written in the project's environment,
// env files, build arguments, commands and entrypoints (read only).
func (m *Model) Occurrences() []*Occurrence { return m.occ }

// Values returns the project's environment values grouped by where they
// are written (read only).
func (m *Model) Values() []*Value { return m.values }

func (m *Model) index() {
	m.members = make([][]*compose.Service, len(m.p.Services))
	n := len(m.p.Services) // most services add one name to each map
	m.onNet = newSmallMap[netName, *compose.Service](n)
	m.anyName = newSmallMap[string, *compose.Service](n)
	m.allNames = make([]string, 0, n)
	m.under = newSmallMap[string, *compose.Service](n)
	m.byWords = newSmallMap[string, []*compose.Service](n)
	m.byPort = newSmallMap[int, []*compose.Service](n)
	m.byPub = newSmallMap[int, []*compose.Service](n)
	// Most lists hold one service: the first of each is cut from a block.
	words, ports := slots(n), slots(n)
	for _, t := range m.p.Services {
		if k := wordsKey(t.Name); k != "" {
			m.byWords.set(k, appendIn(m.byWords.get(k), t, &words))
		}
		for _, port := range m.Listen(t) {
			m.byPort.set(port, appendIn(m.byPort.get(port), t, &ports))
		}
		seen := map[int]bool{}
		for _, pt := range t.Ports {
			for hp := pt.Published; pt.Published != 0 && hp <= pt.PublishedEnd && hp-pt.Published < 1024; hp++ {
				if !seen[hp] {
					seen[hp] = true
					m.byPub.set(hp, append(m.byPub.get(hp), t))
				}
			}
		}
	}
	name := func(n string, t *compose.Service) {
		if _, ok := m.anyName.lookup(n); !ok {
			m.anyName.set(n, t)
			m.allNames = append(m.allNames, n)
		}
	}
	m.own = make([][]string, len(m.p.Services))
	own := make([]string, 0, n) // most services have their name alone
	for i, t := range m.p.Services {
		from := len(own)
		own = appendOwnNames(own, t)
		m.own[i] = own[from:len(own):len(own)]
	}
	members := slots(n)
	for _, t := range m.p.Services {
		if i := m.pos(m.Root(t)); i >= 0 {
			m.members[i] = appendIn(m.members[i], t, &members)
		}
		m.under.set(strings.ReplaceAll(strings.ToLower(t.Name), "-", "_"), t)
		refs := t.Networks
		if len(refs) == 0 {
			refs = []compose.NetworkRef{{}}
		}
		for _, ref := range refs {
			for _, n := range m.dnsNames(t, ref) {
				name(n, t)
			}
		}
		if m.Root(t) == t {
			for _, ref := range m.Networks(t) {
				for _, n := range m.dnsNames(t, ref) {
					if _, ok := m.onNet.lookup(netName{ref.Name, n}); !ok {
						m.onNet.set(netName{ref.Name, n}, t)
					}
				}
			}
		}
		for _, h := range t.ExtraHosts {
			m.addExtra(h.Host)
		}
		if el := t.ExternalLinks; el != nil {
			for _, it := range el.Items {
				n, alias, _ := strings.Cut(it.Value, ":")
				m.addExtra(n)
				if alias != "" {
					m.addExtra(alias)
				}
			}
		}
	}
	// Links aliases come after every service's own names, as identify
	// looked them up last.
	for _, s := range m.p.Services {
		for _, l := range s.Links {
			if t := m.byName.get(l.Service); t != nil {
				name(strings.ToLower(l.Alias), t)
			}
		}
	}
}

// slots is a block of n one-service lists for appendIn.
func slots(n int) []*compose.Service { return make([]*compose.Service, 0, n) }

// appendIn appends t to list, whose first element takes a slot of block.
func appendIn(list []*compose.Service, t *compose.Service, block *[]*compose.Service) []*compose.Service {
	if len(list) == 0 && len(*block) < cap(*block) {
		*block = append(*block, t)
		return (*block)[len(*block)-1 : len(*block) : len(*block)]
	}
	return append(list, t)
}

// netName is a DNS name on a network.
type netName struct{ net, name string }

// addExtra records a name extra_hosts or external_links defines (the map
// is made for the projects that have one).
func (m *Model) addExtra(name string) {
	if m.extra == nil {
		m.extra = map[string]bool{}
	}
	m.extra[strings.ToLower(name)] = true
}

// Mode returns s's network mode and, for service:x and container:x, x.
func (m *Model) Mode(s *compose.Service) (Mode, string) {
	if s.NetworkMode == nil {
		return ModeNetworks, ""
	}
	v := strings.TrimSpace(s.NetworkMode.Value)
	switch v {
	case "host", "none", "bridge":
		return Mode(v), ""
	case "", "default":
		return ModeNetworks, ""
	}
	if x, ok := strings.CutPrefix(v, "service:"); ok {
		return ModeService, x
	}
	if x, ok := strings.CutPrefix(v, "container:"); ok {
		return ModeContainer, x
	}
	return ModeOther, ""
}

// Root follows network_mode service:x and container:x to the service
// whose network namespace s uses; nil when it is not a service of the
// project (a container started elsewhere) or the chain loops.
func (m *Model) Root(s *compose.Service) *compose.Service {
	for i := 0; i < 16 && s != nil; i++ {
		mode, x := m.Mode(s)
		switch mode {
		case ModeService:
			s = m.byName.get(x)
		case ModeContainer:
			s = m.byContainer[strings.ToLower(x)]
			if s == nil {
				s = m.byName.get(x)
			}
		default:
			return s
		}
	}
	return nil
}

// Namespace returns the services sharing s's network namespace (s, the
// service it borrows it from, and every other sidecar of that service);
// nil when the namespace is not one of the project's.
func (m *Model) Namespace(s *compose.Service) []*compose.Service {
	if i := m.pos(m.Root(s)); i >= 0 {
		return m.members[i]
	}
	return nil
}

// ListensIn reports whether any service in s's namespace listens on port
// (or publishes it: ports published on the namespace's owner are its own).
func (m *Model) ListensIn(s *compose.Service, port int) bool {
	ns := m.Namespace(s)
	if ns == nil {
		ns = []*compose.Service{s}
	}
	for _, t := range ns {
		if m.Listen(t).Has(port) {
			return true
		}
	}
	return false
}

// Networks returns the names of the networks s's namespace is attached to.
func (m *Model) Networks(s *compose.Service) []compose.NetworkRef {
	r := m.Root(s)
	if r == nil {
		return nil
	}
	if mode, _ := m.Mode(r); mode != ModeNetworks {
		return nil
	}
	return r.Networks
}

// OnExternal reports whether s sits on a network created outside the
// project, or one with a fixed name: that other projects join, where names
// of other projects' containers resolve too.
func (m *Model) OnExternal(s *compose.Service) bool {
	for _, n := range m.Networks(s) {
		if nw := m.p.Networks[n.Name]; nw != nil && (nw.External || nw.Named) {
			return true
		}
	}
	return false
}

// Shared returns the networks a and b are both attached to.
func (m *Model) Shared(a, b *compose.Service) []string {
	var out []string
	for _, x := range m.Networks(a) {
		for _, y := range m.Networks(b) {
			if x.Name == y.Name {
				out = append(out, x.Name)
			}
		}
	}
	return out
}

// ownNames are t's DNS names on any network: service name, container_name
// and hostname, in lower case.
func ownNames(t *compose.Service) []string { return appendOwnNames(nil, t) }

// appendOwnNames appends t's ownNames to out.
func appendOwnNames(out []string, t *compose.Service) []string {
	out = append(out, strings.ToLower(t.Name))
	if t.ContainerName != nil && t.ContainerName.Value != "" {
		out = append(out, strings.ToLower(t.ContainerName.Value))
	}
	if t.Hostname != nil && t.Hostname.Value != "" && !isIP(t.Hostname.Value) {
		out = append(out, strings.ToLower(t.Hostname.Value))
	}
	return out
}

// dnsNames returns the names other containers resolve for t on network
// ref: its service name, container_name, hostname, and that network's
// aliases.
func (m *Model) dnsNames(t *compose.Service, ref compose.NetworkRef) []string {
	var own []string
	if i := m.pos(t); i >= 0 && m.own != nil {
		own = m.own[i]
	}
	if own == nil {
		own = ownNames(t)
	}
	if len(ref.Aliases) == 0 {
		return own
	}
	out := slices.Clip(own)
	for _, a := range ref.Aliases {
		if a.Value != "" {
			out = append(out, strings.ToLower(a.Value))
		}
	}
	return out
}

// Identify returns the service a name designates anywhere in the project
// (its service name, container_name, hostname, any network alias, or a
// links alias of any service), regardless of who can resolve it.
func (m *Model) Identify(host string) *compose.Service {
	host = strings.ToLower(host)
	if t := m.byName.get(host); t != nil {
		return t
	}
	return m.anyName.get(host)
}

// Known reports whether anything in the project names host: a service,
// container name, hostname, alias, links alias or extra_hosts entry.
func (m *Model) Known(host string) bool {
	// extra_hosts entries, and external_links: containers of other
	// projects, by name or alias.
	return m.Identify(host) != nil || m.extra[strings.ToLower(host)]
}

// Resolution is what a name means to one service.
type Resolution struct {
	Target *compose.Service // the service reached; nil for extra_hosts
	Via    string           // "network", "link", "extra_hosts", "self"
	OK     bool
}

// Resolve returns what host means inside s: its own names, its
// extra_hosts and links, and the names of services on its networks.
func (m *Model) Resolve(s *compose.Service, host string) Resolution {
	// Rules ask about the same occurrences one after another: each answer
	// is kept for the model's life (the project does not change).
	k := resolveKey{s, host}
	m.resolvedMu.Lock()
	r, ok := m.resolved[k]
	m.resolvedMu.Unlock()
	if ok {
		return r
	}
	r = m.resolve(s, host)
	m.resolvedMu.Lock()
	if m.resolved == nil {
		m.resolved = map[resolveKey]Resolution{}
	}
	m.resolved[k] = r
	m.resolvedMu.Unlock()
	return r
}

type resolveKey struct {
	s    *compose.Service
	host string
}

func (m *Model) resolve(s *compose.Service, host string) Resolution {
	host = strings.ToLower(host)
	for _, h := range s.ExtraHosts {
		if strings.EqualFold(h.Host, host) {
			return Resolution{Via: "extra_hosts", OK: true}
		}
	}
	for _, t := range m.Namespace(s) {
		for _, n := range m.dnsNames(t, compose.NetworkRef{}) {
			if n == host {
				return Resolution{Target: t, Via: "self", OK: true}
			}
		}
	}
	if m.Namespace(s) == nil && strings.EqualFold(s.Name, host) {
		return Resolution{Target: s, Via: "self", OK: true}
	}
	// A sidecar uses the /etc/hosts of the container whose namespace it
	// shares, links included.
	links := s.Links
	if r := m.Root(s); r != nil && r != s {
		links = append(slices.Clip(links), r.Links...)
	}
	for _, l := range links {
		t := m.byName.get(l.Service)
		if t == nil {
			continue
		}
		// A link resolves only where the two containers can talk: on a
		// shared network, or both on the legacy bridge, where Docker
		// writes the alias and the linked container's hostname and name
		// (not its service name) into /etc/hosts.
		if (strings.EqualFold(l.Alias, host) || slices.Contains(m.dnsNames(t, compose.NetworkRef{})[1:], host) ||
			strings.EqualFold(l.Service, host) && len(m.Shared(s, t)) > 0) && m.Linkable(s, t) {
			return Resolution{Target: t, Via: "link", OK: true}
		}
	}
	// The first service (in project order) with the name on any of s's
	// networks, as Docker's DNS answers with one of them.
	var best *compose.Service
	for _, ref := range m.Networks(s) {
		if t := m.onNet.get(netName{ref.Name, host}); t != nil && t != best {
			if best == nil || m.order(t) < m.order(best) { // orders only when two compete
				best = t
			}
		}
	}
	if best != nil {
		return Resolution{Target: best, Via: "network", OK: true}
	}
	return Resolution{}
}

// order is a service's position in the project.
func (m *Model) order(t *compose.Service) int {
	i, _ := slices.BinarySearchFunc(m.p.Services, t.Name, func(s *compose.Service, n string) int { return strings.Compare(s.Name, n) })
	return i
}

// Linkable reports whether a links: entry from s to t can work. Between
// two services on Docker's default bridge it does: Compose v1 passed links
// at creation, and v2 does again since v2.6.1 (docker/compose#9523, which
// fixed #9053 and #9513; Compose's e2e TestNetworkLinks checks it). A link
// to a service that borrows another's namespace (network_mode service:x)
// does not: that container has no endpoint to link to (docker/compose#3545).
func (m *Model) Linkable(s, t *compose.Service) bool {
	if m.Root(t) != t {
		return false
	}
	if len(m.Shared(s, t)) > 0 {
		return true
	}
	rs, rt := m.Root(s), m.Root(t)
	if rs == nil || rt == nil {
		return false
	}
	ms, _ := m.Mode(rs)
	mt, _ := m.Mode(rt)
	return ms == ModeBridge && mt == ModeBridge
}

// StaticIPs returns the ipv4_address and ipv6_address of every service,
// by address.
func (m *Model) StaticIPs() map[netip.Addr]*compose.Service {
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

func isIP(s string) bool {
	_, err := netip.ParseAddr(strings.TrimSpace(s))
	return err == nil
}
