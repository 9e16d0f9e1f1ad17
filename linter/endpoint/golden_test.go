package endpoint

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const testdata = "../../testdata/endpoint"

// readLines returns the non-comment lines of a testdata file.
func readLines(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func describe(e Endpoint, text string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\t%-9s %s", e.Role, short(e))
	fmt.Fprintf(&b, "  host %q", text[e.HostStart:e.HostEnd])
	if e.PortStart >= 0 {
		fmt.Fprintf(&b, " port %q", text[e.PortStart:e.PortEnd])
	}
	fmt.Fprintf(&b, "  in %q", text[e.Start:e.End])
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(testdata, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs; run go test ./linter/endpoint -update and read the diff", name)
	}
}

// TestGoldenEnv runs FromEnv over the variables of real compose projects.
// Every endpoint in env.golden has been read by a person and is a real one;
// a change in what is found shows up in review as a diff.
func TestGoldenEnv(t *testing.T) {
	var b strings.Builder
	b.WriteString("# FromEnv over env.txt: only values with endpoints are listed.\n")
	for _, line := range readLines(t, "env.txt") {
		k, v, _ := strings.Cut(line, "=")
		eps := FromEnv(k, v, nil)
		if len(eps) == 0 {
			continue
		}
		b.WriteString(line + "\n")
		for _, e := range eps {
			checkInvariants(t, v, e)
			b.WriteString(describe(e, v) + "\n")
		}
	}
	checkGolden(t, "env.golden", b.String())
}

func TestGoldenArgs(t *testing.T) {
	var b strings.Builder
	b.WriteString("# FromArgs over args.txt: only commands with endpoints are listed.\n")
	for _, line := range readLines(t, "args.txt") {
		var args []string
		if err := json.Unmarshal([]byte(line), &args); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		eps := FromArgs(args)
		if len(eps) == 0 {
			continue
		}
		b.WriteString(line + "\n")
		for _, e := range eps {
			b.WriteString(fmt.Sprintf("%s  arg %d", describe(e.Endpoint, args[e.ArgIndex]), e.ArgIndex))
			if e.PortArg >= 0 {
				b.WriteString(fmt.Sprintf(" port from arg %d", e.PortArg))
			}
			b.WriteString("\n")
		}
	}
	checkGolden(t, "args.golden", b.String())
}

// A server that listens on loopback unless told otherwise gets the address
// it takes by default, at its program's word; a flag that sets the address
// or reads a configuration file, or another subcommand, leaves none.
func TestImpliedBind(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "implied port" or ""
	}{
		{[]string{"gunicorn", "app:app"}, "gunicorn 8000"},
		{[]string{"gunicorn", "app:app", "0.0.0.0:8001"}, "gunicorn 8000"},
		{[]string{"gunicorn", "-b", "0.0.0.0:8000", "app:app"}, ""},
		{[]string{"gunicorn", "--bind=0.0.0.0:8000", "app:app"}, ""},
		{[]string{"gunicorn", "-c", "conf.py", "app:app"}, ""},
		{[]string{"python", "-m", "gunicorn", "app:app"}, "gunicorn 8000"},
		{[]string{"uvicorn", "main:app", "--port", "9000"}, "uvicorn 9000"},
		{[]string{"uvicorn", "main:app", "--host", "0.0.0.0"}, ""},
		{[]string{"flask", "run"}, "flask run 5000"},
		{[]string{"flask", "run", "-p", "5001"}, "flask run 5001"},
		{[]string{"flask", "run", "--host=0.0.0.0"}, ""},
		{[]string{"flask", "db", "upgrade"}, ""},
		{[]string{"python", "manage.py", "runserver"}, "manage.py runserver 8000"},
		{[]string{"python", "manage.py", "runserver", "0.0.0.0:8000"}, ""},
		{[]string{"python3", "manage.py", "migrate"}, ""},
		{[]string{"php", "artisan", "serve", "--port=8080"}, "artisan serve 8080"},
		{[]string{"sh", "-c", "python manage.py migrate && gunicorn app:app"}, "gunicorn 8000"},
		{[]string{"sh", "-c", "gunicorn app:app --bind 0.0.0.0:80 && echo"}, ""},
		{[]string{"sh", "-c", "FLASK_RUN_HOST=0.0.0.0 flask run"}, ""},
		{[]string{"env", "GUNICORN_CMD_ARGS=--bind=0.0.0.0:8000", "gunicorn", "app:app"}, ""},
		{[]string{"env", "DEBUG=1", "gunicorn", "app:app"}, "gunicorn 8000"},
		{[]string{"python", "manage.py", "runserver", "--noreload", "0.0.0.0:8000"}, ""},
		{[]string{"python", "-u", "manage.py", "runserver", "--noreload"}, "manage.py runserver 8000"},
		{[]string{"flask", "--app", "hello", "--debug", "run"}, "flask run 5000"},
		{[]string{"flask", "--app=hello", "run", "--host", "0.0.0.0"}, ""},
		{[]string{"poetry", "run", "uvicorn", "main:app"}, "uvicorn 8000"},
		{[]string{"ddtrace-run", "gunicorn", "app:app"}, "gunicorn 8000"},
		{[]string{"uv", "run", "python", "-m", "flask", "run"}, "flask run 5000"},
		{[]string{"echo", "gunicorn"}, ""},
		{[]string{"php", "artisan", "serve", "--host=0.0.0.0"}, ""},
	} {
		got := ""
		for _, e := range ImpliedBinds(tc.args) {
			got = fmt.Sprintf("%s %d", e.Implied, e.Port)
			if e.Role != Bind || e.Host != "127.0.0.1" {
				t.Errorf("%q: %+v", tc.args, e)
			}
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
		for _, e := range FromArgs(tc.args) {
			if e.Implied != "" {
				t.Errorf("%q: FromArgs returns the implied %+v", tc.args, e)
			}
		}
	}
}
