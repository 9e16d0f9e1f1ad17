package rules

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dockerfile"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/jsts"
	"github.com/reachlint/reachlint/linter/network"
	"github.com/reachlint/reachlint/linter/source"
)

// JSRuleName is the JavaScript/TypeScript rule's name; like the Go
// analyzer it reads source files, found by the walk, not compose projects.
const JSRuleName = "js-hardcoded-localhost"

var jsHardcodedLocalhost = &Rule{RuleInfo: diag.RuleInfo{
	Name: JSRuleName, Title: "HardcodedLoopbackHostJS", Severity: diag.Warning, Enabled: true,
	Summary: "a loopback address reaches a network call in server-side JavaScript or TypeScript",
	What: "Reports a loopback URL or host (localhost, 127.0.0.0/8, ::1, 0.0.0.0) that reaches fetch, axios, got, ky, undici, http.request, " +
		"WebSocket, database and broker clients (pg, mysql2, mongoose, MongoClient, redis, ioredis, amqplib, kafkajs, Prisma) or a server's listen() " +
		"in code that runs on a server: Node services, Next.js server components, route handlers, server actions, pages/api and getServerSideProps, " +
		"middleware, Nuxt server/, SvelteKit +server and .server files, Remix loaders and actions, files a Node entry point runs (package.json main, bin " +
		"and start script, the service's command: or entrypoint:, the Dockerfile's CMD and ENTRYPOINT) and the files these import; a shared file " +
		"that server code imports is judged by the network calls inside it. A client given no address at all, which dials its default on loopback (ioredis's new Redis() or new Redis(6379), node-redis's createClient() (and, for node-redis 4 and later, createClient({ host, port }), whose top-level host and port that version ignores), mysql's and mysql2's createConnection or createPool with options but no host, amqplib's and NATS's connect(), and pg's new Pool() or new Client() without a host when the service does not set PGHOST), is reported at the call. " +
		"A bare host's port comes from a sibling port key or the client's " +
		"default (pg 5432, mysql 3306, redis 6379, mongodb 27017, amqp 5672, kafka 9092). Client components (\"use client\"), " +
		"browser apps, browser libraries (a package whose main is a UMD or IIFE bundle), tests and stories are silent, and so are a server listening on port 0 (a free port nothing publishes) or on loopback on a port its service neither " +
		"publishes nor exposes and no service connects to (an admin or metrics port kept inside), a call or a proxy to a port only the service itself listens on (its own routes, or another process of its container, such as an API pm2 runs beside the Next.js server), the code of a service whose image is a web server's that serves files (FROM nginx, caddy or httpd after a stage that runs vite build, with no Node in its command: the code runs in browsers), " +
		"a default, not at a network call, of a name for the address browsers are given (BACKEND_DOMAIN, PUBLIC_URL), and a file that a bind mount of the service replaces in the container. A literal that an in-place sed of the Dockerfile (RUN sed -i after the COPY) rewrites in the image is not reported, unless a bind mount puts the unedited file back or the sed writes a loopback host in its place. A file of a build context that the Dockerfile does not copy into the image (COPY, ADD and RUN bind mounts of the context, in any stage) is not that service's code, and a repository's tooling directories (.github/, .husky/, .scripts/ and the like) hold no service code, workspace packages of tests, test helpers or benchmarks (packages/e2e_tests, packages/medusa-test-utils, a package named @shop/test-utils) are tests, and an Electron app (a package that depends on electron and runs it from its scripts) runs on the user's machine: silent. A service whose network namespace others share (a Dapr or Envoy sidecar under network_mode: service:x) reaches them on localhost: a call there is reported only when a service outside the namespace is the one listening on its port. Of services that build from the same directory (a monorepo's root), the code is the one's whose Dockerfile lies above it (apps/worker/Dockerfile for apps/worker/), else the one's that sets a variable the file reads, else the first's that runs Node. Code that no build context holds but a service bind-mounts (image: node with the code in a volume) is that service's. Code that no compose service builds or mounts, while the compose projects run images and build other directories, or that starts docker through child_process (a seeding tool or test setup that brings the stack up), is meant for the host, where localhost is right: info (a server listening on loopback there: silent). " +
		"A fallback of process.env.X, import.meta.env.X or, in a Vite config, env.X from Vite's loadEnv (after other values too: cfg.url || process.env.X || \"http://localhost\") is reported only when the Compose service " +
		"that builds the code does not set X in the phase it is read (environment, env_file or the image's ENV for runtime reads, build.args or a Dockerfile ENV for NEXT_PUBLIC_* and other " +
		"build-time reads, or the running environment for a service whose command starts a dev server, which reads it when it starts); scripts named test-*.js or test_*.js, run by hand, are tests; next.config rewrites and Vite server.proxy targets are reported when a Compose service runs that server (not when its command, followed through the package's scripts, starts something else, such as the built app).",
	Why: "Server-side code runs inside the container, where localhost is the container itself: the call is refused (ECONNREFUSED 127.0.0.1), " +
		"and a server listening on 127.0.0.1 cannot be reached through published ports or from other containers. The same URL in browser code is " +
		"right, because the browser runs on the host.",
	Example: "# file: compose.yaml\nservices:\n  api:\n    build: ./api\n    ports: [\"4000:4000\"]\n  web:\n    build: ./web\n    ports: [\"3000:3000\"]\n" +
		"# file: web/package.json\n{\"dependencies\": {\"next\": \"15.0.0\"}}\n" +
		"# file: web/app/page.tsx\nexport default async function Page() {\n  const res = await fetch(\"http://localhost:4000/items\");\n  return <pre>{await res.text()}</pre>;\n}\n",
	UseInstead: "# file: compose.yaml\nservices:\n  api:\n    build: ./api\n    ports: [\"4000:4000\"]\n  web:\n    build: ./web\n    ports: [\"3000:3000\"]\n    environment: [API_BASE_URL=http://api:4000]\n" +
		"# file: web/package.json\n{\"dependencies\": {\"next\": \"15.0.0\"}}\n" +
		"# file: web/app/page.tsx\nexport default async function Page() {\n  const res = await fetch(`${process.env.API_BASE_URL ?? \"http://localhost:4000\"}/items`);\n  return <pre>{await res.text()}</pre>;\n}\n",
}}

