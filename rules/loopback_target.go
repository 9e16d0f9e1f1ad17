package rules

import (
	"cmp"
	"fmt"
	"net"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var loopbackTarget = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "loopback-target", Severity: diag.Error, Enabled: true,
		Summary: "a service connects to localhost expecting another container",
		What: "Reports a URL, address or host variable on localhost (any case, localhost.localdomain, ip6-localhost), 127.0.0.0/8, ::1 or 0.0.0.0 used as a destination in a service's environment, env_file, build args its Dockerfile passes on with ENV, command or entrypoint " +
			"when another service of the project listens on that port (or publishes it, or the variable is named after it) and nothing in the service's own network namespace does. " +
			"A host variable (DB_HOST, PGHOST, REDIS_HOST, APP_db__host) takes its port from its port variable (DB_PORT), else from its name (REDIS: 6379), the project's only database, or the service it is named after; " +
			"when no service provides that port, a service built from the project's code is warned that nothing listens there either. " +
			"A loopback entry of an address list whose other entries name the service is a warning: remove it. " +
			"Healthchecks, bind and advertised addresses, browser-exposed variables and network_mode host are not reported; under network_mode service:x, localhost is x. " +
			"A port that a CORS origin or public URL names, or that a service's own environment gives it as an HTTP URL of the port it publishes (LAGO_API_URL=http://localhost:3000 in the API), is the browser's address: loopback URLs on it are not reported. A service's loopback address on a host port it publishes itself, where nothing in its container listens (browserless's PROXY_HOST and PROXY_PORT), is the address it is reached at from the host: not reported.",
		Why:        "Inside a container, localhost is the container itself. The connection goes to a port nothing listens on and fails with ECONNREFUSED.",
		Example:    "services:\n  api:\n    build: ./api\n    ports: [\"3000:3000\"]\n  client:\n    build: ./client\n    environment:\n      API_BASE_URL: http://localhost:3000\n",
		UseInstead: "services:\n  api:\n    build: ./api\n    ports: [\"3000:3000\"]\n  client:\n    build: ./client\n    environment:\n      API_BASE_URL: http://api:3000\n",
	},
	Check: checkLoopbackTarget,
}

// loopHit is one service for which a loopback endpoint is wrong.
type loopHit struct {
	s, t         *compose.Service // the service reaching out, the one that listens
	tport        int              // t's container port
	viaPublished bool             // the value used t's host-published port
	others       []string         // other services listening on the port: t is a guess
}

