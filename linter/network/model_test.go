package network

import (
	"bytes"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/endpoint"
	"github.com/reachlint/reachlint/linter/vfs"
)

// loadModel loads a compose file held in memory and builds its network
// model.
func loadModel(t testing.TB, yaml string) *Model {
	t.Helper()
	dir := t.TempDir()
	fs := vfs.NewOverlay(vfs.OS{})
	fs.Set(filepath.Join(dir, "compose.yaml"), []byte(yaml))
	l := compose.NewLoader(fs, dir, 0, compose.Limits{})
	p := l.Load(compose.Options{FS: fs, WorkingDir: dir, Files: []string{filepath.Join(dir, "compose.yaml")}})
	return Build(p, Options{})
}

const modelYAML = `
services:
  db:
    image: postgres:16
    container_name: main-db
    networks:
      backend:
        aliases: [database]
  api:
    build: .
    command: ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
    networks: [backend, frontend]
    links: ["cache:kv"]
    extra_hosts: ["ldap:10.0.0.5"]
  web:
    build: .
    environment: {PORT: "3000", DB_PORT: "5432"}
    networks: [frontend]
  cache:
    image: redis:7
    networks: [backend]
  vpn:
    image: qmcgaw/gluetun
    ports: ["8080:8080"]
  torrent:
    image: example/torrent
    network_mode: service:vpn
    expose: ["9091"]
  agent:
    image: example/agent
    network_mode: host
networks:
  backend: {}
  frontend: {}
`

func TestResolve(t *testing.T) {
	m := loadModel(t, modelYAML)
	svc := func(n string) *compose.Service { return m.Service(n) }
	cases := []struct {
		from, host, want string // want: target service, "extra" for extra_hosts, "" for unresolved
	}{
		{"api", "db", "db"},
		{"api", "main-db", "db"},
		{"api", "database", "db"},
		{"api", "kv", "cache"},
		{"api", "ldap", "extra"},
		{"api", "api", "api"},
		{"web", "api", "api"},
		{"web", "db", ""},       // frontend only
		{"web", "database", ""}, // an alias on backend
		{"torrent", "vpn", "vpn"},
		{"torrent", "db", ""}, // vpn is on the default network
		{"agent", "db", ""},   // host mode
		{"db", "torrent", ""}, // a sidecar has no name of its own on a network
		{"cache", "kv", ""},   // links aliases belong to the linking service
	}
	for _, c := range cases {
		r := m.Resolve(svc(c.from), c.host)
		got := ""
		switch {
		case r.Target != nil:
			got = r.Target.Name
		case r.OK:
			got = "extra"
		}
		if got != c.want {
			t.Errorf("resolve(%s, %q) = %q, want %q", c.from, c.host, got, c.want)
		}
	}
}

