package linter

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dockerfile"
	"github.com/reachlint/reachlint/linter/jsts"
	"github.com/reachlint/reachlint/rules"
)

// jsSkipDirs are never walked for JavaScript: dependencies, build output
// and caches.
var jsSkipDirs = map[string]bool{"node_modules": true, ".next": true, "dist": true, "build": true, ".git": true, "vendor": true,
	"out": true, "coverage": true, ".nuxt": true, ".output": true, ".svelte-kit": true, ".turbo": true, ".cache": true, ".vercel": true, "storybook-static": true}

// jsMaxFileSize: larger sources are bundles or generated code.
const jsMaxFileSize = 1 << 20

// jsEnabled reports whether the JavaScript pass runs: for
// js-hardcoded-localhost, or for loopback-bind's dev servers.
func jsEnabled(c *config.Config) bool {
	return jsRuleEnabled(c) || ruleEnabled(c, "loopback-bind")
}

func jsRuleEnabled(c *config.Config) bool { return ruleEnabled(c, rules.JSRuleName) }

func ruleEnabled(c *config.Config, name string) bool {
	r := rules.ByName(name)
	return r != nil && c.Enabled(r.RuleInfo)
}

// lintJS analyzes the JavaScript and TypeScript the plan names and judges
// the findings against the projects of the run; a named file outside them
// is judged against the compose project found above it.
// needsProjects reports whether the JavaScript pass will read the loaded
// projects: it is on and there may be sources for it.
func needsProjects(o Options, plan *compose.Plan) bool {
	if !jsEnabled(o.Config) {
		return false
	}
	if len(plan.JSFiles) > 0 {
		return true
	}
	for _, root := range plan.JSRoots {
		files, walked := plan.Walked[root]
		if !walked || len(jsSources(root, files)) > 0 {
			return true
		}
	}
	return false
}

func lintJS(o Options, plan *compose.Plan, projects []*compose.Project, res *Result) []diag.Diagnostic {
	var paths []string
	for _, root := range plan.JSRoots {
		if files, ok := plan.Walked[root]; ok {
			paths = append(paths, jsSources(root, files)...)
		} else {
			paths = append(paths, walkJS(o, root, res)...)
		}
	}
	paths = append(paths, plan.JSFiles...)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	pkgs := map[string]*jsts.Package{}
	type jsSource struct {
		abs, rel string
		data     []byte
		pkg      *jsts.Package
	}
	var srcs []*jsSource
	byPath := map[string]*jsSource{}
	for _, abs := range paths {
		data, err := o.FS.ReadFile(abs)
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: %v", display(o, abs), err))
			continue
		}
		if len(data) > jsMaxFileSize {
			continue
		}
		pkg := packageOf(o, filepath.Dir(abs), pkgs)
		rel := abs
		if pkg != nil {
			rel, _ = filepath.Rel(pkg.Dir, abs)
		} else {
			for _, r := range plan.JSRoots {
				if r2, err := filepath.Rel(r, abs); err == nil && !strings.HasPrefix(r2, "..") {
					rel = r2
				}
			}
		}
		f := &jsSource{abs: abs, rel: filepath.ToSlash(rel), data: data, pkg: pkg}
		srcs = append(srcs, f)
		byPath[abs] = f
	}
	reach, node, noVite, devs := jsReach(o, projects, paths, pkgs, func(abs string) ([]byte, *jsts.Package, string, bool) {
		f, ok := byPath[abs]
		if !ok {
			return nil, nil, "", false
		}
		return f.data, f.pkg, f.rel, true
	})
	var files []rules.JSFile
	var extra []*compose.Project
	if !jsRuleEnabled(o.Config) {
		srcs = nil // loopback-bind alone reads commands, not sources
	}
	for _, f := range srcs {
		abs, data := f.abs, f.data
		r, err := jsts.AnalyzeReached(abs, f.rel, data, f.pkg, reach[abs])
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: skipped, cannot parse: %v", display(o, abs), err))
			continue
		}
		if len(r.Findings) == 0 {
			continue
		}
		files = append(files, rules.JSFile{Path: display(o, abs), Abs: abs, Src: data, Result: r})
		if slices.Contains(plan.JSFiles, abs) && !covered(abs, projects, extra) {
			finder := &compose.Finder{L: compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{}), Environ: o.Environ}
			if spec, ok := finder.FindUp(filepath.Dir(abs)); ok {
				extra = append(extra, finder.L.Load(compose.Options{Files: spec.Files, ProjectDir: spec.ProjectDir, Environ: o.Environ, Profiles: o.Profiles}))
			}
		}
	}
	ds := rules.CheckJS(files, append(slices.Clip(projects), extra...), settings(o.Config), node, noVite)
	for _, f := range files {
		res.sources[f.Path] = f.Src
	}
	for _, v := range devs {
		if d, ok := rules.CheckDevHost(v); ok {
			ds = append(ds, d)
			res.sources[v.PackagePath] = v.Package
		}
	}
	return ds
}

