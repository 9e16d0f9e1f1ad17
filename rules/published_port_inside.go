package rules

import (
	"fmt"
	"slices"
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
		var all []int // every port t listens on, when that decides
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
			var ports []int
			if !pub {
				ports = m.certainPortsOf(rt)
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
		rng, exact := o.portAt()
		if ep.PortStart < 0 && o.portNode == nil {
			// No port was written: mark the host; nothing to replace.
			exact = false
		}
		why := fmt.Sprintf("%d is the host port that %q publishes for its container port %d, and containers talk to container ports", ep.Port, t.Name, want)
		if !published {
			why = fmt.Sprintf("service %q (image %q) listens on %d", t.Name, t.Image, want)
			if len(all) > 1 {
				why = fmt.Sprintf("service %q (image %q) listens on %s only", t.Name, t.Image, portList(all))
			}
			if _, sure := suggestPort(all, ep); !sure {
				exact = false // which of its ports is meant is the user's call
			}
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

// certainPorts are the complete sets of ports images listen on when run as
// they are (their default command and configuration), client port first.
// Only images whose every default listener is known belong here: connecting
// to any other port of theirs is refused for sure. Images whose listeners
// come from their configuration (Kafka, Traefik, MinIO's console) or vary
// by tag (RabbitMQ's management plugin) are absent.
var certainPorts = map[string][]int{
	"postgres": {5432}, "postgis/postgis": {5432}, "timescale/timescaledb": {5432},
	"mysql": {3306, 33060}, "percona": {3306, 33060}, "mariadb": {3306},
	"redis": {6379}, "valkey/valkey": {6379}, "bitnami/redis": {6379},
	"mongo": {27017}, "bitnami/mongodb": {27017},
	"memcached": {11211}, "nginx": {80}, "httpd": {80},
	"elasticsearch": {9200, 9300}, "docker.elastic.co/elasticsearch/elasticsearch": {9200, 9300},
	"nats":            {4222, 6222, 8222}, // the image's nats-server.conf: clients, cluster, monitoring
	"zookeeper":       {2181, 2888, 3888, 8080},
	"cassandra":       {9042, 7000, 7001, 7199, 9160},
	"consul":          {8500, 8300, 8301, 8302, 8600},
	"grafana/grafana": {3000}, "prom/prometheus": {9090},
	"mailhog/mailhog": {1025, 8025}, "axllent/mailpit": {1025, 8025},
	"ollama/ollama": {11434}, "confluentinc/cp-schema-registry": {8081}, "mcr.microsoft.com/mssql/server": {1433},
}

// portKnobWords are words of variable names whose values can move or add
// a listener (KAFKA_LISTENERS, TRAEFIK_ENTRYPOINTS_WEB_ADDRESS,
// CONSUL_LOCAL_CONFIG, ZOO_CFG_EXTRA, ...).
var portKnobWords = map[string]bool{
	"PORT": true, "PORTS": true, "LISTEN": true, "LISTENERS": true, "BIND": true, "ADDRESS": true, "ADDR": true,
	"ADVERTISED": true, "ENTRYPOINTS": true, "CONFIG": true, "CFG": true, "CONF": true, "EXTRA": true,
}

// configExts are extensions of mounted files that can be configuration.
var configExts = []string{".conf", ".cnf", ".cfg", ".ini", ".yml", ".yaml", ".json", ".toml", ".properties", ".xml", ".hcl"}

// certainPortsOf returns every port t listens on when that is known for
// sure: a well-known image with a complete port list, run as it is (no
// build, command or entrypoint, no variable that could move or add a
// port, no mounted configuration, no ports or expose of other ports, no
// sidecar in its namespace); else nil.
func (m *netModel) certainPortsOf(t *compose.Service) []int {
	known := certainPorts[imageName(t.Image)]
	if len(known) == 0 || t.Build != nil || len(t.Command) > 0 || len(t.Entrypoint) > 0 || len(m.namespace(t)) > 1 {
		return nil
	}
	if v := t.Node.Get("volumes"); v != nil {
		for _, it := range v.Items {
			spec := it.Value
			if it.Kind == compose.Map {
				spec = it.Get("source").Str() + ":" + it.Get("target").Str()
			}
			if strings.Contains(spec, "/docker-entrypoint-initdb.d") {
				continue // init scripts run once; they do not move the server
			}
			if strings.Contains(spec, "/etc/") || strings.Contains(spec, "conf") {
				return nil // a mounted configuration may move the port
			}
			for _, part := range strings.Split(spec, ":") {
				for _, ext := range configExts {
					if strings.HasSuffix(strings.ToLower(part), ext) {
						return nil
					}
				}
			}
		}
	}
	for _, e := range t.Env {
		for _, w := range endpoint.KeyWords(e.Key) {
			if portKnobWords[w] || strings.Contains(w, "PORT") {
				return nil
			}
		}
		if e.Value != nil && strings.Contains(strings.ToLower(e.Value.Value), "port") {
			return nil // options such as "-Dcassandra.native_transport_port=9043"
		}
	}
	for p := range m.listen[t] {
		if !slices.Contains(known, p) {
			return nil // ports or expose name another port: it was moved
		}
	}
	return known
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
