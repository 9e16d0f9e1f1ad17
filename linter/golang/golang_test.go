package golang

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// format prints what outputs rely on: path, rune columns, byte offsets of
// fix edits; the explanation on a line of its own, indented by a tab.
func format(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		r := d.Range
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s [%s]\n", r.File, r.Start.Line, r.Start.Col, r.End.Line, r.End.Col, d.Severity, d.Message, d.Rule)
		if d.Why != "" {
			fmt.Fprintf(&b, "\tnote: %s\n", d.Why)
		}
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				fmt.Fprintf(&b, "\tfix %q: bytes %d-%d (%d:%d-%d:%d) -> %q\n", d.Fix.Description,
					e.Range.Start.Offset, e.Range.End.Offset, e.Range.Start.Line, e.Range.Start.Col, e.Range.End.Line, e.Range.End.Col, e.NewText)
			}
		}
	}
	return b.String()
}

// findings counts the findings format printed (the lines that are not
// indented).
func findings(s string) int {
	n := 0
	for l := range strings.Lines(s) {
		if !strings.HasPrefix(l, "\t") {
			n++
		}
	}
	return n
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch (-update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name         string
		includeTests bool
	}{
		{"mod", false},
		{"mod-include-tests", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := Run("testdata/mod", []string{"./server/...", "."}, tc.includeTests)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, format(ds))
		})
	}
}

func TestRunFixOffsets(t *testing.T) {
	// Applying the edits by byte offset gives the intended source.
	ds, err := Run("testdata/mod", []string{"./server"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Fix == nil {
		t.Fatalf("want one finding with a fix, got:\n%s", format(ds))
	}
	data, err := os.ReadFile(ds[0].Range.File)
	if err != nil {
		t.Fatal(err)
	}
	e := ds[0].Fix.Edits[0]
	fixed := string(data[:e.Range.Start.Offset]) + e.NewText + string(data[e.Range.End.Offset:])
	if !strings.Contains(fixed, `http.ListenAndServe(":8080", nil)`) {
		t.Errorf("fixed source:\n%s", fixed)
	}
}

func TestRunNoModule(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte("services: {}\n"), 0o644)
	ds, err := Run(dir, []string{"./..."}, false)
	if err != nil || len(ds) != 0 {
		t.Errorf("Run outside a module = %v, %v; want nothing", ds, err)
	}
}

func TestRunBrokenPackage(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":           "module example.com/b\n\ngo 1.26.0\n",
		"ok/ok.go":         "package ok\n\nimport \"net/http\"\n\nfunc F() { http.Get(\"http://localhost:1/\") }\n",
		"broken/broken.go": "package broken\n\nfunc F() { undefined() }\n",
	}
	for name, data := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	ds := Lint([]string{dir}, nil, Options{})
	if len(ds) != 2 || !strings.HasSuffix(ds[1].Range.File, "ok/ok.go") || ds[1].Rule != "hardcodedlocalhost" {
		t.Fatalf("want the finding in the package that type-checks, got:\n%s", format(ds))
	}
	// Not silent: the broken package is a go-load error at the type error.
	d := ds[0]
	if d.Rule != LoadRule || d.Severity != diag.Error || !strings.HasSuffix(d.Range.File, "broken/broken.go") ||
		d.Range.Start.Line != 3 || d.Range.Start.Col != 12 || !strings.Contains(d.Why, "undefined: undefined") {
		t.Errorf("want a go-load error at broken.go:3:12, got:\n%s", format(ds[:1]))
	}
}