// builtCommand returns the command a service built from a local context
// runs (its command: and entrypoint: over the Dockerfile's CMD and
// ENTRYPOINT), with paths below the WORKDIR made relative as COPY . .
// puts them, and the package it runs in; false when there is none.
func builtCommand(o Options, p *compose.Project, s *compose.Service, pkgs map[string]*jsts.Package) ([]string, *jsts.Package, bool) {
	ctx := s.BuildContext
	if ctx == "" || !filepath.IsAbs(ctx) {
		return nil, nil, false
	}
	argv, workdir, df := serviceCommand(p, s)
	if len(argv) == 0 {
		return nil, nil, false
	}
	if workdir != "" && workdir != "/" {
		// The usual COPY . . puts the context at WORKDIR.
		for i, a := range argv {
			argv[i] = strings.ReplaceAll(a, workdir+"/", "./")
		}
	}
	pkg := packageOf(o, ctx, pkgs)
	if pkg == nil && workdir != "" {
		pkg = workdirPackage(o, ctx, workdir, df, s.Build.Get("target").Str(), pkgs)
	}
	return argv, pkg, true
}

// devServerDiags is loopback-bind's dev-server check for a project of a
// run without the JavaScript pass (a compose project named alone): it
// reads only the commands, package.json files and servers' configuration
// of the services that publish or expose a dev server's default port (a
// run over the tree, ./..., checks every port). It returns the
// package.json files it quotes.
func devServerDiags(o Options, p *compose.Project) ([]diag.Diagnostic, map[string][]byte) {
	var ds []diag.Diagnostic
	var srcs map[string][]byte
	var pkgs map[string]*jsts.Package
	for _, s := range p.Services {
		if s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) || !rules.DefaultDevPort(s) {
			continue // only a dev server's own port is worth reading the Dockerfile for
		}
		if pkgs == nil {
			pkgs = map[string]*jsts.Package{}
		}
		argv, pkg, ok := builtCommand(o, p, s, pkgs)
		if !ok {
			continue
		}
		if u, ok := devUse(o, s, jsts.DevServerOf(argv, pkg), pkg); ok {
			if d, ok := rules.CheckDevHost(u); ok {
				ds = append(ds, d)
				if srcs == nil {
					srcs = map[string][]byte{}
				}
				srcs[u.PackagePath] = u.Package
			}
		}
	}
	return ds, srcs
}

// workdirPackage finds the package a command runs in when the build
// context holds none at its root: the directory the Dockerfile copies to
// the WORKDIR (COPY frontend . under WORKDIR /app), else the one named by
// WORKDIR's last elements (COPY . /app then WORKDIR /app/web: web/).
func workdirPackage(o Options, ctx, workdir string, df []byte, target string, pkgs map[string]*jsts.Package) *jsts.Package {
	for _, src := range dockerfile.CopiedTo(df, target, workdir) {
		dir := filepath.Join(ctx, filepath.FromSlash(src))
		if _, err := o.FS.Stat(filepath.Join(dir, "package.json")); err == nil && strings.HasPrefix(dir, ctx) {
			return packageOf(o, dir, pkgs)
		}
	}
	parts := strings.Split(strings.Trim(workdir, "/"), "/")
	for i := len(parts) - 1; i >= 1; i-- {
		dir := filepath.Join(ctx, filepath.Join(parts[i:]...))
		if _, err := o.FS.Stat(filepath.Join(dir, "package.json")); err == nil {
			return packageOf(o, dir, pkgs)
		}
	}
	return nil
}