// JSFile is one analyzed source file.
type JSFile struct {
	Path   string // as displayed
	Abs    string
	Src    []byte
	Result jsts.Result
}

// CheckJS judges the findings of JavaScript and TypeScript files against
// the compose projects of the run: the service whose build context holds a
// file is the one its code runs in (of several building one directory,
// one that node says runs Node). A Vite proxy is the dev server's: in a
// service that noVite says runs something else (node dist/server.js), it
// is not used.
func CheckJS(files []JSFile, projects []*compose.Project, set Settings, node, noVite map[*compose.Service]bool) []diag.Diagnostic {
	models := map[*compose.Project]*network.Model{}
	reached := map[*network.Model]map[*compose.Service]map[int]bool{}
	var out []diag.Diagnostic
	for _, f := range files {
		if len(f.Result.Findings) == 0 {
			continue
		}
		p, s := serviceOf(f.Abs, projects, node, func(s *compose.Service) bool {
			// Of services that hold the file alike, one that sets a
			// variable the code reads runs it.
			return slices.ContainsFunc(f.Result.Findings, func(fd jsts.Finding) bool {
				return fd.Var != "" && (setsAny(nil, s, fd, jsts.Runtime) || setsAny(nil, s, fd, jsts.Build))
			})
		})
		var m *network.Model
		if p != nil {
			if m = models[p]; m == nil {
				m = network.Build(p, network.Options{ImagePorts: set.ImagePorts, BrowserPrefixes: set.BrowserPrefixes, AllowHosts: set.AllowHosts})
				models[p] = m
			}
		}
		if p != nil && s != nil && p.ShadowedFile(s, f.Abs) {
			continue // the compose file mounts another file in its place
		}
		if p != nil && s != nil && servesFiles(p, s) {
			continue // a web server's image serves the built files: the code runs in browsers
		}
		host := ""
		if f.Result.DrivesDocker {
			// It brings containers up from the outside (a test setup
			// running docker compose): the host's program, whatever
			// build context holds it, as the Go pass decides.
			s, host = nil, "it runs docker"
		}
		if s == nil && host == "" && hasServices(projects) {
			// The compose projects run images and build other
			// directories: this code runs on the host, against their
			// published ports (as the Go pass decides).
			host = "no compose service builds or mounts it"
		}
		var edits []dockerfile.Edit
		if s != nil {
			edits = p.ImageEdits(s, f.Abs)
		}
		src := source.New(f.Path, f.Src)
		for _, fd := range f.Result.Findings {
			if slices.Contains(set.AllowHosts, fd.Host) {
				continue
			}
			if len(edits) > 0 && rewritten(edits, f.Src, fd) {
				continue // the Dockerfile's sed -i replaces the host in the image
			}
			if fd.Kind == jsts.Listen && s != nil && fd.Port != 0 {
				if reached[m] == nil {
					reached[m] = m.ReachedPorts()
				}
				if ps := reached[m][s]; ps != nil && !ps[fd.Port] {
					continue // an admin or debug port kept inside the container on purpose
				}
			}
			if fd.Sink == "vite server.proxy" && s != nil && noVite[s] {
				continue // the container runs a built app: the proxy is the dev server's, on the host
			}
			if d, ok := judgeJS(fd, src, m, s, host); ok {
				d.Rule = JSRuleName
				out = append(out, d)
			}
		}
	}
	return out
}

