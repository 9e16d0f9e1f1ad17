package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

// FuzzNetworkRules runs the network rules over arbitrary compose and .env
// content: they must never panic, whatever offsets the values produce.
func FuzzNetworkRules(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*", "compose.yaml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		env, _ := os.ReadFile(filepath.Join(filepath.Dir(s), ".env"))
		f.Add(string(data), string(env))
	}
	f.Add("services:\n  api: {build: ., ports: [\"3000:3000\"]}\n  web: {build: ., environment: {A: \"${A}\"}}\n", "A=http://[::1]:3000\n")
	rs := []*Rule{loopbackTarget, unsharedNetwork, unknownHost, publishedPortInside, hostNetwork, hardcodedContainerIP, hostGatewayMissing, interpolationQuotes}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, yaml, env string) {
		fs := vfs.NewOverlay(vfs.OS{})
		fs.Set(filepath.Join(dir, "compose.yaml"), []byte(yaml))
		fs.Set(filepath.Join(dir, ".env"), []byte(env))
		l := compose.NewLoader(fs, dir, 1<<20, compose.Limits{MaxAliasExpansion: 10000, MaxDepth: 100})
		p := l.Load(compose.Options{FS: fs, WorkingDir: dir, Files: []string{filepath.Join(dir, "compose.yaml")}})
		for _, r := range rs {
			var out []diag.Diagnostic
			pass := NewPass(r, p, Settings{}, &out)
			r.Check(pass)
			for _, d := range out {
				if d.Fix != nil {
					for _, e := range d.Fix.Edits {
						if e.Range.Start.Offset > e.Range.End.Offset {
							t.Fatalf("%s: fix edit with a reversed range: %+v", r.Name, e.Range)
						}
					}
				}
			}
		}
	})
}
