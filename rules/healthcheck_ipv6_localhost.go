package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var healthcheckIPv6Localhost = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "healthcheck-ipv6-localhost", Severity: diag.Warning, Enabled: true,
		Summary: "a BusyBox wget healthcheck on an Alpine image calls localhost",
		What: "Reports \"localhost\" in a healthcheck that runs wget, on a service whose image is Alpine or BusyBox based as its reference shows " +
			"(alpine, busybox, or a tag with \"alpine\" such as node:20-alpine). Images built here and other images are not reported: their wget may be GNU wget, " +
			"which falls back to the next address. Silent when the service is told to listen on \"::\".",
		Why: "On Alpine, localhost resolves to ::1 as well as 127.0.0.1 and musl returns ::1 first; BusyBox wget tries only that address. " +
			"A server listening on 0.0.0.0 (IPv4 only) refuses the connection, so the container is reported unhealthy although the app works. " +
			"127.0.0.1 always reaches an IPv4 listener.",
		Example: "services:\n  web:\n    image: node:20-alpine\n    environment:\n      HOST: 0.0.0.0\n    healthcheck:\n" +
			"      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", \"http://localhost:3000/health\"]\n",
		UseInstead: "services:\n  web:\n    image: node:20-alpine\n    environment:\n      HOST: 0.0.0.0\n    healthcheck:\n" +
			"      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", \"http://127.0.0.1:3000/health\"]\n",
	},
	Check: checkHealthcheckIPv6Localhost,
}

// alpineBased reports an image whose reference says it is Alpine or
// BusyBox based, so that its wget is BusyBox's.
func alpineBased(image string) bool {
	if image == "" || strings.Contains(image, "$") {
		return false
	}
	name := network.ImageName(image)
	base := path.Base(name)
	if name == "alpine" || name == "busybox" || strings.HasPrefix(base, "alpine-") || strings.HasSuffix(base, "-alpine") {
		return true
	}
	ref := strings.ToLower(image)
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		tag := ref[i+1:]
		return strings.Contains(tag, "alpine") || strings.Contains(tag, "busybox")
	}
	return false
}

// hcSpot is one "localhost" inside a wget call of a healthcheck.
type hcSpot struct {
	node       *compose.Node
	start, end int // of "localhost" in node.Value
}

func checkHealthcheckIPv6Localhost(p *Pass) {
	type group struct {
		spot hcSpot
		ss   []*compose.Service
	}
	var order []string
	groups := map[string]*group{}
	for _, s := range p.Project.Services {
		if s.Build != nil || !alpineBased(s.Image) || s.Healthcheck == nil || listensOnIPv6Any(s) {
			continue
		}
		for _, sp := range wgetLocalhost(s.Healthcheck.Get("test")) {
			k := fmt.Sprintf("%p:%d", sp.node, sp.start)
			g := groups[k]
			if g == nil {
				g = &group{spot: sp}
				groups[k] = g
				order = append(order, k)
			}
			g.ss = append(g.ss, s)
		}
	}
	for _, k := range order {
		g := groups[k]
		sp := g.spot
		rng, exact := sp.node.ExactRange(sp.start, sp.end)
		if !exact {
			rng = sp.node.SubRange(sp.start, sp.end)
		}
		images := map[string]bool{}
		var imgs []string
		for _, s := range g.ss {
			if !images[s.Image] {
				images[s.Image] = true
				imgs = append(imgs, s.Image)
			}
		}
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("the healthcheck of %s calls \"localhost\" with BusyBox wget; use \"127.0.0.1\"", subject(g.ss)),
			Why: fmt.Sprintf("on image %s localhost may resolve to ::1 first and BusyBox wget tries no other address, "+
				"so a server listening on IPv4 only (0.0.0.0) refuses it and the container is reported unhealthy", QuoteList(imgs))}
		if exact {
			d.Fix = &diag.Fix{Description: "replace \"localhost\" with \"127.0.0.1\"", Edits: []diag.TextEdit{{Range: rng, NewText: "127.0.0.1"}}}
		}
		p.Report(d)
	}
}