// rewritten reports whether edits, applied in order to the line that holds
// the finding's host, remove the host from it without writing a loopback
// host in (a bind-all one is right for a server's listen).
func rewritten(edits []dockerfile.Edit, src []byte, fd jsts.Finding) bool {
	at := fd.HostStart
	if at < 0 {
		at = fd.Start
	}
	if at < 0 || at > len(src) {
		return false
	}
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	end := bytes.IndexByte(src[at:], '\n')
	if end < 0 {
		end = len(src) - at
	}
	line := string(src[start : at+end])
	host := strings.ToLower(fd.Host)
	out := line
	for _, e := range edits {
		next := e.Apply(out)
		if next != out && loopbackIn(e.Repl, fd.Kind == jsts.Listen) {
			return false
		}
		out = next
	}
	return strings.Contains(strings.ToLower(line), host) && !strings.Contains(strings.ToLower(out), host)
}

// loopbackIn reports whether text holds a loopback host (host:port and
// URLs included); bindAll accepts 0.0.0.0 and ::.
func loopbackIn(text string, bindAll bool) bool {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".-_:[]", r)
	}) {
		for _, h := range []string{tok, tok[:max(strings.LastIndexByte(tok, ':'), 0)]} {
			if endpoint.IsLoopback(h) && !(bindAll && endpoint.IsBindAll(h)) {
				return true
			}
		}
	}
	return false
}

// hasServices reports whether the projects define any service.
func hasServices(projects []*compose.Project) bool {
	return slices.ContainsFunc(projects, func(p *compose.Project) bool { return len(p.Services) > 0 })
}

