package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/output"
)

func run(t testing.TB, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, Environ: []string{"HOME=/nonexistent"}, NoGo: true})
	return out.String(), errb.String(), code
}

const sentinel = "S3NTINEL-pw"

// TestSecretsNeverPrinted seeds one secret everywhere a value can come from,
// on lines that get findings, and checks that no output format prints it.
func TestSecretsNeverPrinted(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": `x-common: &common
  AUTH_URL: http://admin:` + sentinel + `@localhost:8080/auth
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ` + sentinel + `
  auth:
    image: keycloak/keycloak
    ports: ["8080:8080"]
  api:
    image: node:20
    env_file: api.env
    environment:
      <<: *common
      DATABASE_URL: postgres://app:` + sentinel + `@localhost:5432/app
      REDIS_URL: redis://:` + sentinel + `@localhost:6379
      CACHE_URL: ${CACHE_URL}
      API_TOKEN: ${API_TOKEN}
    command: ["node", "server.js", "--db-password=` + sentinel + `", "--upstream=http://u:` + sentinel + `@localhost:6379"]
    build:
      context: .
      args:
        NPM_TOKEN: ` + sentinel + `
        REGISTRY: https://u:` + sentinel + `@localhost:6379/npm
  redis:
    image: redis:7
`,
		".env":    "API_TOKEN=" + sentinel + "\nCACHE_URL=redis://cache:" + sentinel + "@localhost:6379/0\nAPI_TOKEN=" + sentinel + "\n",
		"api.env": "SECRET_KEY=" + sentinel + "\nQUEUE_URL=amqp://guest:" + sentinel + "@localhost:6379\n",
	})
	sawFinding := false
	for _, f := range output.Formats {
		out, errOut, code := run(t, dir, "--no-env", "--format", f, ".")
		if code != ExitFindings {
			t.Fatalf("format %s: exit %d, want findings; stderr: %s", f, code, errOut)
		}
		if strings.Contains(out+errOut, sentinel) {
			t.Errorf("format %s prints the secret:\n%s", f, out)
		}
		if strings.Contains(out, "localhost") {
			sawFinding = true
		}
	}
	if !sawFinding {
		t.Fatal("no finding mentions the seeded lines; the test proves nothing")
	}
	// --diff is not a report: it prints the user's own file exactly, like
	// git diff, so that the patch applies (TestDiffApplies).
}

// TestDiffApplies: the --diff patch applies with git apply and patch -p1,
// secrets and all (issue 13); it is the user's own content, not a report.
func TestDiffApplies(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": "services:\n  db:\n    image: postgres:16\n  api:\n    image: node:20\n    environment:\n      DATABASE_URL: postgres://app:" + sentinel + "@localhost:5432/app\n      DB_PASSWORD: " + sentinel + "\n",
		".env":         "GREETING=hello #world\n",
	})
	out, errOut, _ := run(t, dir, "--no-env", "--diff", ".")
	if !strings.Contains(out, "@db:5432") || !strings.Contains(out, sentinel) {
		t.Fatalf("--diff did not print the fix with its context:\n%s%s", out, errOut)
	}
	if strings.Contains(out, "GREETING") {
		t.Errorf("--diff applies the unsafe quoting suggestion without --fix-unsafe:\n%s", out)
	}
	if err := exec.Command("git", "-C", dir, "init", "-q").Run(); err != nil {
		t.Skip("git not available")
	}
	cmd := exec.Command("git", "-C", dir, "apply", "--check", "-")
	cmd.Stdin = strings.NewReader(out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git apply --check: %v\n%s\npatch:\n%s", err, b, out)
	}
	if _, err := exec.LookPath("patch"); err == nil {
		cmd := exec.Command("patch", "-p1", "--dry-run")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("patch -p1 --dry-run: %v\n%s", err, b)
		}
	}
	out, _, _ = run(t, dir, "--no-env", "--diff", "--fix-unsafe", ".")
	if !strings.Contains(out, `+GREETING="hello #world"`) {
		t.Errorf("--fix-unsafe does not include the suggestion:\n%s", out)
	}
}

// TestDependsOnDenseGraph: compose-go's consistency check is exponential on
// shared dependencies; ours is linear. 32 services each depending on all
// earlier ones, and a chain of 2,000, lint quickly (the limit only catches
// an exponential regression; speed is measured by BenchmarkDenseGraph).
func TestDependsOnDenseGraph(t *testing.T) {
	for name, text := range map[string]string{"dense": denseGraph(32), "chain": chain(2000)} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": text})
			start := time.Now()
			out, errOut, code := run(t, dir, "--no-env", ".")
			if code != ExitClean {
				t.Fatalf("exit %d: %s%s", code, out, errOut)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Fatalf("took %v: not linear", d)
			}
		})
	}
}

func denseGraph(n int) string {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  s%d:\n    image: busybox\n", i)
		if i > 0 {
			b.WriteString("    depends_on:\n")
			for j := range i {
				fmt.Fprintf(&b, "      - s%d\n", j)
			}
		}
	}
	return b.String()
}

func chain(n int) string {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&b, "  s%d:\n    image: busybox\n", i)
		if i > 0 {
			fmt.Fprintf(&b, "    depends_on: [s%d]\n", i-1)
		}
	}
	return b.String()
}

func BenchmarkDenseGraph(b *testing.B) {
	dir := b.TempDir()
	testfs.WriteFiles(b, dir, map[string]string{"compose.yaml": denseGraph(32)})
	for b.Loop() {
		if _, err := linter.Run(linter.Options{Cwd: dir, Paths: []string{"."}}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLargeFile: compose-go refuses files over about 2 MB ("exceeds maximum
// node visit limit"); reachlint lints them, and says clearly when a file is
// over max-file-size.
func TestLargeFile(t *testing.T) {
	// 3 MB in CI (REACHLINT_LONG=1, about 15 s on a loaded 2-core
	// machine), 256 KiB in a plain go test run.
	size := 256 << 10
	if testenv.Long() {
		size = 3 << 20
	}
	var b strings.Builder
	b.WriteString("services:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  svc%d:\n    image: nginx\n    environment:\n      A: \"1\"\n      B: \"2\"\n      C: \"3\"\n    ports: [\"%d:80\"]\n", i, 10000+i)
	}
	b.WriteString("  client:\n    image: node\n    environment:\n      API: http://localhost:3000\n  api:\n    image: node\n    expose: [\"3000\"]\n")
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": b.String()})
	out, errOut, code := run(t, dir, "--no-env", "--format", "oneline", ".")
	if code != ExitFindings || !strings.Contains(out, "loopback-target") {
		t.Fatalf("exit %d, want the loopback-target finding at the end of a %d-byte file:\n%.2000s%s", code, b.Len(), out, errOut)
	}
	// Over the limit: a clear message with the path.
	testfs.WriteFiles(t, dir, map[string]string{".reachlint.yaml": fmt.Sprintf("max-file-size: %dKiB\n", size>>11)})
	out, errOut, _ = run(t, dir, "--no-env", "--format", "oneline", ".")
	if !strings.Contains(out+errOut, "compose.yaml") || !strings.Contains(out+errOut, "limit") {
		t.Fatalf("no clear size message:\n%s%s", out, errOut)
	}
}

// TestManyProjects lints 1,000 projects under ./... with bounded memory.
func TestManyProjects(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 1000 {
		files[fmt.Sprintf("p%04d/compose.yaml", i)] = "services:\n  api:\n    image: node\n    ports: [\"3000:3000\"]\n  client:\n    image: node\n    environment:\n      API_URL: http://localhost:3000\n"
	}
	testfs.WriteFiles(t, dir, files)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	out, errOut, code := run(t, dir, "--no-env", "--format", "json", "./...")
	runtime.ReadMemStats(&after)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ds []map[string]any
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1000 {
		t.Fatalf("got %d findings, want one per project", len(ds))
	}
	if grown := after.HeapInuse - min(after.HeapInuse, before.HeapInuse); grown > 100<<20 {
		t.Fatalf("heap grew by %d MiB", grown>>20)
	}
}

type emptyFS struct{}

func (emptyFS) ReadFile(p string) ([]byte, error)       { return nil, os.ErrNotExist }
func (emptyFS) Stat(p string) (os.FileInfo, error)      { return nil, os.ErrNotExist }
func (emptyFS) Lstat(p string) (os.FileInfo, error)     { return nil, os.ErrNotExist }
func (emptyFS) ReadDir(p string) ([]os.DirEntry, error) { return nil, os.ErrNotExist }

// panicFS fails in the worst way: a bug anywhere below Main.
type panicFS struct{ emptyFS }

func (panicFS) Stat(p string) (os.FileInfo, error)  { panic("boom in " + p) }
func (panicFS) Lstat(p string) (os.FileInfo, error) { panic("boom in " + p) }

// TestPanicIsExit3: a panic becomes exit 3 with a request for a bug
// report, never a crash.
func TestPanicIsExit3(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main([]string{"--no-config", "."}, &Env{Stdout: &out, Stderr: &errb, Cwd: "/p", FS: panicFS{}, NoGo: true})
	if code != ExitInternal {
		t.Fatalf("exit %d, want %d", code, ExitInternal)
	}
	if !strings.Contains(errb.String(), "internal error: boom") || !strings.Contains(errb.String(), "report") {
		t.Errorf("stderr: %s", errb.String())
	}
}

// TestEmptyLayer: an empty compose file layered over others (a fork's
// extension seam, as opentelemetry-demo ships one) is fine in Compose,
// which refuses only a project where no file holds anything.
func TestEmptyLayer(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml":        "services:\n  web:\n    image: nginx\n",
		"compose.extras.yaml": "# override this file in your fork\n",
	})
	for _, args := range [][]string{
		{"--no-env", "-f", "compose.yaml", "-f", "compose.extras.yaml"},
		{"--no-env", "./..."},
		{"--no-env", "compose.extras.yaml"},
	} {
		if out, errs, code := run(t, dir, args...); code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	if out, _, code := run(t, dir, "--no-env", "-f", "compose.extras.yaml"); code != 1 || !strings.Contains(out, "empty compose file") {
		t.Errorf("alone, the empty file is refused: exit %d\n%s", code, out)
	}
}
