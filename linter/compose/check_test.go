package compose

import (
	"path/filepath"
	"slices"
	"testing"
)

// consistency returns "file:line:col message" of the project's
// compose-consistency diagnostics.
func consistency(p *Project) []string {
	var out []string
	for _, d := range p.Diags {
		if d.Rule == Consistency.Name {
			out = append(out, at(d.Range)+" "+d.Message)
		}
	}
	return out
}

// TestUndefinedSecretsAndConfigs: each secret and config a service uses
// that the top-level secrets: or configs: does not define is reported at
// its name, in the short syntax and at the long syntax's source:, build
// secrets included; defined ones are not, however they are defined.
func TestUndefinedSecretsAndConfigs(t *testing.T) {
	const text = "services:\n" +
		"  db:\n" +
		"    image: postgres\n" +
		"    secrets:\n" +
		"      - pw\n" +
		"      - source: root_pw\n" +
		"        target: /run/secrets/root\n" +
		"      - known\n" +
		"      - outside\n" +
		"    configs:\n" +
		"      - pg_conf\n" +
		"      - source: known_conf\n" +
		"  web:\n" +
		"    build:\n" +
		"      context: .\n" +
		"      secrets:\n" +
		"        - source: npm_token\n" +
		"secrets:\n" +
		"  known: {environment: KNOWN}\n" +
		"  outside: {external: true}\n" +
		"configs:\n" +
		"  known_conf: {file: ./known.conf}\n"
	dir := setup(t, map[string]string{"compose.yaml": text})
	got := consistency(loadFiles(t, dir, Options{Files: []string{"compose.yaml"}}))
	want := []string{
		where(t, dir, "compose.yaml", "pw") + ` service "db" uses secret "pw", which is not defined under the top-level secrets:`,
		where(t, dir, "compose.yaml", "root_pw") + ` service "db" uses secret "root_pw", which is not defined under the top-level secrets:`,
		where(t, dir, "compose.yaml", "pg_conf") + ` service "db" uses config "pg_conf", which is not defined under the top-level configs:`,
		where(t, dir, "compose.yaml", "npm_token") + ` service "web" builds with secret "npm_token", which is not defined under the top-level secrets:`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestUndefinedSecretsOfALayer: what a file that is a layer of another
// project uses may be defined there, as its networks may: an override
// without its base, a file whose service has neither image nor build, a
// variant whose sibling defines it, a file whose bind mounts resolve from
// an ancestor's project. Named with -f, the partial file is the project.
func TestUndefinedSecretsOfALayer(t *testing.T) {
	dir := setup(t, map[string]string{
		"snippets/docker-compose.override.yml": "services: {db: {image: x, secrets: [pw]}}\n",
		"partial/compose.yml":                  "services: {worker: {secrets: [pw], configs: [conf]}}\n",
		"variant/docker-compose.yml":           "services: {app: {image: x}}\nsecrets: {pw: {file: ./pw}}\nconfigs: {conf: {file: ./conf}}\n",
		"variant/docker-compose.prod.yml":      "services: {app: {image: x, secrets: [pw], configs: [conf]}}\n",
		"suites/compose.yml":                   "services: {backend: {image: a}}\nsecrets: {pw: {file: ./pw}}\n",
		"suites/example/caddy/Caddyfile":       "x\n",
		"suites/example/caddy/compose.yml":     "services: {caddy: {image: caddy, volumes: ['./example/caddy/Caddyfile:/etc/caddy/Caddyfile'], secrets: [pw]}}\n",
	})
	count := func(o Options) int {
		t.Helper()
		return len(consistency(loadFiles(t, dir, o)))
	}
	for _, tc := range []struct {
		name string
		o    Options
		want int
	}{
		{"override without base", Options{Files: []string{"snippets/docker-compose.override.yml"}, Fragment: true}, 0},
		{"override named alone", Options{Files: []string{"snippets/docker-compose.override.yml"}}, 1},
		{"partial service", Options{Files: []string{"partial/compose.yml"}}, 0},
		{"partial service named", Options{Files: []string{"partial/compose.yml"}, Named: true}, 2},
		{"variant with its sibling", Options{Files: []string{"variant/docker-compose.prod.yml"}, Siblings: []string{filepath.Join(dir, "variant/docker-compose.yml")}}, 0},
		{"variant alone", Options{Files: []string{"variant/docker-compose.prod.yml"}}, 2},
		{"layer of an ancestor's project", Options{Files: []string{"suites/example/caddy/compose.yml"}}, 0},
	} {
		if n := count(tc.o); n != tc.want {
			t.Errorf("%s: %d consistency errors, want %d", tc.name, n, tc.want)
		}
	}
}

// TestVolumeRefs: a volumes: entry names a volume when its source is not a
// path as Compose reads one (., /, ~, a drive letter), or when a long entry
// has type volume and a source.
func TestVolumeRefs(t *testing.T) {
	for _, tc := range []struct {
		entry string
		want  string
	}{
		{"data:/data", "data"},
		{"data:/data:ro", "data"},
		{"./data:/data", ""},
		{"../data:/data", ""},
		{"~/data:/data", ""},
		{"/srv/data:/data", ""},
		{`C:\data:/data`, ""},
		{"c:/data:/data", ""},
		{"/data", ""},
		{":/data", ""},
	} {
		list := &Node{Kind: Seq, Items: []*Node{{Kind: Scalar, Value: tc.entry}}}
		got := ""
		if refs := volumeRefs(list); len(refs) == 1 {
			got = refs[0].name
		}
		if got != tc.want {
			t.Errorf("%q: volume %q, want %q", tc.entry, got, tc.want)
		}
	}
	long := &Node{Kind: Map}
	long.Pairs = []Pair{
		{Key: &Node{Kind: Scalar, Value: "type"}, Val: &Node{Kind: Scalar, Value: "volume"}},
		{Key: &Node{Kind: Scalar, Value: "source"}, Val: &Node{Kind: Scalar, Value: "pg"}},
	}
	if refs := volumeRefs(&Node{Kind: Seq, Items: []*Node{long}}); len(refs) != 1 || refs[0].name != "pg" {
		t.Errorf("long syntax: %v, want pg", refs)
	}
}

// TestOverrideTemplate: the override templates a project ships for the
// user to copy, and nothing else.
func TestOverrideTemplate(t *testing.T) {
	for name, want := range map[string]bool{
		"compose.override.yaml.example":       true,
		"docker-compose.override.yml.dist":    true,
		"docker-compose.override.example.yml": true,
		"docker-compose.override.sample.yaml": true,
		"compose.override.yaml":               false,
		"compose.yaml.example":                false,
		"docker-compose.prod.yml.example":     false,
		"docker-compose.override.yml.bak":     false,
		"docker-compose.example.override.yml": true,
	} {
		if got := overrideTemplate(name); got != want {
			t.Errorf("overrideTemplate(%q) = %v, want %v", name, got, want)
		}
	}
}