func checkLoopbackTarget(p *Pass) {
	m := p.Net()
	occs := m.Occurrences()
	if !slices.ContainsFunc(occs, connectsLoopback) {
		return // nothing to report: the evidence below is not needed
	}
	// Evidence that a loopback address is meant for the browser on the
	// host, not for the container: the same port in a CORS origin, public
	// URL or browser variable anywhere, or a service that reaches the
	// same target both by name and on localhost (API_BACKEND_URL=http://api
	// next to API_URL=http://localhost:4002: the latter is the public one).
	publicPorts := map[int]bool{}
	byName := map[*compose.Service]map[*compose.Service]bool{}
	// In a list (h1:9092,h2:9092) the entries that name a target, per
	// value: a loopback entry beside them is still tried, and fails.
	type listKey struct {
		v    *network.Value
		s, t *compose.Service
	}
	inList := map[listKey]bool{}
	for _, o := range occs {
		ep := o.EP
		switch {
		case endpoint.IsLoopback(ep.Host) && (ep.Role == endpoint.Self || ep.Role == endpoint.Browser) && ep.EffectivePort() != 0:
			publicPorts[ep.EffectivePort()] = true
		case endpoint.IsLoopback(ep.Host) && ep.Role == endpoint.Connect && (ep.Scheme == "http" || ep.Scheme == "https") &&
			o.Value != nil && ep.EffectivePort() != 0:
			// A service given an HTTP URL of the port it publishes on the
			// host (LAGO_API_URL=http://localhost:3000 in the API itself) is
			// given its public address, which browsers and the host reach:
			// the same port elsewhere is that address too. Not from an
			// env_file, which hands every service all its values.
			for _, u := range o.Value.Uses {
				if u.Var.From == compose.FromEnvironment && slices.Contains(o.Services, u.Service) && slices.Contains(m.Publishers(ep.EffectivePort()), u.Service) {
					publicPorts[ep.EffectivePort()] = true
				}
			}
		case ep.Role == endpoint.Connect && ep.Host != "" && !endpoint.IsLoopback(ep.Host):
			for _, s := range o.Services {
				if r := m.Resolve(s, ep.Host); r.Target != nil {
					if byName[s] == nil {
						byName[s] = map[*compose.Service]bool{}
					}
					byName[s][m.Root(r.Target)] = true
					if o.List && o.Value != nil {
						inList[listKey{o.Value, s, m.Root(r.Target)}] = true
					}
				}
			}
		}
	}
	type found struct {
		o    *network.Occurrence
		hits []loopHit
		list bool // another entry of the same list names the target
	}
	var all []found
	dual := map[*compose.Service]bool{}
	type orphan struct {
		o *network.Occurrence
		s *compose.Service
	}
	var orphans []orphan
	for _, o := range occs {
		ep := o.EP
		if !connectsLoopback(o) || publicPorts[ep.EffectivePort()] {
			continue
		}
		var hits []loopHit
		list := false
		for _, s := range o.Services {
			if o.Value != nil && readsWholesale(o.Value, s) && m.KnownServer(s) {
				continue // a database image handed a whole env_file does not read app URLs
			}
			if o.Value != nil && o.Value.From == compose.FromBuildArgs && !argReachesContainer(p, s, o.Key) {
				continue // used by the build (a browser bundle, a config file): not the container's
			}
			h, ok := loopbackHit(p, m, s, o.Key, ep.EffectivePort())
			if !ok {
				if o.HostVar && nothingListens(m, s, ep.EffectivePort()) && !unselected(s, o) {
					orphans = append(orphans, orphan{o, s})
				}
				continue
			}
			if o.List && inList[listKey{o.Value, s, h.t}] {
				list = true
				hits = append(hits, h)
				continue
			}
			if byName[s][h.t] {
				dual[s] = true
				continue
			}
			hits = append(hits, h)
		}
		if len(hits) > 0 {
			all = append(all, found{o, hits, list})
		}
	}
	for _, f := range all {
		var hits []loopHit
		for _, h := range f.hits {
			if f.list || !(dual[h.s] && h.viaPublished) {
				hits = append(hits, h)
			}
		}
		if len(hits) > 0 {
			reportLoopback(p, m, f.o, hits, f.list)
		}
	}
	for _, x := range orphans {
		reportOrphan(p, x.o, x.s)
	}
}

// nothingListens reports a host variable's loopback target that no program
// of the project provides, in a service built from the project's own code
// (whose image runs one program, unlike all-in-one images that may start a
// database next to the app), on a network where loopback is the container.
// connectsLoopback reports a client address on a loopback host, with a port.
func connectsLoopback(o *network.Occurrence) bool {
	return o.EP.Role == endpoint.Connect && endpoint.IsLoopback(o.EP.Host) && o.EP.EffectivePort() != 0
}

func nothingListens(m *network.Model, s *compose.Service, port int) bool {
	if port == 0 || s.Node.Get("build") == nil || len(m.Listeners(port)) > 0 || len(m.Publishers(port)) > 0 {
		return false
	}
	if mode, _ := m.Mode(s); mode != network.ModeNetworks {
		return false
	}
	return !m.ListensIn(s, port)
}

