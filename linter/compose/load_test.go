package compose

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

func TestPlainValue(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `services:
  web:
    image: nginx
    environment:
      API_URL: "http://api:3000"
      LIST_FORM: x
    ports:
      - "8080:80"
`})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	s := svc(t, p, "web")
	v := envOf(t, s, "API_URL")
	eq(t, "value", v.Value.Value, "http://api:3000")
	eq(t, "value position", at(v.Value.Range), where(t, dir, "compose.yaml", `"http://api`))
	eq(t, "key position", at(v.KeyAt.Range), where(t, dir, "compose.yaml", "API_URL"))
	// The host inside the value, exactly.
	r, ok := v.Value.ExactRange(7, 10)
	eq(t, "exact", ok, true)
	eq(t, "host", span(r), where(t, dir, "compose.yaml", "api:3000")+"-5:27")
	eq(t, "port", at(s.Ports[0].Node.Range), where(t, dir, "compose.yaml", `"8080:80"`))
	eq(t, "service key", at(s.Key.Range), where(t, dir, "compose.yaml", "web"))
}

func TestAnchorAliasAndMergeKey(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `x-env: &env
  DB_URL: postgres://db:5432/app
x-svc: &svc
  image: node:20
  ports: ["3000:3000"]
services:
  a:
    <<: *svc
    environment: *env
  b:
    <<: *svc
    environment:
      <<: *env
      EXTRA: "1"
  c:
    <<: *svc
    image: node:22
`})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	anchor := where(t, dir, "compose.yaml", "postgres://")
	for _, name := range []string{"a", "b"} {
		s := svc(t, p, name)
		v := envOf(t, s, "DB_URL")
		eq(t, name+" DB_URL at anchor", at(v.Value.Range), anchor)
		eq(t, name+" port at anchor", at(s.Ports[0].Node.Range), where(t, dir, "compose.yaml", `"3000:3000"`))
		eq(t, name+" image", s.Image, "node:20")
	}
	eq(t, "b EXTRA", at(envOf(t, svc(t, p, "b"), "EXTRA").Value.Range), where(t, dir, "compose.yaml", `"1"`))
	c := svc(t, p, "c")
	eq(t, "explicit key wins over merge key", c.Image, "node:22")
	eq(t, "c image position", at(c.Node.Get("image").Range), where(t, dir, "compose.yaml", "node:22"))
	if v := envOf(t, svc(t, p, "a"), "DB_URL").Value; !v.Shared || v.HasAnchor() {
		// The value node itself is not anchored; its mapping is.
		if !v.Shared && !svc(t, p, "a").Node.Get("environment").HasAnchor() {
			t.Errorf("environment reached through *env should be the anchored node")
		}
	}
}

