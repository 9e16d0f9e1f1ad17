package network

import (
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/endpoint"
)

// Ports is a set of ports, sorted.
type Ports []int

// Has reports whether p is in the set.
func (ps Ports) Has(p int) bool {
	_, ok := slices.BinarySearch(ps, p)
	return ok
}

// listenPorts returns the container ports a service listens on, as far as
// the configuration tells: ports, expose, its image's default ports, a
// PORT-like variable (PORT, SERVER_PORT, HTTP_PORT, or <SERVICE>_PORT)
// and a port its own command listens on (--port 8000, --bind 0.0.0.0:8000,
// runserver 0.0.0.0:8000).
//
// cmd is what endpoint.FromArgs finds in its entrypoint and its command.
func listenPorts(s *compose.Service, extra map[string][]int, memo map[string][]int, cmd [2][]endpoint.ArgEndpoint) Ports {
	var out Ports
	for _, p := range s.Ports {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out = append(out, t)
		}
	}
	for _, p := range s.Expose {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out = append(out, t)
		}
	}
	for _, p := range ImagePorts[Software(s)] {
		out = append(out, p)
	}
	for sub, ports := range extra {
		if sub != "" && strings.Contains(strings.ToLower(s.Image), strings.ToLower(sub)) {
			for _, p := range ports {
				out = append(out, p)
			}
		}
	}
	image := ImageName(s.Image)
	for _, e := range s.Env {
		if e.Value == nil {
			continue
		}
		if ownPortKey(e.Key, s.Name) || imagePortVar(image, e.Key) {
			if n, err := strconv.Atoi(strings.TrimSpace(e.Value.Value)); err == nil && n > 0 && n < 65536 {
				out = append(out, n)
			}
		}
		// Listen addresses in the environment (KAFKA_LISTENERS,
		// BIND_ADDRESS=0.0.0.0:8080, ...) name ports too.
		for _, p := range bindPorts(e.Key, e.Value.Value, memo) {
			out = append(out, p)
		}
	}
	for _, n := range commandPorts(s, cmd) {
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ownPortKey reports a variable that sets the port the service itself
// listens on. DB_PORT in an api service is the database's port, so only
// generic names and the service's own name count.
func ownPortKey(key, service string) bool {
	if len(key) < 4 || !strings.EqualFold(key[len(key)-4:], "PORT") {
		return false // most names: no upper-cased copy
	}
	up := strings.ToUpper(key)
	switch up {
	case "PORT", "SERVER_PORT", "HTTP_PORT", "APP_PORT", "LISTEN_PORT", "WEB_PORT", "APPLICATION_PORT":
		return true
	}
	base, ok := strings.CutSuffix(up, "_PORT")
	return ok && base != "" && NamesService(base, service) && !strings.Contains(base, "_")
}

// commandPorts returns the ports a service's command or entrypoint makes
// it listen on.
func commandPorts(s *compose.Service, cmd [2][]endpoint.ArgEndpoint) []int {
	var out []int
	for j, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		for _, ep := range cmd[j] {
			if ep.Role == endpoint.Bind && ep.Port > 0 {
				out = append(out, ep.Port)
			}
		}
		for i, a := range args {
			name, val, hasVal := strings.Cut(a.Value, "=")
			if name != "--port" && name != "--http-port" && name != "--listen-port" && name != "--server.port" {
				continue
			}
			if !hasVal && i+1 < len(args) {
				val = args[i+1].Value
			}
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n < 65536 {
				out = append(out, n)
			}
		}
	}
	return out
}

func ArgValues(args []compose.Arg) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

// PublishedBy returns the container port that host port hp maps to.
func PublishedBy(s *compose.Service, hp int) (int, bool) {
	for _, p := range s.Ports {
		if p.Published != 0 && hp >= p.Published && hp <= p.PublishedEnd {
			return p.Target + (hp - p.Published), true
		}
	}
	return 0, false
}

// bindPorts are the ports of the listen addresses in KEY=value. Services
// that share an env file or anchor share its variables: memo, kept for one
// model, reads each KEY=value once.
func bindPorts(key, value string, memo map[string][]int) []int {
	k := endpoint.ParseKey(key)
	if !mayBind(k, value) { // most pairs: cheaper than the memo
		return nil
	}
	pair := key + "\x00" + value
	if ports, ok := memo[pair]; ok {
		return ports
	}
	ports := bindPortsOf(k, value)
	memo[pair] = ports
	return ports
}

func bindPortsOf(k *endpoint.Key, value string) []int {
	var ports []int
	for _, ep := range k.Endpoints(value, k.Role) {
		if ep.Role == endpoint.Bind && ep.Port > 0 {
			ports = append(ports, ep.Port)
		}
	}
	return ports
}

// mayBind is false when FromEnv can find no listen address in the pair:
// the name does not say so, and the value holds no address that listens
// on every interface (0.0.0.0, ::, 0:0:...), which alone makes one.
func mayBind(k *endpoint.Key, value string) bool {
	switch k.Role {
	case endpoint.Bind:
		return true
	case endpoint.Connect:
		return strings.Contains(value, "0.0.0.0") || strings.Contains(value, "::") || strings.Contains(value, "0:0")
	}
	return false
}
