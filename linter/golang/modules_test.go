package golang

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

const getLocalhost = "package main\n\nimport \"net/http\"\n\nfunc main() { http.Get(\"http://localhost:1/\") }\n"

// lintRel lints roots below dir and prints the findings with paths relative
// to dir.
func lintRel(t *testing.T, dir string, roots, dirs []string) string {
	t.Helper()
	for i := range roots {
		roots[i] = filepath.Join(dir, roots[i])
	}
	for i := range dirs {
		dirs[i] = filepath.Join(dir, dirs[i])
	}
	out := format(Lint(roots, dirs, Options{}))
	// Paths are relative to the working directory: cut up to the temp dir.
	real, _ := filepath.EvalSymlinks(dir)
	for _, d := range []string{dir, real} {
		rel, _ := filepath.Rel(mustWd(t), d)
		out = strings.ReplaceAll(out, filepath.ToSlash(rel)+"/", "")
	}
	return out
}

func mustWd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestNestedModules(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml":                   "services: {}\n",
		"api/go.mod":                     "module example.com/api\n\ngo 1.22\n",
		"api/main.go":                    getLocalhost,
		"tools/gen/go.mod":               "module example.com/gen\n\ngo 1.22\n",
		"tools/gen/cmd/x/main.go":        getLocalhost,
		"api/testdata/m/go.mod":          "module example.com/skip\n\ngo 1.22\n",
		"api/testdata/m/main.go":         getLocalhost,
		"node_modules/m/go.mod":          "module example.com/skip2\n\ngo 1.22\n",
		"node_modules/m/main.go":         getLocalhost,
		".hidden/go.mod":                 "module example.com/skip3\n\ngo 1.22\n",
		".hidden/main.go":                getLocalhost,
		"vendor/example.com/v/go.mod":    "module example.com/skip4\n\ngo 1.22\n",
		"vendor/example.com/v/main.go":   getLocalhost,
		"worker/go.mod":                  "module example.com/worker\n\ngo 1.22\n",
		"worker/internal/job/job.go":     "package job\n\nimport \"net\"\n\nfunc F() { net.Dial(\"tcp\", \"127.0.0.1:6379\") }\n",
		"worker/internal/broken/b.go":    "package broken\n\nfunc F() { nope() }\n",
		"worker/internal/broken/ok.go":   "package broken\n",
		"worker/cmd/worker/main.go":      "package main\n\nfunc main() {}\n",
		"worker/cmd/worker/main_test.go": "package main\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	for _, want := range []string{
		`api/main.go:5:24-5:45: warning: "http://localhost:1/" reaches http.Get`,
		`tools/gen/cmd/x/main.go:5:24-5:45: warning:`,
		`worker/internal/job/job.go:5:28-5:44: warning: "127.0.0.1:6379" reaches net.Dial`,
		`worker/internal/broken/b.go:3:12-3:12: error: Go package example.com/worker/internal/broken was not checked; fix the error or exclude the directory [go-load]` + "\n\tnote: undefined: nope; a package with errors is not checked for hardcoded loopback addresses",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if n := findings(got); n != 4 {
		t.Errorf("want 4 findings (testdata, node_modules, hidden and vendor skipped), got %d:\n%s", n, got)
	}

	if !testenv.Long() {
		return // each load type-checks the standard library from source: the narrower targets run in CI
	}
	// A subdirectory of a module: only what is below it, in its module.
	got = lintRel(t, dir, []string{"worker/internal/job"}, nil)
	if n := findings(got); n != 1 || !strings.Contains(got, "job.go") {
		t.Errorf("worker/internal/job/...: got\n%s", got)
	}
	// .go files named by the pre-commit hook, in nested modules.
	got = lintRel(t, dir, nil, []string{"api", "tools/gen/cmd/x"})
	if n := findings(got); n != 2 {
		t.Errorf("named dirs: got\n%s", got)
	}
}

