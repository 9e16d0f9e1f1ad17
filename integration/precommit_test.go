// Package integration holds end-to-end tests that run real tools against
// this repository. They run only with REACHLINT_INTEGRATION=1 (.ci/run sets
// it); with CI=true a missing tool fails the test instead of skipping it.
package integration

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func integration(t *testing.T) {
	t.Helper()
	if os.Getenv("REACHLINT_INTEGRATION") != "1" {
		t.Skip("set REACHLINT_INTEGRATION=1 to run the integration tests")
	}
}

// need returns the path of a program, skipping the test when it is missing
// outside CI and failing it in CI.
func need(t *testing.T, prog, install string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true): %s", prog, install)
	}
	t.Skipf("%s is not installed; %s", prog, install)
	return ""
}

// repoRoot is this repository's top directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("not in a git checkout: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// env is the environment of every command: a fixed git identity, no user
// configuration, a private pre-commit cache, and the Go caches of this
// process (pre-commit sets GOPATH to its own directory, which would
// otherwise move the module cache and download every module again).
func env(t *testing.T, home string, extra ...string) []string {
	t.Helper()
	goenv := func(k string) string {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", k, err)
		}
		return strings.TrimSpace(string(out))
	}
	modcache := goenv("GOMODCACHE")
	e := append(os.Environ(),
		"GIT_AUTHOR_NAME=reachlint test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=reachlint test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"PRE_COMMIT_HOME="+filepath.Join(home, "pre-commit"),
		"GOMODCACHE="+modcache, "GOCACHE="+goenv("GOCACHE"),
		"NO_COLOR=1",
	)
	return installedGo(append(e, extra...), modcache)
}

// installedGo returns env as a user's shell has it. go test puts its own
// GOROOT first on PATH (and sets GOROOT). When that Go is a toolchain the go
// command fetched (GOTOOLCHAIN=go1.27.3 on a machine whose Go is older), it
// lives in the module cache, below the home directory, where pre-commit's
// golang hooks take it for a per-user shim and download a Go of their own
// instead (from go.dev: the test fails offline). A user has the installed
// Go on PATH, which switches to the same toolchain through the GOTOOLCHAIN
// it inherits: so do the hooks here.
func installedGo(env []string, modcache string) []string {
	fetched := filepath.Join(modcache, "golang.org") + string(filepath.Separator) + "toolchain@"
	var out []string
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "GOROOT" && strings.HasPrefix(v, fetched):
			continue
		case k == "PATH":
			var keep []string
			for _, dir := range filepath.SplitList(v) {
				if !strings.HasPrefix(dir, fetched) {
					keep = append(keep, dir)
				}
			}
			kv = "PATH=" + strings.Join(keep, string(filepath.ListSeparator))
		}
		out = append(out, kv)
	}
	return out
}

type runner struct {
	t   *testing.T
	env []string
}

// run runs a command in dir and returns its combined output and whether it
// succeeded.
func (r runner) run(dir string, name string, args ...string) (string, bool) {
	r.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			r.t.Fatalf("%s %v: %v", name, args, err)
		}
	}
	return string(out), err == nil
}

