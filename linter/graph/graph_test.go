package graph_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/graph"
	"github.com/reachlint/reachlint/linter/graph/graphviz"
)

var update = flag.Bool("update", false, "rewrite the golden files (and the generated large fixture)")

// goldenCase is a project and the options it is drawn with; its golden
// files are graph.mmd, graph.dot and graph.json in out.
type goldenCase struct {
	cwd, path, out string
	opts           graph.Options
}

var cases = map[string]goldenCase{
	"nextjs-api":       {"../../testdata/examples", "nextjs-api", "../../testdata/graph/examples/nextjs-api", graph.Options{}},
	"nextjs-api-fixed": {"../../testdata/examples", "nextjs-api-fixed", "../../testdata/graph/examples/nextjs-api-fixed", graph.Options{}},
	"sidecars":         {"../../testdata/graph", "sidecars", "../../testdata/graph/sidecars", graph.Options{}},
	"host-mode":        {"../../testdata/graph", "host-mode", "../../testdata/graph/host-mode", graph.Options{}},
	"networks":         {"../../testdata/graph", "networks", "../../testdata/graph/networks", graph.Options{}},
	"networks-focus":   {"../../testdata/graph", "networks", "../../testdata/graph/networks/focus-api-v2", graph.Options{Focus: []string{"api-v2"}}},
	"large":            {"../../testdata/graph", "large", "../../testdata/graph/large", graph.Options{}},
	"large-collapse":   {"../../testdata/graph", "large", "../../testdata/graph/large/collapse", graph.Options{Collapse: true}},
}