func TestWorkspace(t *testing.T) {
	// b imports a through the workspace; without go.work it would not load.
	dir := writeTree(t, map[string]string{
		"go.work":      "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":     "module example.com/a\n\ngo 1.22\n",
		"a/a.go":       "package a\n\nconst Addr = \"localhost:6379\"\n",
		"b/go.mod":     "module example.com/b\n\ngo 1.22\n\nrequire example.com/a v0.0.0\n",
		"b/main.go":    "package main\n\nimport (\n\t\"net\"\n\n\t\"example.com/a\"\n)\n\nfunc main() { net.Dial(\"tcp\", a.Addr) }\n",
		"c/go.mod":     "module example.com/c\n\ngo 1.22\n",
		"c/main.go":    getLocalhost,
		"b/sub/sub.go": "package sub\n\nimport \"net\"\n\nfunc F() { net.Dial(\"tcp\", \"localhost:1\") }\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	// a.Addr is the workspace's own code: reported where it is written.
	for _, want := range []string{"a/a.go:3:14", "b/sub/sub.go:5:28", "c/main.go:5:24"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "go-load") {
		t.Errorf("the workspace should load:\n%s", got)
	}
	if !testenv.Long() {
		return // a named directory loads the standard library again: in CI
	}
	got = lintRel(t, dir, nil, []string{"b/sub"})
	if !strings.Contains(got, "b/sub/sub.go:5:28") || strings.Contains(got, "go-load") {
		t.Errorf("named dir in a workspace:\n%s", got)
	}
}

// TestHermeticLoad: a missing module, a too new go line and a cgo file are
// go-load diagnostics, without the network and without a C compiler. When
// unshare is available the test runs again with no network at all.
func TestHermeticLoad(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"missing/go.mod":  "module example.com/missing\n\ngo 1.22\n\nrequire github.com/absent/nowhere v1.2.3\n",
		"missing/main.go": "package main\n\nimport _ \"github.com/absent/nowhere\"\n\nfunc main() {}\n",
		"cached/go.mod":   "module example.com/cached\n\ngo 1.22\n\nrequire github.com/absent/other v1.0.0\n",
		"cached/go.sum":   "github.com/absent/other v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ngithub.com/absent/other v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"cached/main.go":  "package main\n\nimport _ \"github.com/absent/other\"\n\nfunc main() {}\n",
		"cached/sub/a.go": "package sub\n\nimport _ \"github.com/absent/other\"\n",
		// A package whose import fails, and the packages that import it:
		// each is reported where the import is written, in the module.
		"dependent/go.mod":     "module example.com/dependent\n\ngo 1.22\n\nrequire github.com/absent/nowhere v1.2.3\n",
		"dependent/lib/lib.go": "package lib\n\nimport _ \"github.com/absent/nowhere\"\n",
		"dependent/main.go":    "package main\n\nimport _ \"example.com/dependent/lib\"\n\nfunc main() {}\n",
		// A package whose type errors follow from an import of a package
		// of the module that the module cache stops (a constant of an
		// invalid type): counted with it at go.mod, not reported apart.
		"cascade/go.mod":     "module example.com/cascade\n\ngo 1.22\n\nrequire github.com/absent/other v1.0.0\n",
		"cascade/go.sum":     "github.com/absent/other v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ngithub.com/absent/other v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"cascade/types/t.go": "package types\n\nimport \"github.com/absent/other\"\n\nconst Namespace = other.Key\n",
		"cascade/main.go":    "package main\n\nimport \"example.com/cascade/types\"\n\nvar tags = map[string]string{types.Namespace: \"main\"}\n\nfunc main() { _ = tags }\n",
		"future/go.mod":      "module example.com/future\n\ngo 1.99\n",
		"future/main.go":     getLocalhost,
		"cgo/go.mod":         "module example.com/cgo\n\ngo 1.22\n",
		"cgo/c.go":           "package main\n\n// #include <nothing_here.h>\nimport \"C\"\n\nfunc main() { C.f() }\n",
		"cgo/pure.go":        getLocalhost,
		// A package whose API exists only in its cgo file (the Producer of
		// confluent-kafka-go): its importer is checked.
		"cgoapi/go.mod":               "module example.com/cgoapi\n\ngo 1.22\n",
		"cgoapi/broker/broker.go":     "package broker\n\n// #include <limits.h>\nimport \"C\"\n\nimport \"fmt\"\n\ntype Producer struct{ h *C.int }\n\nconst Any = int32(C.INT_MAX)\n\nfunc NewProducer() *Producer { fmt.Println(); return &Producer{} }\n",
		"cgoapi/broker/config.go":     "package broker\n\ntype Config map[string]string\n",
		"cgoapi/broker/stub_nocgo.go": "//go:build !cgo\n\npackage broker\n\nconst Disabled = true\n",
		"cgoapi/main.go":              "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/cgoapi/broker\"\n)\n\nfunc main() {\n\t_ = broker.NewProducer()\n\tvar p int32 = broker.Any\n\t_, _ = p, broker.Config{}\n\thttp.Get(\"http://localhost:8080/\")\n}\n",
	})
	env := append(os.Environ(), "GOPROXY=https://proxy.golang.org", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=auto", "CGO_ENABLED=1", "CC=/nonexistent/cc")
	ds := Lint([]string{dir}, nil, Options{Environ: env})
	got := format(ds)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`missing/main.go:3:\d+-3:\d+: error: Go package example.com/missing was not checked;.* \[go-load\]\n\tnote: could not import github.com/absent/nowhere: (missing go.sum entry|.*GOPROXY=off)`),
		// In go.sum but not in the module cache: GOPROXY=off, no download.
		// One download fixes both packages: one diagnostic, at go.mod.
		regexp.MustCompile(`cached/go.mod:1:1-1:1: error: 2 Go packages of this module were not checked; run go mod download or exclude the directory \[go-load\]\n\tnote: go list runs offline \(GOPROXY=off\), and the module cache lacks what they import: github.com/absent/other; not checked: example.com/cached(/sub)?, example.com/cached(/sub)?;`),
		regexp.MustCompile(`cascade/go.mod:1:1-1:1: error: 2 Go packages of this module were not checked; run go mod download or exclude the directory \[go-load\]\n\tnote: go list runs offline \(GOPROXY=off\), and the module cache lacks what they import: github.com/absent/other; not checked: example.com/cascade(/types)?, example.com/cascade(/types)?;`),
		regexp.MustCompile(`future/go.mod:1:1-1:1: error: the Go packages of this module were not checked;.* \[go-load\]\n\tnote: .*1\.99`),
		// One diagnostic for both: the same error stops them.
		regexp.MustCompile(`dependent/lib/lib.go:3:\d+-3:\d+: error: Go packages example.com/dependent/lib and 1 other were not checked; (fix the error|run go mod download) or exclude the directory \[go-load\]\n\tnote: could not import github.com/absent/nowhere: .*; the same error stops example.com/dependent\n`),
		// With cgo off the cgo file is left out; the pure Go file is checked.
		regexp.MustCompile(`cgo/pure.go:5:24-5:45: warning: .* \[hardcodedlocalhost\]`),
		regexp.MustCompile(`cgoapi/main.go:13:11-13:35: warning: .* \[hardcodedlocalhost\]`),
	} {
		if !want.MatchString(got) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "cgoapi") && strings.Contains(got, "[go-load]") && regexp.MustCompile(`cgoapi/.*\[go-load\]`).MatchString(got) {
		t.Errorf("a package using a module package's cgo API is not checked:\n%s", got)
	}
	if strings.Contains(got, "cascade/main.go") {
		t.Errorf("the importer of a package the module cache stops is reported apart:\n%s", got)
	}
	// go.mod and go.sum are left as they were (no -mod=mod).
	if data, _ := os.ReadFile(filepath.Join(dir, "missing/go.mod")); !strings.HasSuffix(string(data), "v1.2.3\n") {
		t.Errorf("go.mod rewritten:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing/go.sum")); err == nil {
		t.Error("go.sum written")
	}
	if os.Getenv("REACHLINT_NO_NETWORK") == "" && testenv.Long() { // the rerun doubles the test's time: in CI
		if _, err := exec.LookPath("unshare"); err != nil {
			t.Skip("no unshare: the network-less rerun is skipped")
		}
		if err := exec.Command("unshare", "-rn", "true").Run(); err != nil {
			t.Skip("unshare -rn not permitted: the network-less rerun is skipped")
		}
		cmd := exec.Command("unshare", "-rn", os.Args[0], "-test.run=^TestHermeticLoad$", "-test.count=1")
		cmd.Env = append(os.Environ(), "REACHLINT_NO_NETWORK=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("without network: %v\n%s", err, out)
		}
	}
}