// unselected reports a host variable of a backend the service's
// configuration does not seem to use: it has backend selectors
// (CACHE_DRIVER=file, QUEUE_CONNECTION=sync) and none names that backend,
// as in a framework's default .env that lists REDIS_HOST whether or not
// Redis is used.
func unselected(s *compose.Service, o *network.Occurrence) bool {
	hv, ok := endpoint.ParseHostVar(o.Key)
	if !ok {
		return false
	}
	kind := ""
	for _, w := range hv.Stem {
		if endpoint.BackingPort([]string{w}) != 0 {
			kind = strings.ToLower(w)
		}
	}
	if kind == "" {
		return false // DB_HOST: the database, which the program uses
	}
	selectors := 0
	for _, e := range s.Env {
		kw := endpoint.KeyWords(e.Key)
		if len(kw) < 2 || e.Value == nil {
			continue
		}
		switch kw[len(kw)-1] {
		case "DRIVER", "CONNECTION", "BACKEND", "STORE", "ENGINE", "ADAPTER":
			selectors++
			if strings.Contains(strings.ToLower(e.Value.Value), kind) {
				return false
			}
		}
	}
	return selectors > 0
}

// reportOrphan: a host variable on loopback whose target is no service of
// the project: it is not in the container either.
func reportOrphan(p *Pass, o *network.Occurrence, s *compose.Service) {
	rng, _ := o.HostAt()
	d := diag.Diagnostic{Range: rng, Severity: diag.Warning,
		Message: fmt.Sprintf("service %q reaches %q%s, its own container; run that server as a service",
			s.Name, o.Addr(), o.PortNote()),
		Why: notes(o.PortWhy(), fmt.Sprintf("nothing in the %s container or in the project listens on %d: run that server as a service and use its name; if it runs on the host, "+
			"use \"host.docker.internal\" with extra_hosts \"host.docker.internal:host-gateway\"", s.Name, o.EP.EffectivePort()))}
	d.Related = append(d.Related, o.Related(rng)...)
	p.Report(d)
}

// argReachesContainer reports a build argument that the Dockerfile s is
// built from hands on to the container: its build.target stage (else the
// last) sets the variable with ENV. Otherwise the value is the build's
// (baked into a browser bundle, where localhost and a published port are
// right; services cannot be named there either), and a Dockerfile that
// cannot be read is not guessed at.
func argReachesContainer(p *Pass, s *compose.Service, key string) bool {
	return slices.Contains(p.Project.ImageEnv(s), key)
}

// readsWholesale reports whether s has v only through env_file:, which
// hands a container every variable of a file whether it reads them or not.
func readsWholesale(v *network.Value, s *compose.Service) bool {
	for _, u := range v.Uses {
		if u.Service == s {
			return u.Var.From == compose.FromEnvFile || u.Var.From == compose.FromMounted
		}
	}
	return false
}

// loopbackHit decides whether port on loopback, used by s, was meant for
// another service.
func loopbackHit(p *Pass, m *network.Model, s *compose.Service, key string, port int) (loopHit, bool) {
	if mode, _ := m.Mode(s); mode != network.ModeNetworks && mode != network.ModeService && mode != network.ModeContainer {
		return loopHit{}, false // host: loopback is the host; none, bridge, other: unknown ground
	}
	ns := m.Namespace(s)
	if ns == nil {
		return loopHit{}, false // container:x of a container we do not know
	}
	for _, x := range ns {
		if _, ok := network.PublishedBy(x, port); ok && !m.ListensIn(s, port) {
			// The host port the service itself publishes: nothing in
			// its container listens there, so the value is the address
			// the host and browsers reach it at (browserless's
			// PROXY_HOST/PROXY_PORT), not another service's.
			return loopHit{}, false
		}
	}
	// A variable named after another service (API_URL and service api)
	// means that service even when this namespace listens on the same
	// port; otherwise the port decides.
	var others []string
	t, tport, via := namedListener(p, m, ns, key, port)
	if t == nil {
		if m.ListensIn(s, port) {
			return loopHit{}, false
		}
		t, tport, via = listenerOf(m, ns, port)
		if t != nil && !via {
			for _, x := range m.Listeners(port) {
				if x != t && !inNamespace(ns, x) && m.Root(x) != m.Root(t) {
					others = append(others, x.Name)
				}
			}
		}
	}
	if t == nil {
		return loopHit{}, false
	}
	if r := m.Root(t); r == nil {
		return loopHit{}, false
	} else if mode, _ := m.Mode(r); mode != network.ModeNetworks {
		return loopHit{}, false // the listener is on the host or unreachable: no name to suggest
	} else {
		t = r
	}
	return loopHit{s: s, t: t, tport: tport, viaPublished: via, others: others}, true
}

