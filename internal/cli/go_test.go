package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
)

// TestComposeAndGoInOneRun: `reachlint ./...` reports a compose finding and
// a Go finding together, in one output.
func TestComposeAndGoInOneRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) { testfs.WriteFiles(t, dir, map[string]string{name: text}) }
	write("go.mod", "module example.com/mixed\n\ngo 1.26.0\n")
	write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tresp, err := http.Get(\"http://localhost:8000/users\")\n\tif err == nil {\n\t\tresp.Body.Close()\n\t}\n}\n")
	example, err := os.ReadFile("../../testdata/examples/nextjs-api/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A service builds this directory: the Go code runs in it.
	write("compose.yaml", strings.Replace(string(example), "networks:\n  app-network", "  backend:\n    build: .\n    networks: [app-network]\nnetworks:\n  app-network", 1))

	write("other.go", "package main\n\nimport \"net/http\"\n\nfunc other() { http.Get(\"http://localhost:9000/\") }\n")

	got := goRun(t, dir, "./...")
	for _, want := range []string{
		"compose.yaml:12:29: error: service \"client\" reaches \"localhost:3000\"",
		"main.go:6:24: warning: \"http://localhost:8000/users\" reaches http.Get, which runs in service \"backend\"",
		"other.go:5:25: warning:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}

	// Go files given by name (the pre-commit hook passes the staged ones):
	// only the Go analysis runs, and only their findings are reported.
	got = goRun(t, dir, "main.go")
	if !strings.Contains(got, "main.go:6:24: warning: \"http://localhost:8000/users\" reaches http.Get, which runs in service \"backend\"") ||
		strings.Contains(got, "compose.yaml") || strings.Contains(got, "other.go") {
		t.Errorf("reachlint main.go: want the finding in main.go only:\n%s", got)
	}
}

func goRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"--no-env", "--format", "oneline"}, args...), &Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
	})
	if code != ExitFindings {
		t.Fatalf("%v: exit %d, want 1; stderr: %s", args, code, errb.String())
	}
	return out.String()
}

// TestGoNestedModulesAndLoadErrors: `reachlint ./...` from a root without
// go.mod lints the modules below it, and a package it cannot check fails the
// run with a go-load error unless the configuration lowers its severity.
func TestGoNestedModulesAndLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) { testfs.WriteFiles(t, dir, map[string]string{name: text}) }
	write("compose.yaml", "services:\n  api:\n    build: ./services/api\n")
	write("services/api/go.mod", "module example.com/api\n\ngo 1.22\n")
	write("services/api/main.go", "package main\n\nfunc main() { undefined() }\n")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--no-env", "--format", "oneline"}, args...), &Env{
			Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
		})
		return code, out.String() + errb.String()
	}
	code, out := run("./...")
	if code != ExitFindings || !strings.Contains(out, "services/api/main.go:3:15: error: Go package example.com/api was not checked") ||
		!strings.Contains(out, "[go-load]") {
		t.Errorf("exit %d, want 1 with a go-load error:\n%s", code, out)
	}
	// Enabling only the analyzer keeps its load errors; naming go-load
	// disables them.
	code, out = run("--disable", "all", "--enable", "hardcodedlocalhost", "./...")
	if code != ExitFindings || !strings.Contains(out, "[go-load]") {
		t.Errorf("--disable all --enable hardcodedlocalhost: exit %d, want 1 with a go-load error:\n%s", code, out)
	}
	code, out = run("--disable", "all,go-load", "--enable", "hardcodedlocalhost", "./...")
	if code != ExitClean || strings.Contains(out, "[go-load]") {
		t.Errorf("--disable all,go-load: exit %d, want 0 without go-load:\n%s", code, out)
	}
	code, out = run("--disable", "all", "./...")
	if code != ExitClean || strings.Contains(out, "go-load") {
		t.Errorf("--disable all: exit %d, want 0 without go-load:\n%s", code, out)
	}
	write(".reachlint.yaml", "severity:\n  go-load: info\n")
	code, out = run("./...")
	if code != ExitClean || !strings.Contains(out, "info: Go package example.com/api was not checked") {
		t.Errorf("with go-load at info: exit %d, want 0:\n%s", code, out)
	}
}

