package golang

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dockerfile"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// Service is a compose service built from a local directory (the CLI's
// linter.GoService).
type Service struct {
	Name       string
	Context    string            // absolute build context directory; "" for a service that runs an image
	Dockerfile string            // absolute path of its Dockerfile
	Env        map[string]bool   // variables environment: and env_file: set
	EnvUnknown bool              // an env_file: it needs is missing: it may set any variable
	Command    string            // command: and entrypoint: words
	BuildArgs  map[string]string // build: args: with values, for ARGs in its Dockerfile
	Mounts     []string          // directories it bind-mounts (absolute)
	At         diag.Range        // the service's name in its compose file
	// Ports are the container ports the service publishes or exposes and
	// those other services connect to; nil when they are not known.
	Ports map[int]bool
	// Probe is the base name of the program the service's healthcheck
	// runs ("healthcheck" for ["CMD", "/healthcheck"]); "" when none.
	Probe string

	goCmds  *dockerGo       // what its Dockerfile builds, read once
	reached map[string]bool // directories of the packages its build reaches
}

// dockerGo is what a Dockerfile does with Go: the package patterns it
// builds, installs or runs, and those it only tests.
type dockerGo struct {
	builds, tests []string
}

// goCommands reads the package arguments of go build, install, run and test
// in a Dockerfile ("./cmd/app", "./...", "cmd/app/main.go" for its
// directory, "./cmd/${BIN}" with the ARG's value from the service's build
// args or its default), or nil when it has none (a prebuilt binary, no
// Dockerfile): then the whole build context counts.
func goCommands(path string, buildArgs map[string]string) *dockerGo {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var d dockerGo
	args := map[string]string{}
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 2 && strings.EqualFold(f[0], "ARG") {
			name, def, ok := strings.Cut(f[1], "=")
			if ok {
				args[name] = strings.Trim(def, `"'`)
			}
		}
	}
	for k, v := range buildArgs {
		args[k] = v
	}
	words := strings.FieldsFunc(string(data), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\\' || r == '"' || r == '\'' || r == ',' || r == '[' || r == ']' || r == ';' || r == '&'
	})
	for i := 0; i+1 < len(words); i++ {
		if words[i] != "go" {
			continue
		}
		sub := words[i+1]
		if sub != "build" && sub != "install" && sub != "run" && sub != "test" {
			continue
		}
		for j := i + 2; j < len(words); j++ {
			w := words[j]
			if w == "go" || strings.HasPrefix(w, "&&") {
				break
			}
			if w == "-o" {
				j++ // the output file
				continue
			}
			pat, ok := goPattern(w, args)
			if !ok {
				continue
			}
			if sub == "test" {
				d.tests = append(d.tests, pat)
			} else {
				d.builds = append(d.builds, pat)
			}
		}
	}
	if len(d.builds) == 0 && len(d.tests) == 0 {
		return nil
	}
	return &d
}

// goPattern is the package pattern a go command's argument names: a
// relative package path or pattern, or a .go file's directory; ARG
// references are replaced by their values (false when one has none).
func goPattern(w string, args map[string]string) (string, bool) {
	if strings.HasPrefix(w, "-") {
		return "", false
	}
	if strings.Contains(w, "$") {
		unset := false
		w = os.Expand(w, func(name string) string {
			v, ok := args[name]
			unset = unset || !ok
			return v
		})
		if unset {
			return "", false
		}
	}
	if strings.HasSuffix(w, ".go") && !strings.HasPrefix(w, "/") {
		w = path.Dir(w) // go build cmd/api/main.go builds cmd/api
		if w != "." && !strings.HasPrefix(w, "./") {
			w = "./" + w
		}
	}
	if w == "." || strings.HasPrefix(w, "./") {
		return w, true
	}
	return "", false
}

// reach records the package directories a service's Dockerfile builds
// (and everything they import) among the loaded packages. Patterns are
// tried relative to the build context and to each module in it.
func (s *Service) reach(pkgs []*packages.Package) {
	if s.goCmds == nil {
		s.goCmds = goCommands(s.Dockerfile, s.BuildArgs)
		if s.goCmds == nil {
			s.goCmds = &dockerGo{}
		}
	}
	if s.reached == nil {
		s.reached = map[string]bool{}
	}
	bases := []string{s.Context}
	byDir := map[string][]*packages.Package{}
	for _, p := range pkgs {
		if len(p.GoFiles) == 0 {
			continue
		}
		dir := filepath.Dir(p.GoFiles[0])
		byDir[dir] = append(byDir[dir], p)
		if p.Module != nil && p.Module.Dir != "" && within(p.Module.Dir, s.Context) && !slices.Contains(bases, p.Module.Dir) {
			bases = append(bases, p.Module.Dir)
		}
	}
	match := func(pattern string) []*packages.Package {
		var out []*packages.Package
		for _, base := range bases {
			rec := strings.HasSuffix(pattern, "/...")
			dir := filepath.Join(base, strings.TrimSuffix(pattern, "/..."))
			for d, ps := range byDir {
				if d == dir || (rec && within(d, dir)) {
					out = append(out, ps...)
				}
			}
		}
		return out
	}
	var roots []*packages.Package
	for _, pat := range s.goCmds.builds {
		roots = append(roots, match(pat)...)
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, f := range p.GoFiles {
			s.reached[filepath.Dir(f)] = true
		}
	})
	// go test runs the tested packages' code, not what they import for
	// production.
	for _, pat := range s.goCmds.tests {
		for _, p := range match(pat) {
			for _, f := range p.GoFiles {
				s.reached[filepath.Dir(f)] = true
			}
		}
	}
}

