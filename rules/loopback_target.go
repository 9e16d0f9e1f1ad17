package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var loopbackTarget = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "loopback-target", Severity: diag.Error, Enabled: true,
		Summary:    "a service connects to localhost expecting another container",
		What:       "Reports a URL or address on localhost, 127.0.0.0/8, ::1 or 0.0.0.0 in a service's environment when another service of the project listens on that port and the service itself does not.",
		Why:        "Inside a container, localhost is the container itself. The connection goes to a port nothing listens on and fails with ECONNREFUSED.",
		Example:    "services:\n  api:\n    build: ./api\n    ports: [\"3000:3000\"]\n  client:\n    build: ./client\n    environment:\n      API_BASE_URL: http://localhost:3000\n",
		UseInstead: "services:\n  api:\n    build: ./api\n    ports: [\"3000:3000\"]\n  client:\n    build: ./client\n    environment:\n      API_BASE_URL: http://api:3000\n",
	},
	Check: checkLoopbackTarget,
}

func checkLoopbackTarget(p *Pass) {
	prefixes := append(append([]string(nil), endpoint.DefaultBrowserPrefixes...), p.Settings.BrowserPrefixes...)
	for _, s := range p.Project.Services {
		if s.NetworkMode != nil {
			continue // host, service:x and container:x share another namespace
		}
		own := listenPorts(s, p.Settings.ImagePorts)
		for _, ev := range s.Env {
			if ev.Value == nil {
				continue
			}
			for _, ep := range endpoint.FromEnv(ev.Key, ev.Value.Value, prefixes) {
				if ep.Role != endpoint.Connect || !endpoint.IsLoopback(ep.Host) {
					continue
				}
				port := ep.EffectivePort()
				if port == 0 {
					continue
				}
				// A variable named after another service (API_URL and
				// service api) means that service even when this one
				// listens on the same port; otherwise the port decides.
				target, tport, viaPublished := namedListener(p, s, ev.Key, port)
				if target == nil {
					if own[port] {
						continue
					}
					target, tport, viaPublished = listenerOf(p, s, port)
				}
				if target == nil {
					continue
				}
				reportLoopback(p, s, ev, ep, target, tport, viaPublished)
			}
		}
	}
}

// namedListener returns the service the variable name refers to, when it
// listens on or publishes port.
func namedListener(p *Pass, self *compose.Service, key string, port int) (*compose.Service, int, bool) {
	if namesService(key, self.Name) {
		return nil, 0, false
	}
	for _, t := range p.Project.Services {
		if t == self || !namesService(key, t.Name) {
			continue
		}
		if listenPorts(t, p.Settings.ImagePorts)[port] {
			return t, port, false
		}
		if c, ok := publishedBy(t, port); ok {
			return t, c, true
		}
	}
	return nil, 0, false
}

// namesService reports whether a variable name contains a service's name
// as whole words: API_BASE_URL names "api", ORDER_SERVICE_URL names
// "order-service".
func namesService(key, service string) bool {
	kt := strings.Split(strings.ToLower(key), "_")
	st := strings.FieldsFunc(strings.ToLower(service), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(st) == 0 {
		return false
	}
	for i := 0; i+len(st) <= len(kt); i++ {
		match := true
		for j := range st {
			if kt[i+j] != st[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// listenerOf finds the other service that listens on port, or that
// publishes it on the host (then tport is its container port).
func listenerOf(p *Pass, self *compose.Service, port int) (*compose.Service, int, bool) {
	var byPublished *compose.Service
	var pubTarget int
	for _, t := range p.Project.Services {
		if t == self {
			continue
		}
		if listenPorts(t, p.Settings.ImagePorts)[port] {
			return t, port, false
		}
		if c, ok := publishedBy(t, port); ok && byPublished == nil {
			byPublished, pubTarget = t, c
		}
	}
	if byPublished != nil {
		return byPublished, pubTarget, true
	}
	return nil, 0, false
}

func reportLoopback(p *Pass, s *compose.Service, ev compose.EnvVar, ep endpoint.Endpoint, t *compose.Service, tport int, viaPublished bool) {
	v := ev.Value.Value
	hostText := v[ep.HostStart:ep.HostEnd]
	if strings.Contains(hostText, ":") {
		hostText = "[" + hostText + "]"
	}
	addr := hostText + ":" + strconv.Itoa(ep.EffectivePort())
	// Replace the host (with its IPv6 brackets), and the port when the
	// host-published one was used.
	start, end := ep.HostStart, ep.HostEnd
	if start > 0 && v[start-1] == '[' && end < len(v) && v[end] == ']' {
		start, end = start-1, end+1
	}
	replacement := t.Name
	if ep.PortStart >= 0 && viaPublished {
		replacement += v[end:ep.PortStart] + strconv.Itoa(tport)
		end = ep.PortEnd
	} else if ep.PortStart < 0 && (viaPublished || ep.DefaultPort != tport) {
		replacement += ":" + strconv.Itoa(tport)
	}
	suggestion := v[ep.Start:start] + replacement + v[end:ep.End]
	why := fmt.Sprintf("service %q listens on %d", t.Name, tport)
	if viaPublished {
		why = fmt.Sprintf("service %q publishes host port %d for its container port %d, and containers use the container port", t.Name, ep.EffectivePort(), tport)
	}
	rng, exact := ev.Value.ExactRange(start, end)
	if !exact {
		rng = ev.Value.SubRange(ep.HostStart, ep.HostEnd)
	}
	d := diag.Diagnostic{
		Range: rng,
		Message: fmt.Sprintf("service %q reaches %q, which is the %s container itself; use %q (%s)",
			s.Name, addr, s.Name, suggestion, why),
		Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}},
	}
	if ev.KeyAt != nil && ev.KeyAt.Range.File != rng.File {
		d.Related = append(d.Related, diag.Related{Range: ev.KeyAt.Range, Message: fmt.Sprintf("%s of service %q", ev.Key, s.Name)})
	}
	if exact {
		d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", v[start:end], replacement),
			Edits: []diag.TextEdit{{Range: rng, NewText: replacement}}}
	}
	p.Report(d)
}