// TestModuleConstAtLiteral: a constant declared in another package of
// the module is reported at its literal, where it is written, once per package for all the
// sinks it reaches there; a constant of another module is the user's to
// replace where it is used.
func TestModuleConstAtLiteral(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":           "module example.com/app\n\ngo 1.26.0\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ./lib\n",
		"config/config.go": "package config\n\nconst APIBase = \"http://localhost:3000\"\n",
		"app/app.go":       "package app\n\nimport (\n\t\"net\"\n\n\t\"example.com/app/config\"\n\t\"example.com/lib\"\n)\n\nfunc F() {\n\tnet.Dial(\"tcp\", config.APIBase)\n\tnet.DialTimeout(\"tcp\", config.APIBase, 0)\n\tnet.Dial(\"tcp\", lib.DefaultAddr)\n}\n",
		"lib/go.mod":       "module example.com/lib\n\ngo 1.26.0\n",
		"lib/lib.go":       "package lib\n\nconst DefaultAddr = \"localhost:9999\"\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	for _, want := range []string{
		`config/config.go:3:17-3:40: warning: "http://localhost:3000" reaches net.Dial (app.go:11) and net.DialTimeout (app.go:12)`,
		`app/app.go:13:18-13:33: warning: "localhost:9999" reaches net.Dial`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
	if strings.Count(got, "[hardcodedlocalhost]") != 2 {
		t.Errorf("want two findings:\n%s", got)
	}
}

// TestModuleVarAtLiteral: a variable another package of the module
// declares with a loopback value and never assigns again is reported at
// its literal; one the dialing package may change (&v for a flag) or a
// service name is not.
func TestModuleVarAtLiteral(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":           "module example.com/app\n\ngo 1.26.0\n",
		"config/config.go": "package config\n\nvar CacheAddr = \"localhost:6379\"\n\nvar Overridden = \"localhost:6380\"\n\nvar Queue = \"queue:5672\"\n",
		"app/app.go":       "package app\n\nimport (\n\t\"flag\"\n\t\"net\"\n\n\t\"example.com/app/config\"\n)\n\nfunc F() {\n\tnet.Dial(\"tcp\", config.CacheAddr)\n\tflag.StringVar(&config.Overridden, \"cache\", config.Overridden, \"\")\n\tnet.Dial(\"tcp\", config.Overridden)\n\tnet.Dial(\"tcp\", config.Queue)\n}\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	if want := `config/config.go:3:17-3:33: warning: "localhost:6379" reaches net.Dial (app.go:11)`; !strings.Contains(got, want) {
		t.Errorf("missing %s in:\n%s", want, got)
	}
	if strings.Count(got, "[hardcodedlocalhost]") != 1 {
		t.Errorf("want one finding:\n%s", got)
	}
}

// TestModuleListVarAtLiteral: an exported list of addresses another
// package of the module declares (var Brokers = []string{"localhost:9092"})
// is reported at its loopback entry when it reaches a sink; a list of service
// names, or one the dialing package may change, is not.
func TestModuleListVarAtLiteral(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":                "module example.com/app\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.0.0\n\nreplace github.com/redis/go-redis/v9 => ./stub/goredis\n",
		"stub/goredis/go.mod":   "module github.com/redis/go-redis/v9\n\ngo 1.22\n",
		"stub/goredis/redis.go": "package redis\n\ntype ClusterOptions struct{ Addrs []string }\n\ntype ClusterClient struct{}\n\nfunc NewClusterClient(*ClusterOptions) *ClusterClient { return nil }\n",
		"config/config.go":      "package config\n\nvar Nodes = []string{\"redis-0:6379\", \"localhost:6380\"}\n\nvar Services = []string{\"redis-0:6379\"}\n\nvar Changed = []string{\"localhost:6381\"}\n",
		"app/app.go": "package app\n\nimport (\n\t\"github.com/redis/go-redis/v9\"\n\n\t\"example.com/app/config\"\n)\n\nfunc F() {\n" +
			"\tredis.NewClusterClient(&redis.ClusterOptions{Addrs: config.Nodes})\n" +
			"\tredis.NewClusterClient(&redis.ClusterOptions{Addrs: config.Services})\n" +
			"\tconfig.Changed = append(config.Changed, \"x\")\n" +
			"\tredis.NewClusterClient(&redis.ClusterOptions{Addrs: config.Changed})\n}\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	if want := `config/config.go:3:38-3:54: warning: "localhost:6380" reaches redis.ClusterOptions.Addrs (app.go:10)`; !strings.Contains(got, want) {
		t.Errorf("missing %s in:\n%s", want, got)
	}
	if strings.Count(got, "[hardcodedlocalhost]") != 1 {
		t.Errorf("want one finding:\n%s", got)
	}
}

