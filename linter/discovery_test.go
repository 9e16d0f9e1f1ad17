package linter

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The motivating mistake, split so that the finding lands in the file that
// supplies the client's environment.
const (
	discBase = "services:\n  api:\n    image: node\n    ports: [\"3000:3000\"]\n  client:\n    image: node\n"
	discOver = "services:\n  client:\n    environment:\n      API_URL: http://localhost:3000\n"
)

func runIn(t *testing.T, o Options) (*Result, []string) {
	t.Helper()
	res, err := Run(o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var out []string
	for _, d := range res.Diags {
		out = append(out, fmt.Sprintf("%s:%d:%d %s", d.Range.File, d.Range.Start.Line, d.Range.Start.Col, d.Rule))
	}
	return res, out
}

func has(ds []string, want string) bool {
	for _, d := range ds {
		if d == want {
			return true
		}
	}
	return false
}

func TestComposeFileVariable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ map[string]string
		dotenv  string
	}{
		{"default separator", map[string]string{"COMPOSE_FILE": "base.yaml" + string(filepath.ListSeparator) + "sub/over.yaml"}, ""},
		{"COMPOSE_PATH_SEPARATOR", map[string]string{"COMPOSE_FILE": "base.yaml;sub/over.yaml", "COMPOSE_PATH_SEPARATOR": ";"}, ""},
		{"from the .env", map[string]string{}, "COMPOSE_FILE=base.yaml,sub/over.yaml\nCOMPOSE_PATH_SEPARATOR=,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"base.yaml":     discBase,
				"sub/over.yaml": discOver,
				"compose.yaml":  "services: {other: {image: x}}\n",
			}
			if tc.dotenv != "" {
				files[".env"] = tc.dotenv
			}
			writeFiles(t, dir, files)
			res, ds := runIn(t, Options{Cwd: dir, Environ: tc.environ})
			if res.Source("compose.yaml") != nil {
				t.Errorf("compose.yaml was read although COMPOSE_FILE names other files")
			}
			if !has(ds, "sub/over.yaml:4:23 loopback-target") {
				t.Errorf("want loopback-target at the override's value, got %v", ds)
			}
		})
	}
}

func TestExplicitFilesAndProjectDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"files/base.yaml": discBase,
		"files/over.yaml": "services:\n  client:\n    environment:\n      API_URL: ${API_URL}\n",
		"proj/.env":       "API_URL=http://localhost:3000\n",
		"files/.env":      "API_URL=http://api:3000\n",
	})
	// -f a -f b with --project-directory: the .env comes from there, and
	// the finding points at its line.
	_, ds := runIn(t, Options{Cwd: dir, Files: []string{"files/base.yaml", "files/over.yaml"}, ProjectDir: "proj", Environ: map[string]string{}})
	if !has(ds, "proj/.env:1:16 loopback-target") {
		t.Errorf("want loopback-target at proj/.env:1:9, got %v", ds)
	}
	// Without it, files/.env is read and the value is fine.
	_, ds = runIn(t, Options{Cwd: dir, Files: []string{"files/base.yaml", "files/over.yaml"}, Environ: map[string]string{}})
	for _, d := range ds {
		if strings.HasSuffix(d, "loopback-target") {
			t.Errorf("unexpected %s", d)
		}
	}
	// The process environment wins over the .env.
	_, ds = runIn(t, Options{Cwd: dir, Files: []string{"files/base.yaml", "files/over.yaml"}, Environ: map[string]string{"API_URL": "http://localhost:3000"}})
	if !has(ds, "files/over.yaml:4:16 loopback-target") {
		t.Errorf("want the process value reported at the ${API_URL} use, got %v", ds)
	}
}

func TestNoPathWalksUp(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"compose.yaml":          discBase,
		"compose.override.yaml": discOver,
		"src/deep/x.txt":        "",
	})
	res, ds := runIn(t, Options{Cwd: filepath.Join(dir, "src", "deep"), Environ: map[string]string{}})
	if !has(ds, "../../compose.override.yaml:4:23 loopback-target") {
		t.Errorf("got %v", ds)
	}
	if res.Source("../../compose.yaml") == nil {
		t.Errorf("base not read")
	}
}

func TestEnvFileFlags(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"compose.yaml": discBase + "    environment:\n      API_URL: ${API_URL}\n",
		".env":         "API_URL=http://api:3000\n",
		"a.env":        "API_URL=http://api:3000\n",
		"b.env":        "# later file wins\nAPI_URL=http://localhost:3000\n",
	})
	_, ds := runIn(t, Options{Cwd: dir, EnvFiles: []string{"a.env", "b.env"}, Environ: map[string]string{}})
	if !has(ds, "b.env:2:16 loopback-target") {
		t.Errorf("got %v", ds)
	}
	_, ds = runIn(t, Options{Cwd: dir, Environ: map[string]string{}})
	if len(filterRule(ds, "loopback-target")) != 0 {
		t.Errorf(".env value is fine, got %v", ds)
	}
	// An env file given as a path lints the project that reads it.
	_, ds = runIn(t, Options{Cwd: dir, Paths: []string{".env"}, Environ: map[string]string{"API_URL": "http://localhost:3000"}})
	if !has(ds, "compose.yaml:8:16 loopback-target") {
		t.Errorf("the project reading .env was not linted: %v", ds)
	}
}

func filterRule(ds []string, rule string) []string {
	var out []string
	for _, d := range ds {
		if strings.HasSuffix(d, " "+rule) {
			out = append(out, d)
		}
	}
	return out
}
