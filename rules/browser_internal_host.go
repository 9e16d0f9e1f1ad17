package rules

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/network"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
)

var browserInternalHost = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "browser-internal-host", Severity: diag.Error, Enabled: true,
		Summary: "a browser-exposed variable points at a name only containers resolve",
		What: "Reports a browser-exposed variable (NEXT_PUBLIC_, VITE_, REACT_APP_, NUXT_PUBLIC_, PUBLIC_, GATSBY_, EXPO_PUBLIC_, VUE_APP_, STORYBOOK_, " +
			"and the prefixes added in the configuration under settings.browser-internal-host.prefixes), in environment, env_file or build args, " +
			"or any URL in the environment of an image that serves a page configured by it (Swagger UI, Redoc, Altair), whose host is a service name, network alias, container_name or links alias " +
			"of the project. It suggests http://localhost:<published port> when that service publishes the port, and says so when it publishes none. " +
			"Names with a dot (a public domain that is also an alias) and dev-server proxy targets (*_PROXY_*) are not reported. " +
			"The bare PUBLIC_ prefix is SvelteKit's and Astro's: it counts for a web URL in a service built from a package that depends on one of them (or a workspace root), " +
			"or run on a JavaScript runtime image with a command that starts no other framework (next, nuxi, react-scripts); elsewhere PUBLIC_URL is a server setting.",
		Why: "These values are shipped to the user's browser, which runs on the host, not on the Compose network: it cannot resolve service names, " +
			"so every request fails with ERR_NAME_NOT_RESOLVED. The browser reaches a service through the port it publishes on the host.",
		Example:    "services:\n  api:\n    build: ./api\n    ports: [\"8080:3000\"]\n  web:\n    build: ./web\n    environment:\n      NEXT_PUBLIC_API_URL: http://api:3000\n",
		UseInstead: "services:\n  api:\n    build: ./api\n    ports: [\"8080:3000\"]\n  web:\n    build: ./web\n    environment:\n      NEXT_PUBLIC_API_URL: http://localhost:8080\n      API_URL: http://api:3000\n",
	},
	Check: checkBrowserInternalHost,
}

func checkBrowserInternalHost(p *Pass) {
	m := p.Net()
	for _, o := range p.Net().Occurrences() {
		ep := o.EP
		if ep.Role != endpoint.Browser || ep.Host == "" || strings.Contains(ep.Host, ".") || strings.Contains(ep.Host, ":") || endpoint.IsLoopback(ep.Host) {
			continue
		}
		if o.Key == "" || browserServerSide(o.Key) {
			continue
		}
		if viteProxyTarget(p.Project, o) || !frontendUse(p.Project, o) {
			continue
		}
		t := m.Identify(ep.Host)
		if t == nil {
			continue
		}
		if r := m.Root(t); r != nil {
			t = r
		}
		if mode, _ := m.Mode(t); mode == network.ModeHost {
			continue // on the host's network the browser reaches it on localhost by its own port: another rule's business
		}
		reportBrowserHost(p, o, t)
	}
}

// browserServerSide reports names that carry a browser prefix but are read
// by the dev server or the server side: a proxy target, an internal URL.
func browserServerSide(key string) bool {
	for _, w := range strings.FieldsFunc(strings.ToUpper(key), func(r rune) bool { return r == '_' }) {
		switch w {
		case "PROXY", "INTERNAL", "SSR", "SERVER", "BACKEND":
			return true
		}
	}
	return false
}

// viteProxyTarget reports a VITE_ value in services that all run the Vite
// dev server, whose vite.config commonly reads it (loadEnv) as the target
// of its server-side proxy: then the service name is right.
func viteProxyTarget(p *compose.Project, o *network.Occurrence) bool {
	if !strings.HasPrefix(strings.ToUpper(o.Key), "VITE_") {
		return false
	}
	for _, s := range o.Services {
		if !devServer(p, s) {
			return false
		}
	}
	return true
}

// frontendUse: SvelteKit's bare PUBLIC_ prefix is also common in server
// settings (Temporal's PUBLIC_FRONTEND_ADDRESS, an Express server's
// PUBLIC_URL); count it as browser-exposed only for a web URL in a service
// that may run SvelteKit or Astro: built from a package that depends on one
// (or a workspace root), or run on a JavaScript runtime with a command
// that starts no other framework.
func frontendUse(p *compose.Project, o *network.Occurrence) bool {
	up := strings.ToUpper(o.Key)
	for _, pre := range endpoint.DefaultBrowserPrefixes {
		if pre != "PUBLIC_" && strings.HasPrefix(up, pre) {
			return true
		}
	}
	if !strings.HasPrefix(up, "PUBLIC_") {
		return true // a configured prefix
	}
	switch o.EP.Scheme {
	case "http", "https", "ws", "wss":
	default:
		return false
	}
	for _, s := range o.Services {
		img := network.ImageName(s.Image)
		switch {
		case s.Build != nil:
			if publicPrefixPackage(p, s) {
				return true
			}
		case img == "node" || img == "oven/bun" || strings.Contains(img, "deno"):
			if !otherFramework(s) {
				return true
			}
		}
	}
	return false
}

