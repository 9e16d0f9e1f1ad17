package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var advertisedLoopback = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "advertised-loopback", Severity: diag.Error, Enabled: true,
		Summary: "a broker advertises localhost on the listener other containers bootstrap from",
		What: "Reports a loopback address in an advertised listener or address (KAFKA_ADVERTISED_LISTENERS, KAFKA_CFG_ADVERTISED_LISTENERS, --advertise-kafka-addr, ...) " +
			"when another service of the project connects to that broker by name on the port of the same listener (its bootstrap address). " +
			"The listener's port is taken from the matching *_LISTENERS entry, else from the advertised entry itself. " +
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

// bootstrap is one service connecting to a broker by name.
type bootstrap struct {
	client *compose.Service
	o      *occurrence
}

func checkAdvertisedLoopback(p *Pass) {
	m := newNet(p)
	occs := occurrences(p)
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
				r := m.resolve(s, ep.Host)
				if r.target == nil || r.via == "self" {
					continue
				}
				t := m.root(r.target)
				if t == nil || t == m.root(s) {
					continue
				}
				if clients[t] == nil {
					clients[t] = map[int][]bootstrap{}
				}
				clients[t][ep.EffectivePort()] = append(clients[t][ep.EffectivePort()], bootstrap{s, o})
			}
		}
	}
	for _, o := range occs {
		ep := o.EP
		if ep.Role != endpoint.Advertise || !endpoint.IsLoopback(ep.Host) || ep.EffectivePort() == 0 {
			continue
		}
		for _, s := range o.Services {
			if mode, _ := m.mode(s); mode != modeNetworks {
				continue
			}
			port := ep.EffectivePort()
			if ep.Listener != "" {
				if bp, ok := bound[s][strings.ToUpper(ep.Listener)]; ok {
					port = bp
				}
			}
			bs := clients[s][port]
			if len(bs) == 0 {
				continue
			}
			reportAdvertised(p, o, s, port, bs)
			break // once per written value
		}
	}
}

// one picks the singular or plural form for the services ss.
func one(ss []*compose.Service, singular, plural string) string {
	if len(sortedNames(ss)) == 1 {
		return singular
	}
	return plural
}

func reportAdvertised(p *Pass, o *occurrence, broker *compose.Service, port int, bs []bootstrap) {
	ep := o.EP
	var names []*compose.Service
	for _, b := range bs {
		names = append(names, b.client)
	}
	b := bs[0]
	boot := b.o.addr()
	listener := ""
	if ep.Listener != "" {
		listener = fmt.Sprintf(" on listener %q", ep.Listener)
	}
	want := broker.Name + ":" + strconv.Itoa(port)
	start, end := o.hostSpan()
	repl := broker.Name
	rng, exact := o.at(start, end)
	if !exact {
		rng, _ = o.hostAt()
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
		Message: fmt.Sprintf("service %q advertises %q%s, the listener %s bootstrap%s from (%q): after the first request %s sent to %q, %s own loopback, and fail%s; advertise %q there%s",
			broker.Name, o.addr(), listener, subject(names), one(names, "s", ""), boot, one(names, "it is", "they are"), o.addr(), one(names, "its", "their"), one(names, "s", ""), want, hostNote),
	}
	for _, x := range bs {
		if r, _ := x.o.hostAt(); r.IsValid() {
			d.Related = append(d.Related, diag.Related{Range: r, Message: fmt.Sprintf("service %q bootstraps from %q here", x.client.Name, x.o.addr())})
			break
		}
	}
	d.Related = append(d.Related, o.related(rng)...)
	if exact && !published {
		d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", o.text[start:end], repl), Edits: []diag.TextEdit{{Range: rng, NewText: repl}}}
	}
	p.Report(d)
}