// TestGoServices: findings name the compose service that builds the code,
// loopback defaults are reported only for a service that runs them without
// setting the variable, and programs for the host are info.
func TestGoServices(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) { testfs.WriteFiles(t, dir, map[string]string{name: text}) }
	write("compose.yaml", `services:
  api:
    build: ./api
    environment:
      API_URL: http://billing:3000
  worker:
    build: ./worker
  cache:
    build: ./cache
  billing:
    image: billing
`)
	write("go.mod", "module example.com/app\n\ngo 1.22\n")
	getenv := "func getenv(k, d string) string {\n\tif v := os.Getenv(k); v != \"\" {\n\t\treturn v\n\t}\n\treturn d\n}\n"
	write("api/main.go", "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\n"+getenv+
		"\nfunc main() {\n\thttp.Get(getenv(\"API_URL\", \"http://localhost:3000\"))\n\thttp.Get(\"http://localhost:4000/x\")\n}\n")
	write("worker/main.go", "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\n"+getenv+
		"\nfunc main() {\n\thttp.Get(getenv(\"API_URL\", \"http://localhost:3000\"))\n}\n")
	write("cache/Dockerfile", "FROM golang\nENV REDIS_ADDR=redis:6379\n")
	write("cache/main.go", "package main\n\nimport (\n\t\"net\"\n\t\"os\"\n)\n\nfunc main() {\n\taddr := os.Getenv(\"REDIS_ADDR\")\n\tif addr == \"\" {\n\t\taddr = \"localhost:6379\"\n\t}\n\tnet.Dial(\"tcp\", addr)\n}\n")
	write("scripts/seed/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.Get(\"http://localhost:3000/seed\") }\n")
	write("e2e/main.go", "package main\n\nimport (\n\t\"net/http\"\n\t\"os/exec\"\n)\n\nfunc main() {\n\texec.Command(\"docker\", \"compose\", \"up\", \"-d\").Run()\n\thttp.Get(\"http://localhost:3000/health\")\n}\n")
	write("lib/lib.go", "package lib\n\nimport \"os\"\n\nfunc Addr() string {\n\ta := os.Getenv(\"LIB_ADDR\")\n\tif a == \"\" {\n\t\ta = \"localhost:1\"\n\t}\n\treturn a\n}\n")

	var out, errb bytes.Buffer
	Main([]string{"--no-env", "--format", "oneline", "--fail-level", "info", "./..."}, &Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
	})
	got := out.String()
	for _, want := range []string{
		`api/main.go:17:11: warning: "http://localhost:4000/x" reaches http.Get, which runs in service "api"; read the URL from os.Getenv("API_BASE_URL"); inside a container`,
		`worker/main.go:16:29: warning: API_URL falls back to "http://localhost:3000" in service "worker"; set it in its environment; service "worker" runs this code without setting API_URL; inside a container "localhost" is that container itself, not another service [hardcodedlocalhost]`,
		`scripts/seed/main.go:5:24: info: "http://localhost:3000/seed" reaches http.Get in a program meant for the host; read the URL from os.Getenv("API_BASE_URL"); the program is meant for the host (it lives under scripts/ and no service builds it); `,
		`e2e/main.go:10:11: info: "http://localhost:3000/health" reaches http.Get in a program meant for the host; read the URL from os.Getenv("API_BASE_URL"); the program is meant for the host (it runs docker); `,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	for _, notWant := range []string{
		"api/main.go:16", // api sets API_URL
		"cache/main.go",  // the Dockerfile sets REDIS_ADDR
		"lib/lib.go",     // no service is known to run it
	} {
		if strings.Contains(got, notWant) {
			t.Errorf("unexpected %s in:\n%s", notWant, got)
		}
	}
}