// serviceOf returns the service whose build context holds abs, and whose
// Dockerfile copies it into the image (the
// deepest context when several do; of equally deep ones, the one whose
// Dockerfile lies deepest above abs, as in a monorepo whose services all
// build from its root with apps/<name>/Dockerfile; then one that sets a
// variable the file reads (sets); then the first that runs Node), else the
// one that bind-mounts it (image: node with the code in a volume; the
// deepest mount, then one that sets a variable the file reads, then the
// first).
func serviceOf(abs string, projects []*compose.Project, node map[*compose.Service]bool, sets func(*compose.Service) bool) (*compose.Project, *compose.Service) {
	var bp *compose.Project
	var bs *compose.Service
	best, bestDF := -1, -1
	for _, p := range projects {
		for _, s := range p.Services {
			c := s.BuildContext
			if c == "" || !filepath.IsAbs(c) || !holds(c, abs) || !p.ImageHolds(s, abs) {
				continue
			}
			df := -1 // how deep the Dockerfile's directory holding abs is
			if d := filepath.Dir(s.Dockerfile()); s.Dockerfile() != "" && holds(d, abs) {
				df = len(d)
			}
			switch {
			case len(c) > best,
				len(c) == best && df > bestDF:
				bp, bs, best, bestDF = p, s, len(c), df
			case len(c) == best && df == bestDF:
				if ss, sb := sets(s), sets(bs); ss && !sb || ss == sb && node[s] && !node[bs] {
					bp, bs = p, s
				}
			}
		}
	}
	if bs != nil {
		return bp, bs
	}
	for _, p := range projects {
		for _, s := range p.Services {
			for _, src := range p.BindSources(s) {
				if (abs == src || holds(src, abs)) && (len(src) > best || len(src) == best && sets(s) && !sets(bs)) {
					bp, bs, best = p, s, len(src)
				}
			}
		}
	}
	return bp, bs
}

// staticServers are the images of web servers that serve files (a built
// single-page app's dist/) and run no JavaScript.
var staticServers = map[string]bool{"nginx": true, "nginx-unprivileged": true, "caddy": true, "httpd": true, "lighttpd": true, "openresty": true}

// servesFiles reports whether the image s is built from is a web server's
// that serves files (FROM nginx, after a stage that ran vite build) and
// its container runs no Node: the code of its build context runs in
// browsers, where localhost is the user's machine.
func servesFiles(p *compose.Project, s *compose.Service) bool {
	st := p.ImageStage(s)
	name := st.Base
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexAny(name, ":@"); i >= 0 {
		name = name[:i]
	}
	if !staticServers[strings.ToLower(name)] {
		return false
	}
	argv := append(slices.Clip(st.Entrypoint), st.Cmd...)
	if len(s.Entrypoint) > 0 || len(s.Command) > 0 {
		argv = nil
		for _, a := range append(slices.Clip(s.Entrypoint), s.Command...) {
			argv = append(argv, a.Value)
		}
	}
	return !jsts.RunsNode(argv)
}

