package linter

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
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
			testfs.WriteFiles(t, dir, files)
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
	testfs.WriteFiles(t, dir, map[string]string{
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
	testfs.WriteFiles(t, dir, map[string]string{
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
	testfs.WriteFiles(t, dir, map[string]string{
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

// Issue 10, item 9: a directory's .env picks the project's files and
// profiles however the directory is named, as docker compose
// --project-directory DIR (run inside DIR) does; the process environment
// wins over the .env.
func TestComposeVariablesFromDirectoryEnv(t *testing.T) {
	const (
		base = "services:\n  api:\n    image: node\n    ports: [\"3000:3000\"]\n  client:\n    image: node\n" +
			"  debug:\n    image: node\n    profiles: [debug]\n    environment:\n      API_URL: http://localhost:3000\n"
		dev = "services:\n  client:\n    environment:\n      API_URL: http://localhost:3000\n"
	)
	type want struct{ dev, debug bool }
	for _, tc := range []struct {
		name    string
		dotenv  string
		environ map[string]string
		want    want
	}{
		{"no .env", "", nil, want{false, true}},
		{"COMPOSE_FILE", "COMPOSE_FILE=compose.yaml:compose.dev.yaml\n", nil, want{true, true}},
		{"COMPOSE_PATH_SEPARATOR", "COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE=compose.yaml,compose.dev.yaml\n", nil, want{true, true}},
		{"separator from the process", "COMPOSE_FILE=compose.yaml;compose.dev.yaml\n", map[string]string{"COMPOSE_PATH_SEPARATOR": ";"}, want{true, true}},
		{"interpolated", "FILES=compose.yaml:compose.dev.yaml\nCOMPOSE_FILE=${FILES}\n", nil, want{true, true}},
		{"process wins", "COMPOSE_FILE=compose.yaml:compose.dev.yaml\n", map[string]string{"COMPOSE_FILE": "compose.yaml"}, want{false, true}},
		{"COMPOSE_PROFILES", "COMPOSE_PROFILES=web, other\n", nil, want{false, false}},
		{"COMPOSE_PROFILES names it", "COMPOSE_PROFILES=web,debug\n", nil, want{false, true}},
		{"COMPOSE_PROFILES from the process", "COMPOSE_PROFILES=debug\n", map[string]string{"COMPOSE_PROFILES": "web"}, want{false, false}},
		{"both", "COMPOSE_FILE=compose.yaml:compose.dev.yaml\nCOMPOSE_PROFILES=web\n", nil, want{true, false}},
	} {
		for _, way := range []struct {
			name, cwd string
			paths     []string
		}{
			{"no argument", "proj", nil},
			{"dot", "proj", []string{"."}},
			{"DIR", "", []string{"proj"}},
			{"DIR/", "", []string{"proj/"}},
			{"absolute DIR", "", []string{"$ABS"}},
			{"./...", "proj", []string{"./..."}},
			{"DIR/...", "", []string{"proj/..."}},
		} {
			t.Run(tc.name+"/"+way.name, func(t *testing.T) {
				dir := t.TempDir()
				files := map[string]string{"proj/compose.yaml": base, "proj/compose.dev.yaml": dev}
				if tc.dotenv != "" {
					files["proj/.env"] = tc.dotenv
				}
				testfs.WriteFiles(t, dir, files)
				environ := tc.environ
				if environ == nil {
					environ = map[string]string{}
				}
				var paths []string
				for _, p := range way.paths {
					paths = append(paths, strings.ReplaceAll(p, "$ABS", filepath.Join(dir, "proj")))
				}
				_, ds := runIn(t, Options{Cwd: filepath.Join(dir, way.cwd), Paths: paths, Environ: environ})
				prefix := "proj/"
				if way.cwd != "" {
					prefix = ""
				}
				got := want{has(ds, prefix+"compose.dev.yaml:4:23 loopback-target"), has(ds, prefix+"compose.yaml:11:23 loopback-target")}
				w := tc.want
				if strings.HasSuffix(way.name, "...") {
					w.dev = true // a walk lints every compose file, variants too
				}
				if got != w {
					t.Errorf("override linted %v (want %v), debug profile linted %v (want %v): %v", got.dev, w.dev, got.debug, w.debug, ds)
				}
			})
		}
	}
}

// --project-directory without paths reads that directory's .env, not the
// current one's.
func TestProjectDirectoryEnvPicksFiles(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"proj/compose.yaml":     discBase,
		"proj/compose.dev.yaml": discOver,
		"proj/.env":             "COMPOSE_FILE=compose.yaml:compose.dev.yaml\n",
		".env":                  "COMPOSE_FILE=nothing.yaml\n",
	})
	_, ds := runIn(t, Options{Cwd: dir, ProjectDir: "proj", Environ: map[string]string{}})
	if !has(ds, "proj/compose.dev.yaml:4:23 loopback-target") {
		t.Errorf("got %v", ds)
	}
	// --env-file replaces the directory's .env for COMPOSE_FILE too.
	testfs.WriteFiles(t, dir, map[string]string{"ci.env": "COMPOSE_FILE=compose.yaml\n"})
	_, ds = runIn(t, Options{Cwd: dir, Paths: []string{"proj"}, EnvFiles: []string{"ci.env"}, Environ: map[string]string{}})
	if has(ds, "proj/compose.dev.yaml:4:23 loopback-target") {
		t.Errorf("--env-file names only compose.yaml, got %v", ds)
	}
}

// In a walk, a COMPOSE_FILE from the process that names files another
// directory does not have leaves that directory's own project alone.
func TestWalkIgnoresForeignComposeFile(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"a/compose.yaml":     discBase,
		"a/compose.dev.yaml": discOver,
		"b/compose.yaml":     discBase + "    environment:\n      API_URL: http://localhost:3000\n",
	})
	_, ds := runIn(t, Options{Cwd: dir, Paths: []string{"./..."}, Environ: map[string]string{"COMPOSE_FILE": "compose.yaml:compose.dev.yaml"}})
	if !has(ds, "a/compose.dev.yaml:4:23 loopback-target") || !has(ds, "b/compose.yaml:8:23 loopback-target") {
		t.Errorf("got %v", ds)
	}
}

// Files COMPOSE_FILE names need not have compose-like names: every way of
// naming the directory finds them.
func TestComposeFileOtherNames(t *testing.T) {
	for _, way := range []struct {
		cwd   string
		paths []string
	}{{"proj", nil}, {"proj", []string{"."}}, {"", []string{"proj"}}, {"", []string{"proj/..."}}, {"proj", []string{"./..."}}} {
		dir := t.TempDir()
		testfs.WriteFiles(t, dir, map[string]string{
			"proj/stack/base.yaml": discBase,
			"proj/stack/over.yaml": discOver,
			"proj/.env":            "COMPOSE_FILE=stack/base.yaml:stack/over.yaml\n",
		})
		_, ds := runIn(t, Options{Cwd: filepath.Join(dir, way.cwd), Paths: way.paths, Environ: map[string]string{}})
		want := "stack/over.yaml:4:23 loopback-target"
		if way.cwd == "" {
			want = "proj/" + want
		}
		if !has(ds, want) {
			t.Errorf("%q in %q: got %v, want %s", way.paths, way.cwd, ds, want)
		}
	}
}

// -f with paths: the files are the one compose project, the paths add the
// JavaScript (and Go) code below them, matched to that project's services;
// the compose files the walk meets are not linted.
func TestFilesWithPaths(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.local.yaml":       "services:\n  web:\n    build: ./web\n    ports: [\"3000:3000\"]\n  api:\n    image: node:22\n    ports: [\"4000:4000\"]\n",
		"web/package.json":         `{"dependencies": {"express": "4"}, "main": "index.js"}`,
		"web/index.js":             "const axios = require('axios');\naxios.get('http://localhost:4000/items');\n",
		"other/docker-compose.yml": "services:\n  x:\n    image: nginx\n    environment: [API=http://localhost:1/]\n    ports: [\"1:1\"]\n    depends_on: [missing]\n",
	})
	_, got := runIn(t, Options{Cwd: dir, Files: []string{"compose.local.yaml"}, Paths: []string{"./..."}})
	if !has(got, "web/index.js:2:19 js-hardcoded-localhost") {
		t.Errorf("the code of the -f project's service is not linted: %v", got)
	}
	for _, d := range got {
		if strings.HasPrefix(d, "other/") {
			t.Errorf("a compose project the walk met is linted: %s", d)
		}
	}
	if _, err := Run(Options{Cwd: dir, Files: []string{"compose.local.yaml"}, Paths: []string{"missing/..."}}); err == nil {
		t.Error("a missing path is no usage error")
	}
	// "-f a -f b" mistyped as "-f a b", or a directory's project: not silently dropped.
	for _, p := range []string{"other/docker-compose.yml", "other", "."} {
		if _, err := Run(Options{Cwd: dir, Files: []string{"compose.local.yaml"}, Paths: []string{p}}); err == nil {
			t.Errorf("-f with %s is no usage error", p)
		}
	}
	if _, got := runIn(t, Options{Cwd: dir, Files: []string{"compose.local.yaml"}, Paths: []string{"web/index.js"}}); !has(got, "web/index.js:2:19 js-hardcoded-localhost") {
		t.Errorf("-f with a source file: %v", got)
	}
}
