package network

import (
	"slices"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/endpoint"
)

// maxPortSpan bounds the ports a range adds one by one; a service with a
// wider range has ports that are not known (nil).
const maxPortSpan = 1024

// ReachedPorts maps each service to the container ports it publishes or
// exposes and those other services connect to by its name: the ports a
// server must not keep on loopback. A service with a port entry the model
// cannot read, or a range too wide to list, maps to nil (any port). A
// sidecar's ports are its owner's.
func (m *Model) ReachedPorts() map[*compose.Service]map[int]bool {
	out := map[*compose.Service]map[int]bool{}
	wide := map[*compose.Service]bool{}
	add := func(s *compose.Service, from, to int) {
		if to < from {
			to = from
		}
		if to-from >= maxPortSpan {
			wide[s] = true
			return
		}
		if out[s] == nil {
			out[s] = map[int]bool{}
		}
		for port := from; port <= to; port++ {
			out[s][port] = true
		}
	}
	root := func(s *compose.Service) *compose.Service {
		if r := m.Root(s); r != nil {
			return r
		}
		return s
	}
	services := m.Project().Services
	for _, s := range services {
		out[s] = map[int]bool{}
	}
	for _, s := range services {
		read := map[*compose.Node]bool{}
		for _, pt := range append(slices.Clone(s.Ports), s.Expose...) {
			add(root(s), pt.Target, pt.TargetEnd)
			read[pt.Node] = true
		}
		// An entry the model could not read (an unset ${PORT}) may be
		// any port.
		for _, key := range []string{"ports", "expose"} {
			if n := s.Node.Get(key); n != nil {
				for _, it := range n.Items {
					if _, dup := compose.ParsePortSpec(it.Value); !read[it] && (it.Kind != compose.Scalar || !dup) {
						wide[root(s)] = true
					}
				}
			}
		}
	}
	for _, o := range m.Occurrences() {
		ep := o.EP
		if ep.Role != endpoint.Connect || ep.Host == "" || endpoint.IsLoopback(ep.Host) || ep.EffectivePort() == 0 {
			continue
		}
		for _, s := range o.Services {
			if r := m.Resolve(s, ep.Host); r.Target != nil {
				add(root(r.Target), ep.EffectivePort(), 0)
			}
		}
	}
	for _, s := range services {
		if r := root(s); r != s {
			out[s] = out[r] // a sidecar listens in its owner's namespace
			wide[s] = wide[r]
		}
	}
	for s, w := range wide {
		if w {
			out[s] = nil
		}
	}
	return out
}
