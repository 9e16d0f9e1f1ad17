// Package golang runs the hardcodedlocalhost analyzer in-process on Go
// packages for reachlint's command line (reachlint ./...), and converts its
// findings into reachlint diagnostics, so that compose, .env and Go findings
// share one output.
package golang

import (
	"fmt"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/rules/hardcodedlocalhost"
	"golang.org/x/tools/go/packages"
)

// LoadRule is the rule of a Go package that could not be loaded or
// type-checked, so was not checked at all.
const LoadRule = "go-load"

// Options tune a Lint run.
type Options struct {
	IncludeTests bool     // also analyse _test.go files
	Environ      []string // the environment go list starts from; nil = os.Environ()
	// Cwd is the directory the findings' paths are relative to: the run's
	// own working directory, which an in-process run (tests, the language
	// server) does not share with the process. "" = the process's.
	Cwd string
	// Services are the compose services built from local directories:
	// findings name the service that runs the code, and loopback defaults
	// of variables a service does not set are reported.
	Services []Service
	// Cache keeps findings per package between runs; nil = none.
	Cache *Cache
	// ReadDir lists directories for the search for modules below a root;
	// nil = os.ReadDir. The CLI hands it the listings of its lint run.
	ReadDir func(string) ([]fs.DirEntry, error)
}

// Run loads the Go packages matching patterns (as for go list, relative to
// dir, in dir's module) and reports hardcoded loopback hosts. It is Lint for
// one directory, kept for callers that name packages themselves.
func Run(dir string, patterns []string, includeTests bool) ([]diag.Diagnostic, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	anchor := ""
	if m, ok := findUp(abs, "go.mod"); ok {
		anchor = filepath.Join(m, "go.mod")
	} else if _, ok := findUp(abs, "go.work"); !ok {
		return nil, nil // a compose-only project has no Go to check
	}
	gowork := "off"
	if w, ok := findUp(abs, "go.work"); ok && os.Getenv("GOWORK") != "off" {
		gowork = filepath.Join(w, "go.work")
	}
	c := newConverter()
	c.load(unit{dir: abs, patterns: patterns, gowork: gowork, anchor: anchor}, Options{IncludeTests: includeTests})
	return diag.Sort(c.out), nil
}

// Lint checks the Go packages of every module below each root (DIR/...) and
// the packages of dirs (directories of .go files named on the command line).
// File paths in the diagnostics are relative to the process working
// directory; columns count runes. A package that cannot be loaded or
// type-checked is reported as a go-load diagnostic, never skipped silently.
// Loading runs go list without network, toolchain downloads or cgo.
func Lint(roots, dirs []string, o Options) []diag.Diagnostic {
	c := newConverter()
	if o.Cwd != "" {
		c.cwd = o.Cwd
	}
	c.services = o.Services
	for _, u := range plan(absAll(roots), absAll(dirs), o.ReadDir) {
		c.load(u, o)
	}
	c.applyTagDefaults()
	return diag.Sort(c.out)
}

// tagDefault is a struct-tag default and who runs its file.
type tagDefault struct {
	fb fallbackRec
	w  where
}

// applyTagDefaults reports a struct-tag default for the services that run
// code reading its field into a sink: one shared config struct holds the
// settings of every program, and a program that never dials REDIS_ADDR
// does not need it set.
func (c *converter) applyTagDefaults() {
	for _, td := range c.tagDefaults {
		uses := c.fieldUses[*td.fb.Field]
		var w where
		for _, s := range td.w.services {
			if slices.ContainsFunc(uses, func(f string) bool { runs, _ := s.runs(f); return runs }) {
				w.services = append(w.services, s)
			}
		}
		if rng, _, ok := c.rangeOf(td.fb.At); ok && len(w.services) > 0 {
			c.fallback(td.fb, w, rng)
		}
	}
}

func absAll(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if a, err := filepath.Abs(p); err == nil {
			out = append(out, a)
		}
	}
	return out
}

func newConverter() *converter {
	c := &converter{files: make(map[string]*source.File), seen: make(map[string]bool)}
	c.cwd, _ = os.Getwd()
	return c
}

