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

var advertisedLoopback = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "advertised-loopback", Severity: diag.Error, Enabled: true,
		Summary: "a broker advertises localhost on the listener other containers bootstrap from",
		What: "Reports a loopback address in an advertised or announced address when another service reaches that component by name and then follows it. " +
			"The advertised settings it knows: KAFKA_ADVERTISED_LISTENERS, KAFKA_CFG_ADVERTISED_LISTENERS, ADVERTISED_LISTENERS and Redpanda's --advertise-kafka-addr, " +
			"followed by every client bootstrapping from the same listener (its port is taken from the matching *_LISTENERS entry, else from the advertised entry); " +
			"Redis Cluster's --cluster-announce-ip, followed by every client; etcd's --initial-advertise-peer-urls (followed by peers naming it in --initial-cluster) and " +
			"--advertise-client-urls (followed only by clients that sync the member list, such as Patroni); NATS --cluster_advertise (--routes), " +
			"CASSANDRA_BROADCAST_ADDRESS (CASSANDRA_SEEDS), Consul -advertise (-retry-join, -join), Elasticsearch network.publish_host (discovery.seed_hosts). " +
			"Any other *ADVERTISED*, *BROADCAST* or *ANNOUNCE* setting (Hatchet's SERVER_GRPC_BROADCAST_ADDRESS) is read like Kafka's. " +
			"Dual listeners, one advertised by service name for containers and one on localhost for clients on the host, are correct and not reported.",
		Why: "A Kafka-style client only uses its bootstrap address for the first request; it then connects to the address the broker advertises for that listener. " +
			"Advertised as localhost, that is the client container itself: the client bootstraps, then fails with \"connection refused\" or waits forever for metadata.",
		Example: "services:\n  kafka:\n    image: bitnami/kafka:3.7\n    ports: [\"9092:9092\"]\n    environment:\n" +
			"      KAFKA_CFG_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093\n      KAFKA_CFG_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092\n" +
			"  consumer:\n    build: .\n    environment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n",
		UseInstead: "services:\n  kafka:\n    image: bitnami/kafka:3.7\n    ports: [\"9094:9094\"]\n    environment:\n" +
			"      KAFKA_CFG_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL://:9094\n" +
			"      KAFKA_CFG_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092,EXTERNAL://localhost:9094\n" +
			"      KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT\n" +
			"  consumer:\n    build: .\n    environment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n",
	},
	Check: checkAdvertisedLoopback,
}

// bootstrap is one service reaching a broker by name: a connection, or a
// follower setting (a cluster seed, a join address).
type bootstrap struct {
	client *compose.Service
	addr   string     // the address as written ("kafka:9092")
	at     diag.Range // where it is written
	via    string     // the variable or flag; "" for a command argument
}

// advertisedAt is one advertised address of a service, with the table
// entry that says who follows it.
type advertisedAt struct {
	s    *compose.Service
	o    *network.Occurrence
	a    *advertiser
	name string // the variable or flag holding it
}

func checkAdvertisedLoopback(p *Pass) {
	m := p.Net()
	occs := m.Occurrences()
	ads := advertisedAddresses(p, occs)
	if !slices.ContainsFunc(ads, func(ad advertisedAt) bool { return endpoint.IsLoopback(ad.o.EP.Host) }) {
		return // nothing advertises a loopback address: the maps below are not needed
	}
	// Listener name -> bound port, per service.
	bound := map[*compose.Service]map[string]int{}
	// (broker, port) -> clients connecting to it by name.
	clients := map[*compose.Service]map[int][]bootstrap{}
	for _, o := range occs {
		ep := o.EP
		switch {
		case ep.Role == endpoint.Bind && ep.Listener != "" && ep.Port != 0:
			for _, s := range o.Services {
				if bound[s] == nil {
					bound[s] = map[string]int{}
				}
				bound[s][strings.ToUpper(ep.Listener)] = ep.Port
			}
		case ep.Role == endpoint.Connect && ep.Host != "" && !endpoint.IsLoopback(ep.Host) && ep.EffectivePort() != 0:
			for _, s := range o.Services {
				r := m.Resolve(s, ep.Host)
				if r.Target == nil || r.Via == "self" {
					continue
				}
				t := m.Root(r.Target)
				if t == nil || t == m.Root(s) {
					continue
				}
				if clients[t] == nil {
					clients[t] = map[int][]bootstrap{}
				}
				at, _ := o.HostAt()
				clients[t][ep.EffectivePort()] = append(clients[t][ep.EffectivePort()], bootstrap{s, o.Addr(), at, o.Key})
			}
		}
	}
	done := map[*network.Occurrence]bool{}
	for _, ad := range ads {
		o, s, a := ad.o, ad.s, ad.a
		if done[o] || !endpoint.IsLoopback(o.EP.Host) {
			continue
		}
		if mode, _ := m.Mode(s); mode != network.ModeNetworks {
			continue
		}
		if len(a.Needs) == 2 && !slices.Contains(flagValues(s, a.Needs[0]), a.Needs[1]) {
			continue
		}
		port := o.EP.EffectivePort()
		if a.Port != 0 && o.EP.Port == 0 {
			port = a.Port
			for _, pf := range a.PortFrom {
				for _, v := range settingValues(s, pf) {
					if n, err := strconv.Atoi(v.val); err == nil && n > 0 && n < 65536 {
						port = n
					}
				}
			}
		}
		if o.EP.Listener != "" {
			if bp, ok := bound[s][strings.ToUpper(o.EP.Listener)]; ok {
				port = bp
			}
		}
		if port == 0 {
			continue
		}
		var bs []bootstrap
		if len(a.Followers) == 0 {
			bs = clients[s][port]
		} else {
			bs = followers(m, s, a, port)
		}
		if len(bs) == 0 {
			continue
		}
		done[o] = true // once per written value
		if a.Port == 0 {
			reportAdvertised(p, o, s, port, bs)
		} else {
			reportAnnounced(p, ad, port, bs)
		}
	}
}