func inNamespace(ns []*compose.Service, t *compose.Service) bool {
	for _, x := range ns {
		if x == t {
			return true
		}
	}
	return false
}

// namedListener returns the service the variable name refers to, when it
// listens on or publishes port.
func namedListener(p *Pass, m *network.Model, ns []*compose.Service, key string, port int) (*compose.Service, int, bool) {
	if key == "" {
		return nil, 0, false
	}
	for _, s := range ns {
		if network.NamesService(key, s.Name) {
			return nil, 0, false
		}
	}
	for _, t := range m.Named(key) {
		if inNamespace(ns, t) {
			continue
		}
		if m.Listen(t).Has(port) {
			return t, port, false
		}
		if c, ok := network.PublishedBy(t, port); ok {
			return t, c, true
		}
	}
	return nil, 0, false
}

// listenerOf finds the service outside the namespace that listens on port,
// or that publishes it on the host (then tport is its container port).
func listenerOf(m *network.Model, ns []*compose.Service, port int) (*compose.Service, int, bool) {
	// The first service in project order that listens on port wins over
	// any that only publishes it.
	for _, t := range m.Listeners(port) {
		if !inNamespace(ns, t) {
			return t, port, false
		}
	}
	for _, t := range m.Publishers(port) {
		if inNamespace(ns, t) {
			continue
		}
		if c, ok := network.PublishedBy(t, port); ok {
			return t, c, true
		}
	}
	return nil, 0, false
}