// load runs one go list invocation and the analyzer on what type-checks.
func (c *converter) load(u unit, o Options) {
	base := o.Environ
	if base == nil {
		base = os.Environ()
	}
	env := hermeticEnv(base, u.gowork)
	patterns := u.patterns
	var keys map[string]string
	if o.Cache != nil {
		var done bool
		if patterns, keys, done = c.loadCached(u, o, env); done {
			return
		}
		defer o.Cache.trim()
	}
	cfg := &packages.Config{
		// Dependencies are type-checked from source (typeCheck), so go
		// list never needs -export, which would run the compiler.
		Mode:  listMode,
		Dir:   u.dir,
		Tests: o.IncludeTests,
		Env:   env,
	}
	if onTypeCheck != nil {
		onTypeCheck(patterns)
	}
	sizes := make(chan types.Sizes, 1)
	go func() { sizes <- goSizes(env, u.dir) }()
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		c.loadFailure(u.anchor, "", err.Error())
		return
	}
	switched := withCgo(pkgs, cfg)
	typeCheck(pkgs, <-sizes, switched)
	var ok []*packages.Package
	for _, p := range pkgs {
		if errs := rootErrors(p); len(errs) > 0 {
			c.packageFailure(u, p, errs)
			continue
		}
		if len(p.Syntax) == 0 {
			continue
		}
		ok = append(ok, p)
	}
	if len(ok) == 0 {
		return
	}
	if keys == nil { // the cached path has seen every package already
		for i := range c.services {
			c.services[i].reach(pkgs)
		}
	}
	a := hardcodedlocalhost.New(analyzerConfig(o))
	roots, err := analyze(a, ok)
	if err != nil {
		c.loadFailure(u.anchor, "", err.Error())
		return
	}
	for _, act := range roots {
		if act.err != nil {
			c.loadFailure(u.anchor, act.pkg.PkgPath, act.err.Error())
			continue
		}
		r := resultOf(act)
		if key := keys[act.pkg.ID]; key != "" {
			o.Cache.put(key, r)
		}
		c.apply(r, u.dir)
	}
}

// onTypeCheck, when set by a test, sees the patterns of every load with
// types: a cached run must type-check only what changed.
var onTypeCheck func(patterns []string)

// analyzerConfig reads only the user's own code (OwnCodeOnly): typeCheck
// records types nowhere else.
func analyzerConfig(o Options) hardcodedlocalhost.Config {
	return hardcodedlocalhost.Config{IncludeTests: o.IncludeTests, Fallbacks: true, OwnCodeOnly: true}
}

// loadCached lists u's packages without type-checking them and applies the
// cached findings of every root whose key is in the cache. It returns the
// patterns of the roots left to analyse and the keys to store their
// findings under, or done when none is left. When listing fails or a root
// has errors it returns u's patterns and no keys: the full load says what
// is wrong.
func (c *converter) loadCached(u unit, o Options, env []string) (patterns []string, keys map[string]string, done bool) {
	cfg := &packages.Config{
		Mode:  listMode,
		Dir:   u.dir,
		Tests: o.IncludeTests,
		Env:   env,
	}
	pkgs, err := packages.Load(cfg, u.patterns...)
	if err != nil {
		return u.patterns, nil, false
	}
	withCgo(pkgs, cfg)
	kr := newKeyer(fmt.Sprintf("%+v", analyzerConfig(o)))
	keys = map[string]string{}
	var hits []pkgResult
	var misses []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return u.patterns, nil, false
		}
		if len(p.GoFiles) == 0 {
			continue // as the full load skips a root without syntax
		}
		key := kr.key(p)
		if key == "" {
			return u.patterns, nil, false
		}
		if r, ok := o.Cache.get(key); ok {
			hits = append(hits, r)
			continue
		}
		keys[p.ID] = key
		misses = append(misses, p)
	}
	for i := range c.services {
		c.services[i].reach(pkgs)
	}
	for _, r := range hits {
		c.apply(r, u.dir)
	}
	if len(misses) == 0 {
		return nil, nil, true
	}
	return missPatterns(misses, pkgs), keys, false
}

