package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dockerfile"
	"github.com/reachlint/reachlint/linter/jsts"
)

var browserRuntimeOnly = &Rule{
	RuleInfo: diag.RuleInfo{
		Name: "browser-runtime-only", Severity: diag.Info, Enabled: true,
		Summary: "a NEXT_PUBLIC_ or VITE_ value is set only at runtime for an image built here",
		What: "Reports a NEXT_PUBLIC_* or VITE_* variable under environment: of a service that has build:, when build.args does not set it too. " +
			"Services that run a dev server (next dev, vite, npm run dev, in the compose command or the Dockerfile's CMD, a build target or NODE_ENV naming development) read it at runtime and are not reported, nor is a variable an ENV line of the Dockerfile sets (the build reads it); " +
			"neither are values read from a file inside the build context, which the build may read itself, nor services whose package.json (beside the Dockerfile, else at the build context's root) " +
			"depends on neither Next.js (for NEXT_PUBLIC_*) nor Vite or a framework built on it (for VITE_*): a NestJS API reads such a variable when it starts; " +
			"nor services whose Node server (the script the container's command runs, through package.json's scripts) reads process.env and names the variable or its prefix: it hands the values to the browser when it serves a page (window.appConfig); " +
			"nor services built from a git submodule that is not checked out (an empty directory, or a path .gitmodules names, without its Dockerfile): what they build cannot be known.",
		Why: "Next.js and Vite inline these variables into the JavaScript bundle when the image is built (next build, vite build). " +
			"A value given only when the container starts never reaches the bundle: the browser sees the value from build time, or undefined.",
		Example: "services:\n  web:\n    build: ./web\n    ports: [\"3000:3000\"]\n    environment:\n      NEXT_PUBLIC_API_URL: http://localhost:8080\n",
		UseInstead: "services:\n  web:\n    build:\n      context: ./web\n      args:\n        NEXT_PUBLIC_API_URL: http://localhost:8080\n" +
			"    ports: [\"3000:3000\"]\n",
	},
	Check: checkBrowserRuntimeOnly,
}

func checkBrowserRuntimeOnly(p *Pass) {
	for _, v := range p.Values() {
		if v.From != compose.FromEnvironment || !(strings.HasPrefix(v.Key, "NEXT_PUBLIC_") || strings.HasPrefix(v.Key, "VITE_")) {
			continue
		}
		var ss []*compose.Service
		var at diag.Range
		for _, u := range v.Uses {
			s := u.Service
			if u.Var.From != compose.FromEnvironment || s.Build == nil || hasBuildArg(s, v.Key) || devServer(p.Project, s) || inBuildContext(p.Project, s, v.Node) || noBundler(p.Project, s, v.Key) ||
				handsOn(p.Project, s, v.Key) || dockerfile.SetsEnv(p.Project.DockerfileText(s), v.Key) || p.Project.SubmoduleContext(s) {
				continue
			}
			ss = append(ss, s)
			if u.Var.KeyAt != nil {
				at = u.Var.KeyAt.Range
			}
		}
		if len(ss) == 0 {
			continue
		}
		var rel []diag.Related
		if len(v.Uses) > 1 {
			// Written once under an anchor: name the services concerned.
			for _, s := range ss {
				rel = append(rel, diag.Related{Range: s.Key.Range, Message: fmt.Sprintf("service %q inherits this value", s.Name)})
			}
		} else {
			for _, r := range v.Related(at) {
				if r.Range != at {
					rel = append(rel, r)
				}
			}
		}
		p.Report(diag.Diagnostic{Range: at,
			Message: fmt.Sprintf("%s is set only at runtime for %s; pass it in build: args:", v.Key, subject(ss)),
			Why: fmt.Sprintf("%s %s built here, and Next.js and Vite inline it into the bundle at build time, so the browser never sees a value set when the container starts; declare ARG %s in the Dockerfile too",
				subject(ss), one(ss, "is", "are"), v.Key),
			Related: rel})
	}
}

// noBundler reports a service built from a Node package (the package.json
// beside its Dockerfile, else at its build context's root) that depends on
// neither Next.js, for NEXT_PUBLIC_*, nor Vite or a framework built on it,
// for VITE_*: a NestJS API reading NEXT_PUBLIC_VAPID_PUBLIC_KEY when it
// starts. Nothing inlines the variable at build time there. Without a
// package.json nothing is known.
func noBundler(p *compose.Project, s *compose.Service, key string) bool {
	for _, dir := range packageDirs(s) {
		data, ok := p.ReadSmall(filepath.Join(dir, "package.json"))
		if !ok {
			continue
		}
		pkg := jsts.ReadPackageJSON(dir, data)
		bundlers := viteBundlers
		if strings.HasPrefix(key, "NEXT_PUBLIC_") {
			bundlers = []string{"next"}
		}
		for _, b := range bundlers {
			if pkg.Deps[b] {
				return false
			}
		}
		return len(pkg.Deps) > 0 // a package.json without dependencies says nothing
	}
	return false
}

