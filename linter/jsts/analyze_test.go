package jsts

import (
	"fmt"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	next := &Package{Deps: map[string]bool{"next": true, "react": true}}
	node := &Package{Deps: map[string]bool{"express": true}}
	vite := &Package{Deps: map[string]bool{"vite": true}}
	cases := []struct {
		name, rel string
		pkg       *Package
		src       string
		want      string // kind/sink/host/var per finding, ";"-joined
	}{
		{"page.tsx", "app/page.tsx", next, "export default async function P() { const r = await fetch('http://localhost:4000/api'); return <div/> }", "0/fetch/localhost/"},
		{"page.tsx", "app/page.tsx", next, "'use client'\nexport default function P() { fetch('http://localhost:4000/api'); return <div/> }", ""},
		{"route.ts", "src/app/api/x/route.ts", next, "const API = process.env.API_BASE_URL || 'http://localhost:3000'\nexport async function GET() { return fetch(`${API}/x`) }", "2/fetch/localhost/API_BASE_URL"},
		{"i.tsx", "pages/index.tsx", next, "export default function P() { fetch('http://localhost:4000'); return null }\nexport async function getServerSideProps() { const r = await axios.get(`http://127.0.0.1:4000/items/${1}`); return {props:{}} }", "0/axios.get/127.0.0.1/"},
		{"s.ts", "src/server.ts", node, "import express from 'express'\nimport { Pool } from 'pg'\nconst app = express()\nconst pool = new Pool({ host: 'localhost', port: 5432 })\napp.listen(3000, '127.0.0.1')\napp.listen(3000, '0.0.0.0')", "0/new pg.Pool/localhost/;1/listen/127.0.0.1/"},
		{"s.js", "index.js", node, "const mongoose = require('mongoose')\nmongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/db')\n// fetch('http://localhost:1')\nconsole.log('listening on http://localhost:3000')", "2/mongoose.connect/localhost/MONGO_URL"},
		{"s.test.ts", "src/s.test.ts", node, "fetch('http://localhost:1')", ""},
		{"next.config.js", "next.config.js", next, "module.exports = { async rewrites() { return [{ source: '/api/:p*', destination: `${process.env.NEXT_PUBLIC_API || 'http://localhost:4000'}/:p*` }] } }", "2/next.config rewrites/localhost/NEXT_PUBLIC_API"},
		// Vite's loadEnv returns the environment: env.X is a variable read;
		// a look-up in another object is not.
		{"vite.config.ts", "vite.config.ts", vite, "import { defineConfig, loadEnv } from 'vite'\nexport default defineConfig(({ mode }) => { const env = loadEnv(mode, process.cwd(), ''); return { server: { proxy: { '/api': { target: env['API_URL'] || 'http://127.0.0.1:9000' } } } } })", "2/vite server.proxy/127.0.0.1/API_URL"},
		{"vite.config.ts", "vite.config.ts", vite, "import { defineConfig } from 'vite'\nimport { settings } from './settings'\nexport default defineConfig(() => { const env = settings(); return { server: { proxy: { '/api': { target: env.API_URL || 'http://127.0.0.1:9000' } } } } })", "3/vite server.proxy/127.0.0.1/"},
		{"c.ts", "src/c.ts", node, "import { createClient } from 'redis'\nconst c = createClient({ url: 'redis://localhost:6379' })\nconst k = new Kafka({ brokers: ['localhost:9092'] })", "0/redis.createClient/localhost/;0/new Kafka/localhost/"},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			r, err := Analyze(c.name, c.rel, []byte(c.src), c.pkg)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range r.Findings {
				got = append(got, fmt.Sprintf("%d/%s/%s/%s", f.Kind, f.Sink, f.Host, f.Var))
				if s := c.src[f.Start:f.End]; !strings.Contains(s, f.Host) {
					t.Errorf("span %q does not hold %q", s, f.Host)
				}
			}
			if g := strings.Join(got, ";"); g != c.want {
				t.Errorf("side %v: got %q, want %q", r.Side, g, c.want)
			}
		})
	}
}