// rootErrors are the errors that keep p from being checked: its own, or
// a dependency's when p's types are incomplete because of it. A dependency
// with errors comes first even when p has type errors of its own: those
// are most often its consequences ("cannot convert v (variable of invalid
// type ...)" where the dependency could not import a module), and fixing
// the dependency is the first step either way. An import p itself cannot
// resolve stays p's own error.
func rootErrors(p *packages.Package) []packages.Error {
	if len(p.Errors) > 0 && slices.ContainsFunc(p.Errors, func(e packages.Error) bool {
		return e.Kind != packages.TypeError || strings.HasPrefix(e.Msg, "could not import ")
	}) {
		return p.Errors
	}
	if len(p.Errors) == 0 && !p.IllTyped {
		return nil
	}
	var errs []packages.Error
	seen := map[string]bool{}
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
		if q == p {
			return
		}
		for _, e := range q.Errors {
			if !seen[e.Error()] {
				seen[e.Error()] = true
				errs = append(errs, e)
			}
		}
	})
	switch {
	case len(errs) > 0:
		return errs
	case len(p.Errors) > 0:
		return p.Errors
	}
	return []packages.Error{{Msg: "its types are incomplete"}}
}

// packageFailure reports a package that was not checked, at its first
// error's position when that lies in a file on disk, else at go.mod.
func (c *converter) packageFailure(u unit, p *packages.Package, errs []packages.Error) {
	// A failed import is the cause of the type errors after it ("undefined:
	// grpc" where google.golang.org/grpc is not in the module cache).
	e := errs[0]
	for _, x := range errs {
		if strings.HasPrefix(x.Msg, "could not import ") {
			e = x
			break
		}
	}
	msg := e.Msg
	if rest, ok := strings.CutPrefix(msg, "could not import "); ok {
		// The importer's error hides why: say what went wrong in the import.
		path, _, _ := strings.Cut(rest, " ")
		found := false
		packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
			if q != p && !found && len(q.Errors) > 0 {
				found = true
				msg = "could not import " + path + ": " + q.Errors[0].Msg
			}
		})
	}
	msg = oneLine(msg)
	if e.Pos != "" && e.Pos != "-" {
		file, line, col := splitPos(e.Pos)
		if file != "" {
			if !filepath.IsAbs(file) {
				// A dependency's error, relative to where go list ran.
				file = filepath.Join(u.dir, file)
			}
			if strings.Contains(msg, "GOPROXY=off") && u.anchor != "" {
				// Not in the module cache: one download fixes every
				// package it stops, said once at go.mod.
				c.failMissing(u.anchor, pkgName(p), msg)
				return
			}
			if !within(file, u.dir) && u.anchor != "" {
				// In a dependency (the module cache, GOROOT): not the
				// user's to edit, nor to show. The module's go.mod is.
				file, line, col = u.anchor, 1, 1
			}
			fix := "fix the error"
			if strings.Contains(msg, "GOPROXY=off") {
				fix = "run go mod download" // in go.sum, not in the module cache
			}
			c.failPackage(file, line, col, pkgName(p), fix, msg, len(errs)-1)
			return
		}
	}
	c.loadFailure(u.anchor, pkgName(p), msg)
}

// failPackage reports that package pkg was not checked because of msg (and
// more other errors), at file:line:col. Packages that fail at the same
// place for the same reason (an import the module cache lacks, and the
// packages that import that package) share one diagnostic that counts
// them: a checkout without its modules would otherwise list every package.
func (c *converter) failPackage(file string, line, col int, pkg, fix, msg string, more int) {
	why := msg + "; a package with errors is not checked for hardcoded loopback addresses"
	key := fmt.Sprint(file, "\x00", line, "\x00", col, "\x00", msg)
	if pf := c.pkgFails[key]; pf != nil {
		if slices.Contains(pf.pkgs, pkg) {
			return
		}
		pf.pkgs = append(pf.pkgs, pkg)
		others := pf.pkgs[1:]
		d := &c.out[pf.at]
		d.Message = fmt.Sprintf("Go packages %s and %d %s were not checked; %s or exclude the directory",
			pf.pkgs[0], len(others), plural(len(others), "other", "others"), fix)
		d.Why = pf.why + "; the same error stops " + someOf(others, 5)
		return
	}
	if more > 0 {
		why = fmt.Sprintf("%s (and %d more errors)%s", msg, more, strings.TrimPrefix(why, msg))
	}
	n := len(c.out)
	c.failAt(file, line, col, fmt.Sprintf("Go package %s was not checked; %s or exclude the directory", pkg, fix), why)
	if len(c.out) > n {
		if c.pkgFails == nil {
			c.pkgFails = map[string]*pkgFail{}
		}
		c.pkgFails[key] = &pkgFail{at: n, pkgs: []string{pkg}, why: why}
	}
}

