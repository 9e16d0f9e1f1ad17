// Package golang runs the hardcodedlocalhost analyzer in-process on Go
// packages for the reachlint CLI and language server, and converts its
// findings into reachlint diagnostics, so that compose, .env and Go findings
// share one output.
package golang

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Rule describes the Go check for outputs and docs (SARIF rules, --list).
var Rule = diag.RuleInfo{
	Name:     hardcodedlocalhost.Name,
	Severity: diag.Warning,
	Summary:  "a loopback host in Go code reaches a network call",
	What: "reports a compile-time constant host such as \"localhost\", 127.0.0.1 or ::1 that reaches a network sink " +
		"(net.Dial, http.Get, sql.Open, grpc.NewClient, redis.Options.Addr, ...), and servers that listen on loopback",
	Why: "inside a container localhost is the container itself: a client dialing it does not reach another service, " +
		"and a server listening on 127.0.0.1 cannot be reached from other containers or through published ports",
	Example:    `http.Get("http://localhost:8000/users")` + "\n" + `http.ListenAndServe("127.0.0.1:8080", nil)`,
	UseInstead: `http.Get(cmp.Or(os.Getenv("API_BASE_URL"), "http://localhost:8000") + "/users")` + "\n" + `http.ListenAndServe(":8080", nil)`,
	Enabled:    true,
}

// Run loads the Go packages matching patterns (as for go list, relative to
// dir) and reports hardcoded loopback hosts. File paths in the diagnostics
// are relative to the process working directory; columns count runes.
// Test files are checked only when includeTests is set.
//
// When dir is in no Go module, Run returns nothing: a compose-only project
// has no Go to check. Packages that do not type-check are skipped and named
// in the returned error, which then comes with the diagnostics of the
// other packages.
func Run(dir string, patterns []string, includeTests bool) ([]diag.Diagnostic, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if !inModule(abs) {
		return nil, nil
	}
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax | packages.NeedModule,
		Dir:   abs,
		Tests: includeTests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading Go packages: %w", err)
	}
	var loadErrs []error
	var ok []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 || p.IllTyped {
			for _, e := range p.Errors {
				loadErrs = append(loadErrs, e)
			}
			continue
		}
		ok = append(ok, p)
	}

	a := hardcodedlocalhost.New(hardcodedlocalhost.Config{IncludeTests: includeTests})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, ok, nil)
	if err != nil {
		return nil, err
	}
	c := converter{files: make(map[string]*source.File), seen: make(map[string]bool)}
	c.cwd, _ = os.Getwd()
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			loadErrs = append(loadErrs, fmt.Errorf("%s: %w", act.Package.PkgPath, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			c.add(act.Package.Fset, d)
		}
	}
	return diag.Sort(c.out), errors.Join(loadErrs...)
}

// inModule reports whether dir is inside a Go module or workspace.
func inModule(dir string) bool {
	for d := dir; ; d = filepath.Dir(d) {
		for _, name := range []string{"go.mod", "go.work"} {
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				return true
			}
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

type converter struct {
	cwd   string
	files map[string]*source.File // by absolute path
	seen  map[string]bool         // test variants repeat their package's findings
	out   []diag.Diagnostic
}

func (c *converter) add(fset *token.FileSet, d analysis.Diagnostic) {
	rng, f, ok := c.rangeOf(fset, d.Pos, d.End)
	if !ok {
		return
	}
	key := fmt.Sprint(rng.File, rng.Start.Offset, rng.End.Offset, d.Message)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	out := diag.Diagnostic{
		Rule:     hardcodedlocalhost.Name,
		Severity: diag.Warning,
		Range:    rng,
		Message:  d.Message,
	}
	for _, r := range d.Related {
		if rr, _, ok := c.rangeOf(fset, r.Pos, r.End); ok {
			out.Related = append(out.Related, diag.Related{Range: rr, Message: r.Message})
		}
	}
	// diag carries one fix; the analyzer offers at most one.
	if len(d.SuggestedFixes) > 0 {
		sf := d.SuggestedFixes[0]
		fix := &diag.Fix{Description: sf.Message}
		for _, e := range sf.TextEdits {
			start, end := fset.PositionFor(e.Pos, false), fset.PositionFor(e.End, false)
			if !e.End.IsValid() {
				end = start
			}
			if start.Filename != fset.PositionFor(d.Pos, false).Filename {
				fix = nil // an edit in another file: not expressible here
				break
			}
			fix.Edits = append(fix.Edits, diag.TextEdit{Range: f.Range(start.Offset, end.Offset), NewText: string(e.NewText)})
		}
		out.Fix = fix
	}
	c.out = append(c.out, out)
}

// rangeOf converts token positions to a rune-column range, reading the file
// once.
func (c *converter) rangeOf(fset *token.FileSet, pos, end token.Pos) (diag.Range, *source.File, bool) {
	if !pos.IsValid() {
		return diag.Range{}, nil, false
	}
	// Unadjusted: offsets must index the file as it is on disk, not where a
	// //line directive says it came from.
	p := fset.PositionFor(pos, false)
	e := p
	if end.IsValid() {
		e = fset.PositionFor(end, false)
	}
	f := c.files[p.Filename]
	if f == nil {
		data, err := os.ReadFile(p.Filename)
		if err != nil {
			return diag.Range{}, nil, false
		}
		f = source.New(c.rel(p.Filename), data)
		c.files[p.Filename] = f
	}
	return f.Range(p.Offset, e.Offset), f, true
}

func (c *converter) rel(path string) string {
	if c.cwd == "" {
		return path
	}
	if r, err := filepath.Rel(c.cwd, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}