func TestOverrideFilePickedAutomatically(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml": `services:
  web:
    image: nginx
    ports: ["80:80"]
    environment:
      MODE: base
      KEEP: base
    command: ["serve", "--base"]
`,
		"compose.override.yaml": `services:
  web:
    ports: ["8443:443"]
    environment:
      MODE: dev
    command: ["serve", "--dev"]
`,
		"docker-compose.override.yml": "services: {web: {image: wrong}}\n",
	})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	if len(p.Files) != 2 || filepath.Base(p.Files[1].Path) != "compose.override.yaml" {
		t.Fatalf("files = %v", p.Files)
	}
	s := svc(t, p, "web")
	eq(t, "image", s.Image, "nginx")
	eq(t, "MODE from override", at(envOf(t, s, "MODE").Value.Range), where(t, dir, "compose.override.yaml", "dev"))
	eq(t, "KEEP from base", at(envOf(t, s, "KEEP").Value.Range), where(t, dir, "compose.yaml", "base", 1))
	if len(s.Ports) != 2 {
		t.Fatalf("ports = %v, want both files' ports", s.Ports)
	}
	eq(t, "base port", at(s.Ports[0].Node.Range), where(t, dir, "compose.yaml", `"80:80"`))
	eq(t, "override port", at(s.Ports[1].Node.Range), where(t, dir, "compose.override.yaml", `"8443:443"`))
	// command is replaced, not appended.
	if len(s.Command) != 2 || s.Command[1].Value != "--dev" {
		t.Fatalf("command = %v", s.Command)
	}
	eq(t, "command position", at(s.Command[1].Range()), where(t, dir, "compose.override.yaml", "--dev"))
}

func TestExplicitFilesResetOverride(t *testing.T) {
	dir := setup(t, map[string]string{
		"a.yaml": `services:
  web:
    image: nginx
    ports: ["80:80", "443:443"]
    environment:
      A: "1"
      B: "2"
    networks: [front, back]
networks: {front: {}, back: {}}
`,
		"b.yaml": `services:
  web:
    ports: !reset []
    environment: !override
      C: "3"
    networks: !override [front]
  api:
    image: api
    ports: ["9000:9000"]
`,
	})
	p := loadFiles(t, dir, Options{Files: []string{"a.yaml", "b.yaml"}})
	noDiags(t, p)
	s := svc(t, p, "web")
	if len(s.Ports) != 0 {
		t.Errorf("!reset left ports %v", s.Ports)
	}
	if len(s.Env) != 1 || s.Env[0].Key != "C" {
		t.Errorf("!override environment = %v, want only C", s.Env)
	}
	eq(t, "C position", at(s.Env[0].Value.Range), where(t, dir, "b.yaml", `"3"`))
	if len(s.Networks) != 1 || s.Networks[0].Name != "front" {
		t.Errorf("networks = %v", s.Networks)
	}
	eq(t, "network key position", at(s.Networks[0].Key.Range), where(t, dir, "b.yaml", "front"))
	eq(t, "api port", at(svc(t, p, "api").Ports[0].Node.Range), where(t, dir, "b.yaml", `"9000:9000"`))
	if got := filepath.Base(p.Dir); got != filepath.Base(dir) {
		t.Errorf("project dir %s", p.Dir)
	}
}

func TestExtendsSameFile(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `services:
  base:
    image: node:20
    environment:
      API_URL: http://api:3000
    ports: ["3000:3000"]
  web:
    extends: base
    environment:
      OWN: "1"
  web2:
    extends:
      service: web
`})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	for _, n := range []string{"web", "web2"} {
		s := svc(t, p, n)
		eq(t, n+" image", s.Image, "node:20")
		eq(t, n+" API_URL", at(envOf(t, s, "API_URL").Value.Range), where(t, dir, "compose.yaml", "http://api"))
		eq(t, n+" OWN", at(envOf(t, s, "OWN").Value.Range), where(t, dir, "compose.yaml", `"1"`))
		if s.Node.Get("extends") != nil {
			t.Errorf("%s keeps extends:", n)
		}
	}
}

func TestExtendsOtherFile(t *testing.T) {
	dir := setup(t, map[string]string{
		"app/compose.yaml": `services:
  web:
    extends:
      file: ../common/base.yaml
      service: node
    environment:
      OWN: "1"
`,
		"common/base.yaml": `services:
  node:
    image: node:20
    build:
      context: ./ctx
    env_file: ./base.env
    environment:
      API_URL: http://api:3000
`,
		"common/base.env": "FROM_FILE=http://cache:6379\n",
		"app/base.env":    "FROM_FILE=wrong\n",
	})
	p := loadFound(t, filepath.Join(dir, "app"), Options{})
	noDiags(t, p)
	s := svc(t, p, "web")
	eq(t, "API_URL in the other file", at(envOf(t, s, "API_URL").Value.Range), where(t, filepath.Join(dir, "app"), "../common/base.yaml", "http://api"))
	ff := envOf(t, s, "FROM_FILE")
	eq(t, "env_file resolved against the other file's dir", ff.Value.Value, "http://cache:6379")
	eq(t, "env_file value position", at(ff.Value.Range), where(t, filepath.Join(dir, "app"), "../common/base.env", "http://cache"))
	r := ff.Value.SubRange(7, 12)
	eq(t, "env_file host", span(r), "../common/base.env:1:18-1:23")
	eq(t, "OWN", at(envOf(t, s, "OWN").Value.Range), where(t, filepath.Join(dir, "app"), "compose.yaml", `"1"`))
	ctx := s.Build.Get("context")
	eq(t, "build context position", at(ctx.Range), where(t, filepath.Join(dir, "app"), "../common/base.yaml", "./ctx"))
	eq(t, "build context resolves against the other file", s.BuildContext, filepath.Join(dir, "common", "ctx"))
}

func TestInclude(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml": `include:
  - db/compose.yaml
  - path: cache/compose.yaml
    project_directory: cache
    env_file: cache/custom.env
services:
  web:
    image: nginx
    depends_on: [db, cache]
`,
		"db/compose.yaml": `services:
  db:
    image: postgres
    environment:
      PGHOST: ${DB_HOST}
`,
		"db/.env": "DB_HOST=db.internal\n",
		"cache/compose.yaml": `services:
  cache:
    image: redis
    environment:
      PORT: ${CACHE_PORT:-6379}
      MODE: ${MODE}
`,
		"cache/custom.env": "MODE=cluster\n",
	})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	db := svc(t, p, "db")
	v := envOf(t, db, "PGHOST").Value
	eq(t, "PGHOST from the included project's .env", v.Value, "db.internal")
	eq(t, "PGHOST position", at(v.SubRange(0, 2)), where(t, dir, "db/.env", "db.internal"))
	eq(t, "PGHOST origin", at(v.Origin()), where(t, dir, "db/.env", "db.internal"))
	c := svc(t, p, "cache")
	port := envOf(t, c, "PORT").Value
	eq(t, "default", port.Value, "6379")
	eq(t, "default position", at(port.SubRange(0, 4)), where(t, dir, "cache/compose.yaml", "6379"))
	mode := envOf(t, c, "MODE").Value
	eq(t, "MODE from env_file of include", mode.Value, "cluster")
	eq(t, "MODE position", at(mode.SubRange(0, 7)), where(t, dir, "cache/custom.env", "cluster"))
	eq(t, "web", len(svc(t, p, "web").DependsOn), 2)
}

// An included project without an env file of its own sees the including
// project's variables.
func TestIncludeSeesParentVariables(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml":    "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n",
		".env":            "DB_HOST=db.internal\n",
		"db/compose.yaml": "services:\n  db:\n    image: postgres\n    environment:\n      PGHOST: ${DB_HOST}\n",
	})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	eq(t, "PGHOST from the including project's .env", envOf(t, svc(t, p, "db"), "PGHOST").Value.Value, "db.internal")
}

func TestDotEnvInterpolation(t *testing.T) {
	dir2 := setup(t, map[string]string{"compose.yaml": `services:
  web:
    image: nginx:${TAG:-latest}
    environment:
      API_URL: ${API_URL}
      DB: postgres://${DB_HOST:-db}:5432
      FROM_DOTENV:
`, ".env": "API_URL=http://localhost:3000\nFROM_DOTENV=yes\n"})
	p := loadFound(t, dir2, Options{})
	noDiags(t, p)
	s := svc(t, p, "web")
	api := envOf(t, s, "API_URL").Value
	eq(t, "value", api.Value, "http://localhost:3000")
	host := strings.Index(api.Value, "localhost")
	eq(t, "host in .env", span(api.SubRange(host, host+9)), ".env:1:16-1:25")
	r, ok := api.ExactRange(host, host+9)
	eq(t, "exact host", ok, true)
	eq(t, "exact host range", span(r), ".env:1:16-1:25")
	db := envOf(t, s, "DB").Value
	eq(t, "default", db.Value, "postgres://db:5432")
	eq(t, "default position", span(db.SubRange(11, 13)), where(t, dir2, "compose.yaml", "db}")+"-6:35")
	eq(t, "literal after default", at(db.SubRange(13, 18)), where(t, dir2, "compose.yaml", ":5432"))
	eq(t, "image default", s.Image, "nginx:latest")
	bare := envOf(t, s, "FROM_DOTENV")
	if bare.Value == nil {
		t.Fatal("bare FROM_DOTENV has no value; .env defines it")
	}
	eq(t, "bare value", bare.Value.Value, "yes")
	eq(t, "bare value position", at(bare.Value.Range), ".env:2:13")
}

func TestEnvFilesFlagAndProcessEnv(t *testing.T) {
	dir := setup(t, map[string]string{
		"compose.yaml": `services:
  web:
    image: nginx
    environment:
      A: ${A}
      B: ${B}
      C: ${C}
      D: ${D-unset}
      E: ${E}
`,
		".env":      "A=dotenv\nB=dotenv\nC=dotenv\nD=dotenv\n",
		"one.env":   "A=one\nB=one\n",
		"two.env":   "B=two\nE=${A}-e\n",
		"three.env": "",
	})
	// --env-file replaces .env; later files win.
	p := loadFound(t, dir, Options{EnvFiles: []string{filepath.Join(dir, "one.env"), "two.env"}})
	noDiags(t, p)
	s := svc(t, p, "web")
	eq(t, "A", envOf(t, s, "A").Value.Value, "one")
	eq(t, "B", envOf(t, s, "B").Value.Value, "two")
	eq(t, "B position", at(envOf(t, s, "B").Value.SubRange(0, 3)), "two.env:1:3")
	eq(t, "C unset", envOf(t, s, "C").Value.Value, "")
	eq(t, "D default", envOf(t, s, "D").Value.Value, "unset")
	eq(t, "a later --env-file reads an earlier one's variables", envOf(t, s, "E").Value.Value, "one-e")
	// The process environment wins over .env.
	p = loadFound(t, dir, Options{Environ: map[string]string{"A": "process"}})
	s = svc(t, p, "web")
	eq(t, "A from process", envOf(t, s, "A").Value.Value, "process")
	eq(t, "B from .env", envOf(t, s, "B").Value.Value, "dotenv")
	eq(t, "B .env position", at(envOf(t, s, "B").Value.SubRange(0, 6)), ".env:2:3")
	if _, src, _ := p.Lookup("A"); src == nil || src.File != nil {
		t.Errorf("A should come from the process environment: %+v", src)
	}
	// A missing --env-file is an error.
	p = loadFound(t, dir, Options{EnvFiles: []string{"missing.env"}})
	if len(p.Diags) == 0 {
		t.Errorf("missing --env-file gives no diagnostic")
	}
}

func TestProjectName(t *testing.T) {
	files := map[string]string{"My_App/compose.yaml": "services: {web: {image: nginx}}\n"}
	dir := setup(t, files)
	pd := filepath.Join(dir, "My_App")
	eq(t, "directory name", loadFound(t, pd, Options{}).Name, "my_app")
	eq(t, "-p", loadFound(t, pd, Options{Name: "flag", Environ: map[string]string{"COMPOSE_PROJECT_NAME": "env"}}).Name, "flag")
	eq(t, "COMPOSE_PROJECT_NAME", loadFound(t, pd, Options{Environ: map[string]string{"COMPOSE_PROJECT_NAME": "env"}}).Name, "env")

	dir = setup(t, map[string]string{"compose.yaml": "name: ${N:-Named}\nservices: {web: {image: nginx}}\n", ".env": "X=1\n"})
	eq(t, "name:", loadFound(t, dir, Options{}).Name, "named")
	eq(t, "env over name:", loadFound(t, dir, Options{Environ: map[string]string{"COMPOSE_PROJECT_NAME": "env"}}).Name, "env")
	dir = setup(t, map[string]string{"compose.yaml": "name: file\nservices: {web: {image: nginx}}\n", ".env": "COMPOSE_PROJECT_NAME=dotenv\n"})
	eq(t, ".env COMPOSE_PROJECT_NAME", loadFound(t, dir, Options{}).Name, "dotenv")
}

func TestProjectDirectory(t *testing.T) {
	dir := setup(t, map[string]string{
		"files/compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: app.env\n    environment:\n      X: ${X}\n",
		"proj/.env":          "X=from-proj\n",
		"proj/app.env":       "Y=proj\n",
		"files/.env":         "X=from-files\n",
		"files/app.env":      "Y=files\n",
	})
	p := loadFiles(t, dir, Options{Files: []string{"files/compose.yaml"}, ProjectDir: filepath.Join(dir, "proj")})
	noDiags(t, p)
	s := svc(t, p, "web")
	eq(t, "project dir", p.Dir, filepath.Join(dir, "proj"))
	eq(t, ".env of the project directory", envOf(t, s, "X").Value.Value, "from-proj")
	eq(t, "env_file relative to the project directory", envOf(t, s, "Y").Value.Value, "proj")
	eq(t, "name", p.Name, "proj")
}

func TestProfiles(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `services:
  web: {image: nginx}
  debug: {image: busybox, profiles: [debug]}
  tools: {image: busybox, profiles: [tools, debug]}
  other: {image: busybox, profiles: [other]}
`})
	names := func(p *Project) string {
		var out []string
		for _, s := range p.Services {
			out = append(out, s.Name)
		}
		return strings.Join(out, ",")
	}
	eq(t, "default: every service", names(loadFound(t, dir, Options{})), "debug,other,tools,web")
	eq(t, "--profile debug", names(loadFound(t, dir, Options{Profiles: []string{"debug"}})), "debug,tools,web")
	eq(t, "--profile '*'", names(loadFound(t, dir, Options{Profiles: []string{"*"}})), "debug,other,tools,web")
}

func TestDependsOnAndNetworksForms(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `services:
  web:
    image: nginx
    depends_on:
      db: {condition: service_healthy}
      cache:
        condition: service_started
        required: false
    networks:
      front:
        aliases: [www]
  db: {image: postgres, networks: [back]}
  cache: {image: redis, network_mode: "service:db"}
networks: {front: {}, back: {internal: true}}
`})
	p := loadFound(t, dir, Options{})
	noDiags(t, p)
	w := svc(t, p, "web")
	if len(w.DependsOn) != 2 || w.DependsOn[0].Condition != "service_healthy" || w.DependsOn[1].Required {
		t.Errorf("depends_on = %+v", w.DependsOn)
	}
	eq(t, "alias", at(w.Networks[0].Aliases[0].Range), where(t, dir, "compose.yaml", "www"))
	eq(t, "db network", svc(t, p, "db").Networks[0].Name, "back")
	if c := svc(t, p, "cache"); c.Networks != nil || c.NetworkMode.Value != "service:db" {
		t.Errorf("cache networks %v mode %v", c.Networks, c.NetworkMode)
	}
	if !p.Networks["back"].Internal {
		t.Errorf("back should be internal")
	}
	if !slices.ContainsFunc(svc(t, p, "db").Networks, func(n NetworkRef) bool { return n.Key != nil }) {
		t.Errorf("db's network has no key")
	}
}

// A ${VAR} under an anchor is one use, however many aliases and merge keys
// repeat it, and wherever in the document they are.
func TestVarUseUnderAnchorOnce(t *testing.T) {
	dir := setup(t, map[string]string{"compose.yaml": `x-env: &env
  environment:
    API_URL: http://${API_HOST}:3000
services:
  a:
    image: x
    <<: *env
  b:
    <<: *env
    image: y
  c:
    image: z
    environment:
      LIST: ${API_HOST}
  d: &d
    image: w
    labels:
      L: ${OTHER}
  e: *d
`})
	p := loadFound(t, dir, Options{})
	count := map[string]int{}
	for _, u := range p.VarUses {
		count[u.Use.Name]++
	}
	eq(t, "uses of API_HOST", count["API_HOST"], 2) // the anchor's, and c's own
	eq(t, "uses of OTHER", count["OTHER"], 1)
}

// The template of a missing .env is read only when a variable is not set,
// and then marked as such; an existing .env keeps its own template.
func TestEnvTemplateOfMissingDotenv(t *testing.T) {
	tmpl := map[string]string{"env.example": "TAG=1\n"}
	for _, tc := range []struct {
		name    string
		compose string
		dotenv  bool
		want    string // the template's path, or ""
		missing bool
	}{
		{"unset variable", "services:\n  a:\n    image: x:${TAG}\n", false, "env.example", true},
		{"required variable", "services:\n  a:\n    image: x:${TAG:?}\n", false, "env.example", true},
		{"defaults only", "services:\n  a:\n    image: x:${TAG:-1}\n", false, "", false},
		{"no variables", "services:\n  a:\n    image: x\n", false, "", false},
		{"dotenv present", "services:\n  a:\n    image: x:${TAG}\n", true, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"compose.yaml": tc.compose}
			for k, v := range tmpl {
				files[k] = v
			}
			if tc.dotenv {
				files[".env"] = "TAG=2\n"
			}
			p := loadFiles(t, setup(t, files), Options{Files: []string{"compose.yaml"}})
			got := ""
			if p.EnvTemplate != nil {
				got = filepath.Base(p.EnvTemplate.Src.Path)
			}
			if got != tc.want || p.EnvMissing != tc.missing {
				t.Fatalf("template %q, missing %v; want %q, %v", got, p.EnvMissing, tc.want, tc.missing)
			}
		})
	}
}

// A missing env_file is a warning; an informational finding when a template
// sits next to it, or when it is Portainer's stack.env; nothing when it is
// optional.
func TestEnvFileMissingSeverity(t *testing.T) {
	for _, tc := range []struct {
		name, envFile string
		files         map[string]string
		sev           diag.Severity
		msg           string
	}{
		{"plain", "app.env", nil, diag.Warning, `env_file of service "api" does not exist; create it, or add "required: false"`},
		{"template", "app.env", map[string]string{"app.env.example": "A=1\n"}, diag.Info, `env_file of service "api" does not exist; create it from app.env.example`},
		{"portainer", "stack.env", nil, diag.Info, `env_file of service "api" does not exist; Portainer writes it, elsewhere create it`},
		{"template per environment", ".env", map[string]string{".env.development.example": "A=1\n", ".env.production": "A=2\n"}, diag.Info, `env_file of service "api" does not exist; create it from .env.development.example`},
		{"development template preferred", ".env", map[string]string{".env.ci.example": "A=1\n", ".env.dev.example": "A=1\n", ".env.prod.example": "A=2\n"}, diag.Info, `env_file of service "api" does not exist; create it from .env.dev.example`},
		{"template without the dot", ".env", map[string]string{"env.example": "A=1\n"}, diag.Info, `env_file of service "api" does not exist; create it from env.example`},
		{"defaults file", ".env", map[string]string{"defaults.env": "A=1\n"}, diag.Info, `env_file of service "api" does not exist; create it from defaults.env`},
		{"no template", ".env", map[string]string{".env.production": "A=2\n", ".env.a.b.example": "A=3\n"}, diag.Warning, `env_file of service "api" does not exist; create it, or add "required: false"`},
		{"optional", "{path: app.env, required: false}", nil, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"compose.yaml": "services:\n  api:\n    image: x\n    env_file: [" + tc.envFile + "]\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			p := loadFiles(t, setup(t, files), Options{Files: []string{"compose.yaml"}})
			var got []diag.Diagnostic
			for _, d := range p.Diags {
				if d.Rule == EnvFileMissing.Name {
					got = append(got, d)
				}
			}
			if tc.msg == "" {
				if len(got) != 0 {
					t.Fatalf("want no finding, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Severity != tc.sev || got[0].Message != tc.msg || at(got[0].Range) != "compose.yaml:4:16" {
				t.Fatalf("got %+v, want %v %q at compose.yaml:4:16", got, tc.sev, tc.msg)
			}
		})
	}
}

// A depends_on list in an override, over a mapping in the base, is valid:
// Compose turns its names into {condition: service_started} before merging,
// and so does the document the schema validates. A null value written in a
// mapping stays null (an error of the schema).
func TestDependsOnListOverMapping(t *testing.T) {
	base := "services:\n  a:\n    image: x\n    depends_on: {b: {condition: service_healthy}}\n  b:\n    image: x\n  c:\n    image: x\n"
	for _, tc := range []struct {
		name, over string
		c          string // services.a.depends_on.c as validated
	}{
		{"list over mapping", "services:\n  a:\n    depends_on: [c]\n", "[{condition service_started} {required true}]"},
		{"null written in a mapping", "services:\n  a:\n    depends_on:\n      c:\n", "<nil>"},
		{"mapping over a list", "services:\n  a:\n    depends_on: [c]\n---THIRD---services:\n  a:\n    depends_on:\n      c: {restart: true}\n", "[{condition service_started} {required true} {restart true}]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			over, third, layered := strings.Cut(tc.over, "---THIRD---")
			files := map[string]string{"compose.yaml": base, "compose.override.yaml": over}
			names := []string{"compose.yaml", "compose.override.yaml"}
			if layered {
				files["third.yaml"] = third
				names = append(names, "third.yaml")
			}
			p := loadFiles(t, setup(t, files), Options{Files: names})
			get := func(v any, key string) any {
				m, _ := v.(*docMap)
				if m == nil {
					return "missing"
				}
				for _, e := range *m {
					if e.key == key {
						return e.val
					}
				}
				return "missing"
			}
			c := get(get(get(get(p.Doc(), "services"), "a"), "depends_on"), "c")
			if m, ok := c.(*docMap); ok {
				c = *m
			}
			if got := fmt.Sprint(c); got != tc.c {
				t.Errorf("depends_on.c validated as %s, want %s", got, tc.c)
			}
			var deps []string
			for _, d := range p.Service("a").DependsOn {
				deps = append(deps, d.Service+":"+d.Condition)
			}
			if got := strings.Join(deps, ","); got != "b:service_healthy,c:service_started" {
				t.Errorf("depends_on %s", got)
			}
		})
	}
}

// environment: wins over env_file: the service's variables hold each key
// once, in the order env_file gave them, with environment's values; the
// same with a few variables and with many.
func TestEnvironmentOverridesEnvFile(t *testing.T) {
	for _, n := range []int{5, 40} {
		var file strings.Builder
		for i := range n {
			fmt.Fprintf(&file, "K%d=f%d\n", i, i)
		}
		dir := setup(t, map[string]string{
			"vars.env":     file.String(),
			"compose.yaml": fmt.Sprintf("services:\n  a:\n    image: x\n    env_file: vars.env\n    environment:\n      K3: e3\n      K%d: e\n      NEW: n\n", n-1),
		})
		p := loadFiles(t, dir, Options{Files: []string{"compose.yaml"}})
		noDiags(t, p)
		var got []string
		for _, e := range svc(t, p, "a").Env {
			got = append(got, e.Key+"="+e.Value.Value)
		}
		var want []string
		for i := range n {
			v := fmt.Sprintf("f%d", i)
			switch i {
			case 3:
				v = "e3"
			case n - 1:
				v = "e"
			}
			want = append(want, fmt.Sprintf("K%d=%s", i, v))
		}
		want = append(want, "NEW=n")
		if !slices.Equal(got, want) {
			t.Errorf("%d variables: %q, want %q", n, got, want)
		}
	}
}