func (r runner) must(dir string, name string, args ...string) string {
	r.t.Helper()
	out, ok := r.run(dir, name, args...)
	if !ok {
		r.t.Fatalf("%s %v failed:\n%s", name, args, out)
	}
	return out
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const tag = "v0.0.0-precommit-test"

// hookRepo clones this repository's committed HEAD into a throwaway
// directory and tags it: pre-commit installs hooks from a git repository at
// a revision, so uncommitted changes are not part of what it tests.
func hookRepo(t *testing.T, r runner, tmp string) string {
	t.Helper()
	clone := filepath.Join(tmp, "hooks")
	r.must(tmp, "git", "clone", "-q", "--no-hardlinks", repoRoot(t), clone)
	if _, err := os.Stat(filepath.Join(clone, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("the committed HEAD has no .pre-commit-hooks.yaml: %v", err)
	}
	r.must(clone, "git", "tag", tag)
	return clone
}

func project(t *testing.T, r runner, dir, config string) {
	t.Helper()
	r.must(filepath.Dir(dir), "git", "init", "-q", "-b", "main", dir)
	write(t, filepath.Join(dir, ".pre-commit-config.yaml"), config)
	r.must(dir, "git", "add", ".pre-commit-config.yaml")
	r.must(dir, "git", "commit", "-q", "--no-verify", "-m", "pre-commit config")
}

// broken is the README's example: the client reaches localhost:3000, which
// is itself.
const broken = `services:
  api:
    build: ./api
    ports: ["3000:3000"]
    networks: [app-network]
    environment: [PORT=3000]
  client:
    build: ./client
    ports: ["8080:3000"]
    networks: [app-network]
    environment:
      - API_BASE_URL=http://localhost:3000
    depends_on: [api]
networks:
  app-network: {driver: bridge}
`

const finding = `compose.yaml:12:29: error: service "client" reaches "localhost:3000"`

// TestPreCommitHook installs the reachlint hook from a tagged clone with
// Debian's pre-commit, and checks that a commit of a broken compose file is
// refused with reachlint's output and that the fixed file commits.
func TestPreCommitHook(t *testing.T) {
	integration(t)
	need(t, "git", "apt-get install git")
	need(t, "pre-commit", "apt-get install pre-commit (CI installs Debian's package)")
	need(t, "go", "the golang hooks build reachlint with the installed go")
	tmp := t.TempDir()
	r := runner{t, env(t, tmp)}
	clone := hookRepo(t, r, tmp)

	proj := filepath.Join(tmp, "project")
	project(t, r, proj, `repos:
  - repo: `+clone+`
    rev: `+tag+`
    hooks:
      - id: reachlint
        args: [--no-env]
`)
	r.must(proj, "pre-commit", "install")

	// A file the hook's files: regex does not match is not linted.
	write(t, filepath.Join(proj, "notes.yaml"), "not: [compose\n")
	r.must(proj, "git", "add", "notes.yaml")
	r.must(proj, "git", "commit", "-q", "-m", "notes")

	write(t, filepath.Join(proj, "compose.yaml"), broken)
	r.must(proj, "git", "add", "compose.yaml")
	out, ok := r.run(proj, "git", "commit", "-m", "broken compose file")
	if ok {
		t.Fatalf("the commit of a broken compose file passed:\n%s", out)
	}
	if !strings.Contains(out, finding) || !strings.Contains(out, "[loopback-target]") || !strings.Contains(out, "reachlint") {
		t.Fatalf("the refused commit does not show reachlint's finding %q:\n%s", finding, out)
	}
	if log := r.must(proj, "git", "log", "--format=%s"); strings.Contains(log, "broken compose file") {
		t.Fatalf("the broken commit was recorded:\n%s", log)
	}

	write(t, filepath.Join(proj, "compose.yaml"), strings.Replace(broken, "http://localhost:3000", "http://api:3000", 1))
	r.must(proj, "git", "add", "compose.yaml")
	out = r.must(proj, "git", "commit", "-m", "fixed compose file")
	if !strings.Contains(out, "Passed") {
		t.Errorf("the hook did not run on the fixed file:\n%s", out)
	}

	// A broken .env file is caught too: the hook lints the project that
	// reads it.
	write(t, filepath.Join(proj, "compose.yaml"), strings.Replace(broken, "    environment:\n      - API_BASE_URL=http://localhost:3000\n", "    env_file: client.env\n", 1))
	write(t, filepath.Join(proj, "client.env"), "API_BASE_URL=http://localhost:3000\n")
	r.must(proj, "git", "add", "compose.yaml", "client.env")
	out, ok = r.run(proj, "git", "commit", "-m", "broken env file")
	if ok || !strings.Contains(out, `client.env:1:21: error: service "client" reaches "localhost:3000"`) {
		t.Errorf("the commit of a broken .env file was not refused with its finding (ok=%v):\n%s", ok, out)
	}
}

// TestPreCommitGoAndSystemHooks runs the reachlint-go hook (the Go files
// given, nothing else) and the reachlint-system hook (a reachlint on PATH).
func TestPreCommitGoAndSystemHooks(t *testing.T) {
	integration(t)
	need(t, "git", "apt-get install git")
	need(t, "pre-commit", "apt-get install pre-commit (CI installs Debian's package)")
	need(t, "go", "the golang hooks build reachlint with the installed go")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	// The system hook uses whatever reachlint is on PATH: build this tree's.
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "reachlint"), "./cmd/reachlint")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	r := runner{t, env(t, tmp, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))}
	clone := hookRepo(t, r, tmp)

	proj := filepath.Join(tmp, "project")
	project(t, r, proj, `repos:
  - repo: `+clone+`
    rev: `+tag+`
    hooks:
      - id: reachlint-go
        args: [--no-env]
      - id: reachlint-system
        args: [--no-env]
`)
	// The Go program is the api service's (build: ./api): it runs in a
	// container.
	write(t, filepath.Join(proj, "api", "go.mod"), "module example.com/svc\n\ngo 1.26.0\n")
	write(t, filepath.Join(proj, "api", "main.go"), "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tresp, err := http.Get(\"http://localhost:8000/users\")\n\tif err == nil {\n\t\tresp.Body.Close()\n\t}\n}\n")
	write(t, filepath.Join(proj, "compose.yaml"), broken)
	r.must(proj, "git", "add", ".")

	out, ok := r.run(proj, "pre-commit", "run", "reachlint-go", "--all-files")
	if ok || !strings.Contains(out, `api/main.go:6:24: warning: "http://localhost:8000/users" reaches http.Get, which runs in service "api"`) {
		t.Errorf("reachlint-go did not report the Go finding (ok=%v):\n%s", ok, out)
	}
	if strings.Contains(out, finding) {
		t.Errorf("reachlint-go linted the compose file:\n%s", out)
	}
	// A commit that touches only Go code is not blocked by compose
	// findings elsewhere in the repository.
	r.must(proj, "git", "commit", "-q", "--no-verify", "-m", "start")
	r.must(proj, "pre-commit", "install")
	write(t, filepath.Join(proj, "api", "main.go"), "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() {\n\tresp, err := http.Get(os.Getenv(\"API_URL\") + \"/users\")\n\tif err == nil {\n\t\tresp.Body.Close()\n\t}\n}\n")
	r.must(proj, "git", "add", "api/main.go")
	if out, ok := r.run(proj, "git", "commit", "-m", "go only"); !ok || strings.Contains(out, finding) {
		t.Errorf("a commit of a clean Go file was blocked (ok=%v):\n%s", ok, out)
	}
	out, ok = r.run(proj, "pre-commit", "run", "reachlint-system", "--all-files")
	if ok || !strings.Contains(out, finding) {
		t.Errorf("reachlint-system did not report the compose finding (ok=%v):\n%s", ok, out)
	}
	if strings.Contains(out, "main.go") {
		t.Errorf("reachlint-system linted a Go file it was not given:\n%s", out)
	}
}