// advertisedAddresses returns the advertised addresses of every service:
// the settings the advertisers table names (variables and flags), then any
// other *ADVERTISED* setting, read like Kafka's.
func advertisedAddresses(p *Pass, occs []*network.Occurrence) []advertisedAt {
	var out []advertisedAt
	claimed := map[string]bool{}
	generic := &advertiser{}
	for _, o := range occs {
		if o.Key == "" {
			continue
		}
		a := advertiserOf(o.Key)
		if a == nil && o.EP.Role != endpoint.Advertise {
			continue
		}
		name := o.Key
		if a == nil {
			a = generic
		}
		for _, s := range o.Services {
			out = append(out, advertisedAt{s, o, a, name})
		}
	}
	// Flags: read here, as the endpoint parser does not say which flag a
	// value belongs to.
	for _, s := range p.Project.Services {
		for i := range advertisers {
			a := &advertisers[i]
			for _, name := range a.Names {
				if !strings.HasPrefix(name, "-") {
					continue
				}
				for _, v := range settingValues(s, name) {
					for _, ep := range endpoint.FromEnv("ADVERTISED_LISTENERS", v.val, nil) {
						ep = shift(ep, v.off)
						o := network.ArgOccurrence(v.arg, ep, s)
						claimed[fmt.Sprintf("%p:%v:%d", o.Node, o.Word, ep.HostStart)] = true
						out = append(out, advertisedAt{s, o, a, name})
					}
				}
			}
		}
	}
	for _, o := range occs {
		if o.Key != "" || o.EP.Role != endpoint.Advertise || claimed[fmt.Sprintf("%p:%v:%d", o.Node, o.Word, o.EP.HostStart)] {
			continue
		}
		for _, s := range o.Services {
			out = append(out, advertisedAt{s, o, generic, ""})
		}
	}
	return out
}

// advertiserOf returns the table entry of a variable name.
func advertiserOf(key string) *advertiser {
	for i := range advertisers {
		for _, n := range advertisers[i].Names {
			if !strings.HasPrefix(n, "-") && strings.EqualFold(n, key) {
				return &advertisers[i]
			}
		}
	}
	return nil
}

// shift moves an endpoint's offsets by d.
func shift(ep endpoint.Endpoint, d int) endpoint.Endpoint {
	ep.Start += d
	ep.End += d
	ep.HostStart += d
	ep.HostEnd += d
	if ep.PortStart >= 0 {
		ep.PortStart += d
		ep.PortEnd += d
	}
	return ep
}

// setting is a value of a variable or flag in a service.
type setting struct {
	val string
	at  diag.Range
	arg compose.Arg // for a flag: the word holding the value
	off int         // for a flag: where the value starts in arg.Value
}

// settingValues returns the values of a variable, or of a flag ("-" first)
// in the service's entrypoint and command.
func settingValues(s *compose.Service, name string) []setting {
	var out []setting
	if !strings.HasPrefix(name, "-") {
		for _, e := range s.Env {
			if e.Value != nil && strings.EqualFold(e.Key, name) {
				out = append(out, setting{val: e.Value.Value, at: e.Value.Range})
			}
		}
		return out
	}
	want := strings.TrimLeft(name, "-")
	for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		for i, a := range args {
			w := a.Value
			if !strings.HasPrefix(w, "-") {
				continue
			}
			flag, val, hasVal := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if flag != want {
				continue
			}
			if hasVal {
				off := len(w) - len(val)
				out = append(out, setting{val: val, at: a.SubRange(off, len(w)), arg: a, off: off})
			} else if i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") {
				n := args[i+1]
				out = append(out, setting{val: n.Value, at: n.Range(), arg: n})
			}
		}
	}
	return out
}

// flagValues returns the values of a flag in the service's command.
func flagValues(s *compose.Service, name string) []string {
	var out []string
	for _, v := range settingValues(s, name) {
		out = append(out, v.val)
	}
	return out
}