// build lints the case's project the way `reachlint graph` does and
// draws it.
func build(t testing.TB, c goldenCase) *graph.Graph {
	t.Helper()
	cwd, err := filepath.Abs(c.cwd)
	if err != nil {
		t.Fatal(err)
	}
	res, err := linter.Run(linter.Options{Cwd: cwd, Paths: []string{c.path}, KeepModels: true, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Models) != 1 {
		t.Fatalf("%d models", len(res.Models))
	}
	c.opts.Mask = res.Mask
	g, err := graph.Build(res.Models[0], res.Diags, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func render(t testing.TB, g *graph.Graph, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := graph.Write(&b, format, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var extension = map[string]string{"mermaid": ".mmd", "dot": ".dot", "json": ".json"}

func TestGolden(t *testing.T) {
	if *update {
		writeLarge(t)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			g := build(t, c)
			for _, f := range graph.Formats {
				got := render(t, g, f)
				path := filepath.Join(c.out, "graph"+extension[f])
				if *update {
					if err := os.MkdirAll(c.out, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run go test -update and read the diff):\n%s", f, path, got)
				}
			}
		})
	}
}

// TestDeterministic: the same project draws the same bytes every time
// (map order, parallel rules).
func TestDeterministic(t *testing.T) {
	c := cases["networks"]
	first := render(t, build(t, c), "mermaid")
	for range 3 {
		if got := render(t, build(t, c), "mermaid"); !bytes.Equal(got, first) {
			t.Fatalf("output changed between runs:\n%s\n---\n%s", first, got)
		}
	}
}

// TestNoSecret: passwords written in the fixtures appear in no format.
func TestNoSecret(t *testing.T) {
	g := build(t, cases["host-mode"])
	for _, f := range graph.Formats {
		if out := render(t, g, f); bytes.Contains(out, []byte("hunter2")) {
			t.Errorf("%s output prints the password:\n%s", f, out)
		}
	}
}

func TestBrokenEdges(t *testing.T) {
	g := build(t, cases["nextjs-api"])
	var broken []*graph.Edge
	for _, e := range g.Edges {
		if e.Broken {
			broken = append(broken, e)
		}
	}
	if len(broken) != 1 || broken[0].From != "service:client" || broken[0].Findings[0].Rule != "loopback-target" ||
		!strings.Contains(broken[0].Findings[0].Fix, "http://api:3000") {
		t.Fatalf("want the client's localhost edge broken by loopback-target with its fix, got %+v", broken)
	}
	fixed := build(t, cases["nextjs-api-fixed"])
	for _, e := range fixed.Edges {
		if e.Broken {
			t.Errorf("fixed example has a broken edge: %+v", e)
		}
		if e.Kind == graph.EdgeConnect && (e.From != "service:client" || e.To != "service:api" || e.Label != "api:3000 (API_BASE_URL)") {
			t.Errorf("unexpected connection %+v", e)
		}
	}
}

func TestFocusUnknown(t *testing.T) {
	c := cases["networks"]
	c.opts.Focus = []string{"nope"}
	cwd, _ := filepath.Abs(c.cwd)
	res, err := linter.Run(linter.Options{Cwd: cwd, Paths: []string{c.path}, KeepModels: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Build(res.Models[0], res.Diags, c.opts); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("want an error naming the service, got %v", err)
	}
}

// TestLinear: drawing twice the services takes about twice the output
// and no quadratic time.
func TestLinear(t *testing.T) {
	size := func(n int) (int, time.Duration) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(largeCompose(n)), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := linter.Run(linter.Options{Cwd: dir, KeepModels: true, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		g, err := graph.Build(res.Models[0], res.Diags, graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, f := range graph.Formats {
			total += len(render(t, g, f))
		}
		return total, time.Since(start)
	}
	s1, _ := size(200)
	s2, d2 := size(400)
	if r := float64(s2) / float64(s1); r < 1.8 || r > 2.2 {
		t.Errorf("output grows %.2fx for 2x the services", r)
	}
	if d2 > 5*time.Second {
		t.Errorf("drawing 400 services took %v", d2)
	}
}

// largeCompose is n services on networks of 40, each calling the next
// (the last of a network joins the next network too), every 20th on
// localhost (broken), every 7th calling nobody, every 10th publishing a
// port.
func largeCompose(n int) string {
	var b strings.Builder
	b.WriteString("# Generated by linter/graph's tests (go test ./linter/graph -update).\nservices:\n")
	for i := range n {
		nets := fmt.Sprintf("net-%d", i/40)
		if i%40 == 39 && i+1 < n {
			nets += fmt.Sprintf(", net-%d", (i+1)/40)
		}
		port := 8000
		if i%20 == 19 {
			port = 9000 // and calls localhost:8000, where nothing of its own listens
		}
		fmt.Fprintf(&b, "  svc-%03d:\n    image: example/app:1\n    networks: [%s]\n    environment:\n      PORT: \"%d\"\n", i, nets, port)
		if i+1 < n && i%7 != 6 {
			host := fmt.Sprintf("svc-%03d", i+1)
			if i%20 == 19 {
				host = "localhost"
			}
			fmt.Fprintf(&b, "      NEXT_URL: http://%s:8000\n", host)
		}
		if i%10 == 0 {
			fmt.Fprintf(&b, "    ports: [\"%d:8000\"]\n", 10000+i)
		}
	}
	b.WriteString("networks:\n")
	for i := range (n + 39) / 40 {
		fmt.Fprintf(&b, "  net-%d: {}\n", i)
	}
	return b.String()
}

func writeLarge(t *testing.T) {
	dir := "../../testdata/graph/large"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(largeCompose(200)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDOTRenders runs Graphviz on every DOT golden when it is installed
// (CI installs it; .ci/run also checks them with dot directly).
func TestDOTRenders(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz's dot is not installed")
	}
	if testing.Short() {
		t.Skip("runs dot")
	}
	for name, c := range cases {
		data, err := os.ReadFile(filepath.Join(c.out, "graph.dot"))
		if err != nil {
			t.Fatal(err)
		}
		svg, err := graphviz.SVG(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("%s: no SVG", name)
		}
	}
}

func TestSVGWithoutDot(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := graphviz.SVG([]byte("digraph{}")); !errors.Is(err, graphviz.ErrNotInstalled) {
		t.Fatalf("want ErrNotInstalled, got %v", err)
	}
}
