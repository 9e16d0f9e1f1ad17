package jsts

import (
	"path"
	"strings"
)

// Side says where a file's code runs.
type Side int

// Sides of a file.
const (
	// Silent: tests, stories, tool configuration, static assets: nothing
	// in them is reported.
	Silent Side = iota
	// Client: browser code ("use client", a Vite app's src/, ...), where
	// localhost is the user's machine and right.
	Client
	// Shared: code that can run on either side (a Next.js lib/ module
	// without markers): silent, as its runtime is unknown.
	Shared
	// Server: code that runs in the server process.
	Server
	// Partial: only some functions run on the server (getServerSideProps
	// in pages/, Remix loaders and actions).
	Partial
	// NextConfig and ViteConfig are the configuration files whose proxies
	// the serving process executes.
	NextConfig
	ViteConfig
	// Reached: shared code that server code imports. The browser may
	// import it too, so only loopback values that reach a network call
	// inside the file count.
	Reached
)

func (s Side) String() string {
	return [...]string{"silent", "client", "shared", "server", "partial", "next.config", "vite.config", "reached"}[s]
}

// Package is what a file's nearest package.json says.
type Package struct {
	Dir  string          // the directory holding package.json, as the walk names it
	Name string          // "name", as written
	Deps map[string]bool // dependencies and devDependencies
	// Versions are the version ranges package.json asks for, by name.
	Versions map[string]string
	Main     string   // "main", as written
	Bin      []string // "bin", as written
	Scripts  map[string]string
	// BrowserBundle: "main" names a UMD or IIFE bundle (dist/embed.umd.min.js),
	// a library for script tags and bundlers: its code runs in browsers.
	BrowserBundle bool
	// Entered: one of the package's files is a known Node entry point, so
	// its files count as server code only when reached from one (or when
	// they import a server module), not wholesale.
	Entered bool
}

func (p *Package) has(names ...string) bool {
	if p == nil {
		return false
	}
	for _, n := range names {
		if p.Deps[n] {
			return true
		}
	}
	return false
}

func (p *Package) hasPrefix(prefix string) bool {
	if p == nil {
		return false
	}
	for d := range p.Deps {
		if strings.HasPrefix(d, prefix) {
			return true
		}
	}
	return false
}

// browserFrameworks make a package a web app rather than a Node service.
var browserFrameworks = []string{"react", "react-dom", "vue", "svelte", "preact", "solid-js", "@angular/core", "vite", "react-scripts", "gatsby", "astro", "expo", "@vue/cli-service"}

// serverModules run only in Node: a module that imports one is server
// code wherever it lives.
var serverModules = map[string]bool{
	"express": true, "fastify": true, "koa": true, "hapi": true, "@hapi/hapi": true, "@nestjs/core": true, "@nestjs/common": true,
	"http": true, "https": true, "node:http": true, "node:https": true, "net": true, "node:net": true,
	"pg": true, "mysql": true, "mysql2": true, "mysql2/promise": true, "mongoose": true, "mongodb": true, "redis": true, "ioredis": true,
	"amqplib": true, "amqplib/callback_api": true, "kafkajs": true, "@prisma/client": true, "sequelize": true, "knex": true, "postgres": true,
	"server-only": true, "undici": true, "ws": true,
}

// testDirs and testMarks name code that never runs in a service.
var testDirs = map[string]bool{"__tests__": true, "__mocks__": true, "test": true, "tests": true, "e2e": true, "cypress": true, "playwright": true, "fixtures": true, "__fixtures__": true, "mocks": true, "stories": true, "public": true, "static": true, "scripts": true, "examples": true, "docs": true}

// testPackages are directory names of workspace packages that hold tests,
// their helpers or benchmarks (packages/e2e_tests, packages/test-helpers):
// run by a test runner on the developer's machine or in CI.
var testPackages = map[string]bool{"test": true, "tests": true, "e2e": true, "e2e_tests": true, "e2e-tests": true, "integration-tests": true,
	"test-helpers": true, "test-utils": true, "testing": true, "testutils": true, "benchmarks": true, "benchmark": true, "cypress": true, "playwright": true}

// isTests reports a workspace package of tests or test helpers, by its
// directory or the last part of its name: packages/e2e, test-utils,
// medusa-test-utils, @shop/test-utils; and by its name alone, test-embed
// (a directory so named may be the clone of a whole project).
func (p *Package) isTests() bool {
	if p == nil {
		return false
	}
	if n := path.Base(p.Name); strings.HasPrefix(n, "test-") || strings.HasPrefix(n, "test_") {
		return true // test-embed: a page run by hand to try the app, as test-*.js scripts are
	}
	for _, n := range []string{path.Base(p.Dir), path.Base(p.Name)} {
		if testPackages[n] {
			return true
		}
		for k := range testPackages {
			if strings.Contains(k, "test") && strings.HasSuffix(n, "-"+k) {
				return true
			}
		}
	}
	return false
}

