// Package graph draws a project's network as reachlint sees it: services,
// the networks they join, namespaces they share, the host (where the
// browser runs) and every connection written in the configuration, with
// the connections a rule flagged marked broken. Build turns a
// *network.Model and the run's findings into a typed Graph; one writer per
// format (Mermaid, DOT, JSON) prints it. Nothing here runs a program: SVG
// is rendered by the graphviz subpackage.
package graph

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/network"
	"github.com/reachlint/reachlint/linter/secret"
)

// NodeKind says what a node stands for.
type NodeKind string

// Kinds of nodes.
const (
	KindService   NodeKind = "service"
	KindNetwork   NodeKind = "network"
	KindHost      NodeKind = "host"      // the Docker host, where the browser runs
	KindExternal  NodeKind = "external"  // a name outside the project (a public API, another project's container)
	KindCollapsed NodeKind = "collapsed" // services left out by --focus or --collapse
)

// EdgeKind says what an edge stands for.
type EdgeKind string

// Kinds of edges.
const (
	EdgeConnect     EdgeKind = "connect"     // a service dials an address
	EdgeBrowser     EdgeKind = "browser"     // a browser-exposed variable: the browser, on the host, dials it
	EdgeAdvertise   EdgeKind = "advertise"   // a service tells its clients to connect there
	EdgeHealthcheck EdgeKind = "healthcheck" // a healthcheck command dials it, from inside the service
	EdgePublish     EdgeKind = "publish"     // the host reaches a published port
	EdgeMember      EdgeKind = "member"      // a service joins a network
	EdgeNamespace   EdgeKind = "namespace"   // network_mode service:x: the service lives in x's namespace
)

// Pos is a source position: 1-based line and column (runes).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func posOf(r diag.Range) *Pos {
	if r.File == "" {
		return nil
	}
	return &Pos{File: r.File, Line: r.Start.Line, Col: r.Start.Col}
}

// Finding is a rule's finding attached to a node or an edge.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"` // what to do, from the fix or the message's last clause
	At       *Pos   `json:"at,omitempty"`
}

// Node is a service, a network, the host, an outside name, or a group of
// collapsed services.
type Node struct {
	ID       string    `json:"id"`
	Kind     NodeKind  `json:"kind"`
	Label    string    `json:"label"`
	Image    string    `json:"image,omitempty"`
	Build    string    `json:"build,omitempty"`
	Ports    []string  `json:"ports,omitempty"`    // published ports, "8080:3000"
	Mode     string    `json:"mode,omitempty"`     // network_mode as written, when set
	Group    string    `json:"group,omitempty"`    // the id of the group (network node or "host") it is drawn in
	External bool      `json:"external,omitempty"` // a network created outside the project
	Driver   string    `json:"driver,omitempty"`
	Count    int       `json:"count,omitempty"` // collapsed: how many services
	At       *Pos      `json:"at,omitempty"`
	X        int       `json:"x"`
	Y        int       `json:"y"`
	Findings []Finding `json:"findings,omitempty"`
}