// failMissing reports package pkg, not checked because an import is not in
// the module cache (msg: "could not import P: module lookup disabled by
// GOPROXY=off"), at the module's go.mod: one diagnostic per module counts
// the packages and names what is missing.
func (c *converter) failMissing(anchor, pkg, msg string) {
	imp := ""
	if rest, ok := strings.CutPrefix(msg, "could not import "); ok {
		imp, _, _ = strings.Cut(rest, ":")
		imp, _, _ = strings.Cut(imp, " ")
	}
	key := anchor + "\x00missing"
	pf := c.pkgFails[key]
	if pf == nil {
		n := len(c.out)
		c.failAt(anchor, 1, 1, fmt.Sprintf("Go package %s was not checked; run go mod download or exclude the directory", pkg),
			msg+"; a package with errors is not checked for hardcoded loopback addresses")
		if len(c.out) == n {
			return
		}
		if c.pkgFails == nil {
			c.pkgFails = map[string]*pkgFail{}
		}
		pf = &pkgFail{at: n}
		c.pkgFails[key] = pf
	}
	if slices.Contains(pf.pkgs, pkg) {
		return
	}
	pf.pkgs = append(pf.pkgs, pkg)
	if imp != "" && !slices.Contains(pf.imports, imp) {
		pf.imports = append(pf.imports, imp)
	}
	if len(pf.pkgs) == 1 {
		return
	}
	d := &c.out[pf.at]
	d.Message = fmt.Sprintf("%d Go packages of this module were not checked; run go mod download or exclude the directory", len(pf.pkgs))
	d.Why = "go list runs offline (GOPROXY=off), and the module cache lacks what they import: " + someOf(pf.imports, 5) +
		"; not checked: " + someOf(pf.pkgs, 5) + "; a package with errors is not checked for hardcoded loopback addresses"
}

// someOf lists the first n of names in order, and how many more there
// are: the same whichever order packages were checked in (in parallel, or
// some from the findings cache).
func someOf(names []string, n int) string {
	names = slices.Sorted(slices.Values(names))
	list := strings.Join(names[:min(len(names), n)], ", ")
	if len(names) > n {
		list += fmt.Sprintf(" and %d more", len(names)-n)
	}
	return list
}