// TestServiceRunsWhatItsDockerfileBuilds: with a Dockerfile that builds
// ./cmd/app, a service with the repository as build context runs cmd/app and
// what it imports, not cmd/other; a service whose Dockerfile only runs go
// test runs no production code.
func TestServiceRunsWhatItsDockerfileBuilds(t *testing.T) {
	fallback := func(pkg, v string) string {
		return "package " + pkg + "\n\nimport \"os\"\n\nfunc Addr() string {\n\ta := os.Getenv(\"" + v + "\")\n\tif a == \"\" {\n\t\ta = \"localhost:1\"\n\t}\n\treturn a\n}\n"
	}
	dir := writeTree(t, map[string]string{
		"go.mod":            "module example.com/app\n\ngo 1.22\n",
		"Dockerfile":        "FROM golang\nCOPY . /src\nRUN cd /src && go build -o /bin/app ./cmd/app\n",
		"test.Dockerfile":   "FROM golang\nCOPY . /app\nCMD [\"go\", \"test\", \"-v\", \"./e2e/...\"]\n",
		"cmd/app/main.go":   "package main\n\nimport \"example.com/app/lib\"\n\nfunc main() { lib.Addr() }\n",
		"cmd/other/main.go": "package main\n\nimport \"example.com/app/other\"\n\nfunc main() { other.Addr() }\n",
		"lib/lib.go":        fallback("lib", "LIB_ADDR"),
		"other/other.go":    fallback("other", "OTHER_ADDR"),
		"e2e/e2e_test.go":   "package e2e\n",
		"e2e/doc.go":        "package e2e\n",
	})
	at := diag.Range{File: "compose.yaml", Start: diag.Pos{Line: 2}}
	ds := Lint([]string{dir}, nil, Options{Services: []Service{
		{Name: "app", Context: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Env: map[string]bool{}, At: at},
		{Name: "tests", Context: dir, Dockerfile: filepath.Join(dir, "test.Dockerfile"), Env: map[string]bool{}, At: at},
	}})
	got := format(ds)
	if !strings.Contains(got, `lib/lib.go:8:7-8:20: warning: LIB_ADDR falls back to "localhost:1" in service "app"; set it in its environment [hardcodedlocalhost]`+"\n\tnote: service \"app\" runs this code without setting LIB_ADDR") {
		t.Errorf("want the fallback in lib, which cmd/app imports, for service app only:\n%s", got)
	}
	if strings.Contains(got, "other.go") || strings.Contains(got, `"tests"`) || findings(got) != 1 {
		t.Errorf("cmd/other is built by no service and tests runs no production code:\n%s", got)
	}
}

