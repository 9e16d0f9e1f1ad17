package rules

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

var duplicateHostPort = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "duplicate-host-port", Severity: diag.Error, Enabled: true,
		Summary: "two services publish the same host port",
		What: "Reports a ports: entry that publishes a host port (or a port in a range) which another entry already publishes on an overlapping host address " +
			"with the same protocol. An entry without a host IP binds every address, so 127.0.0.1:5432:5432 and 5432:5432 collide; 5432/tcp and 5432/udp do not. " +
			"Services in profiles that never run together (no shared profile) are not compared; services that start together only under some profiles " +
			"(a profile one of them has, or that extends gave both) are reported as a warning that names those profiles. Neither are services on network_mode host compared, " +
			"whose ports: Compose ignores, nor host ranges that Compose picks one free port from (8000-8010:80).",
		Why:        "A host port can be bound once. The second container fails to start with \"Bind for 0.0.0.0:5432 failed: port is already allocated\".",
		Example:    "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n  db-replica:\n    image: postgres:16\n    ports: [\"127.0.0.1:5432:5432\"]\n",
		UseInstead: "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n  db-replica:\n    image: postgres:16\n    ports: [\"127.0.0.1:5433:5432\"]\n",
	},
	Check: checkDuplicateHostPort,
}

type published struct {
	s  *compose.Service
	pt compose.Port
}

func checkDuplicateHostPort(p *Pass) {
	m := p.Net()
	var all []published
	used := map[int]bool{}
	for _, s := range p.Project.Services {
		if mode, _ := m.Mode(s); mode == network.ModeHost {
			continue
		}
		for _, pt := range s.Ports {
			if pt.Published == 0 || pt.Node == nil {
				continue
			}
			for h := pt.Published; h <= pt.PublishedEnd && h-pt.Published < 4096; h++ {
				used[h] = true
			}
			// A host range onto one container port is a pool Compose
			// picks a free port from: it collides only when exhausted.
			if pt.PublishedEnd > pt.Published && pt.TargetEnd == pt.Target {
				continue
			}
			all = append(all, published{s, pt})
		}
	}
	reported := map[*compose.Node]bool{}
	for j := range all {
		b := all[j]
		for i := 0; i < j; i++ {
			a := all[i]
			lo, hi, ok := portOverlap(a.pt, b.pt)
			if !ok || !hostIPsOverlap(a.pt.HostIP, b.pt.HostIP) || !mayRunTogether(a.s, b.s) || reported[b.pt.Node] {
				continue
			}
			if a.pt.Node == b.pt.Node {
				continue // one entry under an anchor: reported with its other users below
			}
			reported[b.pt.Node] = true
			port := strconv.Itoa(lo)
			if hi > lo {
				port = fmt.Sprintf("%d-%d", lo, hi)
			}
			who := fmt.Sprintf("%q", a.s.Name)
			if a.s == b.s {
				who = "another of its entries"
			}
			if b.pt.Protocol != "" && b.pt.Protocol != "tcp" {
				port += "/" + b.pt.Protocol
			}
			msg := fmt.Sprintf("service %q publishes host port %s like %s; %s",
				b.s.Name, port, who, freePortAdvice(b.pt, used))
			owner := fmt.Sprintf("service %q", a.s.Name)
			if a.s == b.s {
				owner = "another of its entries"
			}
			why := fmt.Sprintf("%s publishes it as %q, and a host port can be bound once: the second container fails to start with \"port is already allocated\"", owner, portText(a.pt))
			sev := diag.Error
			if cond := profileNote(a.s, b.s); cond != "" {
				msg = fmt.Sprintf("with %s, %s", cond, msg)
				sev = diag.Warning // only some ways of running the project fail
			}
			p.Report(diag.Diagnostic{Range: b.pt.Node.Range, Message: msg, Severity: sev,
				Why:     why,
				Related: []diag.Related{{Range: a.pt.Node.Range, Message: fmt.Sprintf("host port %s published by service %q here", port, a.s.Name)}}})
		}
	}
	// One entry under an anchor shared by several services publishes the
	// same port for each of them.
	byNode := map[*compose.Node][]*compose.Service{}
	var order []*compose.Node
	for _, x := range all {
		if byNode[x.pt.Node] == nil {
			order = append(order, x.pt.Node)
		}
		byNode[x.pt.Node] = append(byNode[x.pt.Node], x.s)
	}
	for _, n := range order {
		ss := byNode[n]
		if len(ss) < 2 || reported[n] {
			continue
		}
		var runTogether []*compose.Service
		for i, a := range ss {
			for _, b := range ss[i+1:] {
				if mayRunTogether(a, b) {
					runTogether = append(runTogether, a, b)
				}
			}
		}
		if len(runTogether) == 0 {
			continue
		}
		var pt compose.Port
		for _, x := range all {
			if x.pt.Node == n {
				pt = x.pt
				break
			}
		}
		names := sortedNames(runTogether)
		who, why := "services "+QuoteList(names), "only the first container to start gets it, the others fail with \"port is already allocated\""
		if len(names) > 2 {
			who, why = fmt.Sprintf("%d services", len(names)), fmt.Sprintf("services %s publish it: %s", QuoteList(names), why)
		}
		msg := fmt.Sprintf("%s publish host port %q from one entry; give each its own", who, portText(pt))
		sev := diag.Error
		if cond := groupProfileNote(runTogether); cond != "" {
			msg = fmt.Sprintf("with %s, %s", cond, msg)
			sev = diag.Warning // only some ways of running the project fail
		}
		p.Report(diag.Diagnostic{Range: n.Range, Message: msg, Severity: sev, Why: why})
	}
}