// devConfigs are the files a dev server reads its host and port from,
// by tool.
var devConfigs = map[string][]string{
	"vite":  {"vite.config.js", "vite.config.mjs", "vite.config.ts", "vite.config.cjs", "vite.config.mts", "vite.config.cts"},
	"astro": {"astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"},
	"ng":    {"angular.json"},
}

// devUse describes a service whose command starts a front-end dev server
// (Vite, ng serve, Astro) without --host, for loopback-bind; false when
// its configuration sets a host or cannot be read, or the package.json is
// not at hand.
func devUse(o Options, s *compose.Service, d jsts.DevServer, pkg *jsts.Package) (rules.DevUse, bool) {
	if !d.Runs || d.Host || pkg == nil {
		return rules.DevUse{}, false
	}
	u := rules.DevUse{Service: s, Dev: d}
	for _, n := range devConfigs[d.Tool] {
		data, err := o.FS.ReadFile(filepath.Join(pkg.Dir, n))
		if err != nil {
			continue
		}
		var cfg jsts.ViteListen
		ok := false
		if d.Tool == "ng" {
			cfg, ok = jsts.ReadAngularJSON(data)
		} else {
			cfg, ok = jsts.ReadViteConfig(n, data)
		}
		if !ok || cfg.Host {
			return rules.DevUse{}, false
		}
		u.ConfigPort = cfg.Port
		break
	}
	if d.Script != "" {
		abs := filepath.Join(pkg.Dir, "package.json")
		data, err := o.FS.ReadFile(abs)
		if err != nil {
			return rules.DevUse{}, false
		}
		u.PackagePath, u.Package = display(o, abs), data
	}
	return u, true
}

func covered(abs string, lists ...[]*compose.Project) bool {
	for _, ps := range lists {
		for _, p := range ps {
			for _, s := range p.Services {
				if c := s.BuildContext; c != "" && strings.HasPrefix(abs, c+string(filepath.Separator)) {
					return true
				}
			}
		}
	}
	return false
}

func display(o Options, abs string) string {
	if r, err := filepath.Rel(o.Cwd, abs); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return abs
}

// jsSources picks the JavaScript and TypeScript sources among the files a
// walk of root saw, outside jsSkipDirs.
func jsSources(root string, files []string) []string {
	var out []string
	for _, p := range files {
		if !jsts.IsSource(filepath.Base(p)) {
			continue
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			continue
		}
		skip := false
		for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
			if jsSkipDirs[part] {
				skip = true
				break
			}
		}
		if !skip {
			out = append(out, p)
		}
	}
	return out
}

func walkJS(o Options, dir string, res *Result) []string {
	ents, err := o.FS.ReadDir(dir)
	if err != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: cannot read directory: %v", display(o, dir), err))
		return nil
	}
	var out []string
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			if !jsSkipDirs[e.Name()] {
				out = append(out, walkJS(o, p, res)...)
			}
		case e.Type()&fs.ModeType == 0 && jsts.IsSource(e.Name()):
			out = append(out, p)
		}
	}
	return out
}

// packageOf returns the nearest package.json at or above dir (cached).
func packageOf(o Options, dir string, cache map[string]*jsts.Package) *jsts.Package {
	if p, ok := cache[dir]; ok {
		return p
	}
	var p *jsts.Package
	if data, err := o.FS.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		p = jsts.ReadPackageJSON(dir, data) // a broken package.json still marks the package
	} else if parent := filepath.Dir(dir); parent != dir && !isRepoRoot(o, dir) {
		p = packageOf(o, parent, cache)
	}
	cache[dir] = p
	return p
}