// holds reports whether abs lies below the directory dir.
func holds(dir, abs string) bool {
	return strings.HasPrefix(abs, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// judgeJS turns a finding of the JavaScript analysis into a diagnostic, in
// service s, or in a program meant for the host when host says why.
func judgeJS(fd jsts.Finding, src *source.File, m *network.Model, s *compose.Service, host string) (diag.Diagnostic, bool) {
	d := diag.Diagnostic{Range: src.Range(fd.Start, fd.End), Severity: diag.Warning}
	if fd.HostStart >= 0 {
		d.Range = src.Range(fd.HostStart, fd.HostEnd)
	}
	port := 0
	for _, ep := range endpoint.FromString(fd.Value) {
		if ep.Host == strings.ToLower(fd.Host) {
			port = cmp.Or(ep.Port, ep.DefaultPort)
			break
		}
	}
	value, portWhy := fmt.Sprintf("%q", fd.Value), ""
	if fd.Implicit {
		// new Redis(), createClient(): nothing written, the client's default.
		value = fmt.Sprintf("its default %q", fd.Value)
		portWhy = fmt.Sprintf("%s is given no address, so it dials %s", fd.Sink, fd.Value)
		if fd.Ignored != "" {
			portWhy = fmt.Sprintf("node-redis 4 and later ignore %s at the top level of createClient's options (they read url, or socket.host and socket.port), so it dials %s", fd.Ignored, fd.Value)
		}
	}
	if port == 0 && fd.Port != 0 {
		// A bare host: the port is a sibling key or the client's default.
		port = fd.Port
		portWhy = fmt.Sprintf("it is used on port %d", port)
		if fd.DefaultPort {
			portWhy = fmt.Sprintf("it is used on port %d, the client's default", port)
		}
	}
	where := "in server-side code"
	self, itself := "the container running it", "the container running it"
	if s != nil {
		where = fmt.Sprintf("in service %q", s.Name)
		self, itself = fmt.Sprintf("the %s container itself", s.Name), fmt.Sprintf("%q itself", s.Name)
	}
	isSelf := fmt.Sprintf("%s is %s", fd.Host, self)
	target, targetURL := jsTarget(m, s, port, fd.Value, fd.Host)
	if host != "" && (fd.Kind == jsts.Listen || fd.Kind == jsts.Connect) {
		// On the host, localhost is the host: right there, wrong only if
		// the code is ever moved into a container.
		d.Severity = diag.Info
		if fd.Kind == jsts.Listen {
			return d, false // loopback keeps a host program's port off the network: right there
		}
		why := "the program is meant for the host (" + host + ")"
		d.Message = fmt.Sprintf("%s reaches %s in a program meant for the host; read it from process.env", fd.Sink, value)
		d.Why = notes(why, fmt.Sprintf("inside a container %s would be that container itself, not another service", fd.Host),
			portWhy, fmt.Sprintf("keep %s only as the fallback", fd.Host))
		return d, true
	}
	switch fd.Kind {
	case jsts.Listen:
		d.Message = fmt.Sprintf("the server listens on %q %s; listen on \"0.0.0.0\"", fd.Host, where)
		d.Why = "other containers and published ports cannot reach it"
		if fd.HostStart >= 0 {
			d.Fix = &diag.Fix{Description: "listen on 0.0.0.0", Edits: []diag.TextEdit{{Range: d.Range, NewText: "0.0.0.0"}}}
		}
		return d, true
	case jsts.Connect:
		if callsItself(m, s, port) || sidecarLoopback(m, s, target) || startsServer(m, s, port) {
			return d, false
		}
		if fd.Implicit && s == nil {
			// No compose service runs the code (a repository without
			// compose files): nothing says it ever runs in a container.
			return d, false
		}
		use, how := jsUse(s, target, targetURL, "")
		d.Message = fmt.Sprintf("%s reaches %s, %s; %s", fd.Sink, value, itself, use)
		d.Why = notes(isSelf, portWhy, how)
		if target != nil && fd.HostStart >= 0 && port != 0 && m.ListensIn(target, port) {
			d.Fix = &diag.Fix{Description: fmt.Sprintf("reach service %q", target.Name), Edits: []diag.TextEdit{{Range: d.Range, NewText: target.Name}}}
		}
		return d, true
	case jsts.Proxy:
		if s == nil {
			return d, false // a dev server on the host proxies to the host: right
		}
		// Next.js resolves rewrites when it builds; Vite's dev server, the
		// only one that proxies, reads its environment when it starts.
		phase := jsts.Build
		if fd.Sink == "vite server.proxy" {
			phase = jsts.Runtime
		}
		if fd.Var != "" && setsAny(m.Project(), s, fd, phase) || callsItself(m, s, port) {
			return d, false
		}
		use, how := jsUse(s, target, targetURL, fd.Var)
		d.Message = fmt.Sprintf("%s forward to %q, %s; %s", fd.Sink, fd.Value, itself, use)
		d.Why = notes(fmt.Sprintf("the server resolves %s to %s", fd.Host, self), how)
		return d, true
	case jsts.Fallback:
		if s == nil || setsAny(m.Project(), s, fd, fd.Phase) {
			return d, false
		}
		if role := endpoint.KeyRole(fd.Var, nil); fd.Sink == "" && (role == endpoint.Self || role == endpoint.Browser) {
			// A default seen on its own, not at a network call, of a
			// name for the address browsers are given (BACKEND_DOMAIN,
			// PUBLIC_URL): links and CORS, nothing this code dials.
			return d, false
		}
		fix, phase := "set it in environment:", "does not set it under environment: or env_file:"
		if fd.Phase == jsts.Build && (m == nil || !devServer(m.Project(), s)) {
			// (A dev server reads it when it starts: environment: is right.)
			fix, phase = "pass it in build.args", "does not pass it in build.args, and it is read when the code is built"
		}
		set := fmt.Sprintf("set %s to the name and container port of the service it should reach", fd.Var)
		switch {
		case fd.Implicit && target != nil:
			set = fmt.Sprintf("set %s=%s", fd.Var, target.Name) // PGHOST takes the host alone
		case targetURL != "":
			set = fmt.Sprintf("set %s=%s", fd.Var, targetURL)
		}
		d.Message = fmt.Sprintf("%s falls back to %s %s; %s", fd.Var, value, where, fix)
		d.Why = notes(fmt.Sprintf("service %q %s", s.Name, phase), isSelf, portWhy, set)
		return d, true
	}
	return d, false
}

// sidecarLoopback reports a service whose network namespace others share
// (network_mode: service:x, a Dapr or Envoy sidecar): its loopback reaches
// them, so localhost is wrong only where another service outside the
// namespace is the one listening on the port (target).
func sidecarLoopback(m *network.Model, s *compose.Service, target *compose.Service) bool {
	if m == nil || s == nil {
		return false
	}
	ns := m.Namespace(s)
	return len(ns) > 1 && (target == nil || inNamespace(ns, target))
}

// serverPrograms start the server a client's default port belongs to.
var serverPrograms = map[int][]string{6379: {"redis-server", "valkey-server"}, 3306: {"mysqld", "mariadbd"}, 5432: {"postgres", "pg_ctl"},
	5672: {"rabbitmq-server"}, 4222: {"nats-server"}, 27017: {"mongod"}}

// startsServer reports a service whose command, entrypoint or Dockerfile
// CMD or ENTRYPOINT starts the server on port in its own container
// (sh -c "redis-server --daemonize yes && node index.js"): localhost is it.
func startsServer(m *network.Model, s *compose.Service, port int) bool {
	progs := serverPrograms[port]
	if s == nil || len(progs) == 0 {
		return false
	}
	var words []string
	for _, args := range [][]compose.Arg{s.Command, s.Entrypoint} {
		for _, a := range args {
			words = append(words, strings.Fields(a.Value)...)
		}
	}
	if m != nil {
		for _, line := range strings.Split(string(m.Project().DockerfileText(s)), "\n") {
			if f := strings.Fields(line); len(f) > 0 && (strings.EqualFold(f[0], "CMD") || strings.EqualFold(f[0], "ENTRYPOINT")) {
				words = append(words, f[1:]...)
			}
		}
	}
	for _, w := range words {
		w = strings.Trim(w, `"',[]&;`)
		if slices.Contains(progs, path.Base(w)) {
			return true
		}
	}
	return false
}

// callsItself reports a call from service s to a port it listens on
// itself, where no other service listens: its own routes, or another
// process of the same container (an API that pm2 runs beside the Next.js
// server that proxies to it). localhost is right.
func callsItself(m *network.Model, s *compose.Service, port int) bool {
	return s != nil && port != 0 && m.ListensIn(s, port) &&
		!slices.ContainsFunc(m.Listeners(port), func(t *compose.Service) bool { return m.Root(t) != m.Root(s) })
}

// jsTarget returns the one other service listening on port, and the URL
// that reaches it.
func jsTarget(m *network.Model, s *compose.Service, port int, value, host string) (*compose.Service, string) {
	if m == nil || port == 0 {
		return nil, ""
	}
	var cands []*compose.Service
	for _, t := range m.Listeners(port) {
		if t != s {
			cands = append(cands, t)
		}
	}
	if len(cands) != 1 {
		// A published port: the host port maps to a container port.
		for _, t := range m.Publishers(port) {
			if t != s {
				cands = append(cands, t)
			}
		}
	}
	if len(cands) != 1 {
		return nil, ""
	}
	t := cands[0]
	u := value
	if i := strings.Index(strings.ToLower(u), strings.ToLower(host)); i >= 0 {
		u = u[:i] + t.Name + u[i+len(host):]
	}
	if !m.ListensIn(t, port) {
		for _, p := range t.Ports {
			if p.Published == port && p.Target != 0 {
				if strings.Contains(u, fmt.Sprintf(":%d", port)) {
					u = strings.Replace(u, fmt.Sprintf(":%d", port), fmt.Sprintf(":%d", p.Target), 1)
				} else {
					u += fmt.Sprintf(" with port %d", p.Target) // a bare host with a port key
				}
			}
		}
	}
	return t, u
}

// jsUse says what to write instead, in short for the headline and in full
// for the note: an environment variable the service already sets to reach
// target, else target's URL, else the general rule.
func jsUse(s *compose.Service, t *compose.Service, url, v string) (use, how string) {
	if s != nil && t != nil {
		for _, e := range s.Env {
			if e.Value == nil {
				continue
			}
			for _, ep := range endpoint.FromEnv(e.Key, e.Value.Value, nil) {
				if ep.Host == t.Name && ep.Role == endpoint.Connect {
					return "use process.env." + e.Key, fmt.Sprintf("%s sets %s to %s", filepath.Base(e.KeyAt.Range.File), e.Key, e.Value.Value)
				}
			}
		}
	}
	name, use := v, "read "+v
	if name == "" {
		name, use = "an environment variable", "use process.env"
	}
	if url != "" {
		return use, fmt.Sprintf("read %s and set it to %s in service %q's environment (service %q listens there)", name, url, s.Name, t.Name)
	}
	return use, fmt.Sprintf("read the address from %s and set it in compose to the name and container port of the service to reach", name)
}

// setsAny reports whether s provides fd.Var or one of the variables read
// before it; phase is fd.Var's (each of the others keeps its own).
func setsAny(p *compose.Project, s *compose.Service, fd jsts.Finding, phase jsts.Phase) bool {
	if setsVar(p, s, fd.Var, phase) {
		return true
	}
	return slices.ContainsFunc(fd.Also, func(r jsts.EnvRead) bool { return setsVar(p, s, r.Var, r.Phase) })
}

// setsVar reports whether service s gives the code variable v in the phase
// it is read: environment:, env_file: or the image's ENV when it runs;
// build.args or an ENV of the Dockerfile (before its build runs) when it is
// built, and the running environment too for a dev server, which reads
// it when it starts (a dev.Dockerfile's npm run dev). p may be nil (the
// Dockerfile is then not read).
func setsVar(p *compose.Project, s *compose.Service, v string, ph jsts.Phase) bool {
	has := func(vs []compose.EnvVar) bool {
		return slices.ContainsFunc(vs, func(e compose.EnvVar) bool { return e.Key == v && e.Value != nil })
	}
	running := has(s.Env) || s.EnvUnknown || p != nil && slices.Contains(p.ImageEnv(s), v) // (a missing env_file may set it)
	if ph == jsts.Runtime {
		return running
	}
	if has(s.BuildArgs) || p != nil && dockerfile.SetsEnv(p.DockerfileText(s), v) {
		return true
	}
	dev := slices.ContainsFunc(s.Command, func(a compose.Arg) bool { return a.Value == "dev" || strings.Contains(a.Value, " dev") }) ||
		p != nil && devServer(p, s)
	return dev && running
}
