package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var hostGatewayMissing = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "host-gateway-missing", Severity: diag.Warning, Enabled: true,
		Summary: "host.docker.internal is used without extra_hosts: host-gateway",
		What: "Reports host.docker.internal in a service's environment, env_file, build args, command or entrypoint (a default of ${VAR:-...} included, " +
			"and in the text files of the project it bind-mounts, such as a Prometheus scrape target in ./prometheus.yml, or in the configuration files of a directory it mounts under /etc or a config path (./prometheus/:/etc/prometheus/), outside comment lines and keys that name a host without dialing it (nginx's server_name, Grafana's root_url); " +
			"when it is the value used, or when only the shell running the linter sets VAR) when neither the service nor the service whose network it shares " +
			"maps it in extra_hosts. When the port it names is one another service of the project publishes or listens on, the message says to reach that service by name instead.",
		Why: "host.docker.internal resolves on Docker Desktop only. On a Linux engine the name does not exist unless the service maps it " +
			"(extra_hosts: [\"host.docker.internal:host-gateway\"]), so the connection fails with a DNS error. " +
			"And when the port belongs to another service of the project, going out to the host and back through a published port is a detour the service name avoids.",
		Example: "services:\n  app:\n    build: .\n    environment:\n      OLLAMA_BASE_URL: http://host.docker.internal:11434\n",
		UseInstead: "services:\n  app:\n    build: .\n    environment:\n      OLLAMA_BASE_URL: http://host.docker.internal:11434\n" +
			"    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n",
	},
	Check: checkHostGatewayMissing,
}

const hostDockerInternal = "host.docker.internal"

// hgSpot is one host.docker.internal written somewhere.
type hgSpot struct {
	key      string // variable name; "" in a command
	v        *network.Value
	node     *compose.Node
	base     int    // offset of text in node.Value
	text     string // the value or command word the offsets below index
	start    int    // of the name in text
	services []*compose.Service
	deflt    *compose.VarRef // set for a default the process environment overrides
	word     diag.Range
	direct   bool
	build    bool                 // a build argument: the build's own extra_hosts apply
	mounted  *compose.MountedFile // set for a line of a mounted configuration file
}

func checkHostGatewayMissing(p *Pass) {
	m := p.Net()
	var spots []*hgSpot
	var usesOf map[*compose.Node][]*compose.VarRef // by node, built on first need
	for _, v := range p.Values() {
		// The name is in the value, or in a default written in it (a
		// part of Raw), or the value is of no concern here.
		if !maybeHolds(v.Node.Value, hostDockerInternal) && !maybeHolds(v.Node.Raw, hostDockerInternal) {
			continue
		}
		if r := endpoint.KeyRole(v.Key, nil); r != endpoint.Connect {
			continue // CORS and proxy lists, bind and advertised addresses name it without resolving it
		}
		var ss []*compose.Service
		build := v.From == compose.FromBuildArgs
		for _, u := range v.Uses {
			if build && !buildMapsHostGateway(u.Service) || !build && !mapsHostGateway(m, u.Service) && !((u.Var.From == compose.FromEnvFile || u.Var.From == compose.FromMounted) && m.KnownServer(u.Service)) {
				ss = append(ss, u.Service)
			}
		}
		if len(ss) == 0 {
			continue
		}
		for _, i := range indexAllFold(v.Node.Value, hostDockerInternal) {
			spots = append(spots, &hgSpot{key: v.Key, v: v, node: v.Node, text: v.Node.Value, start: i, services: ss, direct: true, build: build})
		}
		// A default the shell running the linter overrides is still the
		// value everyone else gets.
		if usesOf == nil {
			usesOf = map[*compose.Node][]*compose.VarRef{}
			for i := range p.Project.VarUses {
				ref := &p.Project.VarUses[i]
				usesOf[ref.Node] = append(usesOf[ref.Node], ref)
			}
		}
		for _, ref := range usesOf[v.Node] {
			u := ref.Use
			if !u.Set || u.Source == nil || u.Source.File != nil || (u.Op != ":-" && u.Op != "-") {
				continue
			}
			argOff := u.RawStart + 2 + len(u.Name) + len(u.Op)
			for _, j := range indexAllFold(u.Arg, hostDockerInternal) {
				spots = append(spots, &hgSpot{key: v.Key, v: v, node: v.Node, text: u.Arg, start: j, services: ss, deflt: ref, build: build,
					word: v.Node.RawRange(argOff+j, argOff+j+len(hostDockerInternal))})
			}
		}
	}
	type spotKey struct {
		node     *compose.Node
		start, i int
	}
	seen := map[spotKey]*hgSpot{}
	for _, s := range p.Project.Services {
		if mapsHostGateway(m, s) {
			continue
		}
		for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
			for _, a := range args {
				for _, i := range indexAllFold(a.Value, hostDockerInternal) {
					k := spotKey{a.Node, a.Start, i}
					if sp := seen[k]; sp != nil {
						sp.services = append(sp.services, s)
						continue
					}
					base, direct := network.WordBase(a)
					sp := &hgSpot{node: a.Node, base: base, direct: direct, text: a.Value, start: i, services: []*compose.Service{s}, word: a.Range()}
					seen[k] = sp
					spots = append(spots, sp)
				}
			}
		}
	}
	spots = append(spots, mountedSpots(p, m)...)
	for _, sp := range spots {
		reportHostGateway(p, m, sp)
	}
}