func reportLoopback(p *Pass, m *network.Model, o *network.Occurrence, hits []loopHit, list bool) {
	h := hits[0]
	var ss []*compose.Service
	for _, x := range hits {
		if x.t == h.t && x.tport == h.tport && x.viaPublished == h.viaPublished {
			ss = append(ss, x.s)
		}
	}
	ep, v := o.EP, o.Text
	// Replace the host (with its IPv6 brackets), and the port when the
	// host-published one was used.
	start, end := o.HostSpan()
	replacement := h.t.Name
	canFix := true
	var portEdit *diag.TextEdit
	switch {
	case o.HostVar:
		// The port is in its own variable, or written nowhere.
		if h.viaPublished {
			if r, ok := o.PortAt(); ok && o.PortNode != nil {
				portEdit = &diag.TextEdit{Range: r, NewText: strconv.Itoa(h.tport)}
			} else {
				canFix = false
			}
		}
	case ep.PortStart >= 0 && h.viaPublished:
		if ep.PortStart < end || ep.PortEnd > len(v) {
			canFix = false
		} else {
			replacement += v[end:ep.PortStart] + strconv.Itoa(h.tport)
			end = ep.PortEnd
		}
	case ep.PortStart < 0 && ep.Port != 0 && h.viaPublished:
		canFix = false // the port is in another argument
	case ep.PortStart < 0 && ep.Port == 0 && ep.DefaultPort != h.tport:
		replacement += ":" + strconv.Itoa(h.tport)
	}
	whole := v[ep.Start:start] + replacement + v[end:ep.End]
	suggestion, becomes := strconv.Quote(whole), ""
	if utf8.RuneCountInString(whole) > longValue {
		// A long URL or DSN: the headline names the address, the note
		// the whole value.
		suggestion = fmt.Sprintf("%q", net.JoinHostPort(h.t.Name, strconv.Itoa(h.tport)))
		becomes = fmt.Sprintf("the value becomes %q", whole)
	}
	portNote := o.PortNote()
	if portEdit != nil {
		// The port to change is in the suggestion; the note says where
		// the old one comes from.
		suggestion += fmt.Sprintf(" with %s=%d", o.PortKey, h.tport)
		portNote = ""
	}
	if !canFix {
		suggestion = fmt.Sprintf("host %q and port %d", h.t.Name, h.tport)
	}
	// The note: where the port comes from, who listens on it, the
	// namespace a network_mode shares, a missing shared network.
	listens, published, shared, noNet := "service "+strconv.Quote(h.t.Name)+" listens on "+strconv.Itoa(h.tport), "", "", ""
	if h.viaPublished {
		published = fmt.Sprintf("service %q publishes host port %d for its container port %d, and containers use the container port", h.t.Name, ep.EffectivePort(), h.tport)
	}
	itself, isWhat := "its own container", "the "+ss[0].Name+" container itself"
	if len(ss) > 1 {
		itself, isWhat = "each its own container", "each container itself"
	}
	if r := m.Root(ss[0]); r != nil && r != ss[0] {
		itself = fmt.Sprintf("the namespace of service %q", r.Name)
		isWhat = itself
		shared = fmt.Sprintf("network_mode %q shares that namespace, and nothing listens on %d there", ss[0].NetworkMode.Value, ep.EffectivePort())
	}
	rng, exact := o.At(start, end)
	if !exact {
		rng, _ = o.HostAt()
	}
	// The name only resolves over a shared network: say so when the fix
	// alone would not be enough.
	also := ""
	var netNotes []diag.Related
	if r := m.Root(ss[0]); r != nil && len(m.Networks(r)) > 0 && len(m.Networks(h.t)) > 0 && len(m.Shared(r, h.t)) == 0 {
		also = fmt.Sprintf(" and add network %q to %q", m.Networks(h.t)[0].Name, r.Name)
		if r == ss[0] && len(ss) == 1 {
			also = fmt.Sprintf(" and join network %q", m.Networks(h.t)[0].Name)
		}
		noNet = fmt.Sprintf("%q and %q share no network", r.Name, h.t.Name)
		netNotes = []diag.Related{networksNote(m, r), networksNote(m, h.t)}
	}
	d := diag.Diagnostic{
		Range:   rng,
		Message: verb(ss, "reaches", "reach") + " " + strconv.Quote(o.Addr()) + portNote + ", " + itself + "; use " + suggestion + also,
		Why:     notes(o.PortWhy(), shared, cmp.Or(published, listens), noNet, becomes),
		Related: append([]diag.Related{{Range: h.t.Key.Range, Message: "service " + strconv.Quote(h.t.Name) + " declared here"}}, netNotes...),
	}
	reported := *o
	reported.Services = ss // notes name the services reported, not every reader
	d.Related = append(d.Related, reported.Related(rng)...)
	if exact && canFix {
		d.Fix = &diag.Fix{Description: "replace " + strconv.Quote(v[start:end]) + " with " + strconv.Quote(replacement),
			Edits: []diag.TextEdit{{Range: rng, NewText: replacement}}}
		if portEdit != nil {
			d.Fix.Description += fmt.Sprintf(" and %s with %d", o.PortKey, h.tport)
			d.Fix.Edits = append(d.Fix.Edits, *portEdit)
		}
	}
	if len(h.others) > 0 && !list {
		// Several services listen on the port and nothing says which one
		// is meant: say so, and leave the choice to the user.
		names := append([]string{h.t.Name}, h.others...)
		sort.Strings(names)
		use := orList(names)
		if len(names) > 3 {
			// The note lists them all; the headline stays one line.
			use = fmt.Sprintf("one of the %d services listening on %d", len(names), h.tport)
		}
		d.Message = fmt.Sprintf("%s %q%s, %s; use %s%s",
			verb(ss, "reaches", "reach"), o.Addr(), o.PortNote(), itself, use, also)
		listens = fmt.Sprintf("%s each listen on %d: use the name of the service meant", QuoteList(names), h.tport)
		d.Why = notes(o.PortWhy(), shared, listens, published, noNet)
		d.Related = d.Related[1:]
		d.Fix = nil
	}
	if list {
		// Another entry names the target already: the loopback entry is
		// to go, not to be renamed.
		d.Severity = diag.Warning
		d.Message = fmt.Sprintf("%s %q beside entries for service %q; remove it", verb(ss, "lists", "list"), o.Addr(), h.t.Name)
		d.Why = fmt.Sprintf("%q is %s; clients try every entry and some stop at the first that fails", o.Addr(), isWhat)
		d.Fix = nil
	}
	p.Report(d)
}
