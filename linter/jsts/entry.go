package jsts

import (
	"bytes"
	"encoding/json"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Reach is what the module graph says about a file.
type Reach int

// Reaches of a file.
const (
	// Unreached: no entry point or server-only file imports it (or none
	// is known).
	Unreached Reach = iota
	// Entry: Node starts it (package.json main or bin, the start script,
	// the service's command or the Dockerfile's CMD).
	Entry
	// Imported: an entry point or a server-only file imports it,
	// directly or through other files.
	Imported
)

// Entries returns the files the package.json names as Node entry points,
// relative to its directory: main, bin, and the scripts "start" runs.
func (p *Package) Entries() []string {
	if p == nil {
		return nil
	}
	var out []string
	if p.Main != "" && !p.BrowserBundle {
		out = append(out, p.Main)
	}
	out = append(out, p.Bin...)
	if p.Scripts != nil {
		out = append(out, CommandScripts([]string{"npm", "start"}, p)...)
	}
	return out
}

// ReadPackageJSON fills a Package from package.json content; a broken
// file still yields a package (without dependencies).
func ReadPackageJSON(dir string, data []byte) *Package {
	var pj struct {
		Name    any             `json:"name"`
		Deps    map[string]any  `json:"dependencies"`
		DevDeps map[string]any  `json:"devDependencies"`
		Main    any             `json:"main"`
		Bin     json.RawMessage `json:"bin"`
		Scripts map[string]any  `json:"scripts"`
	}
	_ = json.Unmarshal(data, &pj)
	p := &Package{Dir: dir, Deps: map[string]bool{}, Scripts: map[string]string{}}
	if s, ok := pj.Name.(string); ok {
		p.Name = s
	}
	for _, deps := range []map[string]any{pj.Deps, pj.DevDeps} {
		for k, v := range deps {
			p.Deps[k] = true
			if s, ok := v.(string); ok {
				if p.Versions == nil {
					p.Versions = map[string]string{}
				}
				p.Versions[k] = s
			}
		}
	}
	if s, ok := pj.Main.(string); ok {
		p.Main = s
		p.BrowserBundle = browserBundle(s)
	}
	var one string
	var many map[string]string
	if json.Unmarshal(pj.Bin, &one) == nil && one != "" {
		p.Bin = append(p.Bin, one)
	} else if json.Unmarshal(pj.Bin, &many) == nil {
		for _, v := range many {
			p.Bin = append(p.Bin, v)
		}
	}
	for k, v := range pj.Scripts {
		if s, ok := v.(string); ok {
			p.Scripts[k] = s
		}
	}
	return p
}

// browserBundle reports a file name of a UMD or IIFE build ("embed.umd.min.js",
// "widget.iife.js"): the formats made for script tags.
func browserBundle(main string) bool {
	base := strings.ToLower(path.Base(main))
	return strings.Contains(base, ".umd.") || strings.Contains(base, ".iife.")
}

// nodeRunners take the script as their first argument that is not an
// option; optsWithValue are their options that consume the next word.
var nodeRunners = map[string]bool{"node": true, "nodejs": true, "ts-node": true, "ts-node-dev": true, "tsnd": true, "tsx": true, "babel-node": true,
	"nodemon": true, "esno": true, "esr": true, "vite-node": true, "bun": true, "deno": true, "pm2-runtime": true, "pm2": true, "forever": true, "node-dev": true}

var optsWithValue = map[string]bool{"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
	"--watch": true, "-w": true, "--ext": true, "-e": true, "--exec": true, "-x": true, "--ignore": true, "-i": true, "--name": true,
	"--project": true, "-P": true, "--env-file": true, "--tsconfig": true, "--delay": true, "--signal": true, "--max-old-space-size": true,
	"--title": true, "--inspect-port": true, "-c": true, "--config": true}

// runnerVerbs are sub-commands that come before the script.
var runnerVerbs = map[string]bool{"watch": true, "run": true, "start": true}

// wrappers run the rest of their command line.
var wrappers = map[string]bool{"exec": true, "env": true, "cross-env": true, "tini": true, "dumb-init": true, "npx": true, "--": true, "sudo": true, "nohup": true, "time": true}

// CommandScripts returns the JavaScript or TypeScript files a command
// line runs (node server.js, nodemon src/index.ts, npm start resolved
// through pkg's scripts, sh -c "..."), relative to its working directory
// (the package's directory for package scripts). Nothing is run.
func CommandScripts(argv []string, pkg *Package) []string {
	return commandScripts(argv, pkg, "", 0)
}

func commandScripts(argv []string, pkg *Package, cwd string, depth int) []string {
	if depth > 4 || len(argv) == 0 {
		return nil
	}
	// A shell: split its script into words; the separators end commands.
	if b := filepath.Base(argv[0]); (b == "sh" || b == "bash" || b == "ash") && len(argv) >= 3 && argv[1] == "-c" {
		return commandScripts(shellWords(argv[2]), pkg, cwd, depth+1)
	}
	var words []string
	for _, a := range argv {
		words = append(words, shellWords(a)...)
	}
	var out []string
	for len(words) > 0 {
		end := len(words)
		for i, w := range words {
			if w == "&&" || w == "||" || w == ";" || w == "|" || w == "&" {
				end = i
				break
			}
		}
		seg := words[:end]
		if end < len(words) {
			words = words[end+1:]
		} else {
			words = nil
		}
		if len(seg) >= 2 && seg[0] == "cd" {
			cwd = filepath.Join(cwd, seg[1])
			continue
		}
		out = append(out, segmentScripts(seg, pkg, cwd, depth)...)
	}
	return out
}

func segmentScripts(seg []string, pkg *Package, cwd string, depth int) []string {
	// Skip variable assignments and wrappers (tini --, gosu user, a
	// docker-entrypoint.sh that execs "$@", wait-for-it.sh host -- ...).
	for len(seg) > 0 {
		w := seg[0]
		switch {
		case strings.Contains(w, "=") && !strings.HasPrefix(w, "-") && !strings.ContainsAny(w[:strings.IndexByte(w, '=')], "/."):
			seg = seg[1:]
		case wrappers[filepath.Base(w)] || strings.HasPrefix(w, "-") && len(seg) > 1 && wrappers[filepath.Base(seg[1])]:
			seg = seg[1:]
		case filepath.Base(w) == "gosu" || filepath.Base(w) == "su-exec":
			seg = seg[min(2, len(seg)):]
		case strings.HasSuffix(w, ".sh"):
			rest := seg[1:]
			for i, x := range rest {
				if x == "--" {
					rest = rest[i+1:]
					break
				}
			}
			seg = rest
		default:
			goto run
		}
	}
	return nil
run:
	tool := filepath.Base(seg[0])
	args := seg[1:]
	switch tool {
	case "npm", "yarn", "pnpm", "bun":
		if len(args) > 0 && (args[0] == "run" || args[0] == "run-script") {
			args = args[1:]
		}
		for len(args) > 0 && strings.HasPrefix(args[0], "-") {
			args = args[1:]
		}
		if len(args) == 0 {
			return nil
		}
		name := args[0]
		if s, ok := pkg.script(name); ok {
			return commandScripts([]string{"sh", "-c", s}, pkg, pkgCwd(pkg, cwd), depth+1)
		}
		if name == "start" && tool == "npm" {
			return []string{filepath.Join(pkgCwd(pkg, cwd), "server.js")} // npm's default start
		}
		if tool == "bun" && IsSource(name) {
			return []string{filepath.Join(cwd, name)}
		}
		return nil
	}
	if !nodeRunners[tool] {
		return nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			continue
		case strings.HasPrefix(a, "-"):
			if optsWithValue[a] {
				i++
			}
			continue
		case i == 0 && runnerVerbs[a]:
			continue
		}
		if a == "." {
			if pkg != nil && pkg.Main != "" {
				return []string{filepath.Join(cwd, pkg.Main)}
			}
			return []string{filepath.Join(cwd, "index.js")}
		}
		if strings.HasPrefix(a, "$") || strings.Contains(a, "config.") || strings.HasSuffix(a, ".json") {
			return nil // a variable, or pm2's ecosystem file
		}
		return []string{filepath.Join(cwd, a)}
	}
	if tool == "nodemon" && pkg != nil && pkg.Main != "" {
		return []string{filepath.Join(cwd, pkg.Main)}
	}
	return nil
}

