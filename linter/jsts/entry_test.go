package jsts

import (
	"slices"
	"strings"
	"testing"
)

func TestCommandScripts(t *testing.T) {
	pkg := &Package{Main: "dist/index.js", Scripts: map[string]string{
		"start":  "npm run build && node dist/index.js",
		"dev":    "nodemon --watch src --exec ts-node src/index.ts",
		"worker": "NODE_ENV=production node -r dotenv/config ./worker.js",
		"next":   "next start",
		"prod":   "cross-env NODE_ENV=production node server.js",
	}}
	cases := []struct {
		argv []string
		want string
	}{
		{[]string{"node", "server.js"}, "server.js"},
		{[]string{"npm", "start"}, "dist/index.js"},
		{[]string{"npm", "run", "dev"}, "src/index.ts"},
		{[]string{"yarn", "worker"}, "worker.js"},
		{[]string{"pnpm", "next"}, ""},
		{[]string{"yarn", "prod"}, "server.js"},
		{[]string{"sh", "-c", "cd api && exec node --enable-source-maps main.mjs"}, "api/main.mjs"},
		{[]string{"docker-entrypoint.sh", "node", "app"}, "app"},
		{[]string{"/wait-for-it.sh", "db:5432", "--", "npx", "tsx", "watch", "src/server.ts"}, "src/server.ts"},
		{[]string{"tini", "--", "node", "."}, "dist/index.js"},
		{[]string{"nodemon"}, "dist/index.js"},
		{[]string{"pm2-runtime", "ecosystem.config.js"}, ""},
		{[]string{"node", "$APP"}, ""},
		{[]string{"python", "app.py"}, ""},
	}
	for _, c := range cases {
		got := strings.Join(CommandScripts(c.argv, pkg), ",")
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.argv, got, c.want)
		}
	}
	if got := CommandScripts([]string{"npm", "start"}, &Package{}); !slices.Equal(got, []string{"server.js"}) {
		t.Errorf("npm start without a start script: got %q, want npm's default server.js", got)
	}
}

func TestPackageAndImports(t *testing.T) {
	p := ReadPackageJSON("/w", []byte(`{"main":"index.js","bin":{"a":"bin/a.js"},"scripts":{"start":"ts-node src/main.ts"},"dependencies":{"pg":"8"}}`))
	if got := strings.Join(p.Entries(), ","); got != "index.js,bin/a.js,src/main.ts" {
		t.Errorf("entries %q", got)
	}
	// A library whose main is a UMD build runs in browsers: no Node entry,
	// and its sources are the client's.
	w := ReadPackageJSON("/w", []byte(`{"main":"dist/embed.umd.min.js","scripts":{"start":"rollup -c -w"}}`))
	if !w.BrowserBundle || len(w.Entries()) != 0 || Classify("src/shared/resources.js", w) != Client {
		t.Errorf("UMD library: bundle %v, entries %q, side %v", w.BrowserBundle, w.Entries(), Classify("src/shared/resources.js", w))
	}
	for _, main := range []string{"dist/index.js", "dist/umd/index.js", "lib/iife.js", "server.js"} {
		if ReadPackageJSON("/w", []byte(`{"main":"`+main+`"}`)).BrowserBundle {
			t.Errorf("main %q is not a browser bundle", main)
		}
	}
	src := "import x from './lib/db'\nimport {y} from \"../common/y.js\"\nexport * from './z'\nconst q = require('./q')\nconst r = await import('@/r')\nimport 'express'\nimport s from 'pg'\n"
	if got := strings.Join(Imports([]byte(src)), ","); got != "./lib/db,../common/y.js,./z,./q,@/r" {
		t.Errorf("imports %q", got)
	}
	files := map[string]bool{"/w/lib/db.ts": true, "/common/y.ts": true, "/w/z/index.js": true, "/w/src/r.tsx": true, "/w/src/main.ts": true}
	exists := func(p string) bool { return files[p] }
	for spec, want := range map[string]string{"./lib/db": "/w/lib/db.ts", "../common/y.js": "/common/y.ts", "./z": "/w/z/index.js", "@/r": "/w/src/r.tsx", "./nope": ""} {
		got, _ := ResolveImport("/w/a.ts", spec, "/w", exists)
		if got != want {
			t.Errorf("%s: got %q, want %q", spec, got, want)
		}
	}
	if got, _ := ResolveEntry("/w/dist/main.js", "/w", exists); got != "/w/src/main.ts" {
		t.Errorf("dist entry: got %q", got)
	}
	if !UsesClient([]byte("// c\n/* x */\n'use client';\n")) || UsesClient([]byte("const a = 'use client'")) {
		t.Error("UsesClient")
	}
}