// TestContextOnlyHostTools: a database image built from the repository's
// root (unkeyed/unkey's mysql and clickhouse) holds every file of it in its
// build context but builds no Go: a program under tools/ is meant for the
// host, not run in those services. A service whose Dockerfile builds the
// tool still runs it.
func TestContextOnlyHostTools(t *testing.T) {
	tool := "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"127.0.0.1:3306\") }\n"
	dir := writeTree(t, map[string]string{
		"go.mod":                "module example.com/app\n\ngo 1.22\n",
		"dev/Dockerfile.mysql":  "FROM mysql:8.0\nCOPY dev/init.sql /docker-entrypoint-initdb.d/\n",
		"dev/Dockerfile.proxy":  "FROM golang\nCOPY . /src\nRUN cd /src && go build -o /bin/proxy ./tools/proxy\n",
		"tools/portals/main.go": tool,
		// Listening on loopback keeps a host tool's port off the network.
		"tools/portals/listen.go": "package main\n\nimport \"net\"\n\nfunc serve() { net.Listen(\"tcp\", \"127.0.0.1:8080\") }\n",
		"tools/proxy/main.go":     tool,
	})
	at := diag.Range{File: "compose.yaml", Start: diag.Pos{Line: 2}}
	services := []Service{
		{Name: "mysql", Context: dir, Dockerfile: filepath.Join(dir, "dev/Dockerfile.mysql"), Env: map[string]bool{}, At: at},
		{Name: "proxy", Context: dir, Dockerfile: filepath.Join(dir, "dev/Dockerfile.proxy"), Env: map[string]bool{}, At: at},
	}
	got := format(Lint([]string{dir}, nil, Options{Services: services}))
	if !regexp.MustCompile(`tools/portals/main.go:5:\d+-5:\d+: info: .* in a program meant for the host; .*\n\tnote: the program is meant for the host \(it lives under tools/ and no service builds it\)`).MatchString(got) {
		t.Errorf("tools/portals: want info, meant for the host:\n%s", got)
	}
	if strings.Contains(got, "listen.go") {
		t.Errorf("a host tool listening on loopback is right:\n%s", got)
	}
	if !regexp.MustCompile(`tools/proxy/main.go:5:\d+-5:\d+: warning: .*which runs in service "proxy"`).MatchString(got) || strings.Contains(got, `"mysql"`) {
		t.Errorf("tools/proxy: want a warning for service proxy only:\n%s", got)
	}
}

