package compose

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

func finder(dir string) *Finder { return &Finder{L: NewLoader(vfs.OS{}, dir, 0, Limits{})} }

// rel renders a plan's projects as "file+file" relative to dir.
func rel(t *testing.T, dir string, plan *Plan) []string {
	t.Helper()
	var out []string
	for _, s := range plan.Projects {
		var fs []string
		for _, f := range s.Files {
			r, err := filepath.Rel(dir, f)
			if err != nil {
				t.Fatal(err)
			}
			fs = append(fs, r)
		}
		out = append(out, strings.Join(fs, "+"))
	}
	return out
}

func TestBasePrecedence(t *testing.T) {
	const svc = "services: {web: {image: nginx}}\n"
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{[]string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}, "compose.yaml"},
		{[]string{"compose.yml", "docker-compose.yml"}, "compose.yml"},
		{[]string{"docker-compose.yaml", "docker-compose.yml"}, "docker-compose.yml"},
		{[]string{"docker-compose.yml"}, "docker-compose.yml"},
		{[]string{"compose.yaml", "compose.override.yaml", "compose.override.yml"}, "compose.yaml+compose.override.yml"},
		{[]string{"compose.yaml", "compose.override.yml"}, "compose.yaml+compose.override.yml"},
		{[]string{"compose.yaml", "docker-compose.override.yml"}, "compose.yaml+docker-compose.override.yml"},
		{[]string{"docker-compose.yml", "docker-compose.override.yml", "compose.override.yaml"}, "docker-compose.yml+compose.override.yaml"},
	} {
		files := map[string]string{}
		for _, f := range tc.files {
			files[f] = svc
		}
		dir := setup(t, files)
		plan, err := finder(dir).Paths([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rel(t, dir, plan), ","); got != tc.want {
			t.Errorf("%v: picked %s, want %s", tc.files, got, tc.want)
		}
	}
}

func TestFindUpFromSubdirectory(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml":          "services: {web: {image: nginx}}\n",
		"compose.override.yaml": "services: {web: {ports: ['80:80']}}\n",
		"src/app/main.txt":      "",
	})
	spec, ok := finder(dir).FindUp(filepath.Join(dir, "src", "app"))
	if !ok {
		t.Fatal("not found from a subdirectory")
	}
	eq(t, "project dir", spec.ProjectDir, dir)
	eq(t, "files", len(spec.Files), 2)
	if _, ok := finder(dir).FindUp(t.TempDir()); ok && os.Getenv("HOME") != "/" {
		// A fresh temp dir has no compose file up to / unless the machine
		// has one in a parent; only report when none exists there.
		if _, err := os.Stat("/compose.yaml"); err != nil {
			t.Error("found a project in an empty directory")
		}
	}
}