// mountedSpots finds host.docker.internal in the configuration files the
// project bind-mounts into services that do not map it (a Prometheus
// scrape target, an nginx upstream): the program there resolves it.
// Comment lines (#, //, ;) are skipped.
func mountedSpots(p *Pass, m *network.Model) []*hgSpot {
	var out []*hgSpot
	for _, s := range p.Project.Services {
		mfs := p.Project.MountedFiles(s)
		if len(mfs) == 0 || mapsHostGateway(m, s) {
			continue
		}
		for _, mf := range mfs {
			if !maybeHolds(string(mf.Src.Data), hostDockerInternal) {
				continue
			}
			data := string(mf.Src.Data)
			for off := 0; off < len(data); {
				end := strings.IndexByte(data[off:], '\n')
				if end < 0 {
					end = len(data)
				} else {
					end += off
				}
				line := data[off:end]
				if t := strings.TrimSpace(line); !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") && !strings.HasPrefix(t, ";") && dialsIn(t) {
					for _, i := range indexAllFold(line, hostDockerInternal) {
						out = append(out, &hgSpot{node: mountNode(mf), text: line, start: i, services: []*compose.Service{s},
							word: mf.Src.Range(off+i, off+i+len(hostDockerInternal)), mounted: &mf})
					}
				}
				off = end + 1
			}
		}
	}
	return out
}

// notDialing are configuration keys whose value names a host without
// resolving it: nginx's server_name and the headers it sets, Grafana's
// root_url (by role: the service's own address), access lists.
var notDialing = map[string]bool{"proxy_set_header": true, "add_header": true, "more_set_headers": true, "set_real_ip_from": true,
	"allow": true, "deny": true, "sub_filter": true, "return": true, "rewrite": true, "proxy_redirect": true}

// dialsIn reports whether a configuration line (YAML "key: value", INI
// "key = value", nginx "directive value;") gives its value to something
// that connects: its key's role is Connect.
func dialsIn(line string) bool {
	t := strings.TrimLeft(line, "- \t\"'")
	end := strings.IndexFunc(t, func(r rune) bool { return r == ':' || r == '=' || r == ' ' || r == '\t' || r == '"' || r == '\'' })
	if end <= 0 {
		return true // a list item or a bare value: its key is on another line
	}
	key := t[:end]
	return !notDialing[strings.ToLower(key)] && endpoint.KeyRole(key, nil) == endpoint.Connect
}

// mountNode stands for a mounted file's text in a spot: findings there
// are placed by word.
func mountNode(mf compose.MountedFile) *compose.Node {
	return &compose.Node{Kind: compose.Scalar, File: mf.Src}
}

// mapsHostGateway reports whether s (or the service whose network
// namespace it shares, whose /etc/hosts it then uses) maps
// host.docker.internal in extra_hosts.
func mapsHostGateway(m *network.Model, s *compose.Service) bool {
	for _, t := range []*compose.Service{s, m.Root(s)} {
		if t == nil {
			continue
		}
		for _, h := range t.ExtraHosts {
			if strings.EqualFold(h.Host, hostDockerInternal) {
				return true
			}
		}
	}
	return false
}