// buildsOthers reports a service whose Dockerfile builds named Go
// packages, found among those loaded: a program in its context it does not
// reach is not part of the image.
func (s *Service) buildsOthers() bool {
	return s.goCmds != nil && len(s.goCmds.builds) > 0 && len(s.reached) > 0
}

// runs reports whether the service runs code in file: what its Dockerfile
// builds when that is known, else anything in its build context. built
// says the Dockerfile's go commands reach the file's package (not only the
// context holding it).
func (s *Service) runs(file string) (runs, built bool) {
	if !within(file, s.Context) {
		return false, false
	}
	if s.goCmds == nil || (len(s.goCmds.builds) == 0 && len(s.goCmds.tests) == 0) {
		return true, false
	}
	if len(s.reached) == 0 && len(s.goCmds.builds) > 0 {
		return true, false // its patterns match no loaded package: fall back to the context
	}
	return s.reached[filepath.Dir(file)], true
}

// where says who runs a file: the services whose build context holds it,
// or that it belongs to a program meant for the host.
type where struct {
	services []*Service
	host     string // why the code is meant for the host, "" when it is not
}

// hostDirs are directories whose programs run on the developer's machine.
// Example programs are run by hand against a service (measured on
// appleboy/gorush's rpc/example clients).
var hostDirs = []string{"scripts", "hack", "tools", "example", "examples"}

func (c *converter) where(file string, r pkgResult, root string) where {
	var w where
	var built []*Service // those whose Dockerfile's go commands reach it
	for i := range c.services {
		s := &c.services[i]
		if runs, b := s.runs(file); runs {
			w.services = append(w.services, s)
			if b {
				built = append(built, s)
			}
		}
	}
	if len(built) > 0 {
		// Services that only hold it in their build context (a database
		// image built from the repository's root) do not run what other
		// services' Dockerfiles build.
		w.services = built
		return w
	}
	if len(w.services) > 0 && hostDir(c.cwd, root, file) == "" {
		return w
	}
	if len(w.services) > 0 {
		// Only a build context holds it (a database image built from the
		// repository's root), and it lives where host tools do.
		w.services = nil
		w.host = "it lives under " + hostDir(c.cwd, root, file) + "/ and no service builds it"
		return w
	}
	if r.HostPkg {
		w.host = "it runs docker"
		return w
	}
	if r.Main {
		// A program in a service's build context that its Dockerfile
		// does not build (cmd/seed beside cmd/api): run by hand.
		for i := range c.services {
			if s := &c.services[i]; s.Context != "" && within(file, s.Context) && s.buildsOthers() {
				w.host = fmt.Sprintf("no service builds it; the Dockerfile of service %q builds %s", s.Name, strings.Join(s.goCmds.builds, ", "))
				return w
			}
		}
	}
	if d := hostDir(c.cwd, root, file); d != "" {
		w.host = "it lives under " + d + "/ and no service builds it"
		return w
	}
	if len(c.services) > 0 && !slices.ContainsFunc(c.services, func(s Service) bool {
		return s.Context != "" && within(file, s.Context) || slices.ContainsFunc(s.Mounts, func(m string) bool { return within(file, m) })
	}) {
		// The compose projects run images and build other directories:
		// this code runs on the host, against their published ports.
		w.host = "no compose service builds or mounts it"
	}
	return w
}

// hostDir returns the directory of hostDirs that file lies under, below
// cwd when it holds the file, else below root; "" when there is none.
func hostDir(cwd, root, file string) string {
	if cwd != "" && within(file, cwd) {
		root = cwd
	}
	if rel, err := filepath.Rel(root, file); err == nil {
		for _, part := range strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/") {
			if slices.Contains(hostDirs, part) {
				return part
			}
		}
	}
	return ""
}

// runsDocker reports whether a package starts docker or docker compose: a
// program that drives containers from the host, where localhost is right.
func runsDocker(p *packages.Package) bool {
	found := false
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			fn, ok := typeutil.Callee(p.TypesInfo, call).(*types.Func)
			if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "os/exec" {
				return true
			}
			arg := 0
			if fn.Name() == "CommandContext" {
				arg = 1
			} else if fn.Name() != "Command" {
				return true
			}
			if arg < len(call.Args) {
				if tv, ok := p.TypesInfo.Types[call.Args[arg]]; ok && tv.Value != nil {
					s, _ := strconv.Unquote(tv.Value.ExactString())
					if s == "docker" || s == "docker-compose" {
						found = true
					}
				}
			}
			return true
		})
	}
	return found
}