// TestHermeticToolchain: go list runs the release the user pinned when the
// module cache already holds it (GOPROXY is off: never a download), else
// the local Go; auto, path and anything else mean local.
func TestHermeticToolchain(t *testing.T) {
	cache := t.TempDir()
	for _, v := range []string{"go1.27.3", "go1.28rc1"} {
		bin := filepath.Join(cache, "golang.org", "toolchain@v0.0.1-"+v+"."+runtime.GOOS+"-"+runtime.GOARCH, "bin")
		writeFiles(t, bin, map[string]string{"go" + exeSuffix(): "#!/bin/sh\n"})
	}
	for give, want := range map[string]string{
		"":                 "local",
		"auto":             "local",
		"path":             "local",
		"local":            "local",
		"go1.27.3":         "go1.27.3",
		"go1.27.3+auto":    "go1.27.3",
		"go1.28rc1":        "go1.28rc1",
		"go1.27.9":         "local", // pinned but not in the cache
		"go1.27.3; rm -rf": "local",
		"go2":              "local",
	} {
		base := []string{"GOMODCACHE=" + cache}
		if give != "" {
			base = append(base, "GOTOOLCHAIN="+give)
		}
		env := hermeticEnv(base, "off")
		got := ""
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "GOTOOLCHAIN="); ok {
				if got != "" {
					t.Errorf("GOTOOLCHAIN=%q: set twice in %q", give, env)
				}
				got = v
			}
		}
		if got != want {
			t.Errorf("GOTOOLCHAIN=%q: go list runs with %q, want %q", give, got, want)
		}
	}
	// Without GOMODCACHE, GOPATH's first entry holds the cache.
	gopath := filepath.Dir(filepath.Dir(cache)) // not a cache: nothing pinned is found there
	if env := hermeticEnv([]string{"GOPATH=" + gopath, "GOTOOLCHAIN=go1.27.3"}, "off"); !slices.Contains(env, "GOTOOLCHAIN=local") {
		t.Errorf("a GOPATH without the toolchain: %q", env)
	}
}