// TestGoProgramNoDockerfileBuilds: a program in a service's build context
// that its Dockerfile does not build (cmd/seed beside cmd/api, run by hand
// against the published ports) is meant for the host: info, not a warning.
// When the Dockerfile builds ./..., or names no package, the program may run
// in the service, and the finding stays a warning.
func TestGoProgramNoDockerfileBuilds(t *testing.T) {
	seed := "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"localhost:5432\") }\n"
	api := "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"localhost:4000\") }\n" // net alone: a cheaper load than net/http
	const plain = "services:\n  api:\n    build: .\n  postgres:\n    image: postgres\n"
	for _, tc := range []struct {
		compose, dockerfile string
		seedSev             string
	}{
		{plain, "FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /api ./cmd/api\n", "info"},
		{plain, "FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /api cmd/api/main.go\n", "info"},
		{"services:\n  api:\n    build:\n      context: .\n      args:\n        BIN: api\n", "FROM golang\nARG BIN\nCOPY . .\nRUN go build -o /app ./cmd/${BIN}\n", "info"},
		{plain, "FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/ ./...\n", "warning"},
		{plain, "FROM alpine\nCOPY api /api\n", "warning"},
	} {
		dir := t.TempDir()
		testfs.WriteFiles(t, dir, map[string]string{
			"compose.yaml":     tc.compose,
			"Dockerfile":       tc.dockerfile,
			"go.mod":           "module example.com/app\n\ngo 1.22\n",
			"cmd/api/main.go":  api,
			"cmd/seed/main.go": seed,
		})
		var out, errb bytes.Buffer
		Main([]string{"--no-env", "--no-cache", "--format", "oneline", "--fail-level", "info", "./..."}, &Env{
			Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
		})
		got := out.String()
		if want := `cmd/api/main.go:5:31: warning: "localhost:4000" reaches net.Dial, which runs in service "api"`; !strings.Contains(got, want) {
			t.Errorf("%q: missing %q in:\n%s", tc.dockerfile, want, got)
		}
		want := `cmd/seed/main.go:5:31: ` + tc.seedSev + `: "localhost:5432" reaches net.Dial`
		if tc.seedSev == "info" {
			want += ` in a program meant for the host; read the address from os.Getenv("SERVICE_ADDR"); the program is meant for the host (no service builds it; the Dockerfile of service "api" builds ./cmd/api)`
		}
		if !strings.Contains(got, want) {
			t.Errorf("%q: missing %q in:\n%s", tc.dockerfile, want, got)
		}
	}
}

// TestGoNoServiceRunsIt: when the compose project only runs images (a
// database for local development) and builds or mounts nothing of the Go
// code, the program runs on the host, against the published ports: info,
// in a run over the tree and when the file is named alone (the pre-commit
// hook) alike. A service that bind-mounts the code (go run in a golang
// image) may run it: a warning.
func TestGoNoServiceRunsIt(t *testing.T) {
	const dbOnly = "services:\n  postgres:\n    image: postgres\n    ports: [\"5432:5432\"]\n"
	const mounted = dbOnly + "  app:\n    image: golang:1.22\n    volumes: [\".:/src\"]\n    working_dir: /src\n    command: go run .\n"
	for _, tc := range []struct{ compose, sev string }{{dbOnly, "info"}, {mounted, "warning"}} {
		dir := t.TempDir()
		testfs.WriteFiles(t, dir, map[string]string{
			"compose.yaml": tc.compose,
			"go.mod":       "module example.com/app\n\ngo 1.22\n",
			"main.go":      "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"localhost:5432\") }\n",
		})
		for _, arg := range []string{"./...", "main.go"} {
			var out, errb bytes.Buffer
			Main([]string{"--no-env", "--no-cache", "--format", "oneline", arg}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ()})
			want := `main.go:5:31: ` + tc.sev + `: "localhost:5432" reaches net.Dial`
			if tc.sev == "info" {
				want += ` in a program meant for the host; read the address from os.Getenv("SERVICE_ADDR"); the program is meant for the host (no compose service builds or mounts it)`
			}
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s, %s: missing %q in:\n%s%s", strings.SplitN(tc.compose, "\n", 4)[2], arg, want, out.String(), errb.String())
			}
		}
	}
}

// TestGoHostProgramListensOnLoopback: a program meant for the host that
// listens on loopback keeps its port off the network (a CLI's OAuth
// callback server on a free port): right there, whether or not the port is
// known. In a service that runs the code, the same bind is reported.
func TestGoHostProgramListensOnLoopback(t *testing.T) {
	const dbOnly = "services:\n  postgres:\n    image: postgres\n    ports: [\"5432:5432\"]\n"
	const mounted = dbOnly + "  app:\n    image: golang:1.22\n    volumes: [\".:/src\"]\n    working_dir: /src\n    command: go run .\n"
	main := "package main\n\nimport (\n\t\"net\"\n\t\"strconv\"\n)\n\nfunc main() {\n\tport := 45678\n" +
		"\tnet.Listen(\"tcp\", \"127.0.0.1:\"+strconv.Itoa(port))\n\tnet.Listen(\"tcp\", \"127.0.0.1:9000\")\n}\n"
	for _, tc := range []struct {
		compose string
		want    int
	}{{dbOnly, 0}, {mounted, 2}} {
		dir := t.TempDir()
		testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": tc.compose, "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": main})
		var out, errb bytes.Buffer
		Main([]string{"--no-env", "--no-cache", "--format", "oneline", "--fail-level", "info", "./..."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ()})
		if got := strings.Count(out.String(), "[hardcodedlocalhost]"); got != tc.want {
			t.Errorf("%s: %d findings, want %d:\n%s%s", strings.SplitN(tc.compose, "\n", 4)[2], got, tc.want, out.String(), errb.String())
		}
		if tc.want > 0 && !strings.Contains(out.String(), `main.go:10:20: warning: "127.0.0.1:…" reaches net.Listen`) {
			t.Errorf("want the bind of the unknown port at main.go:10:\n%s", out.String())
		}
	}
}