// Edge is a connection, a published port, a network membership or a
// shared namespace.
type Edge struct {
	ID       string    `json:"id"`
	Kind     EdgeKind  `json:"kind"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Label    string    `json:"label,omitempty"`
	Key      string    `json:"key,omitempty"`     // the variable; "" in commands and healthchecks
	Addr     string    `json:"addr,omitempty"`    // host:port as written (masked)
	Source   string    `json:"source,omitempty"`  // environment, env_file, build.args, mounted, command, entrypoint, healthcheck, ports
	Via      string    `json:"via,omitempty"`     // how the name resolves: network, link, extra_hosts, self, loopback, host, unresolved
	Primary  bool      `json:"primary,omitempty"` // member: the network the service is drawn in
	Broken   bool      `json:"broken,omitempty"`
	At       *Pos      `json:"at,omitempty"`
	Findings []Finding `json:"findings,omitempty"`
}

// Graph is what the writers print. Nodes and edges are sorted by id.
type Graph struct {
	Project string  `json:"project"`
	Nodes   []*Node `json:"nodes"`
	Edges   []*Edge `json:"edges"`
	Hidden  int     `json:"hidden,omitempty"` // services collapsed by Focus or Collapse

	byID map[string]*Node
}

// Node returns the node with id, or nil.
func (g *Graph) Node(id string) *Node { return g.byID[id] }

// Options shape the graph.
type Options struct {
	// Focus keeps these services, what they connect to or from and their
	// namespaces; every other service is collapsed into one node per group.
	Focus []string
	// Collapse folds services that have no connection into one node per
	// group.
	Collapse bool
	// Mask, when set, masks every text of the graph on top of the
	// secret package's patterns (the run's redactor: it knows the values
	// of the project's secret variables).
	Mask func(string) string
}

// HostID is the id of the host node. Node ids are stable, derived from
// names, never from positions.
const HostID = "host"

// ServiceID returns the node id of a service.
func ServiceID(name string) string { return "service:" + name }

// NetworkID returns the node id of a network.
func NetworkID(name string) string { return "network:" + name }

func externalID(host string) string { return "external:" + host }

// bridgeNetwork is the group of services in network_mode bridge.
const bridgeNetwork = "bridge (Docker default)"

type builder struct {
	m     *network.Model
	g     *Graph
	diags map[string][]diag.Diagnostic // by file
	used  map[int]bool                 // diagnostics attached to an edge, by index in all
	all   []diag.Diagnostic
	edges map[string]*Edge
}

// Build draws m's project, marking what ds (the run's findings, after
// suppression) flag. Unknown focus names are an error.
func Build(m *network.Model, ds []diag.Diagnostic, o Options) (*Graph, error) {
	for _, f := range o.Focus {
		if m.Service(f) == nil {
			return nil, fmt.Errorf("--focus %s: no such service", f)
		}
	}
	b := &builder{m: m, g: &Graph{Project: m.Project().Name, byID: map[string]*Node{}}, diags: map[string][]diag.Diagnostic{},
		used: map[int]bool{}, all: ds, edges: map[string]*Edge{}}
	for _, d := range ds {
		b.diags[d.Range.File] = append(b.diags[d.Range.File], d)
	}
	b.nodes()
	b.connections()
	b.healthchecks()
	b.serviceFindings()
	g := b.g
	for _, e := range b.edges {
		g.Edges = append(g.Edges, e)
	}
	if len(o.Focus) > 0 || o.Collapse {
		collapse(g, o)
	}
	if o.Mask != nil {
		mask(g, o.Mask)
	}
	finish(g)
	layout(g)
	return g, nil
}

// mask passes every text through f, ids included (an outside host name
// is part of its id), consistently for ids and the edges naming them.
func mask(g *Graph, f func(string) string) {
	byID := map[string]*Node{}
	for _, n := range g.Nodes {
		n.ID, n.Label, n.Image, n.Build, n.Mode, n.Group = f(n.ID), f(n.Label), f(n.Image), f(n.Build), f(n.Mode), f(n.Group)
		for i, p := range n.Ports {
			n.Ports[i] = f(p)
		}
		maskFindings(n.Findings, f)
		byID[n.ID] = n
	}
	g.byID = byID
	for _, e := range g.Edges {
		e.From, e.To, e.Label, e.Key, e.Addr = f(e.From), f(e.To), f(e.Label), f(e.Key), f(e.Addr)
		maskFindings(e.Findings, f)
	}
}

func maskFindings(fs []Finding, f func(string) string) {
	for i := range fs {
		fs[i].Message, fs[i].Fix = f(fs[i].Message), f(fs[i].Fix)
	}
}

func (b *builder) add(n *Node) *Node {
	if old := b.g.byID[n.ID]; old != nil {
		return old
	}
	b.g.byID[n.ID] = n
	b.g.Nodes = append(b.g.Nodes, n)
	return n
}

// addEdge merges edges that say the same thing (one value read by a
// service twice, a value shared through an anchor).
func (b *builder) addEdge(e *Edge) *Edge {
	k := string(e.Kind) + "\x00" + e.From + "\x00" + e.To + "\x00" + e.Label
	if old := b.edges[k]; old != nil {
		old.Broken = old.Broken || e.Broken
		for _, f := range e.Findings {
			if !slices.ContainsFunc(old.Findings, f.same) {
				old.Findings = append(old.Findings, f)
			}
		}
		return old
	}
	b.edges[k] = e
	return e
}

func (b *builder) host() *Node {
	return b.add(&Node{ID: HostID, Kind: KindHost, Label: "host (browser)", Group: HostID})
}

func (b *builder) nodes() {
	p := b.m.Project()
	names := make([]string, 0, len(p.Networks))
	for n := range p.Networks {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		nw := p.Networks[n]
		node := &Node{ID: NetworkID(n), Kind: KindNetwork, Label: n, External: nw.External, Driver: nw.Driver}
		if nw.Key != nil {
			node.At = posOf(nw.Key.Range)
		}
		node.Group = node.ID
		b.add(node)
	}
	for _, s := range p.Services {
		n := &Node{ID: ServiceID(s.Name), Kind: KindService, Label: s.Name, Image: secret.MaskText(s.Image), At: posOf(s.Key.Range)}
		if s.Build != nil {
			n.Build = secret.MaskText(buildContext(s.Build))
		}
		for _, pt := range s.Ports {
			if pt.Published == 0 {
				continue
			}
			n.Ports = append(n.Ports, portText(pt))
		}
		if s.NetworkMode != nil {
			n.Mode = s.NetworkMode.Value
		}
		b.add(n)
	}
	for _, s := range p.Services {
		n := b.g.byID[ServiceID(s.Name)]
		mode, x := b.m.Mode(s)
		switch mode {
		case network.ModeNetworks:
			refs := b.m.Networks(s)
			for i, r := range refs {
				b.add(&Node{ID: NetworkID(r.Name), Kind: KindNetwork, Label: r.Name, Group: NetworkID(r.Name)})
				e := &Edge{Kind: EdgeMember, From: n.ID, To: NetworkID(r.Name), Primary: i == 0}
				if r.Key != nil {
					e.At = posOf(r.Key.Range)
				}
				b.addEdge(e)
				if i == 0 {
					n.Group = NetworkID(r.Name)
				}
			}
		case network.ModeHost:
			b.host()
			n.Group = HostID
		case network.ModeBridge:
			id := NetworkID(bridgeNetwork)
			b.add(&Node{ID: id, Kind: KindNetwork, Label: bridgeNetwork, Driver: "bridge", Group: id})
			b.addEdge(&Edge{Kind: EdgeMember, From: n.ID, To: id, Primary: true})
			n.Group = id
		case network.ModeService, network.ModeContainer:
			if r := b.m.Root(s); r != nil && r != s {
				e := &Edge{Kind: EdgeNamespace, From: n.ID, To: ServiceID(r.Name), Label: "network_mode: " + string(mode) + ":" + x, At: posOf(s.NetworkMode.Range)}
				if p := b.m.Service(x); p != nil && p != r {
					e.To = ServiceID(p.Name) // the chain as written: a sidecar of a sidecar
				}
				b.addEdge(e)
			}
		}
	}
	// Sidecars are drawn with the service whose namespace they share.
	for _, s := range p.Services {
		if r := b.m.Root(s); r != nil && r != s {
			b.g.byID[ServiceID(s.Name)].Group = b.g.byID[ServiceID(r.Name)].Group
		}
	}
	for _, s := range p.Services {
		for _, pt := range s.Ports {
			if pt.Published == 0 {
				continue
			}
			mode, _ := b.m.Mode(s)
			if mode != network.ModeNetworks && mode != network.ModeBridge {
				continue // host mode ignores ports:; none and sidecars publish nothing
			}
			b.host()
			b.addEdge(&Edge{Kind: EdgePublish, From: HostID, To: ServiceID(s.Name), Label: ":" + pubText(pt), Source: "ports", At: posOf(pt.Node.Range)})
		}
	}
}

// buildContext is the build context as written (not resolved: the
// drawing must not depend on where the project is checked out).
func buildContext(b *compose.Node) string {
	if b.Kind == compose.Scalar {
		return b.Value
	}
	if c := b.Get("context"); c != nil && c.Value != "" {
		return c.Value
	}
	return "."
}

func portText(pt compose.Port) string {
	s := pubText(pt) + ":" + strconv.Itoa(pt.Target)
	if pt.TargetEnd > pt.Target {
		s += "-" + strconv.Itoa(pt.TargetEnd)
	}
	if pt.HostIP != "" {
		h := pt.HostIP
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		s = h + ":" + s
	}
	if pt.Protocol != "" && pt.Protocol != "tcp" {
		s += "/" + pt.Protocol
	}
	return s
}

func pubText(pt compose.Port) string {
	s := strconv.Itoa(pt.Published)
	if pt.PublishedEnd > pt.Published {
		s += "-" + strconv.Itoa(pt.PublishedEnd)
	}
	return s
}

// target decides which node an address used by s reaches, and how.
func (b *builder) target(s *compose.Service, host string, port int, browser bool) (string, string) {
	switch {
	case browser:
		// The browser runs on the host: localhost is the host, where
		// published ports lead to their services.
		if endpoint.IsLoopback(host) || host == "host.docker.internal" {
			if port != 0 {
				for _, t := range b.m.Publishers(port) {
					if _, ok := network.PublishedBy(t, port); ok {
						return ServiceID(t.Name), "published"
					}
				}
			}
			return b.host().ID, "host"
		}
		if t := b.m.Identify(host); t != nil {
			return ServiceID(t.Name), "unresolved" // a service name means nothing to a browser
		}
		return b.external(host), "external"
	case host == "host.docker.internal" || host == "gateway.docker.internal":
		return b.host().ID, "host"
	}
	mode, _ := b.m.Mode(b.rootOr(s))
	if endpoint.IsLoopback(host) {
		if mode == network.ModeHost {
			return b.host().ID, "loopback"
		}
		// Loopback is the service's own namespace: whoever of it listens
		// there, else the service itself (where nothing listens).
		for _, t := range b.m.Namespace(s) {
			if port != 0 && b.m.Listen(t).Has(port) {
				return ServiceID(t.Name), "loopback"
			}
		}
		return ServiceID(b.rootOr(s).Name), "loopback"
	}
	r := b.m.Resolve(s, host)
	switch {
	case r.OK && r.Target != nil:
		return ServiceID(r.Target.Name), r.Via
	case r.OK && r.Via == "extra_hosts":
		for _, h := range s.ExtraHosts {
			if strings.EqualFold(h.Host, host) && h.IP == "host-gateway" {
				return b.host().ID, "extra_hosts"
			}
		}
		return b.external(host), "extra_hosts"
	}
	if t := b.m.Identify(host); t != nil {
		return ServiceID(t.Name), "unresolved" // not reachable from s: a rule says why
	}
	return b.external(host), "unresolved"
}

func (b *builder) rootOr(s *compose.Service) *compose.Service {
	if r := b.m.Root(s); r != nil {
		return r
	}
	return s
}

func (b *builder) external(host string) string {
	h := secret.MaskText(host)
	return b.add(&Node{ID: externalID(h), Kind: KindExternal, Label: h}).ID
}

func (b *builder) connections() {
	for _, o := range b.m.Occurrences() {
		kind := EdgeConnect
		switch o.EP.Role {
		case endpoint.Connect:
		case endpoint.Browser:
			kind = EdgeBrowser
		case endpoint.Advertise:
			kind = EdgeAdvertise
		default:
			continue // bind addresses and the service's own public names are not connections
		}
		if o.EP.Host == "" {
			continue
		}
		addr := o.Addr()
		if o.HostVar && o.EP.EffectivePort() != 0 {
			addr += ":" + strconv.Itoa(o.EP.EffectivePort()) // DB_HOST=db with DB_PORT=5432
		}
		addr = secret.MaskValue(o.Key, addr)
		source := "command"
		if o.Value != nil {
			source = string(o.Value.From)
		} else if o.Node != nil && len(o.Services) > 0 && slices.ContainsFunc(o.Services[0].Entrypoint, func(a compose.Arg) bool { return a.Node == o.Node }) {
			source = "entrypoint"
		}
		ranges := occurrenceRanges(o)
		for _, s := range o.Services {
			from := ServiceID(s.Name)
			if kind == EdgeBrowser {
				from = b.host().ID
			}
			to, via := b.target(s, o.EP.Host, o.EP.EffectivePort(), kind == EdgeBrowser)
			if kind == EdgeAdvertise && to == ServiceID(b.rootOr(s).Name) && via != "loopback" {
				continue // a broker advertising its own name is the normal case, not a connection
			}
			label := addr + " (" + source + ")"
			switch {
			case o.Key != "" && o.PortKey != "":
				label = addr + " (" + o.Key + ", " + o.PortKey + ")"
			case o.Key != "":
				label = addr + " (" + o.Key + ")"
			}
			if kind == EdgeAdvertise {
				label = "advertises " + label
			}
			if kind == EdgeBrowser {
				label = s.Name + ": " + label
			}
			e := &Edge{Kind: kind, From: from, To: to, Label: label, Key: o.Key, Addr: addr, Source: source, Via: via}
			if r, _ := o.HostAt(); r.File != "" {
				e.At = posOf(r)
			}
			e.Findings = b.findings(ranges, s, len(o.Services) > 1)
			e.Broken = len(e.Findings) > 0
			b.addEdge(e)
		}
	}
}

func occurrenceRanges(o *network.Occurrence) []diag.Range {
	var out []diag.Range
	if r, _ := o.At(o.EP.Start, o.EP.End); r.File != "" {
		out = append(out, r)
	}
	if r, _ := o.HostAt(); r.File != "" {
		out = append(out, r)
	}
	if r, _ := o.PortAt(); r.File != "" {
		out = append(out, r)
	}
	return out
}

// findings returns the findings reported inside one of ranges. When the
// value is shared by several services, a finding naming services is
// attached only to those it names.
func (b *builder) findings(ranges []diag.Range, s *compose.Service, shared bool) []Finding {
	var out []Finding
	for _, r := range ranges {
		for i, d := range b.diags[r.File] {
			if !within(d.Range, r) {
				continue
			}
			if shared && strings.Contains(d.Message, "service \"") && !strings.Contains(d.Message, strconv.Quote(s.Name)) {
				continue
			}
			if f := finding(d); !slices.ContainsFunc(out, f.same) {
				out = append(out, f)
			}
			b.markUsed(r.File, i)
		}
	}
	return out
}

func (b *builder) markUsed(file string, i int) {
	d := b.diags[file][i]
	for j := range b.all {
		if b.all[j].Range == d.Range && b.all[j].Rule == d.Rule && b.all[j].Message == d.Message {
			b.used[j] = true
		}
	}
}

// within reports whether d starts inside r (both ends included: a finding
// on a port variable starts where its value does).
func within(d, r diag.Range) bool {
	if d.File != r.File || !d.Start.IsValid() {
		return false
	}
	end := r.End
	if !end.IsValid() {
		end = r.Start
	}
	return !d.Start.Before(r.Start) && !end.Before(d.Start)
}

func (f Finding) same(g Finding) bool {
	return f.Rule == g.Rule && f.Message == g.Message && (f.At == g.At || f.At != nil && g.At != nil && *f.At == *g.At)
}

func finding(d diag.Diagnostic) Finding {
	f := Finding{Rule: d.Rule, Severity: d.Severity.String(), Message: secret.MaskText(d.Message), At: posOf(d.Range)}
	// Messages end with what to do, after the last "; " (STYLE.md); the
	// fix's description is the fallback.
	if i := strings.LastIndex(d.Message, "; "); i >= 0 {
		f.Fix = secret.MaskText(d.Message[i+2:])
	} else if d.Fix != nil {
		f.Fix = secret.MaskText(d.Fix.Description)
	}
	return f
}

// healthchecks draws what healthcheck commands dial: they run inside the
// service, so localhost is the service itself.
func (b *builder) healthchecks() {
	for _, s := range b.m.Project().Services {
		if s.Healthcheck == nil {
			continue
		}
		test := s.Healthcheck.Get("test")
		if test == nil {
			continue
		}
		var nodes []*compose.Node
		var words []string
		switch {
		case test.Kind == compose.Scalar:
			nodes, words = []*compose.Node{test}, []string{"sh", "-c", test.Value}
		case len(test.Items) > 0:
			items := test.Items
			switch items[0].Value {
			case "CMD":
				items = items[1:]
			case "CMD-SHELL":
				if len(items) < 2 {
					continue
				}
				nodes, words = []*compose.Node{items[1]}, []string{"sh", "-c", items[1].Value}
				items = nil
			case "NONE":
				continue
			}
			for _, it := range items {
				nodes = append(nodes, it)
				words = append(words, it.Value)
			}
		}
		shell := len(words) > 2 && words[0] == "sh" && len(nodes) == 1
		for _, ep := range endpoint.FromArgs(words) {
			if ep.Role != endpoint.Connect || ep.Host == "" {
				continue
			}
			var n *compose.Node
			switch {
			case shell && ep.ArgIndex == 2:
				n = nodes[0]
			case !shell && ep.ArgIndex < len(nodes):
				n = nodes[ep.ArgIndex]
			}
			text := words[ep.ArgIndex]
			h := text[ep.HostStart:ep.HostEnd]
			if strings.Contains(h, ":") {
				h = "[" + h + "]"
			}
			addr := h
			if p := ep.EffectivePort(); p != 0 {
				addr += ":" + strconv.Itoa(p)
			}
			addr = secret.MaskText(addr)
			to, via := b.target(s, ep.Host, ep.EffectivePort(), false)
			e := &Edge{Kind: EdgeHealthcheck, From: ServiceID(s.Name), To: to, Label: "healthcheck " + addr, Addr: addr, Source: "healthcheck", Via: via}
			if n != nil {
				r := n.SubRange(ep.HostStart, ep.HostEnd)
				e.At = posOf(r)
				whole := n.SubRange(ep.Start, ep.End)
				e.Findings = b.findings([]diag.Range{whole, r}, s, false)
				e.Broken = len(e.Findings) > 0
			}
			b.addEdge(e)
		}
	}
}

// serviceFindings attaches the findings no edge took to the service whose
// definition holds them (depends_on, ports, binds).
func (b *builder) serviceFindings() {
	for i, d := range b.all {
		if b.used[i] || !d.Range.Start.IsValid() {
			continue
		}
		for _, s := range b.m.Project().Services {
			if s.Key == nil || s.Node == nil || s.Key.Range.File != d.Range.File {
				continue
			}
			r := diag.Range{File: d.Range.File, Start: s.Key.Range.Start, End: s.Node.Range.End}
			if within(d.Range, r) {
				n := b.g.byID[ServiceID(s.Name)]
				if f := finding(d); !slices.ContainsFunc(n.Findings, f.same) {
					n.Findings = append(n.Findings, f)
				}
				break
			}
		}
	}
}

// finish sorts nodes and edges and numbers the edges: ids follow from the
// content, so they stay the same from run to run.
func finish(g *Graph) {
	order := func(k NodeKind) int {
		return slices.Index([]NodeKind{KindHost, KindNetwork, KindService, KindCollapsed, KindExternal}, k)
	}
	slices.SortFunc(g.Nodes, func(a, b *Node) int {
		return cmp.Or(cmp.Compare(order(a.Kind), order(b.Kind)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(g.Edges, func(a, b *Edge) int {
		return cmp.Or(cmp.Compare(edgeOrder(a.Kind), edgeOrder(b.Kind)), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Label, b.Label))
	})
	seen := map[string]int{}
	for _, e := range g.Edges {
		id := e.From + "->" + e.To + "#" + string(e.Kind)
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "#" + strconv.Itoa(n)
		}
		e.ID = id
		slices.SortFunc(e.Findings, compareFindings)
	}
	for _, n := range g.Nodes {
		slices.SortFunc(n.Findings, compareFindings)
	}
}

func compareFindings(a, b Finding) int {
	return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
}

func edgeOrder(k EdgeKind) int {
	return slices.Index([]EdgeKind{EdgeMember, EdgeNamespace, EdgePublish, EdgeConnect, EdgeBrowser, EdgeAdvertise, EdgeHealthcheck}, k)
}

// collapse keeps the focused services and their neighbours (or, with
// Collapse alone, the services with connections) and folds the others
// into one node per group.
func collapse(g *Graph, o Options) {
	keep := map[string]bool{}
	connected := func(e *Edge) bool {
		switch e.Kind {
		case EdgeConnect, EdgeBrowser, EdgeAdvertise, EdgeNamespace:
			return true
		}
		return false
	}
	if len(o.Focus) > 0 {
		for _, f := range o.Focus {
			keep[ServiceID(f)] = true
		}
		// Neighbours of the focus, and the namespaces they live in.
		focus := maps.Clone(keep)
		for _, e := range g.Edges {
			if connected(e) && (focus[e.From] || focus[e.To]) {
				keep[e.From], keep[e.To] = true, true
			}
		}
		for _, e := range g.Edges {
			if e.Kind == EdgeNamespace && (keep[e.From] || keep[e.To]) {
				keep[e.From], keep[e.To] = true, true
			}
		}
	} else {
		for _, e := range g.Edges {
			if connected(e) && e.From != e.To || len(e.Findings) > 0 {
				keep[e.From], keep[e.To] = true, true
			}
		}
		for _, n := range g.Nodes {
			if len(n.Findings) > 0 {
				keep[n.ID] = true
			}
		}
	}
	var nodes []*Node
	hidden := map[string]bool{}
	groups := map[string]*Node{}
	for _, n := range g.Nodes {
		if n.Kind != KindService || keep[n.ID] {
			nodes = append(nodes, n)
			continue
		}
		hidden[n.ID] = true
		g.Hidden++
		grp := n.Group
		c := groups[grp]
		if c == nil {
			c = &Node{ID: "collapsed:" + grp, Kind: KindCollapsed, Group: grp}
			groups[grp] = c
			nodes = append(nodes, c)
			g.byID[c.ID] = c
		}
		c.Count++
		delete(g.byID, n.ID)
	}
	for _, c := range groups {
		c.Label = fmt.Sprintf("%d more service", c.Count)
		if c.Count > 1 {
			c.Label += "s"
		}
	}
	var edges []*Edge
	for _, e := range g.Edges {
		if hidden[e.From] || hidden[e.To] {
			continue
		}
		edges = append(edges, e)
	}
	// Outside names and networks nothing points at any more go too; the
	// host stays when something uses it.
	used := map[string]bool{}
	for _, e := range edges {
		used[e.From], used[e.To] = true, true
	}
	for _, n := range nodes {
		used[n.Group] = true
	}
	kept := nodes[:0]
	for _, n := range nodes {
		if (n.Kind == KindExternal || n.Kind == KindHost || n.Kind == KindNetwork) && !used[n.ID] {
			delete(g.byID, n.ID)
			continue
		}
		kept = append(kept, n)
	}
	g.Nodes, g.Edges = kept, edges
}