func TestAnalyzeReached(t *testing.T) {
	next := &Package{Deps: map[string]bool{"next": true, "react": true}}
	lib := "export const API = process.env.API_URL || 'http://localhost:4000'\nexport async function items() { return fetch('http://localhost:4000/items') }\n"
	r, _ := AnalyzeReached("db.ts", "lib/db.ts", []byte(lib), next, Unreached)
	if len(r.Findings) != 0 {
		t.Errorf("unreached shared lib: %v", r.Findings)
	}
	r, _ = AnalyzeReached("db.ts", "lib/db.ts", []byte(lib), next, Imported)
	if r.Side != Reached || len(r.Findings) != 1 || r.Findings[0].Sink != "fetch" {
		t.Errorf("imported lib: side %v, %+v", r.Side, r.Findings)
	}
	node := &Package{Deps: map[string]bool{"axios": true}, Entered: true}
	tool := "import axios from 'axios'\naxios.get('http://localhost:4000')\n"
	if r, _ := AnalyzeReached("t.js", "tools/seed.js", []byte(tool), node, Unreached); len(r.Findings) != 0 {
		t.Errorf("file no entry reaches in a package with entries: %v", r.Findings)
	}
	if r, _ := AnalyzeReached("t.js", "tools/seed.js", []byte(tool), node, Imported); len(r.Findings) != 1 {
		t.Errorf("reached: %v", r.Findings)
	}
	vite := &Package{Deps: map[string]bool{"vite": true, "react": true}}
	if r, _ := AnalyzeReached("s.js", "src/server.js", []byte(tool), vite, Entry); r.Side != Server || len(r.Findings) != 1 {
		t.Errorf("entry in a browser package: side %v %v", r.Side, r.Findings)
	}
}

func TestRunsNode(t *testing.T) {
	for argv, want := range map[string]bool{
		"npm start": true, "node server.js": true, "/bin/sh -c|next start -p 3001": true, "docker-entrypoint.sh node": true,
		"uvicorn app.main:app --host 0.0.0.0": false, "python manage.py runserver": false, "": false,
	} {
		var a []string
		if strings.Contains(argv, "|") {
			sh, rest, _ := strings.Cut(argv, "|")
			a = append(strings.Fields(sh), rest)
		} else {
			a = strings.Fields(argv)
		}
		if got := RunsNode(a); got != want {
			t.Errorf("%q: %v", argv, got)
		}
	}
}

func TestViteServer(t *testing.T) {
	pkg := &Package{Scripts: map[string]string{"dev": "vite --host", "build": "tsc && vite build", "start": "node dist/server.js", "serve": "vite preview", "both": "npm run build && npm run dev"}}
	for cmd, want := range map[string][2]bool{
		"npm run dev":                 {true, true},
		"pnpm dev":                    {true, true},
		"npx vite --port 5173":        {true, true},
		"yarn serve":                  {true, true},
		"npm run both":                {true, true},
		"npm run build":               {false, true},
		"npm start":                   {false, true},
		"node dist/server.js":         {false, true},
		"/usr/local/bin/app --port 1": {false, true},
		"make run-frontend":           {false, false},
		"./start.sh":                  {false, false},
		"sh ./start.sh && echo done":  {false, false},
		"sh /app/docker/entrypoint.sh /app/pocket-id": {false, true},
		"/docker-entrypoint.sh npm run dev":           {true, true},
		"pnpm --filter web dev":                       {false, false},
		"turbo run dev":                               {false, false},
		"":                                            {false, false},
	} {
		runs, known := ViteServer(strings.Fields(cmd), pkg)
		if [2]bool{runs, known} != want {
			t.Errorf("%q: runs %v known %v, want %v", cmd, runs, known, want)
		}
	}
	// tianji's CMD: migrations, then the built server, under sh -c.
	tianji := []string{"sh", "-c", `(cd /app/tianji/src/server && ./node_modules/.bin/prisma migrate deploy && NODE_ENV=production node ./dist/src/server/main.js) & sleep 10; /usr/local/bin/tianji-reporter --url "http://localhost:12345" & wait -n`}
	if runs, known := ViteServer(tianji, nil); runs || !known {
		t.Errorf("tianji: runs %v known %v", runs, known)
	}
}