// portOverlap returns the host ports two entries both publish, with the
// same protocol.
func portOverlap(a, b compose.Port) (int, int, bool) {
	if !strings.EqualFold(a.Protocol, b.Protocol) {
		return 0, 0, false
	}
	lo, hi := max(a.Published, b.Published), min(a.PublishedEnd, b.PublishedEnd)
	return lo, hi, lo <= hi
}

// hostIPsOverlap reports whether two host IPs of ports: entries share an
// address: an empty IP binds every address (IPv4 and IPv6), 0.0.0.0 every
// IPv4 address and :: every IPv6 address.
func hostIPsOverlap(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	pa, errA := netip.ParseAddr(strings.Trim(a, "[]"))
	pb, errB := netip.ParseAddr(strings.Trim(b, "[]"))
	if errA != nil || errB != nil {
		return strings.EqualFold(a, b) // an interpolated or odd value: only equal text is certain
	}
	pa, pb = pa.Unmap(), pb.Unmap()
	if pa.Is4() != pb.Is4() {
		return false
	}
	return pa == pb || pa.IsUnspecified() || pb.IsUnspecified()
}

// portText renders an entry as it would be written in short syntax.
func portText(pt compose.Port) string {
	if pt.Node != nil && pt.Node.Kind == compose.Scalar {
		return pt.Node.Value
	}
	s := strconv.Itoa(pt.Published)
	if pt.PublishedEnd > pt.Published {
		s += "-" + strconv.Itoa(pt.PublishedEnd)
	}
	t := strconv.Itoa(pt.Target)
	if pt.TargetEnd > pt.Target {
		t += "-" + strconv.Itoa(pt.TargetEnd)
	}
	s += ":" + t
	if pt.HostIP != "" {
		ip := pt.HostIP
		if strings.Contains(ip, ":") {
			ip = "[" + ip + "]"
		}
		s = ip + ":" + s
	}
	if pt.Protocol != "" && pt.Protocol != "tcp" {
		s += "/" + pt.Protocol
	}
	return s
}

// freePortAdvice suggests a host port no service of the project publishes.
func freePortAdvice(pt compose.Port, used map[int]bool) string {
	if pt.PublishedEnd > pt.Published {
		return "publish a host range no other service uses"
	}
	for h := pt.Published + 1; h < 65536 && h < pt.Published+1000; h++ {
		if !used[h] {
			alt := pt
			alt.Published, alt.PublishedEnd = h, h
			alt.Node = nil
			return fmt.Sprintf("use e.g. %q", portText(alt))
		}
	}
	return "publish another host port"
}