func TestClientPorts(t *testing.T) {
	node := &Package{Deps: map[string]bool{"pg": true}}
	cases := map[string]string{
		"import { Pool } from 'pg'\nnew Pool({ host: 'localhost' })":                                                                      "5432 default",
		"import { Pool } from 'pg'\nconst P = +(process.env.PGPORT ?? '6543')\nfunction f() { new Pool({ host: 'localhost', port: P }) }": "6543",
		"import mysql from 'mysql2'\nmysql.createPool({ host: '127.0.0.1' })":                                                             "3306 default",
		"import Redis from 'ioredis'\nnew Redis(6380, 'localhost')":                                                                       "6380",
		"import { Sequelize } from 'sequelize'\nnew Sequelize('d', 'u', 'p', { host: 'localhost', dialect: 'mysql' })":                    "3306 default",
		"import { Pool } from 'pg'\nnew Pool({ connectionString: 'postgres://localhost/db', port: 1 })":                                   "0", // the URL's own port counts
	}
	for src, want := range cases {
		r, err := Analyze("a.ts", "a.ts", []byte(src), node)
		if err != nil || len(r.Findings) != 1 {
			t.Errorf("%s: %v %+v", src, err, r.Findings)
			continue
		}
		got := fmt.Sprint(r.Findings[0].Port)
		if r.Findings[0].DefaultPort {
			got += " default"
		}
		if got != want {
			t.Errorf("%s: port %s, want %s", src, got, want)
		}
	}
}

func TestEnvChainAndInitialProps(t *testing.T) {
	next := &Package{Deps: map[string]bool{"next": true, "react": true}}
	r, err := Analyze("r.ts", "app/api/x/route.ts", []byte("export async function GET() { const u = (process.env.NEXT_PUBLIC_API || process.env.API) ?? 'http://localhost:1'; return fetch(u) }"), next)
	if err != nil || len(r.Findings) != 1 {
		t.Fatalf("%v %+v", err, r.Findings)
	}
	f := r.Findings[0]
	if f.Kind != Fallback || f.Var != "NEXT_PUBLIC_API" || f.Phase != Build || len(f.Also) != 1 || f.Also[0] != (EnvRead{"API", Runtime}) {
		t.Errorf("chain: %+v", f)
	}
	for _, src := range []string{
		"export default class P extends React.Component { static async getInitialProps() { return fetch('http://127.0.0.1:4000/x') } render() { return null } }",
		"const P = () => null\nP.getInitialProps = async () => fetch('http://127.0.0.1:4000/x')\nexport default P",
	} {
		r, err := Analyze("i.jsx", "pages/index.jsx", []byte(src), next)
		if err != nil || len(r.Findings) != 1 {
			t.Errorf("%s: %v %+v", src, err, r.Findings)
		}
	}
	// An instance method of that name is not Next's.
	if r, _ := Analyze("i.jsx", "pages/index.jsx", []byte("class P { getInitialProps() { return fetch('http://127.0.0.1:4000/x') } }"), next); len(r.Findings) != 0 {
		t.Errorf("instance method: %+v", r.Findings)
	}
}

// TestTestPackages: a workspace package of end-to-end tests or test
// helpers is test code, whatever its files are named; a service's package
// is not.
func TestTestPackages(t *testing.T) {
	src := []byte("export async function waitForHealthy(port) { return fetch(`http://localhost:${port}/api/health`) }\nimport { execSync } from 'child_process'\n")
	for dir, want := range map[string]int{"packages/e2e_tests": 0, "packages/test-helpers": 0, "apps/web": 1} {
		r, err := Analyze("startContainers.ts", "setup/startContainers.ts", src, &Package{Dir: dir, Deps: map[string]bool{"vitest": true}})
		if err != nil || len(r.Findings) != want {
			t.Errorf("%s: %v %+v, want %d findings", dir, err, r.Findings, want)
		}
	}
}

// TestDrivesDocker: a file that starts docker through child_process is a
// program for the host; a mention of docker elsewhere is not.
func TestDrivesDocker(t *testing.T) {
	node := &Package{Deps: map[string]bool{"express": true}}
	fetch := "\nexport async function ready(port) { return fetch(`http://localhost:${port}/api/health`) }\n"
	for src, want := range map[string]bool{
		"import { execSync } from 'child_process'\nexecSync(`docker compose up -d`)" + fetch:             true,
		"const cp = require('node:child_process')\ncp.execFileSync('docker', ['compose', 'up'])" + fetch: true,
		"import { execa } from 'execa'\nawait execa`docker-compose up -d`" + fetch:                       true,
		"import { execSync } from 'child_process'\nexecSync('npm run build')" + fetch:                    false,
		"import express from 'express'\nconst docs = 'docker compose up starts the stack'" + fetch:       false,
	} {
		r, err := Analyze("seed.ts", "src/seed.ts", []byte(src), node)
		if err != nil || len(r.Findings) == 0 || r.DrivesDocker != want {
			t.Errorf("%q: %v findings %d, DrivesDocker %v, want %v", src, err, len(r.Findings), r.DrivesDocker, want)
		}
	}
}
