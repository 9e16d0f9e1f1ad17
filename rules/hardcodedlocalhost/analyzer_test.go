package hardcodedlocalhost_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
)

// TestDefault runs the default analyzer over its fixture packages in one
// load: analysistest type-checks net/http and its dependencies from source
// for each call, seconds each on two cores. Every file with a suggested fix
// has a .golden file (listen, renamed, wrappers); the column files pin the
// fixes' ranges too. The tests that load run in parallel: each is mostly
// type-checking, and this package is among the last go test ./... runs.
func TestDefault(t *testing.T) {
	t.Parallel()
	// where, clients and byname pin columns too; testoverride and
	// fallbacks are checked with other configurations below as well.
	res := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), hardcodedlocalhost.Analyzer,
		"dial", "silent", "renamed", "where", "clients", "byname", "testoverride", "fallbacks", "selfport/...", "wrappers/...", "listen", "localfields", "implicit")
	byPkg := map[string][]*analysistest.Result{}
	for _, r := range res {
		byPkg[r.Action.Package.PkgPath] = append(byPkg[r.Action.Package.PkgPath], r)
	}
	// silent has no `// want`: any diagnostic there already failed the run.
	for _, pkg := range []string{"dial", "listen", "renamed", "where", "clients", "byname", "implicit"} {
		t.Run(pkg, func(t *testing.T) { checkColumns(t, pkg, byPkg[pkg]) })
	}
}

// TestIncludeTests: with the test files, their findings too, and the same
// production findings (testoverride: go vet and golangci-lint load test
// files, the reachlint CLI does not by default; TestDefault runs it
// without them).
func TestIncludeTests(t *testing.T) {
	t.Parallel()
	a := hardcodedlocalhost.New(hardcodedlocalhost.Config{IncludeTests: true})
	analysistest.Run(t, analysistest.TestData(), a, "includetests", "testoverride")
}

func TestIncludeTestsFlag(t *testing.T) {
	// cmd/hardcodedlocalhost's TestVetTool sets the flag through go vet
	// too; this load of the standard library from source is for CI.
	testenv.SkipUnlessLong(t, "type-checks the standard library once more")
	// The flag is how go vet and the singlechecker set it.
	a := hardcodedlocalhost.Analyzer
	if err := a.Flags.Set("include-tests", "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Flags.Set("include-tests", "false") })
	analysistest.Run(t, analysistest.TestData(), a, "includetests")
}

func TestExtraSinks(t *testing.T) {
	t.Parallel()
	var sinks []hardcodedlocalhost.Sink
	for _, s := range []string{"example.com/nats.Connect#0", "example.com/nats.Options.URL"} {
		sk, err := hardcodedlocalhost.ParseSink(s)
		if err != nil {
			t.Fatal(err)
		}
		sinks = append(sinks, sk)
	}
	a := hardcodedlocalhost.New(hardcodedlocalhost.Config{ExtraSinks: sinks})
	analysistest.Run(t, analysistest.TestData(), a, "extrasinks")
}

// TestFallbacks: loopback defaults are not diagnostics, but the result the
// CLI matches against the compose services that run the code.
func TestFallbacks(t *testing.T) {
	t.Parallel()
	a := hardcodedlocalhost.New(hardcodedlocalhost.Config{Fallbacks: true})
	res := analysistest.Run(t, analysistest.TestData(), a, "fallbacks")
	var b strings.Builder
	for _, r := range res {
		fbs, _ := r.Result.([]hardcodedlocalhost.Fallback)
		for _, f := range fbs {
			p := r.Action.Package.Fset.Position(f.Pos)
			if f.Use {
				fp := r.Action.Package.Fset.Position(f.Field)
				fmt.Fprintf(&b, "%s:%d:%d: use of the field at %s:%d\n", filepath.Base(p.Filename), p.Line, p.Column, filepath.Base(fp.Filename), fp.Line)
				continue
			}
			fmt.Fprintf(&b, "%s:%d:%d: var=%q flag=%q value=%q host=%q\n", filepath.Base(p.Filename), p.Line, p.Column, f.Var, f.Flag, f.Value, f.Host)
		}
	}
	golden := filepath.Join("testdata", "columns", "fallbacks.golden")
	if *update {
		os.WriteFile(golden, []byte(b.String()), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if b.String() != string(want) {
		t.Errorf("fallbacks (-update rewrites %s):\ngot:\n%s\nwant:\n%s", golden, b.String(), want)
	}
	// Without Config.Fallbacks the package is silent: TestDefault loads it.
}

// TestNoRelated: the golangci-lint plugin's configuration keeps the message
// (which names the sinks) and drops the related locations.
func TestNoRelated(t *testing.T) {
	t.Parallel()
	a := hardcodedlocalhost.New(hardcodedlocalhost.Config{NoRelated: true})
	for _, r := range analysistest.Run(t, analysistest.TestData(), a, "where") {
		for _, d := range r.Action.Diagnostics {
			if len(d.Related) > 0 {
				t.Errorf("%s: related locations with NoRelated", d.Message)
			}
		}
	}
}