func pkgCwd(pkg *Package, cwd string) string {
	if cwd != "" || pkg == nil {
		return cwd
	}
	return ""
}

func (p *Package) script(name string) (string, bool) {
	if p == nil {
		return "", false
	}
	s, ok := p.Scripts[name]
	return s, ok
}

// shellWords splits a shell command line into words, honouring quotes
// and keeping the operators &&, ||, ;, | and & as words of their own.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	in := false
	var q byte
	flush := func() {
		if in {
			out = append(out, cur.String())
			cur.Reset()
			in = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			q, in = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] != '\n' {
				cur.WriteByte(s[i])
				in = true
			}
		case c == ';' || c == '|' || c == '&':
			flush()
			op := string(c)
			if (c == '|' || c == '&') && i+1 < len(s) && s[i+1] == c {
				op += string(c)
				i++
			}
			out = append(out, op)
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	flush()
	return out
}

// importRE finds the module specifiers of import, export ... from,
// import() and require() that name files of the project: relative paths
// and the usual tsconfig aliases @/ and ~/.
var importRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.\.?(?:/[^"'\n]*)?|[@~]/[^"'\n]*)["']`)
})

// Imports returns the project-relative module specifiers src imports.
func Imports(src []byte) []string {
	var out []string
	for _, m := range importRE().FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// ResolveImport returns the file spec names when imported from the file
// from, or false; pkgDir roots the @/ and ~/ aliases, and exists says
// which files the walk found.
func ResolveImport(from, spec, pkgDir string, exists func(string) bool) (string, bool) {
	var bases []string
	switch {
	case strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/"):
		if pkgDir == "" {
			return "", false
		}
		bases = []string{filepath.Join(pkgDir, spec[2:]), filepath.Join(pkgDir, "src", spec[2:])}
	default:
		bases = []string{filepath.Join(filepath.Dir(from), spec)}
	}
	for _, b := range bases {
		if f, ok := ResolveFile(b, exists); ok {
			return f, true
		}
	}
	return "", false
}

var tryExts = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"}

// ResolveFile finds the source file p names the way Node and TypeScript
// do: p itself, p with an extension, p/index; a .js name also finds the
// .ts file it is compiled from.
func ResolveFile(p string, exists func(string) bool) (string, bool) {
	if IsSource(p) && exists(p) {
		return p, true
	}
	stem := p
	switch ext := filepath.Ext(p); ext {
	case ".js", ".jsx", ".mjs", ".cjs":
		stem = strings.TrimSuffix(p, ext)
	}
	for _, base := range []string{stem, filepath.Join(p, "index")} {
		for _, e := range tryExts {
			if exists(base + e) {
				return base + e, true
			}
		}
	}
	return "", false
}

// ResolveEntry is ResolveFile for an entry point, which often names the
// compiled output (dist/index.js): the source it was built from
// (src/index.ts, index.ts) counts then.
func ResolveEntry(p, pkgDir string, exists func(string) bool) (string, bool) {
	if f, ok := ResolveFile(p, exists); ok {
		return f, true
	}
	rel, err := filepath.Rel(pkgDir, p)
	if pkgDir == "" || err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	first, rest, ok := strings.Cut(filepath.ToSlash(rel), "/")
	if !ok || first != "dist" && first != "build" && first != "out" && first != "lib" {
		return "", false
	}
	for _, b := range []string{filepath.Join(pkgDir, "src", rest), filepath.Join(pkgDir, rest)} {
		if f, ok := ResolveFile(b, exists); ok {
			return f, true
		}
	}
	return "", false
}

// UsesClient reports whether src starts with the "use client" directive
// (after comments), without parsing it.
func UsesClient(src []byte) bool {
	s := src
	for {
		s = bytes.TrimLeft(s, " \t\r\n\ufeff")
		switch {
		case bytes.HasPrefix(s, []byte("//")):
			i := bytes.IndexByte(s, '\n')
			if i < 0 {
				return false
			}
			s = s[i:]
			continue
		case bytes.HasPrefix(s, []byte("/*")):
			i := bytes.Index(s, []byte("*/"))
			if i < 0 {
				return false
			}
			s = s[i+2:]
			continue
		}
		return bytes.HasPrefix(s, []byte(`"use client"`)) || bytes.HasPrefix(s, []byte(`'use client'`))
	}
}

// nodeTools are programs that run JavaScript or TypeScript.
var nodeTools = map[string]bool{"npm": true, "yarn": true, "pnpm": true, "npx": true, "next": true, "nuxt": true, "nuxi": true, "remix-serve": true,
	"react-router-serve": true, "vite": true, "astro": true, "nest": true, "docker-entrypoint.sh": true}

// RunsNode reports whether a container command runs JavaScript: node and
// its runners, package managers, framework servers. When several services
// build from one directory, it tells which of them runs the code there.
func RunsNode(argv []string) bool {
	if len(argv) >= 3 && (filepath.Base(argv[0]) == "sh" || filepath.Base(argv[0]) == "bash") && argv[1] == "-c" {
		argv = shellWords(argv[2])
	}
	for _, w := range argv {
		if b := filepath.Base(w); nodeRunners[b] || nodeTools[b] {
			return true
		}
	}
	return false
}

func isSeparator(w string) bool {
	return w == "&&" || w == "||" || w == ";" || w == "|" || w == "&"
}

// launchers start other programs by name (scripts, make targets,
// workspace tasks): what they run is not on the command line.
var launchers = map[string]bool{"make": true, "just": true, "task": true, "turbo": true, "nx": true, "lerna": true, "concurrently": true,
	"npm-run-all": true, "run-p": true, "run-s": true, "foreman": true, "overmind": true, "honcho": true, "pm2": true}

// ViteServer reports whether a container command starts Vite's dev or
// preview server, the only ones that serve server.proxy (vite build does
// not read it), following pkg's scripts. known is false when the command
// hands over to something whose commands are not in sight (make, a shell
// script, a package script pkg lacks).
func ViteServer(argv []string, pkg *Package) (runs, known bool) {
	d := DevServerOf(argv, pkg)
	return d.Runs && d.Tool == "vite", d.Known
}

// DevServer is how a container command starts a front-end dev server
// that listens on localhost unless told otherwise: Vite's dev or preview
// server, Angular's ng serve, Astro's dev or preview server.
type DevServer struct {
	Tool        string // "vite", "ng" or "astro"; "" when none starts
	Runs, Known bool
	// Host: --host is on its command line (vite --host, npm run dev --
	// --host), naming no loopback address.
	Host bool
	// Script is the package script whose text starts it ("dev"), "" when
	// the command itself does; Port is its --port, 0 when not given.
	Script  string
	Port    int
	Preview bool // a preview server (vite preview, astro preview)
}

// devTools are the dev servers that listen on localhost by default, by
// program, with the subcommands that start one ("" for none: vite alone).
var devTools = map[string][]string{"vite": {"", "dev", "serve", "preview"}, "ng": {"serve", "s"}, "astro": {"dev", "start", "preview"}}

// DevServerOf follows a container command through pkg's scripts, like
// ViteServer, and reads the flags the dev server is given, with those
// npm run X -- ARGS and yarn X ARGS append to the script.
func DevServerOf(argv []string, pkg *Package) DevServer {
	return devServer(argv, pkg, nil, "", 0)
}

// startsDev reports whether words[i] (a program's base name b) starts
// one of devTools.
func startsDev(b string, words []string, i int) bool {
	subs, ok := devTools[b]
	if !ok {
		return false
	}
	next := ""
	if i+1 < len(words) && !isSeparator(words[i+1]) {
		next = words[i+1]
	}
	if strings.HasPrefix(next, "-") {
		next = ""
	}
	return slices.Contains(subs, next) || b == "vite" && next != "build" && next != "optimize"
}

func devServer(argv []string, pkg *Package, extra []string, script string, depth int) DevServer {
	if depth > 4 || len(argv) == 0 {
		return DevServer{}
	}
	var words []string
	for _, a := range argv {
		words = append(words, shellWords(a)...)
	}
	if len(extra) > 0 {
		words = append(words, extra...)
	}
	out := DevServer{Known: true}
	for i := 0; i < len(words); i++ {
		b := filepath.Base(strings.TrimLeft(words[i], "("))
		switch {
		case startsDev(b, words, i):
			d := DevServer{Tool: b, Runs: true, Known: true, Script: script, Preview: i+1 < len(words) && words[i+1] == "preview"}
			for j := i + 1; j < len(words) && !isSeparator(words[j]); j++ {
				w := words[j]
				host, hasVal := "", false
				if v, ok := strings.CutPrefix(w, "--host="); ok {
					host, hasVal = v, true
				} else if w == "--host" {
					if j+1 < len(words) && !strings.HasPrefix(words[j+1], "-") && !isSeparator(words[j+1]) {
						host, hasVal = words[j+1], true
					}
					d.Host = true
				}
				if hasVal {
					d.Host = !loopbackWord(host)
				}
				if v, ok := strings.CutPrefix(w, "--port="); ok {
					d.Port, _ = strconv.Atoi(v)
				} else if w == "--port" && j+1 < len(words) {
					d.Port, _ = strconv.Atoi(words[j+1])
				}
			}
			return d
		case (b == "sh" || b == "bash" || b == "ash") && i+1 < len(words) && words[i+1] == "-c":
			i++
		case b == "nodemon":
			// nodemon --exec "yarn run serve": the quoted command runs.
			for k := i + 1; k+1 < len(words) && !isSeparator(words[k]); k++ {
				if words[k] == "--exec" || words[k] == "-x" {
					words = slices.Concat(words[:i+1], shellWords(words[k+1]), words[k+2:])
					break
				}
			}
		case b == "sh" || b == "bash" || b == "ash":
		case strings.HasSuffix(b, ".sh"):
			if i+1 >= len(words) || isSeparator(words[i+1]) {
				out.Known = false
			}
		case launchers[b]:
			out.Known = false
		case b == "npm" || b == "yarn" || b == "pnpm" || b == "bun":
			j := i + 1
			for j < len(words) && (words[j] == "run" || words[j] == "run-script" || strings.HasPrefix(words[j], "-")) {
				j++
			}
			if j >= len(words) || words[j] == "install" || words[j] == "ci" || words[j] == "exec" || words[j] == "x" || words[j] == "dlx" {
				continue
			}
			s, ok := pkg.script(words[j])
			if !ok {
				if !(b == "npm" && words[j] == "start") {
					out.Known = false
				}
				i = j
				continue
			}
			// What follows the script's name goes to it: after -- for
			// npm, directly for the others.
			k := j + 1
			for k < len(words) && !isSeparator(words[k]) {
				k++
			}
			args := words[j+1 : k]
			if b == "npm" {
				if n := slices.Index(args, "--"); n >= 0 {
					args = args[n+1:]
				} else {
					args = nil
				}
			} else if len(args) > 0 && args[0] == "--" {
				args = args[1:]
			}
			d := devServer([]string{s}, pkg, args, words[j], depth+1)
			if d.Runs {
				return d
			}
			out.Known = out.Known && d.Known
			i = k - 1
		}
	}
	return out
}

// loopbackWord reports a host flag's value that keeps the server on
// loopback.
func loopbackWord(h string) bool {
	h = strings.Trim(h, `"'[]`)
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1"
}