// handsOn reports a service whose container runs a Node server that hands
// the browser variables on when it starts: the script its command runs
// (node server.js, npm start through package.json's scripts) reads
// process.env and names the variable or its prefix (Hi.Events' server.js
// copies every VITE_* of process.env into the page it serves).
func handsOn(p *compose.Project, s *compose.Service, key string) bool {
	dir := packageDir(p, s)
	if dir == "" {
		return false
	}
	data, ok := p.ReadSmall(filepath.Join(dir, "package.json"))
	if !ok {
		return false
	}
	pkg := jsts.ReadPackageJSON(dir, data)
	st := p.ImageStage(s)
	argv := append(slices.Clip(st.Entrypoint), st.Cmd...)
	if len(s.Entrypoint) > 0 || len(s.Command) > 0 {
		argv = nil
		for _, a := range append(slices.Clip(s.Entrypoint), s.Command...) {
			argv = append(argv, a.Value)
		}
	}
	prefix := "VITE_"
	if strings.HasPrefix(key, "NEXT_PUBLIC_") {
		prefix = "NEXT_PUBLIC_"
	}
	for _, f := range jsts.CommandScripts(argv, pkg) {
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		src, ok := p.ReadSmall(f)
		if !ok {
			continue
		}
		text := string(src)
		if strings.Contains(text, "process.env") && (strings.Contains(text, key) || strings.Contains(text, "'"+prefix) || strings.Contains(text, "\""+prefix) || strings.Contains(text, "`"+prefix)) {
			return true
		}
	}
	return false
}

// packageDir is the directory of the package.json a service is built from:
// beside its Dockerfile, else at its build context's root; "" when neither
// holds one.
func packageDir(p *compose.Project, s *compose.Service) string {
	for _, dir := range packageDirs(s) {
		if p.HasFile(filepath.Join(dir, "package.json")) {
			return dir
		}
	}
	return ""
}

// packageDirs are where the package.json a service is built from may lie,
// in order: beside its Dockerfile, at its build context's root.
func packageDirs(s *compose.Service) []string {
	var dirs []string
	if df := s.Dockerfile(); df != "" {
		dirs = append(dirs, filepath.Dir(df))
	}
	if s.BuildContext != "" && filepath.IsAbs(s.BuildContext) {
		dirs = append(dirs, s.BuildContext)
	}
	return dirs
}

// viteBundlers are the packages that build with Vite and inline VITE_*.
var viteBundlers = []string{"vite", "@sveltejs/kit", "astro", "nuxt", "vitepress", "@remix-run/dev", "@react-router/dev", "@vitejs/plugin-react", "@vitejs/plugin-vue", "@analogjs/platform", "@builder.io/qwik", "solid-start", "@solidjs/start"}

func hasBuildArg(s *compose.Service, key string) bool {
	for _, a := range s.BuildArgs {
		if a.Key == key {
			return true
		}
	}
	return false
}

// devServer reports a service that runs a development server, which reads
// browser variables when it starts: by its build target, NODE_ENV, or its
// command (command: and entrypoint:, else the Dockerfile's CMD and
// ENTRYPOINT: a dev.Dockerfile's npm run dev).
func devServer(p *compose.Project, s *compose.Service) bool {
	if t := s.Build.Get("target").Str(); strings.Contains(strings.ToLower(t), "dev") {
		return true
	}
	for _, e := range s.Env {
		if e.Key == "NODE_ENV" && e.Value != nil && strings.HasPrefix(strings.ToLower(e.Value.Value), "dev") {
			return true
		}
	}
	if len(s.Entrypoint) > 0 || len(s.Command) > 0 {
		var argv []string
		for _, a := range append(slices.Clip(s.Entrypoint), s.Command...) {
			argv = append(argv, a.Value)
		}
		return devCommand(argv)
	}
	st := p.ImageStage(s)
	return devCommand(append(slices.Clip(st.Entrypoint), st.Cmd...))
}

// devCommand reports a command line that starts a dev server (npm run dev,
// next dev, vite, yarn start:dev).
func devCommand(argv []string) bool {
	for _, a := range argv {
		for _, w := range strings.Fields(a) {
			w = strings.ToLower(strings.Trim(w, `"'`))
			if w == "dev" || w == "develop" || w == "vite" || strings.HasSuffix(w, ":dev") || strings.HasPrefix(w, "dev:") {
				return true
			}
		}
	}
	return false
}

// inBuildContext reports a value read from a file (.env) inside s's build
// context: next build and vite build read such files themselves.
func inBuildContext(p *compose.Project, s *compose.Service, n *compose.Node) bool {
	f := n.Origin().File
	if f == "" {
		return false
	}
	for _, cf := range p.Files {
		if cf.Path == f {
			return false // written in the compose file itself
		}
	}
	ctx := s.Build.Get("context").Str()
	if ctx == "" {
		ctx = "."
	}
	// Paths are shown relative to where the linter runs, like the compose
	// files': resolve the context against the first one's directory.
	if len(p.Files) > 0 && !filepath.IsAbs(ctx) {
		ctx = filepath.Join(filepath.Dir(p.Files[0].Path), ctx)
	}
	rel, err := filepath.Rel(ctx, f)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
