package rules

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/jsts"
	"github.com/reachlint/reachlint/linter/network"
	"github.com/reachlint/reachlint/linter/source"
)

var loopbackBind = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "loopback-bind", Severity: diag.Error, Enabled: true,
		Summary: "a server that must be reachable listens on loopback only",
		What: "Reports a listen address on loopback (HOST=127.0.0.1, BIND_ADDRESS=localhost, --host 127.0.0.1, --bind localhost, but not a lower-case host or hostname, an application's own setting, " +
			"*_LISTENERS=PLAINTEXT://localhost:9092), or a server that listens on loopback when its command line names no address " +
			"(gunicorn without --bind, flask run, manage.py runserver, uvicorn and hypercorn without --host, artisan serve; unless a variable such as PORT " +
			"or FLASK_RUN_HOST, or a gunicorn.conf.py in its build context, sets one), for a service that publishes that port, exposes it (expose:), " +
			"or that another service of the project connects to. " +
			"Front-end dev servers listen on localhost too (Vite's dev and preview servers, Angular's ng serve, Astro's): a service built here whose command (followed through package.json scripts; npm run dev -- --host passes the flag) starts one without --host, " +
			"in a package whose configuration (vite.config's or astro.config's server.host, angular.json's serve options) sets no host, is reported at the script that starts it when the service publishes or exposes the server's port " +
			"(--port, the configuration's, else 5173, 4173 for vite preview, 4200 or 4321; a run over compose files alone, without ./..., reads the commands of services that publish or expose one of these defaults); " +
			"the suggested fix adds --host (--host 0.0.0.0 for ng serve). " +
			"Ports published on 127.0.0.1 (127.0.0.1:5432:5432) are a host setting and fine; client tools' -h localhost and healthchecks are not listen addresses; " +
			"services on network_mode host or sharing another service's network are not reported.",
		Why: "Published ports and other containers reach a container through its network interface, not its loopback. " +
			"A server bound to 127.0.0.1 inside the container refuses them: the browser gets \"connection reset\" and other services ECONNREFUSED.",
		Example:    "services:\n  api:\n    build: ./api\n    ports: [\"8000:8000\"]\n    command: [\"uvicorn\", \"app:app\", \"--host\", \"127.0.0.1\", \"--port\", \"8000\"]\n",
		UseInstead: "services:\n  api:\n    build: ./api\n    ports: [\"8000:8000\"]\n    command: [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n",
	},
	Check: checkLoopbackBind,
}

// inbound is why a service must accept connections from outside itself.
type inbound struct {
	clients []*compose.Service // services that connect to it
	cport   map[int]bool       // ports clients connect to
}

func checkLoopbackBind(p *Pass) {
	m := p.Net()
	occs := m.Occurrences()
	if !slices.ContainsFunc(occs, bindsLoopback) {
		return // no server binds a loopback address: who connects is not needed
	}
	// Who connects to whom, on which port.
	in := map[*compose.Service]*inbound{}
	get := func(s *compose.Service) *inbound {
		if in[s] == nil {
			in[s] = &inbound{cport: map[int]bool{}}
		}
		return in[s]
	}
	for _, o := range occs {
		if o.EP.Role != endpoint.Connect || o.EP.Host == "" || endpoint.IsLoopback(o.EP.Host) {
			continue
		}
		for _, s := range o.Services {
			r := m.Resolve(s, o.EP.Host)
			if r.Target == nil || r.Via == "self" {
				continue
			}
			t := m.Root(r.Target)
			if t == nil {
				continue
			}
			ib := get(t)
			if !containsService(ib.clients, s) {
				ib.clients = append(ib.clients, s)
			}
			if port := o.EP.EffectivePort(); port != 0 {
				ib.cport[port] = true
			}
		}
	}
	for _, o := range occs {
		ep := o.EP
		if !bindsLoopback(o) {
			continue
		}
		if ep.Port == 0 && secondaryListener(o.Key) {
			continue // transport.host, ADMIN_HOST: some other port than the published one
		}
		var ss []*compose.Service
		var why []string
		var rel []diag.Related
		for _, s := range o.Services {
			if mode, _ := m.Mode(s); mode != network.ModeNetworks {
				continue // host: loopback is the host's; service:x sidecars share it on purpose
			}
			if ep.Implied != "" && !impliedHolds(p.Project, s, ep.Implied) {
				continue
			}
			if o.Value != nil && readsWholesale(o.Value, s) && m.KnownServer(s) {
				continue // a database image handed a whole env_file does not read app settings
			}
			w, r := bindReachers(s, get(s), ep.Port)
			if w == "" {
				continue
			}
			ss = append(ss, s)
			why = append(why, w)
			rel = append(rel, r...)
		}
		if len(ss) == 0 {
			continue
		}
		if ep.Implied != "" {
			reportImplied(p, o, why, rel)
			continue
		}
		start, end := o.HostSpan()
		repl := "0.0.0.0"
		if strings.Contains(ep.Host, ":") {
			repl = "::"
			start, end = ep.HostStart, ep.HostEnd
		}
		rng, exact := o.At(start, end)
		d := diag.Diagnostic{Range: rng,
			Message: fmt.Sprintf("%s on %q, the container's own loopback; listen on %q", verb(ss, "listens", "listen"), o.Addr(), repl),
			Why:     strings.Join(uniqueStrings(why), " and ") + " cannot reach it",
			Related: rel}
		d.Related = append(d.Related, o.Related(rng)...)
		if exact {
			d.Fix = &diag.Fix{Description: fmt.Sprintf("replace %q with %q", o.Text[start:end], repl),
				Edits: []diag.TextEdit{{Range: rng, NewText: repl}}}
		}
		p.Report(d)
	}
}