// TestModuleFieldValues: a struct of another package of the module whose
// field a sink reads here (config.Load().Nodes handed to redis) is reported
// at the loopback value that package writes into the field; a service
// name, a field no sink reads, or a value written by a function this
// package does not call, is not.
func TestModuleFieldValues(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":                "module example.com/app\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.0.0\n\nreplace github.com/redis/go-redis/v9 => ./stub/goredis\n",
		"stub/goredis/go.mod":   "module github.com/redis/go-redis/v9\n\ngo 1.22\n",
		"stub/goredis/redis.go": "package redis\n\ntype ClusterOptions struct{ Addrs []string }\n\ntype ClusterClient struct{}\n\nfunc NewClusterClient(*ClusterOptions) *ClusterClient { return nil }\n",
		"config/config.go": "package config\n\ntype Settings struct {\n\tNodes   []string\n\tReplica []string\n\tPublic  string\n}\n\n" +
			"func Load() Settings {\n\treturn Settings{\n\t\tNodes:   []string{\"redis-0:6379\", \"localhost:6380\"},\n\t\tReplica: []string{\"redis-1:6379\"},\n\t\tPublic:  \"http://localhost:3000\",\n\t}\n}\n\n" +
			"// Defaults is not what app uses.\nfunc Defaults() Settings { return Settings{Nodes: []string{\"localhost:7000\"}} }\n",
		"app/app.go": "package app\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/redis/go-redis/v9\"\n\n\t\"example.com/app/config\"\n)\n\nfunc F() {\n\ts := config.Load()\n" +
			"\tredis.NewClusterClient(&redis.ClusterOptions{Addrs: s.Nodes})\n" +
			"\tredis.NewClusterClient(&redis.ClusterOptions{Addrs: s.Replica})\n" +
			"\tfmt.Println(s.Public)\n}\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	if want := `config/config.go:11:37-11:53: warning: "localhost:6380" reaches redis.ClusterOptions.Addrs through Settings.Nodes (app.go:13)`; !strings.Contains(got, want) {
		t.Errorf("missing %s in:\n%s", want, got)
	}
	if strings.Count(got, "[hardcodedlocalhost]") != 1 {
		t.Errorf("want one finding:\n%s", got)
	}
}