// TestGoFallbackMissingEnvFile: a loopback default is reported for a
// service that runs the code without setting its variable; not when the
// service reads an env_file that is missing (a fresh checkout: it may well
// set the variable).
func TestGoFallbackMissingEnvFile(t *testing.T) {
	main := "package main\n\nimport (\n\t\"net\"\n\t\"os\"\n)\n\nfunc main() {\n\taddr := os.Getenv(\"NATS_ADDR\")\n\tif addr == \"\" {\n\t\taddr = \"127.0.0.1:4222\"\n\t}\n\tnet.Dial(\"tcp\", addr)\n}\n"
	for _, tc := range []struct {
		files  map[string]string
		report bool
	}{
		{map[string]string{"app.env": "OTHER=1\n"}, true},
		{map[string]string{}, false},
	} {
		dir := t.TempDir()
		files := map[string]string{
			"compose.yaml": "services:\n  app:\n    build: .\n    env_file: [app.env]\n  nats:\n    image: nats\n",
			"go.mod":       "module example.com/app\n\ngo 1.22\n",
			"main.go":      main,
		}
		for k, v := range tc.files {
			files[k] = v
		}
		testfs.WriteFiles(t, dir, files)
		var out, errb bytes.Buffer
		Main([]string{"--no-env", "--no-cache", "--format", "oneline", "./..."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ()})
		got := strings.Contains(out.String(), `main.go:11:10: warning: NATS_ADDR falls back to "127.0.0.1:4222" in service "app"`)
		if got != tc.report {
			t.Errorf("env file %v: reported %v, want %v:\n%s", tc.files, got, tc.report, out.String())
		}
	}
}

// TestGoTagDefaultPerService: one config struct holds the settings of every
// program; a struct-tag default is reported for the services whose program
// reads the field into a sink (api dials REDIS_ADDR), not for one that
// never uses it (migrate), and not at all for a field no program dials
// (PUBLIC_BASE, only printed).
func TestGoTagDefaultPerService(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml":       "services:\n  api:\n    build: {context: ., dockerfile: api.Dockerfile}\n  migrate:\n    build: {context: ., dockerfile: migrate.Dockerfile}\n  redis:\n    image: redis\n",
		"api.Dockerfile":     "FROM golang\nCOPY . .\nRUN go build -o /api ./cmd/api\n",
		"migrate.Dockerfile": "FROM golang\nCOPY . .\nRUN go build -o /migrate ./cmd/migrate\n",
		"go.mod":             "module example.com/app\n\ngo 1.22\n",
		"config/config.go": "package config\n\ntype Config struct {\n\tRedisAddr  string `env:\"REDIS_ADDR\" envDefault:\"localhost:6379\"`\n" +
			"\tShortBase string `env:\"SHORT_BASE\" envDefault:\"http://localhost:8080\"`\n}\n",
		"cmd/api/main.go": "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\n\t\"example.com/app/config\"\n)\n\n" +
			"func main() {\n\tvar cfg config.Config\n\tnet.Dial(\"tcp\", cfg.RedisAddr)\n\tfmt.Println(cfg.ShortBase + \"/x\")\n}\n",
		"cmd/migrate/main.go": "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/config\"\n)\n\nfunc main() {\n\tvar cfg config.Config\n\tfmt.Println(cfg)\n}\n",
	})
	var out, errb bytes.Buffer
	Main([]string{"--no-env", "--no-cache", "--format", "oneline", "./..."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ()})
	got := out.String()
	if want := `config/config.go:4:20: warning: REDIS_ADDR falls back to "localhost:6379" in service "api"; set it in its environment`; !strings.Contains(got, want) {
		t.Errorf("missing %q in:\n%s%s", want, got, errb.String())
	}
	if strings.Contains(got, "migrate") || strings.Contains(got, "SHORT_BASE") {
		t.Errorf("a default blamed on a program that does not dial it:\n%s", got)
	}
}