func TestListenAndNamespace(t *testing.T) {
	m := loadModel(t, modelYAML)
	ports := func(n string) string {
		ps := m.Listen(m.Service(n))
		if !slices.IsSorted(ps) || len(slices.Compact(slices.Clone(ps))) != len(ps) {
			t.Errorf("listen(%s) = %v: not sorted and unique", n, ps)
		}
		var b bytes.Buffer
		for i, p := range ps {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
		return b.String()
	}
	for n, want := range map[string]string{"api": "8000", "web": "3000", "db": "5432", "cache": "6379", "vpn": "8080", "torrent": "9091"} {
		if got := ports(n); got != want {
			t.Errorf("listen(%s) = %s, want %s", n, got, want)
		}
	}
	if !m.ListensIn(m.Service("vpn"), 9091) || !m.ListensIn(m.Service("torrent"), 8080) {
		t.Error("vpn and its sidecar torrent share one namespace")
	}
	if m.ListensIn(m.Service("api"), 9091) {
		t.Error("api does not share vpn's namespace")
	}
	if got := names(m.Namespace(m.Service("torrent"))); strings.Join(got, ",") != "torrent,vpn" {
		t.Errorf("namespace(torrent) = %v", got)
	}
	if c, ok := PublishedBy(m.Service("vpn"), 8080); !ok || c != 8080 {
		t.Errorf("PublishedBy(vpn, 8080) = %d, %v", c, ok)
	}
	if _, ok := PublishedBy(m.Service("db"), 5432); ok {
		t.Error("db publishes nothing")
	}
}

func TestSuggest(t *testing.T) {
	m := loadModel(t, "name: shop\nservices:\n  postgres-db: {image: postgres}\n  mongodb: {image: mongo}\n  api: {build: .}\n")
	for host, want := range map[string]string{
		"postgres_db":        "postgres-db",
		"mongo":              "mongodb",
		"shop_postgres-db_1": "postgres-db",
		"old-mongodb-2":      "mongodb",
		"rabbitmq":           "",
		"apx":                "api",
		"xyz":                "",
	} {
		if got := m.Suggest(host); got != want {
			t.Errorf("suggest(%q) = %q, want %q", host, got, want)
		}
	}
	if !m.Generated("shop-api-1") || m.Generated("shop_api_1") || m.Generated("other-api-1") {
		t.Error("only this project's Compose v2 container names are generated names that resolve")
	}
}

// TestResolveLinks pins what links make resolve: on the default bridge
// (Compose >= 2.6.1) the alias and the linked container's own names, not
// its service name; to a sidecar, nothing (docker/compose#3545).
func TestResolveLinks(t *testing.T) {
	m := loadModel(t, `
services:
  php:
    image: php:8.3-fpm
    network_mode: bridge
    container_name: app-php
  web:
    image: nginx
    network_mode: bridge
    links: ["php:backend"]
  plain:
    image: nginx
    network_mode: bridge
  base:
    image: nginx
  master:
    image: example/master
    network_mode: service:base
  configurator:
    image: busybox
    links: [master, base]
`)
	svc := func(n string) *compose.Service { return m.Service(n) }
	cases := []struct{ from, host, want string }{
		{"web", "backend", "php"},
		{"web", "app-php", "php"},
		{"web", "php", ""},   // only the alias is written to /etc/hosts
		{"plain", "php", ""}, // no link, no DNS on the default bridge
		{"configurator", "base", "base"},
		{"configurator", "master", ""},
	}
	for _, c := range cases {
		got := ""
		if r := m.Resolve(svc(c.from), c.host); r.Target != nil {
			got = r.Target.Name
		}
		if got != c.want {
			t.Errorf("resolve(%s, %q) = %q, want %q", c.from, c.host, got, c.want)
		}
	}
}

func names(ss []*compose.Service) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

// Values written at one place group their uses by key: two keys taking
// one .env line are two Values, each naming every service that uses it.
func TestValuesGroupByPlaceAndKey(t *testing.T) {
	dir := t.TempDir()
	fs := vfs.NewOverlay(vfs.OS{})
	fs.Set(filepath.Join(dir, ".env"), []byte("X=http://localhost:5432\n"))
	fs.Set(filepath.Join(dir, "compose.yaml"), []byte(`services:
  a:
    image: app
    environment:
      A: ${X}
      B: ${X}
  b:
    image: app
    environment:
      A: ${X}
      C: http://localhost:5432
  c:
    image: app
    environment:
      C: http://localhost:5432
`))
	l := compose.NewLoader(fs, dir, 0, compose.Limits{})
	p := l.Load(compose.Options{FS: fs, WorkingDir: dir, Files: []string{filepath.Join(dir, "compose.yaml")}})
	var got []string
	for _, v := range Build(p, Options{}).Values() {
		got = append(got, v.Key+"@"+filepath.Base(v.at.File)+":"+strings.Join(ServiceNames(v.Uses), ","))
	}
	sort.Strings(got)
	want := []string{"A@.env:a,b", "B@.env:a", "C@compose.yaml:b", "C@compose.yaml:c"}
	if !slices.Equal(got, want) {
		t.Errorf("values = %q, want %q", got, want)
	}
}

// wordsKey is serviceWords joined by "_", with or without its shortcut.
func TestWordsKey(t *testing.T) {
	names := []string{"api", "order-service", "Order_Service", "a__b", "_a", "a_", "a_b", "x.y-z", "---", "", "db2", "ünï-code", "web_1"}
	for i := range 2000 { // every three-byte name over a small alphabet
		const abc = "a_-.A1é"
		names = append(names, string([]byte{abc[i%7], abc[i/7%7], abc[i/49%7]}))
	}
	for _, n := range names {
		if got, want := wordsKey(n), strings.Join(serviceWords(n), "_"); got != want {
			t.Errorf("wordsKey(%q) = %q, want %q", n, got, want)
		}
	}
}

// A configured browser prefix makes a variable the browser reads, beside
// the default prefixes; without it the same name is the server's.
func TestConfiguredBrowserPrefix(t *testing.T) {
	yaml := `services:
  web:
    image: node:20
    environment:
      WEBAPP_API: http://api:3000
      NEXT_PUBLIC_API: http://api:3000
      API_URL: http://api:3000
  api:
    image: node:20
`
	roles := func(o Options) map[string]endpoint.Role {
		dir := t.TempDir()
		fs := vfs.NewOverlay(vfs.OS{})
		fs.Set(filepath.Join(dir, "compose.yaml"), []byte(yaml))
		p := compose.NewLoader(fs, dir, 0, compose.Limits{}).Load(compose.Options{FS: fs, WorkingDir: dir, Files: []string{filepath.Join(dir, "compose.yaml")}})
		out := map[string]endpoint.Role{}
		for _, oc := range Build(p, o).Occurrences() {
			out[oc.Key] = oc.EP.Role
		}
		return out
	}
	plain, configured := roles(Options{}), roles(Options{BrowserPrefixes: []string{"WEBAPP_"}})
	for key, want := range map[string][2]endpoint.Role{
		"WEBAPP_API":      {endpoint.Connect, endpoint.Browser},
		"NEXT_PUBLIC_API": {endpoint.Browser, endpoint.Browser},
		"API_URL":         {endpoint.Connect, endpoint.Connect},
	} {
		if plain[key] != want[0] || configured[key] != want[1] {
			t.Errorf("%s: role %v, with WEBAPP_ %v; want %v, %v", key, plain[key], configured[key], want[0], want[1])
		}
	}
}