func isRepoRoot(o Options, dir string) bool {
	_, err := o.FS.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

// jsReach finds the Node entry points of the walked files (package.json
// main, bin and start script; each compose service's command and
// entrypoint over its Dockerfile's CMD and ENTRYPOINT) and follows
// imports from them and from server-only framework files. Nothing is
// run. file returns a walked file's content, package and path relative
// to it. It also says which services run Node, which run no Vite server,
// and which start a dev server that listens on localhost.
func jsReach(o Options, projects []*compose.Project, paths []string, pkgs map[string]*jsts.Package, file func(abs string) ([]byte, *jsts.Package, string, bool)) (map[string]jsts.Reach, map[*compose.Service]bool, map[*compose.Service]bool, []rules.DevUse) {
	exists := func(abs string) bool { _, _, _, ok := file(abs); return ok }
	reach := map[string]jsts.Reach{}
	node := map[*compose.Service]bool{}
	noVite := map[*compose.Service]bool{} // its command is in sight and starts no Vite server
	var devs []rules.DevUse
	var queue []string
	enter := func(abs string, pkg *jsts.Package) {
		f, ok := jsts.ResolveEntry(abs, pkgDir(pkg), exists)
		if !ok || reach[f] == jsts.Entry {
			return
		}
		if _, p, _, _ := file(f); p != nil {
			p.Entered = true
		}
		reach[f] = jsts.Entry
		queue = append(queue, f)
	}
	seen := map[*jsts.Package]bool{}
	for _, p := range pkgs {
		if p == nil || seen[p] {
			continue
		}
		seen[p] = true
		for _, e := range p.Entries() {
			enter(filepath.Join(p.Dir, e), p)
		}
	}
	for _, pr := range projects {
		for _, s := range pr.Services {
			argv, pkg, ok := builtCommand(o, pr, s, pkgs)
			if !ok {
				continue
			}
			node[s] = jsts.RunsNode(argv)
			dev := jsts.DevServerOf(argv, pkg)
			if dev.Known && !(dev.Runs && dev.Tool == "vite") {
				noVite[s] = true
			}
			if u, ok := devUse(o, s, dev, pkg); ok {
				devs = append(devs, u)
			}
			for _, e := range jsts.CommandScripts(argv, pkg) {
				if !filepath.IsAbs(e) {
					e = filepath.Join(s.BuildContext, e)
				}
				enter(e, pkg)
			}
		}
	}
	// Server-only framework files import server code too; they need no
	// mark of their own, their framework already says where they run.
	for _, abs := range paths {
		if data, pkg, rel, ok := file(abs); ok && reach[abs] == jsts.Unreached && jsts.ServerOnly(rel, pkg) && !jsts.UsesClient(data) {
			queue = append(queue, abs)
		}
	}
	done := map[string]bool{}
	for len(queue) > 0 {
		abs := queue[0]
		queue = queue[1:]
		if done[abs] {
			continue
		}
		done[abs] = true
		data, pkg, _, _ := file(abs)
		for _, spec := range jsts.Imports(data) {
			t, ok := jsts.ResolveImport(abs, spec, pkgDir(pkg), exists)
			if !ok || reach[t] != jsts.Unreached {
				continue
			}
			tdata, tpkg, trel, _ := file(t)
			if jsts.UsesClient(tdata) || jsts.Classify(trel, tpkg) == jsts.Client {
				continue // the browser's side of the graph
			}
			reach[t] = jsts.Imported
			queue = append(queue, t)
		}
	}
	return reach, node, noVite, devs
}

func pkgDir(p *jsts.Package) string {
	if p == nil {
		return ""
	}
	return p.Dir
}

// serviceCommand returns what a service's container runs, as Compose
// decides it: entrypoint: replaces the Dockerfile's ENTRYPOINT and drops
// its CMD, command: replaces CMD; the Dockerfile's WORKDIR, and its text.
func serviceCommand(p *compose.Project, s *compose.Service) ([]string, string, []byte) {
	var ep, cmd []string
	workdir := ""
	data := p.DockerfileText(s)
	if data != nil {
		st := dockerfile.Read(data, s.Build.Get("target").Str())
		ep, cmd, workdir = st.Entrypoint, st.Cmd, st.Workdir
	}
	words := func(as []compose.Arg) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Value)
		}
		return out
	}
	if len(s.Entrypoint) > 0 {
		ep, cmd = words(s.Entrypoint), nil
	}
	if len(s.Command) > 0 {
		cmd = words(s.Command)
	}
	return append(slices.Clip(ep), cmd...), workdir, data
}