// impliedConfig are the configuration files a server reads from its
// working directory, which may set the address.
var impliedConfig = map[string]string{"gunicorn": "gunicorn.conf.py", "hypercorn": "hypercorn.toml", "flask run": ".flaskenv"}

// impliedHolds reports that s runs prog on its default loopback address:
// no variable or configuration file of its build context sets another. A
// server whose build context cannot be seen might have one: not reported.
func impliedHolds(p *compose.Project, s *compose.Service, prog string) bool {
	env := endpoint.ImpliedEnv(prog)
	for _, v := range s.Env {
		if slices.Contains(env, v.Key) {
			return false
		}
	}
	for _, k := range p.ImageEnv(s) {
		if slices.Contains(env, k) {
			return false // ENV FLASK_RUN_HOST=0.0.0.0 in the Dockerfile
		}
	}
	if conf := impliedConfig[prog]; conf != "" {
		if s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) || p.HasFile(filepath.Join(s.BuildContext, conf)) {
			return false
		}
	}
	return true
}

// impliedFlag is how to make prog listen on every interface.
var impliedFlag = map[string]string{
	"gunicorn": "--bind 0.0.0.0:%d", "hypercorn": "--bind 0.0.0.0:%d", "uvicorn": "--host 0.0.0.0",
	"flask run": "--host 0.0.0.0", "manage.py runserver": "0.0.0.0:%d", "artisan serve": "--host 0.0.0.0",
}

func reportImplied(p *Pass, o *network.Occurrence, why []string, rel []diag.Related) {
	ep := o.EP
	port := ep.EffectivePort()
	add := impliedFlag[ep.Implied]
	if strings.Contains(add, "%d") {
		add = fmt.Sprintf(add, port)
	}
	rng, _ := o.At(ep.Start, ep.End)
	d := diag.Diagnostic{Range: rng,
		Message: fmt.Sprintf("%s listens on 127.0.0.1:%d unless told otherwise; add %q", ep.Implied, port, add),
		Why:     fmt.Sprintf("without an address on its command line, %s binds the container's own loopback, which %s cannot reach", ep.Implied, strings.Join(uniqueStrings(why), " and ")),
		Related: rel}
	d.Related = append(d.Related, o.Related(rng)...)
	p.Report(d)
}

