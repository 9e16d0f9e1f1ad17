package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var publishedPortInside = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "published-port-inside", Severity: diag.Error, Enabled: true,
		Summary: "a container reaches another on its host-published port instead of its container port",
		What: "Reports a URL or address that names another service with a port that service only publishes on the host (ports: \"8081:8000\" and http://orders:8081), " +
			"or a port a well-known image does not listen on when nothing changes its default (redis://cache:6380 for an unmodified redis).",
		Why:        "Between containers, traffic goes straight to the container: the host port mapping of ports: does not apply, so the published port is closed there and the connection is refused.",
		Example:    "services:\n  orders:\n    build: ./orders\n    ports: [\"8081:8000\"]\n  shop:\n    build: ./shop\n    environment:\n      ORDERS_URL: http://orders:8081\n",
		UseInstead: "services:\n  orders:\n    build: ./orders\n    ports: [\"8081:8000\"]\n  shop:\n    build: ./shop\n    environment:\n      ORDERS_URL: http://orders:8000\n",
	},
	Check: checkPublishedPortInside,
}

func checkPublishedPortInside(p *Pass) {
	m := newNet(p)
	for _, o := range occurrences(p) {
		ep := o.EP
		if ep.Role != endpoint.Connect || ep.Port == 0 || ep.Host == "" || endpoint.IsLoopback(ep.Host) {
			continue
		}
		var bad []*compose.Service
		var t *compose.Service
		var want int
		var published bool
		for _, s := range o.Services {
			r := m.resolve(s, ep.Host)
			if r.target == nil {
				continue
			}
			rt := m.root(r.target)
			if rt == nil || m.listensIn(rt, ep.Port) {
				continue
			}
			c, pub := 0, false
			for _, x := range m.namespace(rt) {
				if cp, ok := publishedBy(x, ep.Port); ok {
					c, pub = cp, true
					break
				}
			}
			if !pub {
				c = m.onlyPort(rt)
				if c == 0 {
					continue
				}
			}
			if t == nil {
				t, want, published = rt, c, pub
			}
			if rt == t {
				bad = append(bad, s)
			}
		}
		if len(bad) == 0 {
			continue
		}
		rng, exact := o.portAt()
		if ep.PortStart < 0 && o.portNode == nil {
			// No port was written: mark the host; nothing to replace.
			exact = false
		}
		why := fmt.Sprintf("%d is the host port that %q publishes for its container port %d, and containers talk to container ports", ep.Port, t.Name, want)
		if !published {
			why = fmt.Sprintf("service %q (image %q) listens on %d", t.Name, t.Image, want)
		}
		host := o.text[ep.HostStart:ep.HostEnd]
		use := fmt.Sprintf("%q", host+":"+strconv.Itoa(want))
		if o.portNode != nil {
			use = fmt.Sprintf("%s=%d", o.portKey, want)
			why += fmt.Sprintf(" (%s gives the port of %s)", o.portKey, o.Key)
		}
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("%s %q on port %d, but %s; use %s", verb(bad, "reaches", "reach"), host, ep.Port, why, use),
			Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}}
		if published {
			for _, x := range m.namespace(t) {
				for _, pp := range x.Ports {
					if pp.Published != 0 && ep.Port >= pp.Published && ep.Port <= pp.PublishedEnd && pp.Node != nil {
						d.Related = append(d.Related, diag.Related{Range: pp.Node.Range, Message: fmt.Sprintf("host port %d maps to container port %d here", ep.Port, want)})
					}
				}
			}
		}
		d.Related = append(d.Related, o.related(rng)...)
		if exact {
			d.Fix = &diag.Fix{Description: fmt.Sprintf("replace port %d with %d", ep.Port, want),
				Edits: []diag.TextEdit{{Range: rng, NewText: strconv.Itoa(want)}}}
		}
		p.Report(d)
	}
}

// onlyPort returns the single port t listens on when it is known for
// sure: a well-known image, run as it is (no command or entrypoint, no
// variable that could move its port, no ports or expose of other ports);
// else 0.
func (m *netModel) onlyPort(t *compose.Service) int {
	known := imagePorts[imageName(t.Image)]
	if len(known) != 1 || len(t.Command) > 0 || len(t.Entrypoint) > 0 || len(m.namespace(t)) > 1 {
		return 0
	}
	if v := t.Node.Get("volumes"); v != nil {
		for _, it := range v.Items {
			src := it.Value
			if it.Kind == compose.Map {
				src = it.Get("target").Str()
			}
			if strings.Contains(src, ".conf") || strings.Contains(src, ".cnf") || strings.Contains(src, "/etc/") {
				return 0 // a mounted configuration file may move the port
			}
		}
	}
	for _, e := range t.Env {
		if strings.Contains(strings.ToUpper(e.Key), "PORT") {
			return 0
		}
	}
	ports := make([]int, 0, len(m.listen[t]))
	for p := range m.listen[t] {
		ports = append(ports, p)
	}
	sort.Ints(ports)
	if len(ports) != 1 || ports[0] != known[0] {
		return 0
	}
	return known[0]
}