func TestWalkEveryFileOnce(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml":                      "services: {web: {image: nginx}}\n",
		"compose.override.yaml":             "services: {web: {ports: ['80:80']}}\n",
		"compose.prod.yaml":                 "services: {web: {image: nginx:stable}}\n",
		"docker-compose.dev.yml":            "services: {web: {environment: {DEBUG: '1'}}}\n",
		"svc/a/docker-compose.yml":          "services: {a: {image: a}}\n",
		"svc/a/docker-compose.override.yml": "services: {a: {ports: ['1:1']}}\n",
		"svc/b/compose.yml":                 "services: {b: {image: b}}\n",
		"svc/b/docker-compose.yml":          "services: {b: {image: old}}\n",
		".git/compose.yaml":                 "services: {x: {image: x}}\n",
		"node_modules/pkg/compose.yaml":     "services: {x: {image: x}}\n",
		"vendor/mod/docker-compose.yml":     "services: {x: {image: x}}\n",
		"deep/node_modules/compose.yaml":    "services: {x: {image: x}}\n",
		"pkg/testdata/compose.yaml":         "services: {x: {image: x}}\n",
		"pkg/testdata/.env":                 "A=1\n",
		"svc/c/.env":                        "A=1\n",
		"notes/readme.yaml":                 "services: {}\n",
		// A cookiecutter template, rendered before anyone runs it.
		"tpl/{{cookiecutter.project_slug}}/docker-compose.yml": "services: {web: {ports: [ {{cookiecutter.port}}:80 ]}}\n",
	})
	plan, err := finder(dir).Paths([]string{dir + "/..."})
	if err != nil {
		t.Fatal(err)
	}
	got := rel(t, dir, plan)
	want := []string{
		"compose.yaml+compose.override.yaml",
		"compose.prod.yaml",                   // complete: on its own
		"compose.yaml+docker-compose.dev.yml", // partial: over the base
		"svc/a/docker-compose.yml+svc/a/docker-compose.override.yml",
		"svc/b/compose.yml",
		"svc/b/docker-compose.yml",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("projects:\n got  %v\n want %v", got, want)
	}
	// Every compose file below is linted exactly once as a primary file.
	count := map[string]int{}
	for _, s := range plan.Projects {
		count[s.Files[len(s.Files)-1]]++
	}
	for f, n := range count {
		if n != 1 {
			t.Errorf("%s is the last file of %d projects", f, n)
		}
	}
	if !slices.Contains(plan.EnvFiles, filepath.Join(dir, "svc/c/.env")) {
		t.Errorf("env files %v miss svc/c/.env", plan.EnvFiles)
	}
	// Walking twice (dir and dir/...) lists each project once.
	plan2, err := finder(dir).Paths([]string{dir + "/...", dir})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "dedupe", len(plan2.Projects), len(plan.Projects))
}

func TestEnvFileArgFindsProject(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml":         "services: {web: {image: nginx, env_file: config/app.env}}\n",
		"config/app.env":       "A=1\n",
		"config/unrelated.env": "B=1\n",
		".git/HEAD":            "",
	})
	f := finder(dir)
	plan, err := f.Paths([]string{filepath.Join(dir, "config", "app.env")})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Projects) != 1 || plan.Projects[0].EnvArg == "" {
		t.Fatalf("projects %+v", plan.Projects)
	}
	p := f.L.Load(Options{Files: plan.Projects[0].Files, ProjectDir: plan.Projects[0].ProjectDir})
	if p.EnvFileFor(mustSrc(t, f.L, filepath.Join(dir, "config", "app.env"))) == nil {
		t.Errorf("the project found for app.env does not read it")
	}
}

func mustSrc(t *testing.T, l *Loader, abs string) *source.File {
	t.Helper()
	src, err := l.read(abs)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestWalkSymlinkLoop(t *testing.T) {
	dir := setup(t, map[string]string{"a/compose.yaml": "services: {web: {image: nginx}}\n"})
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a", "compose.yaml"), filepath.Join(dir, "docker-compose.yml")); err != nil {
		t.Fatal(err)
	}
	plan, err := finder(dir).Paths([]string{dir + "/..."})
	if err != nil {
		t.Fatal(err)
	}
	got := rel(t, dir, plan)
	slices.Sort(got)
	eq(t, "projects", strings.Join(got, ","), "a/compose.yaml,docker-compose.yml")
	if len(plan.Skipped) != 1 || !strings.Contains(plan.Skipped[0], "self") {
		t.Errorf("skipped = %v, want the looping link", plan.Skipped)
	}
}

func TestPathsErrors(t *testing.T) {
	dir := setup(t, map[string]string{"empty/readme.txt": "", "file.txt": ""})
	for _, arg := range []string{"missing", "missing/...", "empty", "file.txt/..."} {
		_, err := finder(dir).Paths([]string{filepath.Join(dir, arg)})
		if ue := (*UsageError)(nil); !errors.As(err, &ue) {
			t.Errorf("%s: err = %v, want a usage error", arg, err)
		}
	}
}