// buildMapsHostGateway reports whether s's build maps
// host.docker.internal (build.extra_hosts, which the build reads instead
// of the service's).
func buildMapsHostGateway(s *compose.Service) bool {
	eh := s.Build.Get("extra_hosts")
	if eh == nil {
		return false
	}
	if eh.Kind == compose.Map {
		return eh.Get(hostDockerInternal) != nil
	}
	for _, it := range eh.Items {
		if h, _, _ := strings.Cut(strings.TrimSpace(it.Str()), ":"); strings.EqualFold(h, hostDockerInternal) {
			return true
		}
		if h, _, _ := strings.Cut(strings.TrimSpace(it.Str()), "="); strings.EqualFold(h, hostDockerInternal) {
			return true
		}
	}
	return false
}

// maybeHolds reports whether s holds sub (lower case) in any case. Text
// that is not ASCII is taken to: lower-casing may change its length.
func maybeHolds(s, sub string) bool {
	// Folding maps no other character to a dot: without one, no match.
	if strings.IndexByte(sub, '.') >= 0 && strings.IndexByte(s, '.') < 0 {
		return false
	}
	for i := range len(s) {
		if s[i] >= 0x80 {
			return true
		}
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; (c == sub[0] || 'A' <= c && c <= 'Z' && c+'a'-'A' == sub[0]) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func indexAllFold(s, sub string) []int {
	if len(s) < len(sub) || !maybeHolds(s, sub) {
		return nil
	}
	var out []int
	low := strings.ToLower(s)
	for i := 0; ; {
		j := strings.Index(low[i:], sub)
		if j < 0 {
			return out
		}
		a := i + j
		i = a + len(sub)
		// a whole name: not part of "xhost.docker.internal.example"
		if (a > 0 && isNameByte(low[a-1])) || (i < len(low) && (isNameByte(low[i]) || low[i] == '.' && i+1 < len(low) && isNameByte(low[i+1]))) {
			continue
		}
		out = append(out, a)
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// at returns where text[start:end] is written, and whether an edit there
// is safe.
func (sp *hgSpot) at(start, end int) (diag.Range, bool) {
	if sp.deflt != nil {
		return sp.word, false
	}
	if !sp.direct {
		return sp.word, false
	}
	if r, ok := sp.node.ExactRange(sp.base+start, sp.base+end); ok {
		return r, true
	}
	return sp.node.SubRange(sp.base+start, sp.base+end), false
}

func reportHostGateway(p *Pass, m *network.Model, sp *hgSpot) {
	end := sp.start + len(hostDockerInternal)
	rng, exact := sp.at(sp.start, end)
	// The endpoint around the name gives the port.
	var ep *endpoint.Endpoint
	eps := endpoint.FromString(sp.text)
	if sp.key != "" {
		eps = endpoint.FromEnv(sp.key, sp.text, nil)
	}
	for i := range eps {
		if eps[i].HostStart == sp.start {
			ep = &eps[i]
			break
		}
	}
	what := fmt.Sprintf("%q", hostDockerInternal)
	if ep != nil && ep.EffectivePort() != 0 {
		what = fmt.Sprintf("%q", hostDockerInternal+":"+strconv.Itoa(ep.EffectivePort()))
	}
	where, whereWhy := "", ""
	if sp.deflt != nil {
		where = fmt.Sprintf(" in the default of ${%s}", sp.deflt.Use.Name)
		whereWhy = "; the environment running the linter overrides that default, but every other environment uses it"
	}
	key := "extra_hosts"
	if sp.build {
		key = "build: extra_hosts"
	}
	target := fmt.Sprintf("%s of %s", key, subject(sp.services))
	if sp.build {
		whereWhy += "; the build does not read the service's extra_hosts"
	}
	d := diag.Diagnostic{Range: rng}
	who := verb(sp.services, "reaches", "reach")
	if sp.build {
		who = "the build of " + strings.TrimPrefix(strings.TrimPrefix(verb(sp.services, "reaches", "reach"), "services "), "service ")
	}
	d.Message = fmt.Sprintf("%s %s%s; map it to host-gateway in %s", who, what, where, key)
	d.Why = fmt.Sprintf("the name resolves on Docker Desktop, but on a Linux engine only where extra_hosts maps it%s: add \"host.docker.internal:host-gateway\" to %s", whereWhy, target)
	if ep != nil && ep.EffectivePort() != 0 {
		t, tport, published := gatewayTarget(m, sp.services, ep.EffectivePort())
		tname, advWhy, cport := "", "", tport
		if t != nil {
			tname = t.Name
			switch alt, ok := advertisedRoute(m, t, tport); {
			case !ok:
				t = nil // no direct address to offer: the extra_hosts entry is the fix
			case alt != nil:
				advWhy = fmt.Sprintf("; its listener there advertises another host to the clients it answers, the one it advertises as %q reaches it directly", alt.Host+":"+strconv.Itoa(alt.EffectivePort()))
				tname, tport = alt.Host, alt.EffectivePort()
			}
		}
		if t != nil {
			repl := tname
			hostEnd := ep.HostEnd
			if ep.PortStart >= 0 && ep.PortStart >= ep.HostEnd && ep.PortEnd <= len(sp.text) {
				repl += sp.text[ep.HostEnd:ep.PortStart] + strconv.Itoa(tport)
				hostEnd = ep.PortEnd
			} else if ep.Port == 0 && ep.DefaultPort != tport {
				repl += ":" + strconv.Itoa(tport)
			}
			use := fmt.Sprintf("%q", sp.text[ep.Start:ep.HostStart]+repl+sp.text[hostEnd:ep.End])
			if published {
				d.Message = fmt.Sprintf("%s %q through the host%s; use %q", who, t.Name, where, repl)
				direct := ", while its name and container port reach it directly"
				if advWhy != "" {
					direct = advWhy
				}
				d.Why = fmt.Sprintf("%s goes out to the host and back in through the host port %d that service %q publishes for its container port %d%s: "+
					"use %s; host.docker.internal also needs extra_hosts: [\"host.docker.internal:host-gateway\"] on a Linux engine%s", what, ep.EffectivePort(), t.Name, cport, direct, use, whereWhy)
			} else {
				d.Why += fmt.Sprintf("; or, if service %q (which listens on %d without publishing it) is the one meant, use %s", t.Name, tport, use)
			}
			d.Related = append(d.Related, diag.Related{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)})
			if r, ok := sp.at(sp.start, hostEnd); ok && exact && published {
				d.Range = r
				d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", sp.text[sp.start:hostEnd], repl),
					Edits: []diag.TextEdit{{Range: r, NewText: repl}}}
			}
		}
	}
	if sp.v != nil {
		d.Related = append(d.Related, (&network.Occurrence{Value: sp.v}).Related(rng)...)
	}
	if mf := sp.mounted; mf != nil {
		d.Related = append(d.Related, diag.Related{Range: mf.Entry.Range, Message: fmt.Sprintf("service %q mounts it at %s", sp.services[0].Name, mf.Target)})
	}
	p.Report(d)
}

// advertisedRoute says how clients in the project should reach t's
// container port: ok with no endpoint when t advertises nothing else for
// it (its name and the port do); ok with the endpoint t advertises under a
// name of its own when the listener on port advertises another host (a
// Kafka EXTERNAL listener advertising host.docker.internal: a client
// bootstrapping on t:port is sent back out to that host); not ok when t
// advertises no address of its own at all.
func advertisedRoute(m *network.Model, t *compose.Service, port int) (*endpoint.Endpoint, bool) {
	var own *endpoint.Endpoint
	here, elsewhere := false, false
	for _, o := range m.Occurrences() {
		if o.EP.Role != endpoint.Advertise || !slices.Contains(o.Services, t) || o.EP.Host == "" {
			continue
		}
		named := m.Identify(o.EP.Host) == t
		if o.EP.EffectivePort() == port {
			here, elsewhere = here || named, elsewhere || !named
		}
		if named && own == nil {
			own = &o.EP
		}
	}
	if !elsewhere || here {
		return nil, true
	}
	return own, own != nil
}

// gatewayTarget returns the service of the project behind host port
// port: one that publishes it (with its container port), else one that
// listens on it without publishing it.
func gatewayTarget(m *network.Model, from []*compose.Service, port int) (*compose.Service, int, bool) {
	var listener *compose.Service
	for _, t := range m.Project().Services {
		if inNamespace(from, t) {
			continue
		}
		if mode, _ := m.Mode(t); mode != network.ModeNetworks {
			continue
		}
		if c, ok := network.PublishedBy(t, port); ok {
			return t, c, true
		}
		if listener == nil && m.Listen(t).Has(port) && len(m.Shared(from[0], t)) > 0 {
			listener = t
		}
	}
	if listener != nil {
		return listener, port, false
	}
	return nil, 0, false
}
