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

var publishedPortInside = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "published-port-inside", Severity: diag.Error, Enabled: true,
		Summary: "a container reaches another on its host-published port instead of its container port",
		What: "Reports a URL or address that names another service with a port that service only publishes on the host (ports: \"8081:8000\" and http://orders:8081), " +
			"or a port a well-known image does not listen on when its ports are certain (redis://cache:6380 for an unmodified redis, mongodb://mongo:123 for mongo; " +
			"an image listening on several ports is named with all of them). Certain means: an image whose every default listener is known, no build, command or entrypoint, " +
			"no variable that could move or add a port (*PORT*, *LISTENERS, *ADDRESS, *CONFIG*, a value mentioning a port), no mounted configuration file, " +
			"no ports or expose of another container port, and no sidecar sharing its network namespace; anything else stays silent.",
		Why:        "Between containers, traffic goes straight to the container: the host port mapping of ports: does not apply, so the published port is closed there and the connection is refused.",
		Example:    "services:\n  orders:\n    build: ./orders\n    ports: [\"8081:8000\"]\n  shop:\n    build: ./shop\n    environment:\n      ORDERS_URL: http://orders:8081\n",
		UseInstead: "services:\n  orders:\n    build: ./orders\n    ports: [\"8081:8000\"]\n  shop:\n    build: ./shop\n    environment:\n      ORDERS_URL: http://orders:8000\n",
	},
	Check: checkPublishedPortInside,
}

func checkPublishedPortInside(p *Pass) {
	m := p.Net()
	for _, o := range p.Net().Occurrences() {
		ep := o.EP
		if ep.Role != endpoint.Connect || ep.Port == 0 || ep.Host == "" || endpoint.IsLoopback(ep.Host) {
			continue
		}
		var bad []*compose.Service
		var t *compose.Service
		var want int
		var published bool
		var all []int // every port t listens on, when that decides
		for _, s := range o.Services {
			r := m.Resolve(s, ep.Host)
			if r.Target == nil {
				continue
			}
			rt := m.Root(r.Target)
			if rt == nil || m.ListensIn(rt, ep.Port) {
				continue
			}
			c, pub := 0, false
			for _, x := range m.Namespace(rt) {
				if cp, ok := network.PublishedBy(x, ep.Port); ok {
					c, pub = cp, true
					break
				}
			}
			var ports []int
			if !pub {
				ports = m.CertainPorts(rt)
				if len(ports) == 0 || slices.Contains(ports, ep.Port) {
					continue
				}
				c, _ = suggestPort(ports, ep)
			}
			if t == nil {
				t, want, published, all = rt, c, pub, ports
			}
			if rt == t {
				bad = append(bad, s)
			}
		}
		if len(bad) == 0 {
			continue
		}
		rng, exact := o.PortAt()
		if ep.PortStart < 0 && o.PortNode == nil {
			// No port was written: mark the host; nothing to replace.
			exact = false
		}
		on := fmt.Sprintf("on its host port %d", ep.Port)
		because := fmt.Sprintf("%q publishes host port %d for its container port %d, and containers talk to container ports", t.Name, ep.Port, want)
		if !published {
			on = fmt.Sprintf("on port %d, where it does not listen", ep.Port)
			because = fmt.Sprintf("service %q runs image %q, which listens on %d", t.Name, t.Image, want)
			if len(all) > 1 {
				because = fmt.Sprintf("service %q runs image %q, which listens on %s only", t.Name, t.Image, portList(all))
			}
			if _, sure := suggestPort(all, ep); !sure {
				exact = false // which of its ports is meant is the user's call
			}
		}
		host := o.Text[ep.HostStart:ep.HostEnd]
		use := fmt.Sprintf("%q", host+":"+strconv.Itoa(want))
		if o.PortNode != nil {
			use = fmt.Sprintf("%s=%d", o.PortKey, want)
			because = strings.TrimPrefix(because+"; ", "; ") + fmt.Sprintf("%s gives the port of %s", o.PortKey, o.Key)
		}
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("%s %q %s; use %s", verb(bad, "reaches", "reach"), host, on, use),
			Why:     because,
			Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}}
		if published {
			for _, x := range m.Namespace(t) {
				for _, pp := range x.Ports {
					if pp.Published != 0 && ep.Port >= pp.Published && ep.Port <= pp.PublishedEnd && pp.Node != nil {
						d.Related = append(d.Related, diag.Related{Range: pp.Node.Range, Message: fmt.Sprintf("host port %d maps to container port %d here", ep.Port, want)})
					}
				}
			}
		}
		d.Related = append(d.Related, o.Related(rng)...)
		if exact {
			d.Fix = &diag.Fix{Description: fmt.Sprintf("replace port %d with %d", ep.Port, want),
				Edits: []diag.TextEdit{{Range: rng, NewText: strconv.Itoa(want)}}}
		}
		p.Report(d)
	}
}

// suggestPort picks the port to use instead: the scheme's own port when t
// listens there, else t's client port (the first); exact says the choice
// is the only sensible one (a single port, or the scheme's).
func suggestPort(ports []int, ep endpoint.Endpoint) (port int, exact bool) {
	if d := endpoint.SchemePort(ep.Scheme); d != 0 && slices.Contains(ports, d) {
		return d, true
	}
	return ports[0], len(ports) == 1
}

// portList renders "9200 and 9300", "4222, 6222 and 8222".
func portList(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
