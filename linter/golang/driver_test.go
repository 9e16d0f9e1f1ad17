package golang

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// TestDriverSelfPortAcrossPackages: the listen ports a package exports as a
// fact reach the packages that import it (main pinging its own server's
// port is silent), and only those (another program of the module is
// reported).
func TestDriverSelfPortAcrossPackages(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":            "module example.com/self\n\ngo 1.26.0\n",
		"config/config.go":  "package config\n\ntype Conf struct{ Port string }\n",
		"server/server.go":  "package server\n\nimport (\n\t\"net\"\n\n\t\"example.com/self/config\"\n)\n\nfunc Run(c config.Conf) { net.Listen(\"tcp\", \":\"+c.Port) }\n",
		"cmd/app/main.go":   "package main\n\nimport (\n\t\"net\"\n\n\t\"example.com/self/config\"\n\t\"example.com/self/server\"\n)\n\nfunc main() {\n\tc := config.Conf{}\n\tnet.Dial(\"tcp\", \"localhost:\"+c.Port) // its own port: silent\n\tserver.Run(c)\n}\n",
		"cmd/other/main.go": "package main\n\nimport (\n\t\"net\"\n\n\t\"example.com/self/config\"\n)\n\nfunc main() { net.Dial(\"tcp\", \"localhost:\"+config.Conf{}.Port) }\n",
	})
	got := lintRel(t, dir, []string{"."}, nil)
	if strings.Count(got, "[hardcodedlocalhost]") != 1 || !strings.Contains(got, "cmd/other/main.go:9:") {
		t.Errorf("want only cmd/other reported:\n%s", got)
	}
}

// TestDriverRecoversPanic: an analyzer that panics fails its package, with
// the panic in the error, instead of the run.
func TestDriverRecoversPanic(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod": "module example.com/p\n\ngo 1.26.0\n",
		"p.go":   "package p\n",
	})
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: hermeticEnv(os.Environ(), "off")}, ".")
	if err != nil || len(pkgs) != 1 {
		t.Fatal(pkgs, err)
	}
	a := &analysis.Analyzer{Name: "boom", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("boom") }}
	acts, err := analyze(a, pkgs)
	if err != nil || len(acts) != 1 || acts[0].err == nil || !strings.Contains(acts[0].err.Error(), "panicked") {
		t.Fatalf("want the package failed by the panic, got %v, %+v", err, acts)
	}
	if _, err := analyze(&analysis.Analyzer{Name: "needs", Requires: []*analysis.Analyzer{a}}, pkgs); err == nil {
		t.Error("an analyzer with requirements must be refused")
	}
}