// TestDevServerOf: the flags a dev server is given through package
// scripts: --host on its command line or appended by npm run X -- --host
// and yarn X --host; a loopback value keeps it on loopback.
func TestDevServerOf(t *testing.T) {
	pkg := &Package{Scripts: map[string]string{"dev": "vite", "dev:host": "vite --host 0.0.0.0 --port 3000", "dev:local": "vite --host=127.0.0.1",
		"serve": "vite preview", "start": "npm run dev", "up": "npm run dev -- --host"}}
	for cmd, want := range map[string]DevServer{
		"npm run dev":               {Tool: "vite", Runs: true, Known: true, Script: "dev"},
		"npm run dev -- --host":     {Tool: "vite", Runs: true, Known: true, Script: "dev", Host: true},
		"npm run dev --host":        {Tool: "vite", Runs: true, Known: true, Script: "dev"}, // npm keeps --host for itself
		"yarn dev --host":           {Tool: "vite", Runs: true, Known: true, Script: "dev", Host: true},
		"pnpm dev -- --host":        {Tool: "vite", Runs: true, Known: true, Script: "dev", Host: true},
		"npm run dev:host":          {Tool: "vite", Runs: true, Known: true, Script: "dev:host", Host: true, Port: 3000},
		"npm run dev:local":         {Tool: "vite", Runs: true, Known: true, Script: "dev:local"},
		"npm run serve":             {Tool: "vite", Runs: true, Known: true, Script: "serve", Preview: true},
		"npm start":                 {Tool: "vite", Runs: true, Known: true, Script: "dev"},
		"npm run up":                {Tool: "vite", Runs: true, Known: true, Script: "dev", Host: true},
		"npx vite --host":           {Tool: "vite", Runs: true, Known: true, Host: true},
		"vite --port=4000":          {Tool: "vite", Runs: true, Known: true, Port: 4000},
		"npx vite build":            {Known: true},
		"make dev":                  {},
		"node server.js":            {Known: true},
		"npx ng serve":              {Tool: "ng", Runs: true, Known: true},
		"ng serve --host 0.0.0.0":   {Tool: "ng", Runs: true, Known: true, Host: true},
		"ng build":                  {Known: true},
		"npx astro dev --port 3000": {Tool: "astro", Runs: true, Known: true, Port: 3000},
		"astro build":               {Known: true},
	} {
		if got := DevServerOf(strings.Fields(cmd), pkg); got != want {
			t.Errorf("%q: %+v, want %+v", cmd, got, want)
		}
	}
}

// TestDevServerNodemon: nodemon --exec runs its quoted command
// (dspace-angular's start:dev before PR #1613).
func TestDevServerNodemon(t *testing.T) {
	pkg := &Package{Scripts: map[string]string{"start:dev": `nodemon --exec "cross-env NODE_ENV=development yarn run serve"`, "serve": "ng serve -c development"}}
	want := DevServer{Tool: "ng", Runs: true, Known: true, Script: "serve"}
	if got := DevServerOf([]string{"yarn run start:dev"}, pkg); got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
}

// TestReadViteConfig: server.host and preview.host set to anything but
// loopback, and server.port as a number.
func TestReadViteConfig(t *testing.T) {
	for src, want := range map[string]ViteListen{
		`export default defineConfig({ plugins: [react()] })`:                                        {},
		`export default defineConfig({ server: { host: true, port: 3000 } })`:                        {Host: true, Port: 3000},
		`export default { server: { host: "0.0.0.0" } }`:                                             {Host: true},
		`export default { server: { host: "localhost", hmr: { host: "example.com" } } }`:             {},
		`export default defineConfig(() => ({ server: { host: process.env.HOST } }))`:                {Host: true},
		`export default { preview: { host: "::" } }`:                                                 {Host: true},
		`const srv = { host: true }; export default { server: srv }`:                                 {Host: true},
		`const s = { host: true }; export default { server: { ...s } }`:                              {Host: true},
		`export default { server: { proxy: { "/api": { target: "http://api:3000", host: "x" } } } }`: {},
	} {
		got, ok := ReadViteConfig("vite.config.ts", []byte(src))
		if !ok || got != want {
			t.Errorf("%s: %+v %v, want %+v", src, got, ok, want)
		}
	}
	if _, ok := ReadViteConfig("vite.config.ts", []byte("export default {")); ok {
		t.Error("a config that does not parse: want false")
	}
}

// TestReadAngularJSON: the host and port angular.json's serve targets give
// ng serve, in options or in a configuration.
func TestReadAngularJSON(t *testing.T) {
	for src, want := range map[string]ViteListen{
		`{"projects":{"a":{"architect":{"serve":{"options":{"buildTarget":"a:build"}}}}}}`:            {},
		`{"projects":{"a":{"architect":{"serve":{"options":{"host":"0.0.0.0","port":4300}}}}}}`:       {Host: true, Port: 4300},
		`{"projects":{"a":{"architect":{"serve":{"configurations":{"docker":{"host":"0.0.0.0"}}}}}}}`: {Host: true},
		`{"projects":{"a":{"architect":{"serve":{"options":{"host":"localhost"}}}}}}`:                 {},
		`{"projects":{"a":{"architect":{"build":{"options":{"host":"0.0.0.0"}}}}}}`:                   {},
	} {
		got, ok := ReadAngularJSON([]byte(src))
		if !ok || got != want {
			t.Errorf("%s: %+v %v, want %+v", src, got, ok, want)
		}
	}
	if _, ok := ReadAngularJSON([]byte("{")); ok {
		t.Error("not JSON: want false")
	}
}