// A directory without a base compose file: its other compose files are
// linted as a walk lints them (docker compose needs -f for them), with its
// env files; a directory named like a compose file is not one.
func TestDirWithoutBase(t *testing.T) {
	const svc = "services: {web: {image: nginx}}\n"
	dir := setup(t, map[string]string{
		"local/docker-compose.local.yaml": svc, "local/compose.prod.yml": svc, "local/.env": "A=1\n",
		"local/docker-compose.dev.yml/readme.txt": "",
	})
	local := filepath.Join(dir, "local")
	plan, err := finder(dir).Paths([]string{local})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rel(t, local, plan), ","), "compose.prod.yml,docker-compose.local.yaml"; got != want {
		t.Errorf("projects %s, want %s", got, want)
	}
	if len(plan.EnvFiles) != 1 || filepath.Base(plan.EnvFiles[0]) != ".env" {
		t.Errorf("env files %v, want the .env", plan.EnvFiles)
	}
	walked, err := finder(dir).Paths([]string{local + "/..."})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rel(t, local, walked), rel(t, local, plan); !slices.Equal(got, want) {
		t.Errorf("walk: %v, dir: %v", got, want)
	}
}

func TestIsEnvName(t *testing.T) {
	for name, want := range map[string]bool{
		".env": true, ".env.local": true, ".env.production": true, "web.env": true, ".env.example": true, ".env.dev.example": true,
		".env.patch": false, ".env.diff": false, ".env.gpg": false, ".env.enc": false, ".env.json": false, ".env.yaml": false,
		".env.d.ts": false, "env": false, "compose.yaml": false, "web.env.patch": false,
		".env.hbs": false, ".env.j2": false, ".env.tmpl": true, ".env.template": true,
	} {
		if got := IsEnvName(name); got != want {
			t.Errorf("IsEnvName(%q) = %v, want %v", name, got, want)
		}
	}
}

// An override file without a base beside it is a fragment of a project
// linted elsewhere; with its base it is part of that project.
func TestOverrideWithoutBaseIsFragment(t *testing.T) {
	const svc = "services: {exporter: {image: x, networks: [app-network]}}\n"
	dir := setup(t, map[string]string{
		"snippets/docker-compose.override.yml": svc,
		"app/docker-compose.yml":               "services: {web: {image: x}}\n", "app/docker-compose.override.yml": svc,
	})
	for _, arg := range []string{dir + "/...", filepath.Join(dir, "snippets"), filepath.Join(dir, "snippets", "docker-compose.override.yml")} {
		plan, err := finder(dir).Paths([]string{arg})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range plan.Projects {
			lone := strings.Contains(s.Files[0], "snippets")
			if s.Fragment != lone {
				t.Errorf("%s: %v: fragment %v, want %v", arg, s.Files, s.Fragment, lone)
			}
		}
	}
	p := loadFiles(t, dir, Options{Files: []string{"snippets/docker-compose.override.yml"}, Fragment: true})
	for _, d := range p.Diags {
		if d.Rule == Consistency.Name {
			t.Errorf("fragment: %s", d.Message)
		}
	}
	p = loadFiles(t, dir, Options{Files: []string{"snippets/docker-compose.override.yml"}})
	if !slices.ContainsFunc(p.Diags, func(d diag.Diagnostic) bool { return d.Rule == Consistency.Name }) {
		t.Errorf("not a fragment: the undefined network is not reported")
	}
}

// TestEmptyLayerIsTheBase: a layer that holds nothing (a fork's extension
// seam, comments only) adds nothing to the base, so the base alone is the
// project it stands for, linted once; a layer that holds something, or
// does not parse, is still linted over the base.
func TestEmptyLayerIsTheBase(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml":        "services: {web: {image: x}}\n",
		"compose.extras.yaml": "# add your services here\n# services:\n#   my: {image: y}\n",
		"compose.null.yaml":   "---\n~\n",
		"compose.dev.yaml":    "services: {web: {ports: [\"80:80\"]}}\n",
		"compose.bad.yaml":    "services: [\n",
	})
	for _, args := range [][]string{{dir}, {dir + "/..."}, {filepath.Join(dir, "compose.extras.yaml")}} {
		plan, err := finder(dir).Paths(args)
		if err != nil {
			t.Fatal(err)
		}
		got := rel(t, dir, plan)
		if slices.Contains(got, "compose.yaml+compose.extras.yaml") || slices.Contains(got, "compose.yaml+compose.null.yaml") {
			t.Errorf("%v: an empty layer is linted over the base: %v", args, got)
		}
		if !slices.Contains(got, "compose.yaml") {
			t.Errorf("%v: the base alone is not linted: %v", args, got)
		}
		if args[0] == dir+"/..." && (!slices.Contains(got, "compose.yaml+compose.dev.yaml") || !slices.Contains(got, "compose.yaml+compose.bad.yaml")) {
			t.Errorf("%v: a layer that holds something is not linted over the base: %v", args, got)
		}
		if n := len(got); n != len(slices.Compact(slices.Sorted(slices.Values(got)))) {
			t.Errorf("%v: a project twice: %v", args, got)
		}
	}
}