// names is `service "api"` or `services "api", "web" and "worker"`; the
// notes of runsNotes say where each is declared.
func names(ss []*Service) string {
	uniq := uniqueNames(ss)
	var parts []string
	for i, n := range uniq {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more", len(uniq)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%q", n))
	}
	if len(parts) == 1 {
		return "service " + parts[0]
	}
	return "services " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// uniqueNames lists the services' names once each: a service of two
// compose files (a base and a variant) is one name.
func uniqueNames(ss []*Service) []string {
	var uniq []string
	for _, s := range ss {
		if !slices.Contains(uniq, s.Name) {
			uniq = append(uniq, s.Name)
		}
	}
	return uniq
}

// runsNotes are the related locations of the services that run the code.
func runsNotes(ss []*Service) []diag.Related {
	var out []diag.Related
	for _, s := range ss {
		out = append(out, diag.Related{Range: s.At, Message: fmt.Sprintf("service %q runs this code", s.Name)})
	}
	return out
}

// withContext inserts where the code runs after the sinks a message names:
// `"x" reaches http.Get, which runs in service "api"; ...`.
func withContext(msg, ctx string) string {
	q, err := strconv.QuotedPrefix(msg)
	if err != nil {
		return msg
	}
	i := strings.Index(msg[len(q):], "; ")
	if i < 0 {
		return msg
	}
	i += len(q)
	return msg[:i] + ctx + msg[i:]
}

// sets reports whether a service sets the variable: in its environment,
// env files or Dockerfile ENV lines.
func (s *Service) sets(name string) bool {
	if s.Env[name] || s.EnvUnknown {
		return true // (a missing env_file may set it)
	}
	return slices.Contains(dockerfileEnv(s.Dockerfile), name)
}

// passes reports whether a service's command or entrypoint passes a flag.
func (s *Service) passes(flagName string) bool {
	for _, w := range strings.Fields(s.Command) {
		w = strings.TrimLeft(w, "-")
		if w == flagName || strings.HasPrefix(w, flagName+"=") {
			return true
		}
	}
	return false
}

// runsSub reports whether a service may run the subcommand sub (whose flag
// set holds a flag): true for the program's own flags (sub ""), and when
// the command is not known; otherwise the command (command: and
// entrypoint:, else the Dockerfile's CMD and ENTRYPOINT) must name it.
// "/app server" never parses the flags of "app evaluate".
func (s *Service) runsSub(sub string) bool {
	if sub == "" {
		return true
	}
	words := strings.Fields(s.Command)
	if len(words) == 0 && s.Dockerfile != "" {
		if data, err := os.ReadFile(s.Dockerfile); err == nil {
			st := dockerfile.Read(data, "")
			words = append(slices.Clip(st.Entrypoint), st.Cmd...)
		}
	}
	if len(words) == 0 {
		return true
	}
	return slices.ContainsFunc(words, func(w string) bool { return w == sub || filepath.Base(w) == sub })
}

// dockerfileEnv reads the names a Dockerfile's final stage sets with ENV.
func dockerfileEnv(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return dockerfile.Read(data, "").Env
}

// fallback reports a loopback default that a service runs without setting
// its variable or flag.
func (c *converter) fallback(f fallbackRec, w where, rng diag.Range) {
	var missing []*Service
	for _, s := range w.services {
		if (f.Var != "" && !s.sets(f.Var)) || (f.Flag != "" && !s.passes(f.Flag) && s.runsSub(f.FlagSet)) {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return // no service known to run the code, or all set it: dead code there
	}
	why := fmt.Sprintf("inside a container %q is that container itself, not another service", f.Host)
	verb, its := "runs", "its"
	if len(uniqueNames(missing)) > 1 {
		verb, its = "run", "their"
	}
	var msg string
	if f.Var != "" {
		msg = fmt.Sprintf("%s falls back to %q in %s; set it in %s environment", f.Var, f.Value, names(missing), its)
		why = fmt.Sprintf("%s %s this code without setting %s; %s", names(missing), verb, f.Var, why)
	} else {
		msg = fmt.Sprintf("flag -%s defaults to %q in %s; pass it in %s command", f.Flag, f.Value, names(missing), its)
		why = fmt.Sprintf("%s %s this code without passing -%s; %s", names(missing), verb, f.Flag, why)
	}
	d := diag.Diagnostic{Rule: hardcodedlocalhost.Name, Severity: diag.Warning, Range: rng, Message: msg, Why: why, Related: runsNotes(missing)}
	key := fmt.Sprint(rng.File, rng.Start.Offset, msg)
	if !c.seen[key] {
		c.seen[key] = true
		c.out = append(c.out, d)
	}
}