// TestGoCacheControls: findings of Go packages are cached in
// $REACHLINT_CACHE_DIR (read from the run's environment) and reused;
// --no-cache and REACHLINT_CACHE_DIR=off write nothing; the output is the
// same every way.
func TestGoCacheControls(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"go.mod":  "module example.com/cached\n\ngo 1.26.0\n",
		"main.go": "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"localhost:6379\") }\n",
	})
	entries := func(cache string) int {
		n := 0
		_ = filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".json") {
				n++
			}
			return nil
		})
		return n
	}
	run := func(cacheEnv string, args ...string) string {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--no-env", "--format", "oneline"}, args...), &Env{
			Stdout: &out, Stderr: &errb, Cwd: dir, Environ: append(os.Environ(), "REACHLINT_CACHE_DIR="+cacheEnv),
		})
		if code != ExitFindings {
			t.Fatalf("%v: exit %d, want 1; stderr: %s", args, code, errb.String())
		}
		return out.String()
	}
	cache := t.TempDir()
	first := run(cache, "./...")
	if !strings.Contains(first, `"localhost:6379" reaches net.Dial`) {
		t.Fatalf("no finding:\n%s", first)
	}
	if entries(cache) == 0 {
		t.Fatal("nothing cached in $REACHLINT_CACHE_DIR")
	}
	if again := run(cache, "./..."); again != first {
		t.Errorf("from the cache:\n%s\nwant:\n%s", again, first)
	}
	unused := t.TempDir()
	if got := run(unused, "--no-cache", "./..."); got != first || entries(unused) != 0 {
		t.Errorf("--no-cache: %d entries written, output:\n%s", entries(unused), got)
	}
	if got := run("off", "./..."); got != first {
		t.Errorf("REACHLINT_CACHE_DIR=off: output:\n%s", got)
	}
	for _, p := range []string{filepath.Join(dir, "off"), "off"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("REACHLINT_CACHE_DIR=off created %s", p)
		}
	}
}

// TestGoListenReachedPorts: a listen address on loopback is reported when
// its port is one the service publishes, exposes or is reached on by
// another service, and left alone otherwise (net/http/pprof's documented
// localhost:6060, kept inside the container on purpose).
func TestGoListenReachedPorts(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": `services:
  web:
    build: ./web
    ports: ["8080:8080"]
  admin:
    build: ./admin
  probe:
    image: curlimages/curl
    command: ["curl", "http://admin:9100/metrics"]
  ranged:
    build: ./ranged
    ports: ["7000:${ADMIN_PORT}"]
`,
		"go.mod": "module example.com/app\n\ngo 1.22\n",
		"web/main.go": "package main\n\nimport (\n\t\"net/http\"\n\t_ \"net/http/pprof\"\n)\n\nfunc main() {\n" +
			"\tgo http.ListenAndServe(\"localhost:6060\", nil)\n" +
			"\thttp.ListenAndServe(\"127.0.0.1:8080\", nil)\n}\n",
		"admin/main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n" +
			"\tgo http.ListenAndServe(\"127.0.0.1:9100\", nil)\n" +
			"\thttp.ListenAndServe(\"127.0.0.1:9200\", nil)\n}\n",
		"ranged/main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\"127.0.0.1:7001\", nil) }\n",
	})
	var out, errb bytes.Buffer
	Main([]string{"--no-env", "--no-cache", "--format", "oneline", "--fail-level", "info", "--disable", "unset-variable", "./..."}, &Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
	})
	got := out.String()
	for _, want := range []string{
		`web/main.go:10:22: warning: "127.0.0.1:8080" reaches http.ListenAndServe, which runs in service "web"; listen on ":8080"`,
		`admin/main.go:6:25: warning: "127.0.0.1:9100" reaches http.ListenAndServe, which runs in service "admin"; listen on ":9100"`,
		// A port entry the model cannot read (ADMIN_PORT is unset) may
		// be any port.
		`ranged/main.go:5:35: warning: "127.0.0.1:7001" reaches http.ListenAndServe, which runs in service "ranged"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s\n%s", want, got, errb.String())
		}
	}
	for _, silent := range []string{`"localhost:6060"`, `"127.0.0.1:9200"`} {
		if strings.Contains(got, silent) {
			t.Errorf("%s is kept inside its container on purpose, yet reported:\n%s", silent, got)
		}
	}
}