// publicPrefixPackage reports a service built from a package.json that
// depends on SvelteKit or Astro, or that is a workspace root (the app may
// lie below it); true when the build context is not a local directory.
func publicPrefixPackage(p *compose.Project, s *compose.Service) bool {
	if s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) {
		return true
	}
	data, ok := p.ReadSmall(filepath.Join(s.BuildContext, "package.json"))
	if !ok {
		return false // no JavaScript package: a Go or Python server's PUBLIC_URL
	}
	var pkg struct {
		Dependencies, DevDependencies map[string]any
		Workspaces                    any
	}
	if json.Unmarshal(data, &pkg) != nil || pkg.Workspaces != nil {
		return true
	}
	for _, deps := range []map[string]any{pkg.Dependencies, pkg.DevDependencies} {
		if deps["@sveltejs/kit"] != nil || deps["astro"] != nil {
			return true
		}
	}
	return false
}

// otherFramework reports a command that starts a framework whose browser
// prefix is not the bare PUBLIC_ (next dev, nuxi dev, react-scripts start).
func otherFramework(s *compose.Service) bool {
	for _, args := range [][]compose.Arg{s.Entrypoint, s.Command} {
		for _, a := range args {
			for _, w := range strings.Fields(a.Value) {
				switch strings.Trim(w, `"'`) {
				case "next", "nuxt", "nuxi", "react-scripts", "gatsby", "expo", "vue-cli-service", "ng":
					return true
				}
			}
		}
	}
	return false
}

// browserAppOf names the image of services that all serve a browser app
// configured by their environment (Redoc), or "".
func browserAppOf(ss []*compose.Service) string {
	if len(ss) == 0 || slices.ContainsFunc(ss, func(s *compose.Service) bool { return !network.BrowserApp(s) }) {
		return ""
	}
	return network.ImageName(ss[0].Image)
}

// publishedFor returns the host port and host IP t publishes container
// port c on.
func publishedFor(t *compose.Service, c int) (int, string, bool) {
	for _, pt := range t.Ports {
		if pt.Published != 0 && c >= pt.Target && c <= pt.TargetEnd {
			return pt.Published + (c - pt.Target), pt.HostIP, true
		}
	}
	return 0, "", false
}

func reportBrowserHost(p *Pass, o *network.Occurrence, t *compose.Service) {
	ep := o.EP
	port := ep.EffectivePort()
	d := diag.Diagnostic{Related: []diag.Related{{Range: t.Key.Range, Message: fmt.Sprintf("service %q declared here", t.Name)}}}
	hostRng, hostExact := o.HostAt()
	d.Range = hostRng
	who := fmt.Sprintf("the browser side of %s cannot resolve %q", subject(o.Services), ep.Host)
	d.Why = fmt.Sprintf("%s is read by the browser, which runs on the host, not on the Compose network, where only containers resolve service names", o.Key)
	keep := "keep the service name for server-side calls in a variable without the browser prefix"
	if app := browserAppOf(o.Services); app != "" {
		d.Why = fmt.Sprintf("%s's page reads %s in the browser, which runs on the host, not on the Compose network, where only containers resolve service names", app, o.Key)
		keep = ""
	}
	hp, ip, ok := 0, "", false
	if port != 0 {
		hp, ip, ok = publishedFor(t, port)
	}
	if !ok && ep.Port == 0 {
		// No port written: the service's only published port is the one.
		var pubs []compose.Port
		for _, pt := range t.Ports {
			if pt.Published != 0 {
				pubs = append(pubs, pt)
			}
		}
		if len(pubs) == 1 && pubs[0].Target == pubs[0].TargetEnd {
			hp, ip, ok = pubs[0].Published, pubs[0].HostIP, true
		}
	}
	if !ok {
		what := "publishes no port"
		if len(t.Ports) > 0 {
			what = fmt.Sprintf("publishes no host port for %d", port)
		}
		d.Message = fmt.Sprintf("%s; publish it and use localhost", who)
		d.Why += fmt.Sprintf("; service %q %s, so the browser cannot reach it at all: publish it in ports: and use http://localhost:<published port>", t.Name, what)
		p.Report(d)
		return
	}
	host := "localhost"
	if ip != "" && !endpoint.IsLoopback(ip) && !endpoint.IsBindAll(ip) {
		host = ip
		if strings.Contains(ip, ":") {
			host = "[" + ip + "]"
		}
	}
	repl := host
	if hp != ep.DefaultPort || ep.DefaultPort == 0 {
		repl += ":" + strconv.Itoa(hp)
	}
	end := ep.HostEnd
	if ep.PortStart >= 0 && ep.PortEnd <= len(o.Text) && ep.PortStart >= ep.HostEnd {
		end = ep.PortEnd
	} else if ep.Port != 0 {
		hostExact = false // the port is elsewhere: no safe edit
	}
	start := ep.HostStart
	use := fmt.Sprintf("%q", o.Text[ep.Start:start]+repl+o.Text[end:ep.End])
	d.Message = fmt.Sprintf("%s; use %s", who, use)
	publishes := fmt.Sprintf("service %q publishes container port %d on host port %d", t.Name, port, hp)
	if port == 0 {
		publishes = fmt.Sprintf("service %q publishes host port %d", t.Name, hp)
	}
	d.Why = notes(d.Why, publishes, keep)
	if r, exact := o.At(start, end); exact && hostExact {
		d.Range = r
		d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", o.Text[start:end], repl), Edits: []diag.TextEdit{{Range: r, NewText: repl}}}
	}
	d.Related = append(d.Related, o.Related(d.Range)...)
	p.Report(d)
}