// isDesktop reports an Electron app: a package that depends on electron
// and starts or builds it from its scripts.
func (p *Package) isDesktop() bool {
	if p == nil || !p.Deps["electron"] {
		return false
	}
	for _, sc := range p.Scripts {
		if strings.Contains(sc, "electron") {
			return true
		}
	}
	return false
}

// toolingDirs hold a repository's CI, hook and editor tooling, run on a
// developer's machine or a CI runner.
var toolingDirs = map[string]bool{".github": true, ".husky": true, ".circleci": true, ".gitlab": true, ".vscode": true, ".changeset": true, ".devcontainer": true}

var toolConfigs = []string{"jest.config", "vitest.config", "vitest.workspace", "playwright.config", "cypress.config", "tailwind.config", "postcss.config", "webpack.config", "rollup.config", "babel.config", "eslint.config", ".eslintrc", "prettier.config", ".prettierrc", "tsup.config", "drizzle.config", "codegen", "svelte.config", "astro.config", "nuxt.config", "remix.config", "jest.setup", "vitest.setup", "setupTests"}

// Classify decides the side of a file from its path relative to its
// package and the package's dependencies; directives ("use client",
// "use server") and imports refine it in Analyze.
func Classify(rel string, pkg *Package) Side {
	s, _ := classify(rel, pkg)
	return s
}

// classify is Classify that also says whether the side is the fallback
// for a package without a browser framework.
func classify(rel string, pkg *Package) (Side, bool) {
	rel = strings.TrimPrefix(path.Clean(rel), "./")
	base := path.Base(rel)
	stem := base[:len(base)-len(path.Ext(base))]
	for _, m := range []string{".test", ".spec", ".stories", ".story", ".e2e", ".cy", ".bench", ".mock"} {
		if strings.Contains(stem, m) {
			return Silent, false
		}
	}
	if strings.HasPrefix(stem, "test-") || strings.HasPrefix(stem, "test_") {
		return Silent, false // a script run by hand to try a connection (test-kafka.js)
	}
	for _, d := range strings.Split(path.Dir(rel), "/") {
		if testDirs[d] || toolingDirs[d] || strings.HasPrefix(d, ".") && testDirs[d[1:]] {
			return Silent, false // .scripts/ too
		}
	}
	if pkg.isTests() {
		return Silent, false // a workspace package of end-to-end tests or test helpers
	}
	if pkg.isDesktop() {
		return Silent, false // an Electron app: it runs on the user's machine, where localhost is that machine
	}
	switch {
	case strings.HasPrefix(stem, "next.config"):
		return NextConfig, false
	case strings.HasPrefix(stem, "vite.config"):
		return ViteConfig, false
	}
	for _, c := range toolConfigs {
		if stem == c || strings.HasPrefix(stem, c+".") {
			return Silent, false
		}
	}
	in := strings.TrimPrefix(rel, "src/")
	switch {
	case pkg.has("next"):
		switch {
		case stem == "middleware" || stem == "instrumentation" || stem == "proxy":
			return Server, false
		case strings.HasPrefix(in, "app/"):
			return Server, false // a server component unless it says "use client"
		case strings.HasPrefix(in, "pages/api/"):
			return Server, false
		case strings.HasPrefix(in, "pages/"):
			return Partial, false
		}
		return Shared, false
	case pkg.has("nuxt"):
		if strings.HasPrefix(rel, "server/") {
			return Server, false
		}
		return Shared, false
	case pkg.has("@sveltejs/kit"):
		if strings.HasSuffix(stem, ".server") || stem == "+server" || strings.HasPrefix(rel, "src/lib/server/") {
			return Server, false
		}
		return Shared, false
	case pkg.hasPrefix("@remix-run/") || pkg.has("@react-router/dev"):
		if strings.HasSuffix(stem, ".server") {
			return Server, false
		}
		if strings.HasPrefix(rel, "app/") {
			return Partial, false
		}
		return Shared, false
	case pkg.has(browserFrameworks...) && !pkg.has("express", "fastify", "koa", "@nestjs/core", "@hapi/hapi", "hono"),
		pkg != nil && pkg.BrowserBundle:
		if strings.HasPrefix(rel, "src/") {
			return Client, false
		}
		return Shared, false
	}
	// A Node package (or a file outside any package.json): its code runs
	// in the process Node starts.
	return Server, true
}

// serverFunctions run on the server inside Partial files.
// getInitialProps counts: it runs on the server for every first request.
var serverFunctions = map[string]bool{"getServerSideProps": true, "getStaticProps": true, "getStaticPaths": true, "getInitialProps": true, "loader": true, "action": true}

// ServerOnly reports whether the framework runs the file only on the
// server (a Next.js server component, route handler or pages/api route,
// Nuxt server/, SvelteKit and Remix .server files), so that what it
// imports is server code too. A "use client" directive overrides it.
func ServerOnly(rel string, pkg *Package) bool {
	s, fallback := classify(rel, pkg)
	return s == Server && !fallback
}