// listensOnIPv6Any reports a service told to listen on "::", where ::1
// is served too.
func listensOnIPv6Any(s *compose.Service) bool {
	for _, e := range s.Env {
		if e.Value == nil {
			continue
		}
		for _, ep := range endpoint.FromEnv(e.Key, e.Value.Value, nil) {
			if ep.Role == endpoint.Bind && ep.Host == "::" {
				return true
			}
		}
	}
	for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		for _, ep := range endpoint.FromArgs(network.ArgValues(args)) {
			if ep.Role == endpoint.Bind && ep.Host == "::" {
				return true
			}
		}
	}
	return false
}

// wgetLocalhost finds "localhost" in URLs passed to wget by a healthcheck
// test, in exec form (["CMD", "wget", ...]) or shell form
// (["CMD-SHELL", "..."] or a string).
func wgetLocalhost(test *compose.Node) []hcSpot {
	if test == nil {
		return nil
	}
	switch test.Kind {
	case compose.Scalar:
		return shellWget(test)
	case compose.Seq:
		if len(test.Items) < 2 {
			return nil
		}
		switch strings.ToUpper(test.Items[0].Str()) {
		case "CMD-SHELL":
			var out []hcSpot
			for _, it := range test.Items[1:] {
				out = append(out, shellWget(it)...)
			}
			return out
		case "CMD":
			args := test.Items[1:]
			i := 0
			for i < len(args) && (wrappersHC[args[i].Str()] || strings.Contains(args[i].Str(), "=")) {
				i++
			}
			if i >= len(args) || !isWget(args[i].Str()) {
				if i+1 < len(args) && isShell(args[i].Str()) && args[i+1].Str() == "-c" && i+2 < len(args) {
					return shellWget(args[i+2])
				}
				return nil
			}
			var out []hcSpot
			for _, a := range args[i+1:] {
				out = append(out, localhostIn(a, 0, len(a.Value))...)
			}
			return out
		}
	}
	return nil
}

var wrappersHC = map[string]bool{"exec": true, "env": true, "busybox": true}

func isWget(w string) bool { return path.Base(strings.Trim(w, `"'`)) == "wget" }

func isShell(w string) bool {
	switch path.Base(w) {
	case "sh", "ash", "bash":
		return true
	}
	return false
}

// shellWget splits a shell script into simple commands and reads the
// arguments of those that run wget.
func shellWget(n *compose.Node) []hcSpot {
	if n == nil || n.Kind != compose.Scalar {
		return nil
	}
	v := n.Value
	var out []hcSpot
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && !strings.ContainsRune(";|&\n()`", rune(v[i])) {
			continue
		}
		seg := v[start:i]
		first := fieldsAt(seg)
		j := 0
		for j < len(first) && (wrappersHC[first[j].text] || strings.Contains(first[j].text, "=")) {
			j++
		}
		if j < len(first) && isWget(first[j].text) {
			out = append(out, localhostIn(n, start+first[j].end, i)...)
		}
		start = i + 1
	}
	return out
}

type field struct {
	text       string
	start, end int
}

func fieldsAt(s string) []field {
	var out []field
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			out = append(out, field{s[i:j], i, j})
		}
		i = j
	}
	return out
}

// localhostIn returns each "localhost" host in n.Value[from:to]: in a
// URL, or a word that starts with it (localhost:8080/ping, --url=localhost).
func localhostIn(n *compose.Node, from, to int) []hcSpot {
	if n == nil || n.Kind != compose.Scalar || from < 0 || from > to || to > len(n.Value) {
		return nil
	}
	v := n.Value[:to]
	var out []hcSpot
	for i := from; ; {
		j := strings.Index(strings.ToLower(v[i:]), "localhost")
		if j < 0 {
			return out
		}
		a, b := i+j, i+j+len("localhost")
		i = b
		before := a == from || strings.HasSuffix(v[:a], "://") || strings.ContainsRune(" \t\"'=@", rune(v[a-1]))
		after := b == len(v) || strings.ContainsRune(":/ \t\"'", rune(v[b]))
		if before && after {
			out = append(out, hcSpot{node: n, start: a, end: b})
		}
	}
}