// pkgFail is a diagnostic of packages not checked, and their names.
type pkgFail struct {
	at      int // index in converter.out
	pkgs    []string
	imports []string // what the module cache lacks (failMissing)
	why     string   // the first package's explanation
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pkgName(p *packages.Package) string {
	if p.PkgPath != "" {
		return p.PkgPath
	}
	return p.ID
}

// loadFailure reports at go.mod (or go.work) that Go code was not checked.
func (c *converter) loadFailure(anchor, pkg, msg string) {
	if _, after, ok := strings.Cut(msg, "stderr: "); ok && strings.TrimSpace(after) != "" {
		msg = after // go list's own words, without the exec wrapper
	}
	msg = oneLine(strings.TrimPrefix(strings.TrimSpace(msg), "go: "))
	what := "the Go packages of this module were"
	if pkg != "" {
		what = "Go package " + pkg + " was"
	}
	if anchor == "" {
		c.out = append(c.out, diag.Diagnostic{Rule: LoadRule, Severity: diag.Error,
			Message: loadMessage(what), Why: loadWhy(msg)})
		return
	}
	// A go.mod problem fails every package the same way: say it once.
	key := anchor + "\x00" + strings.ReplaceAll(msg, pkg, "")
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.failAt(anchor, 1, 1, loadMessage(what), loadWhy(msg))
}

// loadMessage and loadWhy are the headline and the explanation of Go code
// that go list could not load.
func loadMessage(what string) string {
	return what + " not checked; run go mod download or exclude the directory"
}

func loadWhy(msg string) string {
	return msg + "; go list must work offline: Go code it cannot load is not checked for hardcoded loopback addresses"
}

func (c *converter) failAt(file string, line, col int, msg, why string) {
	d := diag.Diagnostic{Rule: LoadRule, Severity: diag.Error, Message: msg, Why: why}
	f := c.file(file)
	if f == nil {
		d.Range.File = c.rel(file)
	} else {
		// go list columns count bytes.
		off := min(f.Offset(line, 1)+max(col-1, 0), len(f.Data))
		d.Range = f.Range(off, off)
	}
	key := fmt.Sprint(d.Range.File, d.Range.Start.Offset, msg, why)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.out = append(c.out, d)
}

// oneLine joins a multi-line tool message into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// splitPos reads go/packages' "file:line:col" (or "file:line").
func splitPos(pos string) (string, int, int) {
	parts := strings.Split(pos, ":")
	nums := []int{}
	for len(parts) > 1 && len(nums) < 2 {
		n, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		parts = parts[:len(parts)-1]
	}
	file := strings.Join(parts, ":")
	switch len(nums) {
	case 2:
		return file, nums[0], nums[1]
	case 1:
		return file, nums[0], 1
	}
	return file, 1, 1
}

type converter struct {
	services    []Service
	fieldUses   map[span][]string // field declaration -> files where it reaches a sink
	tagDefaults []tagDefault      // struct-tag defaults, matched to field uses at the end
	cwd         string
	files       map[string]*source.File // by absolute path
	seen        map[string]bool         // test variants repeat their package's findings
	pkgFails    map[string]*pkgFail     // packages not checked, by place and cause
	out         []diag.Diagnostic
}

// add converts an analyzer finding under the headline msg. The finding's
// first related location, when it is the finding itself, is the
// explanation (the Why); why and rel add what the CLI knows about where the
// code runs.
func (c *converter) add(fd finding, msg string, sev diag.Severity, why string, rel []diag.Related) {
	rng, f, ok := c.rangeOf(fd.At)
	if !ok {
		return
	}
	key := fmt.Sprint(rng.File, rng.Start.Offset, rng.End.Offset, msg)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	out := diag.Diagnostic{
		Rule:     hardcodedlocalhost.Name,
		Severity: sev,
		Range:    rng,
		Message:  msg,
	}
	related := fd.Related
	if len(related) > 0 && related[0].At == fd.At {
		out.Why = related[0].Message
		related = related[1:]
	}
	if why != "" {
		out.Why = strings.TrimSuffix(why+"; "+out.Why, "; ")
	}
	out.Related = append(out.Related, rel...)
	for _, r := range related {
		if rr, _, ok := c.rangeOf(r.At); ok {
			out.Related = append(out.Related, diag.Related{Range: rr, Message: r.Message})
		}
	}
	if fd.Fix != nil {
		fix := &diag.Fix{Description: fd.Fix.Message}
		for _, e := range fd.Fix.Edits {
			if e.Offsets[0] > len(f.Data) || e.Offsets[1] > len(f.Data) {
				fix = nil // the file changed since it was analysed
				break
			}
			fix.Edits = append(fix.Edits, diag.TextEdit{Range: f.Range(e.Offsets[0], e.Offsets[1]), NewText: e.Text})
		}
		out.Fix = fix
	}
	c.out = append(c.out, out)
}

// rangeOf converts a byte span to a rune-column range, reading the file
// once.
func (c *converter) rangeOf(s span) (diag.Range, *source.File, bool) {
	f := c.file(s.File)
	if f == nil || s.Offsets[0] > len(f.Data) || s.Offsets[1] > len(f.Data) {
		return diag.Range{}, nil, false
	}
	return f.Range(s.Offsets[0], s.Offsets[1]), f, true
}

// file reads a file once.
func (c *converter) file(path string) *source.File {
	if f := c.files[path]; f != nil {
		return f
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	f := source.New(c.rel(path), data)
	c.files[path] = f
	return f
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