// followers returns the services whose follower settings name broker,
// on its hop port or without a port.
func followers(m *network.Model, broker *compose.Service, a *advertiser, port int) []bootstrap {
	var out []bootstrap
	for _, c := range m.Project().Services {
		if m.Root(c) == m.Root(broker) {
			continue
		}
		for _, name := range a.Followers {
			for _, v := range settingValues(c, name) {
				for _, tok := range strings.FieldsFunc(v.val, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
					tok = strings.Trim(tok, `'"[]`) // Patroni's list: "'etcd1:2379','etcd2:2379'"
					if k := strings.IndexByte(tok, '='); k >= 0 && k < strings.Index(tok+"://", "://") {
						tok = tok[k+1:] // etcd's initial cluster: "name=http://host:2380"
					}
					eps := endpoint.FromString(tok)
					if len(eps) == 0 {
						eps = endpoint.FromEnv("HOSTS", tok, nil)
					}
					if len(eps) == 0 {
						continue
					}
					ep := eps[0]
					r := m.Resolve(c, ep.Host)
					if r.Target == nil || r.Via == "self" || m.Root(r.Target) != m.Root(broker) {
						continue
					}
					if ep.Port != 0 && ep.Port != port {
						continue
					}
					out = append(out, bootstrap{c, tok, v.at, name})
				}
			}
		}
	}
	return out
}

// reportAnnounced reports an advertised address of a table entry with its
// own port or followers: cluster peers and clients that follow it.
func reportAnnounced(p *Pass, ad advertisedAt, port int, bs []bootstrap) {
	o, broker := ad.o, ad.s
	var names []*compose.Service
	for _, b := range bs {
		names = append(names, b.client)
	}
	b := bs[0]
	how := fmt.Sprintf("%q", b.addr)
	if b.via != "" {
		how = fmt.Sprintf("%q (%s)", b.addr, b.via)
	}
	what := o.Text[o.EP.HostStart:o.EP.HostEnd]
	if strings.Contains(what, ":") {
		what = "[" + what + "]"
	}
	hop := what + ":" + strconv.Itoa(port)
	want := broker.Name
	if o.EP.PortStart >= 0 {
		want += ":" + strconv.Itoa(o.EP.Port)
	}
	name := ""
	if ad.name != "" {
		name = fmt.Sprintf("%s sets it; ", ad.name)
	}
	start, end := o.HostSpan()
	rng, exact := o.At(start, end)
	if !exact {
		rng, _ = o.HostAt()
	}
	d := diag.Diagnostic{Range: rng,
		Message: fmt.Sprintf("service %q advertises %q; advertise %q",
			broker.Name, o.Text[o.EP.Start:o.EP.End], want),
		Why: fmt.Sprintf("%s%s it as %s, then %s sent to %q, %s own loopback, and fail%s",
			name, verb(names, "reaches", "reach"), how, one(names, "is", "are"), hop, one(names, "its", "their"), one(names, "s", "")),
	}
	if b.at.IsValid() {
		d.Related = append(d.Related, diag.Related{Range: b.at, Message: fmt.Sprintf("service %q finds it here", b.client.Name)})
	}
	d.Related = append(d.Related, o.Related(rng)...)
	if exact {
		d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", o.Text[start:end], broker.Name), Edits: []diag.TextEdit{{Range: rng, NewText: broker.Name}}}
	}
	p.Report(d)
}

// one picks the singular or plural form for the services ss.
func one(ss []*compose.Service, singular, plural string) string {
	if len(sortedNames(ss)) == 1 {
		return singular
	}
	return plural
}

func reportAdvertised(p *Pass, o *network.Occurrence, broker *compose.Service, port int, bs []bootstrap) {
	ep := o.EP
	var names []*compose.Service
	for _, b := range bs {
		names = append(names, b.client)
	}
	b := bs[0]
	boot := b.addr
	listener := ""
	if ep.Listener != "" {
		listener = fmt.Sprintf(" on listener %q,", ep.Listener)
	}
	want := broker.Name + ":" + strconv.Itoa(port)
	start, end := o.HostSpan()
	repl := broker.Name
	rng, exact := o.At(start, end)
	if !exact {
		rng, _ = o.HostAt()
	}
	hostNote := ""
	published := false
	for _, pt := range broker.Ports {
		if pt.Published != 0 && port >= pt.Target && port <= pt.TargetEnd {
			published = true
		}
	}
	if published {
		hostNote = "; clients on the host need a second listener advertised on localhost"
	}
	d := diag.Diagnostic{Range: rng,
		Message: fmt.Sprintf("service %q advertises %q; advertise %q",
			broker.Name, o.Addr(), want),
		Why: fmt.Sprintf("it is%s the listener %s bootstrap%s from (%q): after the first request %s sent to %q, %s own loopback, and fail%s%s",
			listener, subject(names), one(names, "s", ""), boot, one(names, "it is", "they are"), o.Addr(), one(names, "its", "their"), one(names, "s", ""), hostNote),
	}
	for _, x := range bs {
		if x.at.IsValid() {
			d.Related = append(d.Related, diag.Related{Range: x.at, Message: fmt.Sprintf("service %q bootstraps from %q here", x.client.Name, x.addr)})
			break
		}
	}
	d.Related = append(d.Related, o.Related(rng)...)
	if exact && !published {
		d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", o.Text[start:end], repl), Edits: []diag.TextEdit{{Range: rng, NewText: repl}}}
	}
	p.Report(d)
}