// bindReachers says who needs s to listen beyond loopback on port (0:
// any port): its published ports, the services that connect to it.
func bindReachers(s *compose.Service, ib *inbound, port int) (string, []diag.Related) {
	var parts []string
	var rel []diag.Related
	for _, pt := range s.Ports {
		if port != 0 && (port < pt.Target || port > pt.TargetEnd) {
			continue
		}
		parts = append(parts, fmt.Sprintf("the published port %q", portText(pt)))
		if pt.Node != nil {
			rel = append(rel, diag.Related{Range: pt.Node.Range, Message: fmt.Sprintf("service %q publishes it here", s.Name)})
		}
		break
	}
	if len(parts) == 0 && port != 0 {
		// expose: says other containers are meant to reach the port.
		for _, pt := range s.Expose {
			if port < pt.Target || port > pt.TargetEnd {
				continue
			}
			parts = append(parts, fmt.Sprintf("the containers it exposes port %d to", port))
			if pt.Node != nil {
				rel = append(rel, diag.Related{Range: pt.Node.Range, Message: fmt.Sprintf("service %q exposes it here", s.Name)})
			}
			break
		}
	}
	if len(ib.clients) > 0 && (port == 0 || ib.cport[port]) {
		names := sortedNames(ib.clients)
		c := "service " + QuoteList(names)
		if len(names) > 1 {
			c = "services " + QuoteList(names)
		}
		parts = append(parts, c+" (which connect"+map[bool]string{true: "s", false: ""}[len(names) == 1]+" to it"+portSuffix(port)+")")
	}
	return strings.Join(parts, " and "), rel
}

// secondaryWords qualify a listen address as that of a side interface
// (cluster transport, admin, metrics), not the one clients use.
var secondaryWords = map[string]bool{
	"TRANSPORT": true, "CLUSTER": true, "ADMIN": true, "METRICS": true, "MANAGEMENT": true, "DEBUG": true,
	"CONTROL": true, "CONTROLLER": true, "INTERNAL": true, "GOSSIP": true, "RAFT": true, "PEER": true,
	"PROMETHEUS": true, "MONITOR": true, "MONITORING": true, "HEALTH": true, "STATUS": true, "PPROF": true,
	"PROFILER": true, "REPLICATION": true, "INSPECT": true, "DEBUGGER": true, "TELEMETRY": true,
}

// secondaryListener reports a variable that sets the listen address of a
// side interface. Its port is not in the value, so it cannot be matched
// against the published ports.
func secondaryListener(key string) bool {
	for _, w := range strings.FieldsFunc(strings.ToUpper(key), func(r rune) bool { return r == '_' || r == '.' || r == '-' }) {
		if secondaryWords[w] {
			return true
		}
	}
	return false
}

func portSuffix(port int) string {
	if port == 0 {
		return ""
	}
	return " on " + strconv.Itoa(port)
}

func containsService(ss []*compose.Service, s *compose.Service) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// bindsLoopback reports a server told to listen on a loopback address only.
func bindsLoopback(o *network.Occurrence) bool {
	return o.EP.Role == endpoint.Bind && endpoint.IsLoopback(o.EP.Host) && !endpoint.IsBindAll(o.EP.Host)
}

// DevUse is a service whose command starts a front-end dev server (Vite,
// ng serve, Astro) without --host, followed through package.json scripts,
// in a package whose configuration sets no host.
type DevUse struct {
	Service    *compose.Service
	Dev        jsts.DevServer
	ConfigPort int // the port the configuration sets, 0 when none
	// PackagePath and Package are the package.json (as displayed) whose
	// script Dev.Script starts the server; nil when the command does.
	PackagePath string
	Package     []byte
}

// devServers are the dev servers' names in messages, default ports and
// the flag that opens them to the container's interface.
var devServers = map[string]struct {
	name, flag string
	port       int
}{
	"vite":  {"Vite's server", " --host", 5173},
	"ng":    {"ng serve", " --host 0.0.0.0", 4200},
	"astro": {"Astro's server", " --host", 4321},
}

// DefaultDevPort reports a service that publishes or exposes the default
// port of one of devServers (or Vite's preview server, 4173).
func DefaultDevPort(s *compose.Service) bool {
	for _, ports := range [][]compose.Port{s.Ports, s.Expose} {
		for _, pt := range ports {
			for _, d := range []int{5173, 4173, 4200, 4321} {
				if d >= pt.Target && d <= max(pt.Target, pt.TargetEnd) {
					return true
				}
			}
		}
	}
	return false
}