// TestGoHealthcheckProbe: the program a service's healthcheck runs checks
// its own container, where localhost is right; the same call from the
// service's other code is reported.
func TestGoHealthcheckProbe(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": `services:
  api:
    build: .
    ports: ["8080:8080"]
    healthcheck:
      test: ["CMD", "/healthcheck"]
  db:
    image: postgres:16
`,
		"Dockerfile": "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n" +
			"RUN go build -o /api ./cmd/api && go build -o /healthcheck ./healthcheck && go build -o /sync ./cmd/sync\n" +
			"FROM scratch\nCOPY --from=build /api /healthcheck /sync /\nCMD [\"/api\"]\n",
		"go.mod":              "module example.com/app\n\ngo 1.22\n",
		"healthcheck/main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() {\n\tif _, err := http.Get(\"http://localhost:8080/ping\"); err != nil {\n\t\tos.Exit(1)\n\t}\n}\n",
		"cmd/api/main.go":     "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
		"cmd/sync/main.go":    "package main\n\nimport \"net/http\"\n\nfunc main() { http.Get(\"http://localhost:5432/sync\") }\n",
	})
	var out, errb bytes.Buffer
	Main([]string{"--no-env", "--no-cache", "--format", "oneline", "--fail-level", "info", "./..."}, &Env{
		Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ(),
	})
	got := out.String()
	if !strings.Contains(got, `cmd/sync/main.go:5:24: warning: "http://localhost:5432/sync" reaches http.Get, which runs in service "api"`) {
		t.Errorf("the service's other program should be reported:\n%s\n%s", got, errb.String())
	}
	if strings.Contains(got, "healthcheck/main.go") {
		t.Errorf("the healthcheck program probes its own container:\n%s", got)
	}
}

// TestGoSubcommandFlagDefault: a flag of a subcommand's flag set (flag.NewFlagSet
// "evaluate", or a cobra command's local flags) is reported only for the
// services whose command runs that subcommand; one that runs "app server"
// never parses it. A service whose command is not known may run it.
func TestGoSubcommandFlagDefault(t *testing.T) {
	main := "package main\n\nimport (\n\t\"flag\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"example.com/app/internal/spf13/cobra\"\n)\n\n" +
		"func main() {\n\tswitch os.Args[1] {\n\tcase \"evaluate\":\n\t\tfs := flag.NewFlagSet(\"evaluate\", flag.ExitOnError)\n" +
		"\t\taddr := fs.String(\"address\", \"http://localhost:8080\", \"server\")\n\t\tfs.Parse(os.Args[2:])\n\t\thttp.Get(*addr)\n" +
		"\tcase \"export\":\n\t\tcmd := &cobra.Command{Use: \"export [file]\"}\n\t\tvar url string\n\t\tcmd.Flags().StringVar(&url, \"server-url\", \"http://localhost:8080\", \"server\")\n\t\thttp.Get(url)\n\t}\n}\n"
	cobra := "package cobra\n\nimport \"flag\"\n\ntype Command struct{ Use string }\n\nfunc (c *Command) Flags() *flag.FlagSet { return flag.NewFlagSet(c.Use, flag.ExitOnError) }\n"
	for _, tc := range []struct {
		command      string
		evaluate, ex bool
	}{
		{`["/app", "server"]`, false, false},
		{`["/app", "evaluate", "flag-key"]`, true, false},
		{`["/app", "export", "out.json"]`, false, true},
		{``, true, true}, // the Dockerfile's CMD is not there: not known
	} {
		dir := t.TempDir()
		compose := "services:\n  app:\n    build: .\n"
		if tc.command != "" {
			compose += "    command: " + tc.command + "\n"
		}
		testfs.WriteFiles(t, dir, map[string]string{
			"compose.yaml":                    compose,
			"go.mod":                          "module example.com/app\n\ngo 1.22\n",
			"main.go":                         main,
			"internal/spf13/cobra/command.go": cobra,
		})
		var out, errb bytes.Buffer
		Main([]string{"--no-env", "--no-cache", "--format", "oneline", "./..."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: os.Environ()})
		if got := strings.Contains(out.String(), `flag -address defaults to "http://localhost:8080" in service "app"`); got != tc.evaluate {
			t.Errorf("command %s: evaluate's flag reported %v, want %v:\n%s%s", tc.command, got, tc.evaluate, out.String(), errb.String())
		}
		if got := strings.Contains(out.String(), `flag -server-url defaults to "http://localhost:8080" in service "app"`); got != tc.ex {
			t.Errorf("command %s: export's flag reported %v, want %v:\n%s%s", tc.command, got, tc.ex, out.String(), errb.String())
		}
	}
}