// TestWorkspaceModulesAreOwnCode: in a go.work workspace the modules are
// all the user's: a constant, a variable or a function's returned literal
// that one module declares and another dials is reported where it is
// written. A service name there is not reported.
func TestWorkspaceModulesAreOwnCode(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.work":               "go 1.22\n\nuse (\n\t./gateway\n\t./shared\n)\n",
		"shared/go.mod":         "module example.com/shared\n\ngo 1.22\n",
		"shared/endpoints/e.go": "package endpoints\n\nconst Users = \"http://localhost:8001\"\n\nvar Profiles = \"http://127.0.0.1:8002\"\n\nconst Billing = \"http://billing:8003\"\n",
		"shared/dsn/dsn.go":     "package dsn\n\nimport \"fmt\"\n\nfunc Postgres(db string) string {\n\treturn fmt.Sprintf(\"postgres://app@localhost:5432/%s\", db)\n}\n\nfunc Remote(db string) string { return \"postgres://app@db:5432/\" + db }\n",
		"gateway/go.mod":        "module example.com/gateway\n\ngo 1.22\n\nrequire example.com/shared v0.0.0\n",
		"gateway/main.go": "package main\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t\"example.com/shared/dsn\"\n\t\"example.com/shared/endpoints\"\n)\n\nfunc main() {\n" +
			"\thttp.Get(endpoints.Users + \"/users\")\n\thttp.Get(endpoints.Profiles)\n\thttp.Get(endpoints.Billing)\n" +
			"\tsql.Open(\"postgres\", dsn.Postgres(\"gw\"))\n\tsql.Open(\"postgres\", dsn.Remote(\"gw\"))\n}\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	for _, want := range []string{
		`shared/endpoints/e.go:3:15-3:38: warning: "http://localhost:8001" reaches http.Get (main.go:12)`,
		`shared/endpoints/e.go:5:16-5:39: warning: "http://127.0.0.1:8002" reaches http.Get (main.go:13)`,
		`shared/dsn/dsn.go:6:9-6:60: warning: "postgres://app@localhost:5432/…" reaches sql.Open (main.go:15)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "[hardcodedlocalhost]"); n != 3 {
		t.Errorf("want three findings, got %d:\n%s", n, got)
	}
}

// TestRecallGinRedis is keploy/samples-go's gin-redis sample as its open
// fix (keploy/samples-go#139) describes it: the app, built and run by
// compose service go-app, connects to "localhost:6379" while Redis is the
// service redis. go-redis is a stub module here (no network in tests).
// The corrected project, reading REDIS_ADDR that go-app sets, is silent.
func TestRecallGinRedis(t *testing.T) {
	files := map[string]string{
		"go.mod":                        "module github.com/keploy/gin-redis\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.0.0\n\nreplace github.com/redis/go-redis/v9 => ./stub/goredis\n",
		"stub/goredis/go.mod":           "module github.com/redis/go-redis/v9\n\ngo 1.22\n",
		"stub/goredis/redis.go":         "package redis\n\ntype Options struct {\n\tAddr     string\n\tPassword string\n\tDB       int\n}\n\ntype Client struct{}\n\nfunc NewClient(*Options) *Client { return &Client{} }\n",
		"Dockerfile":                    "FROM golang:1.20\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nCMD [\"./main\"]\n",
		"main.go":                       "package main\n\nimport \"github.com/keploy/gin-redis/helpers/redis\"\n\nfunc main() { redis.Init() }\n",
		"helpers/redis/redisConnect.go": "package redis\n\nimport \"github.com/redis/go-redis/v9\"\n\nvar RedisClient *redis.Client\n\nfunc Init() {\n\tRedisClient = redis.NewClient(&redis.Options{\n\t\tAddr:     \"localhost:6379\", // Redis server address\n\t\tPassword: \"\",\n\t\tDB:       0,\n\t})\n}\n",
	}
	services := func(dir string) []Service {
		return []Service{{Name: "go-app", Context: dir, Dockerfile: filepath.Join(dir, "Dockerfile"),
			Env: map[string]bool{"REDIS_ADDR": true}, At: diag.Range{File: "docker-compose.yml", Start: diag.Pos{Line: 3}}}}
	}
	dir := writeTree(t, files)
	got := format(Lint([]string{dir}, nil, Options{Cwd: dir, Services: services(dir)}))
	want := `helpers/redis/redisConnect.go:9:13-9:29: warning: "localhost:6379" reaches redis.Options.Addr, which runs in service "go-app";`
	if !strings.Contains(got, want) || findings(got) != 1 {
		t.Errorf("want one finding %s…, got:\n%s", want, got)
	}

	files["helpers/redis/redisConnect.go"] = "package redis\n\nimport (\n\t\"os\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n\nvar RedisClient *redis.Client\n\nfunc Init() {\n\tRedisClient = redis.NewClient(&redis.Options{Addr: os.Getenv(\"REDIS_ADDR\")})\n}\n"
	dir = writeTree(t, files)
	if got := format(Lint([]string{dir}, nil, Options{Cwd: dir, Services: services(dir)})); got != "" {
		t.Errorf("the corrected project is reported:\n%s", got)
	}
}