// TestLayerOfAncestorProject: a file whose relative bind-mount sources
// exist only below an ancestor directory is a layer of the project there
// (-f suites/compose.yml -f suites/example/caddy/compose.yml, as
// authelia's test suites combine them): the network and the service that
// project defines are not undefined. Without that evidence they are.
func TestLayerOfAncestorProject(t *testing.T) {
	dir := setup(t, map[string]string{
		"suites/compose.yml":                "networks: {authelianet: {}}\nservices: {backend: {image: a, networks: [authelianet]}}\n",
		"suites/example/caddy/Caddyfile":    "x\n",
		"suites/example/caddy/compose.yml":  "services: {caddy: {image: caddy, volumes: ['./example/caddy/Caddyfile:/etc/caddy/Caddyfile'], networks: [authelianet], depends_on: [backend]}}\n",
		"suites/example/lonely/compose.yml": "services: {lonely: {image: x, volumes: ['./lonely.conf:/etc/lonely.conf'], networks: [authelianet]}}\n",
		"other/site/index.html":             "x\n",
		"other/compose.yml":                 "services: {web: {image: x, volumes: ['./site:/srv'], networks: [frontnet]}}\n",
	})
	undefined := func(file string) []string {
		var out []string
		for _, d := range loadFiles(t, dir, Options{Files: []string{file}}).Diags {
			if d.Rule == Consistency.Name {
				out = append(out, d.Message)
			}
		}
		return out
	}
	if got := undefined("suites/example/caddy/compose.yml"); len(got) != 0 {
		t.Errorf("a layer of suites/compose.yml: %q", got)
	}
	if got := undefined("suites/example/lonely/compose.yml"); len(got) != 1 {
		t.Errorf("no evidence (its mount exists nowhere): want the undefined network, got %q", got)
	}
	if got := undefined("other/compose.yml"); len(got) != 1 {
		t.Errorf("its mount exists beside it: want the undefined network, got %q", got)
	}
}

// TestPartialServiceIsALayer: a lone file with a service that has neither
// image nor build is a layer of another file, whose networks and services
// it refers to; named alone (-f, Named), it is the whole project, and
// Compose refuses what it refers to.
func TestPartialServiceIsALayer(t *testing.T) {
	dir := setup(t, map[string]string{
		"mariadb/compose.yml": "services: {mariadb: {image: mariadb, networks: [authelianet]}, authelia-backend: {depends_on: [mariadb]}}\n",
		"whole/compose.yml":   "services: {db: {image: postgres, networks: [authelianet]}}\n",
	})
	count := func(file string, named bool) int {
		n := 0
		for _, d := range loadFiles(t, dir, Options{Files: []string{file}, Named: named}).Diags {
			if d.Rule == Consistency.Name {
				n++
			}
		}
		return n
	}
	if n := count("mariadb/compose.yml", false); n != 0 {
		t.Errorf("a layer found by discovery: %d consistency errors, want 0", n)
	}
	if n := count("mariadb/compose.yml", true); n != 1 {
		t.Errorf("named with -f: %d consistency errors, want 1", n)
	}
	if n := count("whole/compose.yml", false); n != 1 {
		t.Errorf("every service complete: %d consistency errors, want 1", n)
	}
}