// findModules finds, in the same order, the modules filepath.WalkDir finds
// below a root (skipping what the go command skips and not following links
// to directories), whether it lists directories itself or through a memo.
func TestFindModulesLikeWalkDir(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod": "module r\n", "a/go.mod": "module a\n", "a/b/go.mod": "module b\n", "a/b/x.go": "package b\n",
		"testdata/go.mod": "module t\n", "vendor/v/go.mod": "module v\n", ".hidden/go.mod": "module h\n",
		"_skip/go.mod": "module s\n", "node_modules/n/go.mod": "module n\n", "c/d/go.mod": "module d\n",
		"c/go.mod/x": "a directory named go.mod\n", "e/README": "no module\n", "A/go.mod": "module A\n",
	})
	if err := os.Symlink(filepath.Join(dir, "c"), filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	var want []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != dir && skipDir(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if d.Name() == "go.mod" && d.Type().IsRegular() {
			want = append(want, filepath.Dir(path))
		}
		return nil
	})
	if len(want) != 5 {
		t.Fatalf("the reference found %v", want)
	}
	memo := vfs.NewStatMemo(vfs.OS{})
	for name, readDir := range map[string]func(string) ([]fs.DirEntry, error){"os": nil, "memo": memo.ReadDir} {
		if got := findModules(dir, readDir); !slices.Equal(got, want) {
			t.Errorf("%s: findModules = %v, want %v", name, got, want)
		}
	}
}

// With tests included, a test of a service's code is not said to run in
// the service: go test runs it, wherever it is started.
func TestTestsDoNotRunInTheService(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":       "module example.com/app\n\ngo 1.22\n",
		"Dockerfile":   "FROM golang\nCOPY . /src\nRUN cd /src && go build -o /bin/app .\n",
		"main.go":      "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"localhost:6379\") }\n",
		"main_test.go": "package main\n\nimport (\n\t\"net\"\n\t\"testing\"\n)\n\nfunc TestX(t *testing.T) { net.Dial(\"tcp\", \"localhost:5432\") }\n",
	})
	at := diag.Range{File: "compose.yaml", Start: diag.Pos{Line: 2}}
	ds := Lint([]string{dir}, nil, Options{IncludeTests: true, Services: []Service{
		{Name: "app", Context: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Env: map[string]bool{}, At: at},
	}})
	got := format(ds)
	if !strings.Contains(got, `"localhost:6379" reaches net.Dial, which runs in service "app"`) {
		t.Errorf("the service's code: %s", got)
	}
	if !strings.Contains(got, `main_test.go`) || strings.Contains(got, `"localhost:5432" reaches net.Dial, which runs in`) {
		t.Errorf("the test: %s", got)
	}
}

// TestDependencyErrorAtGoMod: an error inside a dependency (here a
// replaced module beside the project; in practice the module cache) is not
// the user's to edit, and its file is not shown: the packages it stops are
// reported once, at the module's go.mod.
func TestDependencyErrorAtGoMod(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/go.mod":  "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ../dep\n",
		"app/main.go": "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n",
		"app/b/b.go":  "package b\n\nimport _ \"example.com/dep\"\n",
		"dep/go.mod":  "module example.com/dep\n\ngo 1.22\n\nrequire github.com/absent/nowhere v1.2.3\n",
		"dep/dep.go":  "package dep\n\nimport _ \"github.com/absent/nowhere\"\n",
	})
	got := format(Lint([]string{filepath.Join(dir, "app")}, nil, Options{}))
	want := regexp.MustCompile(`app/go.mod:1:1-1:1: error: Go packages example.com/app and 1 other were not checked; .* \[go-load\]\n\tnote: could not import github.com/absent/nowhere: .*; the same error stops example.com/app/b\n`)
	if !want.MatchString(got) || strings.Contains(got, "dep.go") || strings.Count(got, "[go-load]") != 1 {
		t.Errorf("want one go-load at app/go.mod naming both packages, got:\n%s", got)
	}
}