// CheckDevHost reports a dev server that listens on localhost in a
// service that publishes or exposes its port: at the package script that
// starts it (with a fix adding --host), else at the service's command,
// else at the port.
func CheckDevHost(u DevUse) (diag.Diagnostic, bool) {
	s := u.Service
	tool, ok := devServers[u.Dev.Tool]
	if !ok {
		return diag.Diagnostic{}, false
	}
	def := tool.port
	if u.Dev.Preview && u.Dev.Tool == "vite" {
		def = 4173
	}
	port := cmp.Or(u.Dev.Port, u.ConfigPort, def)
	var reach string
	var at *compose.Node
	for _, pt := range s.Ports {
		if port >= pt.Target && port <= max(pt.Target, pt.TargetEnd) && pt.Published != 0 {
			reach = fmt.Sprintf("service %q publishes container port %d on host port %d", s.Name, port, pt.Published+(port-pt.Target))
			at = pt.Node
			break
		}
	}
	if reach == "" {
		for _, pt := range s.Expose {
			if port >= pt.Target && port <= max(pt.Target, pt.TargetEnd) {
				reach, at = fmt.Sprintf("service %q exposes port %d to other containers", s.Name, port), pt.Node
				break
			}
		}
	}
	if reach == "" || at == nil {
		return diag.Diagnostic{}, false
	}
	flag := strings.TrimSpace(tool.flag)
	why := fmt.Sprintf("it listens on localhost unless %s or the host in its configuration says otherwise; %s, which arrives at the container's network interface, where nothing listens (the browser gets an empty reply)", flag, reach)
	d := diag.Diagnostic{Rule: loopbackBind.Name, Severity: loopbackBind.Severity, Range: at.Range,
		Message: fmt.Sprintf("%s in service %q listens on localhost only; run it with %s", tool.name, s.Name, flag), Why: why}
	switch {
	case u.Package != nil:
		start, end, ins, ok := scriptValue(u.Package, u.Dev.Script, u.Dev.Tool)
		if !ok {
			return diag.Diagnostic{}, false
		}
		src := source.New(u.PackagePath, u.Package)
		d.Range = src.Range(start, end)
		d.Related = []diag.Related{{Range: at.Range, Message: reach}}
		d.Why = fmt.Sprintf("script %q starts %s; %s", u.Dev.Script, u.Dev.Tool, why)
		// Unsafe: the script runs on the host too, where the flag opens
		// the dev server to the local network.
		d.Fix = &diag.Fix{Description: "add " + flag + " to the " + u.Dev.Tool + " command", Unsafe: true,
			Edits: []diag.TextEdit{{Range: src.Range(ins, ins), NewText: tool.flag}}}
	case len(s.Command) > 0 && s.Command[0].Node != nil:
		d.Range = s.Command[0].Node.Range
		d.Related = []diag.Related{{Range: at.Range, Message: reach}}
	}
	return d, true
}

// scriptValue finds the text of package.json's script name: the offsets
// of its value (inside the quotes), and where the tool's command in it
// ends, for --host. False when the script cannot be found as written.
func scriptValue(pkg []byte, name, tool string) (start, end, ins int, ok bool) {
	text := string(pkg)
	sc := strings.Index(text, `"scripts"`)
	if sc < 0 {
		return 0, 0, 0, false
	}
	key := strconv.Quote(name)
	k := strings.Index(text[sc:], key)
	if k < 0 {
		return 0, 0, 0, false
	}
	i := sc + k + len(key)
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == ':') {
		i++
	}
	if i >= len(text) || text[i] != '"' {
		return 0, 0, 0, false
	}
	start = i + 1
	for end = start; end < len(text) && text[end] != '"'; end++ {
		if text[end] == '\\' {
			end++
		}
	}
	if end >= len(text) {
		return 0, 0, 0, false
	}
	v := text[start:end]
	w := toolWord(v, tool)
	if w < 0 {
		return 0, 0, 0, false
	}
	ins = len(v)
	if j := strings.IndexAny(v[w:], "&;|"); j >= 0 {
		ins = w + j
	}
	for ins > w && v[ins-1] == ' ' {
		ins--
	}
	return start, end, start + ins, true
}

// toolWord returns where the tool's word in a script ends (vite, npx
// vite, ./node_modules/.bin/vite), -1 when there is none.
func toolWord(v, tool string) int {
	for i := 0; ; {
		j := strings.Index(v[i:], tool)
		if j < 0 {
			return -1
		}
		j += i
		e := j + len(tool)
		if (j == 0 || v[j-1] == ' ' || v[j-1] == '/') && (e == len(v) || v[e] == ' ') {
			return e
		}
		i = e
	}
}
