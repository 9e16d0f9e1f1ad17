// Package linter is reachlint's engine: Run turns paths into projects
// (discovery), loads them, runs the enabled rules and filters the findings
// (suppressions, configuration), and its Result masks what may be printed.
// The command line (internal/cli) and the language server (linter/lsp)
// share it; printing, --fix and --new-from-rev are the command line's.
//
// Like every package of this module but the Go analyzer and its
// golangci-lint plugin, it is not a public API: names may change in any
// release before v1.0 (see docs/architecture.md, "Public surface").
package linter

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/network"
	"github.com/reachlint/reachlint/linter/schema"
	"github.com/reachlint/reachlint/linter/secret"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/suppress"
	"github.com/reachlint/reachlint/linter/vfs"
	"github.com/reachlint/reachlint/rules"
)

// Options say what to lint and how; the CLI and the language server fill
// them.
type Options struct {
	// FS is read through a vfs.StatMemo: one made for the run, or the one
	// given (whose caller vouches that files do not change meanwhile).
	FS          vfs.FS
	Cwd         string
	Paths       []string // positional arguments; none = the current directory
	Files       []string // -f
	ProjectDir  string
	EnvFiles    []string
	Environ     map[string]string // the process environment; nil = --no-env
	Profiles    []string
	ProjectName string
	Config      *config.Config
	NoInline    bool // --no-inline-ignore
	Workers     int  // projects linted at once; 0 = GOMAXPROCS
	// GoLint runs the Go analyzer on Go packages below the given roots and
	// directories, knowing which compose services build which directories;
	// nil skips Go.
	GoLint func(roots, dirs []string, services []GoService) ([]diag.Diagnostic, error)
	// Hook sees and may change the findings after filtering and before
	// redaction; the sentinel tests use it to put a secret in every
	// field of every rule's findings. nil in normal runs.
	Hook func([]diag.Diagnostic) []diag.Diagnostic
	// KeepModels keeps each project's network model in Result.Models
	// (reachlint graph draws them).
	KeepModels bool

	goServices bool // the run lints Go code: projects list their Go services
	devServers bool // no JavaScript pass: each project checks its dev servers itself
}

// GoService is what the Go analyzer needs to know of a compose service
// built from a local directory: which code it runs and what it sets.
type GoService struct {
	Name       string
	Context    string            // absolute build context directory; "" for a service that runs an image
	Dockerfile string            // absolute path of its Dockerfile
	Env        map[string]bool   // variables environment: and env_file: set
	Command    string            // command: and entrypoint: words, joined by spaces
	EnvUnknown bool              // an env_file: it needs is missing: it may set anything
	BuildArgs  map[string]string // build: args: with values
	Mounts     []string          // directories it bind-mounts (absolute)
	At         diag.Range        // the service's name in its compose file
	// Ports are the container ports it publishes or exposes and those
	// other services connect to; nil when not known.
	Ports map[int]bool
	// Probe is the program its healthcheck runs (the base name of the
	// test's command: "healthcheck" for ["CMD", "/healthcheck"]), "" when
	// none.
	Probe string
}

// Result is what a run found. Diags, Notes and Source are redacted (see
// redact.go): they are what every output may print. Raw and Content are
// the findings and files as they are, for --fix and for positions.
type Result struct {
	Diags []diag.Diagnostic
	Notes []string // paths skipped and other remarks for stderr
	raw   []diag.Diagnostic
	// Models are the network models of the projects linted, in plan
	// order, when Options.KeepModels is set.
	Models  []*network.Model
	sources map[string][]byte
	masked  map[string][]byte
	files   map[string]*source.File // indexed unmasked sources, for Line
	lines   map[lineKey]string
	red     *redactor
}

type lineKey struct {
	path string
	n    int
}

// Source returns the content of a file the run read, by display path,
// masked for printing; nil for a file whose content is never shown.
func (r *Result) Source(path string) []byte {
	if m, ok := r.masked[path]; ok {
		return m
	}
	data := r.sources[path]
	if r.red != nil {
		data = r.red.source(path, data)
	}
	if r.masked == nil {
		r.masked = map[string][]byte{}
	}
	r.masked[path] = data
	return data
}

// Line returns line n (1-based) of a file the run read, without its line
// ending, masked for printing as Source masks it; false for a file whose
// content is never shown or a line it does not have. Only the lines asked
// for are masked: a snippet costs its line, not its file.
func (r *Result) Line(path string, n int) (string, bool) {
	k := lineKey{path, n}
	if s, ok := r.lines[k]; ok {
		return s, true
	}
	f, ok := r.files[path]
	if !ok {
		data := r.sources[path]
		if data != nil && (r.red == nil || r.red.shown(path, data)) {
			f = source.New(path, data)
		}
		if r.files == nil {
			r.files = map[string]*source.File{}
		}
		r.files[path] = f
	}
	if f == nil || n < 1 || n > f.LineCount() {
		return "", false
	}
	s := f.Line(n)
	if r.red != nil {
		s = r.red.line(path, f, n)
	}
	if r.lines == nil {
		r.lines = map[lineKey]string{}
	}
	r.lines[k] = s
	return s, true
}

// Mask masks a text for printing the way findings are: secret patterns
// and the values of the secret variables this run read (reachlint graph
// passes its labels through it).
func (r *Result) Mask(s string) string {
	if r.red == nil {
		return secret.MaskText(s)
	}
	return r.red.text(s)
}

// Content returns the unmasked content of a file the run read, for
// positions and edits; never print it.
func (r *Result) Content(path string) []byte { return r.sources[path] }

// Raw returns the findings before redaction, in the order of Diags, with
// their complete fixes; only --fix and --diff may use them.
func (r *Result) Raw() []diag.Diagnostic { return r.raw }

// Run lints what o names. Errors are usage errors (compose.UsageError) or
// failures to read the configuration.
func Run(o Options) (*Result, error) {
	if o.FS == nil {
		o.FS = vfs.OS{}
	}
	// Projects probe the same names (.env, Dockerfile, overrides): a run
	// asks the file system each question once (through the caller's memo
	// when it passes one: it vouches for the files not changing).
	if _, ok := o.FS.(*vfs.StatMemo); !ok {
		o.FS = vfs.NewStatMemo(o.FS)
	}
	if o.Cwd == "" {
		o.Cwd, _ = os.Getwd()
	}
	if o.Config == nil {
		o.Config = config.Default()
	}
	res := &Result{sources: map[string][]byte{}}
	for _, f := range o.EnvFiles {
		if _, err := o.FS.Stat(absOpt(o.Cwd, f)); err != nil {
			return nil, &compose.UsageError{Msg: fmt.Sprintf("--env-file %s: %s", f, statProblem(err))}
		}
	}
	// The run's files are read and parsed once, by discovery and every
	// project that includes them.
	cache := &compose.Cache{}
	memo := &schema.Memo{} // the service definitions the schema accepted, for the variants sharing them
	l := compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{})
	l.Share(cache)
	finder := &compose.Finder{L: l, Environ: o.Environ}
	if o.EnvFiles != nil {
		finder.EnvFiles = absAll(o.Cwd, o.EnvFiles)
	}
	var plan *compose.Plan
	switch {
	case len(o.Files) > 0:
		for _, f := range o.Files {
			if _, err := o.FS.Stat(absOpt(o.Cwd, f)); err != nil {
				return nil, &compose.UsageError{Msg: fmt.Sprintf("-f %s: %s", f, statProblem(err))}
			}
		}
		plan = &compose.Plan{}
		for _, p := range o.Paths {
			if p != "..." && !strings.HasSuffix(p, "/...") && !compose.IsSource(p) {
				return nil, &compose.UsageError{Msg: fmt.Sprintf("%s: with -f, a path only adds the Go and JavaScript code to lint with the project: write DIR/... or a source file, and name compose files with -f", p)}
			}
		}
		if len(o.Paths) > 0 {
			// -f names the compose project; the paths add the Go and
			// JavaScript code to lint with it ("-f compose.local.yaml ./...").
			found, err := finder.Paths(o.Paths)
			if err != nil {
				return nil, err
			}
			plan = &compose.Plan{GoRoots: found.GoRoots, GoDirs: found.GoDirs, GoFiles: found.GoFiles,
				JSRoots: found.JSRoots, JSFiles: found.JSFiles, Skipped: found.Skipped, Walked: found.Walked}
		}
		plan.Projects = []compose.Spec{{Files: absAll(o.Cwd, o.Files), ProjectDir: absOpt(o.Cwd, o.ProjectDir), Named: true}}
	case len(o.Paths) == 0:
		spec, err := defaultProject(o, finder)
		if err != nil {
			return nil, err
		}
		plan = &compose.Plan{Projects: []compose.Spec{spec}}
	default:
		var err error
		if plan, err = finder.Paths(o.Paths); err != nil {
			return nil, err
		}
		if o.ProjectDir != "" {
			for i := range plan.Projects {
				plan.Projects[i].ProjectDir = absOpt(o.Cwd, o.ProjectDir)
			}
		}
	}
	res.Notes = append(res.Notes, plan.Skipped...)

	enabled := enabledRules(o.Config)
	for _, spec := range plan.Projects {
		cache.Expect(spec.Files)
	}
	lintsGo := o.GoLint != nil && (len(plan.GoRoots) > 0 || len(plan.GoDirs) > 0) && goEnabled(o.Config)
	o.goServices = lintsGo
	o.devServers = len(plan.JSRoots) == 0 && len(plan.JSFiles) == 0 && ruleEnabled(o.Config, "loopback-bind")
	outs := make([]projectResult, len(plan.Projects))
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// A project's nodes are kept past its rules only for the JavaScript
	// pass; a tree of many projects would hold them all at once.
	keep := needsProjects(o, plan)
	if workers == 1 || len(plan.Projects) == 1 {
		// No goroutines for the common single-project run.
		for i := range plan.Projects {
			outs[i] = lintProject(o, plan.Projects[i], enabled, cache, memo)
			if !keep {
				outs[i].project = nil
			}
		}
	} else {
		// Each worker takes the next project; this goroutine is one of
		// them. No channel: a hand-off per project would wake a thread.
		var next atomic.Int64
		work := func() {
			for i := int(next.Add(1)) - 1; i < len(plan.Projects); i = int(next.Add(1)) - 1 {
				outs[i] = lintProject(o, plan.Projects[i], enabled, cache, memo)
				if !keep {
					outs[i].project = nil
				}
			}
		}
		var wg sync.WaitGroup
		for range min(workers, len(plan.Projects)) - 1 {
			wg.Go(work)
		}
		work()
		wg.Wait()
	}

	readEnv := map[string]bool{}
	var ds []diag.Diagnostic
	var dirs []string // the run's directories: content in their repositories may be shown
	var sec []secrets
	repo := repoRoots{fs: o.FS}
	for _, pr := range outs {
		if pr.skip {
			continue
		}
		dirs = append(dirs, pr.dir)
		sec = append(sec, pr.secrets)
		ds = append(ds, pr.diags...)
		if pr.model != nil {
			res.Models = append(res.Models, pr.model)
		}
		for k, v := range pr.sources {
			res.sources[k] = v
		}
		for _, e := range pr.envRead {
			readEnv[e] = true
		}
	}
	// Env files no project reads are linted on their own.
	for _, e := range plan.EnvFiles {
		if readEnv[e] {
			continue
		}
		readEnv[e] = true
		pr := lintStandaloneEnv(o, e, enabled)
		dirs = append(dirs, cleanpath.Dir(e))
		sec = append(sec, pr.secrets)
		ds = append(ds, pr.diags...)
		for k, v := range pr.sources {
			res.sources[k] = v
		}
	}
	if lintsGo {
		dirs = append(dirs, o.Cwd)
		for _, gr := range append(slices.Clone(plan.GoRoots), plan.GoDirs...) {
			dirs = append(dirs, absOpt(o.Cwd, gr))
		}
		var services []GoService
		for _, pr := range outs {
			services = append(services, pr.goServices...)
		}
		if len(plan.Projects) == 0 {
			// Go files named alone (the pre-commit hook's staged files):
			// the compose project above them says who runs them, as in a
			// run over the whole tree.
			services = nearbyServices(o, plan.GoDirs)
		}
		gds, err := o.GoLint(plan.GoRoots, plan.GoDirs, services)
		if err != nil {
			res.Notes = append(res.Notes, "go: "+err.Error())
		}
		if len(plan.GoRoots) == 0 && len(plan.GoFiles) > 0 {
			// Files given by name (pre-commit passes the staged ones):
			// their packages are analysed whole, and only their own
			// findings are reported.
			gds = slices.DeleteFunc(gds, func(d diag.Diagnostic) bool {
				f := d.Range.File
				if !filepath.IsAbs(f) {
					f = cleanpath.Join(o.Cwd, f)
				}
				return !slices.Contains(plan.GoFiles, cleanpath.Clean(f))
			})
		}
		for _, d := range gds {
			if _, ok := res.sources[d.Range.File]; !ok {
				if data, err := vfs.ReadLimit(o.FS, cleanpath.Join(o.Cwd, d.Range.File), o.Config.MaxFileSize); err == nil {
					res.sources[d.Range.File] = data
				}
			}
		}
		ds = append(ds, gds...)
	}
	if jsEnabled(o.Config) {
		var projects []*compose.Project
		for _, pr := range outs {
			if !pr.skip && pr.project != nil {
				projects = append(projects, pr.project)
			}
		}
		if len(plan.JSRoots) > 0 || len(plan.JSFiles) > 0 {
			ds = append(ds, lintJS(o, plan, projects, res)...)
		}
	}
	ds = finish(o, ds, res.sources, outs, enabled)
	if o.Hook != nil {
		ds = diag.Sort(o.Hook(ds))
	}
	res.raw = ds
	res.red = newRedactor(o, dirs, repo.of, sec, res.sources)
	res.Diags = make([]diag.Diagnostic, len(ds))
	for i, d := range ds {
		res.Diags[i] = res.red.diag(d)
	}
	for i, n := range res.Notes {
		res.Notes[i] = res.red.text(n)
	}
	if notes := res.red.linkNotes(); len(notes) > 0 {
		res.raw = append(res.raw, notes...)
		res.Diags = append(res.Diags, notes...)
	}
	return res, nil
}

// RepoRoot is the directory holding .git at or above dir, or dir itself:
// the repository a file belongs to. Content outside the repositories of a
// run is never shown, and --fix writes nothing that leaves the file's own.
func RepoRoot(fsys vfs.FS, dir string) string {
	r := repoRoots{fs: fsys}
	return r.of(dir)
}

// repoRoots is RepoRoot for the projects of one run, which share parent
// directories: each directory is looked at once.
type repoRoots struct {
	fs   vfs.FS
	memo map[string]string // dir -> its repository root, "" when none above
}

func (r *repoRoots) of(dir string) string {
	if root := r.find(dir); root != "" {
		return root
	}
	return dir
}

func (r *repoRoots) find(d string) string {
	if root, ok := r.memo[d]; ok {
		return root
	}
	root := ""
	if _, err := r.fs.Stat(cleanpath.Join(d, ".git")); err == nil {
		root = d
	} else if p := cleanpath.Dir(d); p != d {
		root = r.find(p)
	}
	if r.memo == nil {
		r.memo = map[string]string{}
	}
	r.memo[d] = root
	return root
}

func goEnabled(c *config.Config) bool {
	r := rules.ByName(rules.GoAnalyzerName)
	return r != nil && c.Enabled(r.RuleInfo)
}

// defaultProject is what docker compose picks without -f or paths:
// COMPOSE_FILE (from the process environment, else the .env of the project
// directory or the current one), else the compose file in that directory
// or a parent.
func defaultProject(o Options, f *compose.Finder) (compose.Spec, error) {
	dir := o.Cwd
	if o.ProjectDir != "" {
		dir = absOpt(o.Cwd, o.ProjectDir)
	}
	if files, ok := f.ComposeFileIn(dir); ok {
		return compose.Spec{Files: files, ProjectDir: absOpt(o.Cwd, o.ProjectDir), Named: true}, nil
	}
	spec, found := f.FindUp(dir)
	if !found {
		return spec, &compose.UsageError{Msg: fmt.Sprintf("no compose file found in %s or its parents (looked for %s); pass a path or -f", dir, strings.Join(compose.BaseNames, ", "))}
	}
	if o.ProjectDir != "" {
		spec.ProjectDir = dir
	}
	spec.Named = true
	return spec, nil
}

func absAll(cwd string, ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = absOpt(cwd, p)
	}
	return out
}

func absOpt(cwd, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return cleanpath.Join(cwd, p)
}

type projectResult struct {
	dir     string
	secrets secrets
	diags   []diag.Diagnostic
	sources map[string][]byte
	envRead []string
	dirs    []suppress.Directive
	skip    bool
	model   *network.Model   // with Options.KeepModels
	project *compose.Project // for the rules that read source code

	goServices []GoService
}

type enabledRule struct {
	rule     *rules.Rule
	severity diag.Severity
	override bool // the configuration sets the severity
}

// enabledRules returns the rules c turns on. The set is read-only: runs with
// the default rules share one.
func enabledRules(c *config.Config) enabledSet {
	if c.DefaultRules() {
		return defaultEnabled()
	}
	return selectRules(c)
}

var defaultEnabled = sync.OnceValue(func() enabledSet { return selectRules(config.Default()) })

func selectRules(c *config.Config) enabledSet {
	all := rules.All()
	out := make(enabledSet, len(all))
	for i, r := range all {
		// A Go package the analyzer could not check is reported whenever
		// the analyzer runs ("--disable all --enable hardcodedlocalhost"
		// too), unless go-load itself is disabled by name: a gate must
		// not pass over code it did not read.
		goLoad := r.Name == rules.GoLoadName && goEnabled(c) && !c.DisabledByName(r.Name)
		if c.Enabled(r.RuleInfo) || goLoad {
			sev := c.Severity(r.RuleInfo)
			out[i] = enabledRule{rule: r, severity: sev, override: sev != r.Severity}
		}
	}
	return out
}

// enabledSet holds the run's rules at their index in rules.All(); a rule
// that is off has a nil rule.
type enabledSet []enabledRule

// ruleIndex is each rule's index in rules.All().
var ruleIndex = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, r := range rules.All() {
		m[r.Name] = i
	}
	return m
})

// get returns the rule named name when it is on.
func (e enabledSet) get(name string) (enabledRule, bool) {
	if i, ok := ruleIndex()[name]; ok && e[i].rule != nil {
		return e[i], true
	}
	return enabledRule{}, false
}

func settings(c *config.Config) rules.Settings {
	return rules.Settings{BrowserPrefixes: c.BrowserPrefixes, ImagePorts: c.ImagePorts, AllowHosts: c.AllowHosts}
}

// lintProject loads one project and runs every enabled rule on it. Each call
// has its own loader and model; the files read and their parses come from
// the run's cache, so projects are linted in parallel.
func lintProject(o Options, spec compose.Spec, enabled enabledSet, cache *compose.Cache, memo *schema.Memo) (pr projectResult) {
	l := compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{})
	l.Share(cache)
	var envFiles []string // nil: the project directory's .env
	if o.EnvFiles != nil {
		envFiles = absAll(o.Cwd, o.EnvFiles)
	}
	p := l.Load(compose.Options{
		Files: spec.Files, ProjectDir: spec.ProjectDir, EnvFiles: envFiles,
		Environ: o.Environ, Profiles: o.Profiles, Name: o.ProjectName, Siblings: spec.Siblings, Fragment: spec.Fragment, Named: spec.Named,
	})
	if spec.EnvArg != "" && !reads(p, spec.EnvArg, l) {
		return projectResult{skip: true}
	}
	return runRules(o, p, enabled, l, memo)
}

func reads(p *compose.Project, abs string, l *compose.Loader) bool {
	for _, e := range p.EnvFiles {
		if e.Src.Path == l.Display(abs) {
			return true
		}
	}
	return false
}

// runRules runs the enabled rules on p. memo (nil: none) is the run's
// memory of the service definitions the schema accepted.
func runRules(o Options, p *compose.Project, enabled enabledSet, l *compose.Loader, memo *schema.Memo) projectResult {
	var ds []diag.Diagnostic
	ds = append(ds, p.Diags...)
	if p.Root != nil && !hasRule(p.Diags, "yaml-syntax") && len(p.Files) > 0 {
		if _, ok := enabled.get(schema.Rule); ok {
			_, unsetOn := enabled.get("unset-variable")
			if !p.SharesDocs() {
				memo = nil // nothing to remember: no other project holds its services
			}
			for _, d := range memo.Validate(p.Doc(), p.Locate) {
				if !unsetOn || !p.UnsetAt(d.Range) { // "" where ${VAR} is unset: unset-variable says so
					ds = append(ds, d)
				}
			}
		}
	}
	set := settings(o.Config)
	shared := &rules.Shared{}
	pass := rules.NewPass(nil, p, set, &ds, shared)
	for _, er := range enabled {
		if er.rule == nil || er.rule.Check == nil {
			continue
		}
		runCheck(er.rule, pass.Next(er.rule), &ds)
	}
	pr := projectResult{sources: map[string][]byte{}, dir: p.Dir, secrets: collectSecrets(p)}
	if o.KeepModels && len(p.Files) > 0 {
		// The model the rules read (built now if no rule asked for it).
		pr.model = pass.Net()
	}
	if pr.dir == "" {
		pr.dir = o.Cwd
	}
	for _, f := range p.Files {
		pr.sources[f.Path] = f.Data
	}
	if t := p.EnvTemplate; t != nil {
		pr.sources[t.Src.Path] = t.Src.Data
	}
	for _, f := range p.Extra {
		pr.sources[f.Path] = f.Data
	}
	for _, e := range p.EnvFiles {
		pr.sources[e.Src.Path] = e.Src.Data
		pr.envRead = append(pr.envRead, cleanpath.Join(o.Cwd, e.Src.Path))
		if filepath.IsAbs(e.Src.Path) {
			pr.envRead[len(pr.envRead)-1] = e.Src.Path
		}
	}
	// x-reachlint: {ignore: [...]} covers the service's lines.
	for _, s := range p.Services {
		if len(s.Ignore) == 0 || s.Key.File == nil {
			continue
		}
		from, to := s.Key.Range.Start.Line, s.Node.Range.End.Line
		pr.dirs = suppress.AddScope(pr.dirs, s.Key.Range, s.Ignore, "x-reachlint", from, to)
	}
	pr.diags = ds
	pr.project = p
	if o.devServers {
		dds, srcs := devServerDiags(o, p)
		pr.diags = append(pr.diags, dds...)
		if len(srcs) > 0 && pr.sources == nil {
			pr.sources = map[string][]byte{}
		}
		maps.Copy(pr.sources, srcs)
	}
	if o.goServices {
		pr.goServices = goServices(p, pass.Net())
	}
	return pr
}

// goServices lists the project's services: what those built from a local
// directory run, the directories each bind-mounts, and the ports anything
// reaches it on.
func goServices(p *compose.Project, m *network.Model) []GoService {
	var out []GoService
	reached := m.ReachedPorts()
	for _, s := range p.Services {
		if s.Key == nil {
			continue
		}
		g := GoService{Name: s.Name, Env: map[string]bool{}, EnvUnknown: s.EnvUnknown, At: s.Key.Range, Mounts: p.BindSources(s), Ports: reached[s], Probe: probe(s)}
		if s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) {
			out = append(out, g) // runs an image: only its mounts count
			continue
		}
		g.Context, g.Dockerfile = cleanpath.Clean(s.BuildContext), cleanpath.Join(s.BuildContext, "Dockerfile")
		if df := s.Build.Get("dockerfile"); df != nil && df.Str() != "" {
			if filepath.IsAbs(df.Str()) {
				g.Dockerfile = df.Str()
			} else {
				g.Dockerfile = cleanpath.Join(s.BuildContext, df.Str())
			}
		}
		for _, e := range s.Env {
			if e.Value != nil {
				g.Env[e.Key] = true
			}
		}
		for _, a := range s.BuildArgs {
			if a.Value != nil {
				if g.BuildArgs == nil {
					g.BuildArgs = map[string]string{}
				}
				g.BuildArgs[a.Key] = a.Value.Value
			}
		}
		var words []string
		for _, a := range append(append([]compose.Arg{}, s.Entrypoint...), s.Command...) {
			words = append(words, a.Value)
		}
		g.Command = strings.Join(words, " ")
		out = append(out, g)
	}
	return out
}

// probe is the base name of the program a service's healthcheck test runs:
// the first word after CMD (or of CMD-SHELL's command, or of a plain
// string), "" when there is none.
func probe(s *compose.Service) string {
	test := s.Healthcheck.Get("test")
	if test == nil {
		return ""
	}
	var cmd string
	switch test.Kind {
	case compose.Seq:
		if len(test.Items) < 2 {
			return ""
		}
		switch strings.ToUpper(test.Items[0].Value) {
		case "CMD":
			cmd = test.Items[1].Value
		case "CMD-SHELL":
			cmd, _, _ = strings.Cut(strings.TrimSpace(test.Items[1].Value), " ")
		}
	case compose.Scalar:
		cmd, _, _ = strings.Cut(strings.TrimSpace(test.Value), " ")
	}
	if cmd == "" {
		return ""
	}
	return filepath.Base(cmd)
}

// nearbyServices loads, without linting it, the compose project found in
// each directory or above it, and lists its services.
func nearbyServices(o Options, dirs []string) []GoService {
	var out []GoService
	seen := map[string]bool{}
	for _, d := range dirs {
		finder := &compose.Finder{L: compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{}), Environ: o.Environ}
		spec, ok := finder.FindUp(absOpt(o.Cwd, d))
		if !ok || seen[spec.Key()] {
			continue
		}
		seen[spec.Key()] = true
		p := finder.L.Load(compose.Options{Files: spec.Files, ProjectDir: spec.ProjectDir, Environ: o.Environ, Profiles: o.Profiles})
		c := o.Config
		out = append(out, goServices(p, network.Build(p, network.Options{ImagePorts: c.ImagePorts, BrowserPrefixes: c.BrowserPrefixes, AllowHosts: c.AllowHosts}))...)
	}
	return out
}

// runCheck runs one rule, turning a panic into a diagnostic so that one
// broken rule cannot take the run down.
func runCheck(r *rules.Rule, pass *rules.Pass, ds *[]diag.Diagnostic) {
	defer func() {
		if e := recover(); e != nil {
			file := ""
			if p := pass.Project; len(p.Files) > 0 {
				file = p.Files[0].Path
			}
			*ds = append(*ds, diag.Diagnostic{Rule: r.Name, Severity: diag.Error, Range: diag.Range{File: file},
				Message: fmt.Sprintf("internal error in rule %s: %v; please report this bug with the file attached", r.Name, e)})
		}
	}()
	r.Check(pass)
}

func hasRule(ds []diag.Diagnostic, rule string) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Rule == rule })
}

func lintStandaloneEnv(o Options, abs string, enabled enabledSet) projectResult {
	l := compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{})
	p := l.LoadEnvOnly(abs)
	return runRules(o, p, enabled, l, nil)
}

// finish applies suppressions, severities, enablement and excludes, then
// sorts.
func finish(o Options, ds []diag.Diagnostic, sources map[string][]byte, outs []projectResult, enabled enabledSet) []diag.Diagnostic {
	var dirs []suppress.Directive
	for path, data := range sources {
		dirs = append(dirs, suppress.Scan(path, data)...)
	}
	for _, pr := range outs {
		dirs = append(dirs, pr.dirs...)
	}
	// Severities and enablement first, so suppressions see what would be
	// reported.
	kept := ds[:0]
	for _, d := range ds {
		er, ok := enabled.get(d.Rule)
		if !ok && rules.ByName(d.Rule) != nil {
			continue
		}
		if ok && er.override {
			d.Severity = er.severity
		}
		kept = append(kept, d)
	}
	ds = diag.Sort(kept)
	dirs = dedupeDirs(dirs)
	var known map[string]bool // read only for directives
	if len(dirs) > 0 {
		known = make(map[string]bool, len(rules.All()))
		for i, r := range rules.All() {
			known[r.Name] = enabled[i].rule != nil
		}
	}
	ds = suppress.Filter(ds, dirs, known, o.NoInline)
	kept = ds[:0]
	for _, d := range ds {
		if er, ok := enabled.get(d.Rule); ok {
			if er.override {
				d.Severity = er.severity
			}
		} else if rules.ByName(d.Rule) != nil {
			continue
		}
		if d.Range.File != "" && o.Config.Excluded(cleanpath.Join(o.Cwd, d.Range.File)) && !filepath.IsAbs(d.Range.File) {
			continue
		}
		if filepath.IsAbs(d.Range.File) && o.Config.Excluded(d.Range.File) {
			continue
		}
		kept = append(kept, d)
	}
	return diag.Sort(kept)
}

// dedupeDirs drops directives read twice (a file shared by two projects).
func dedupeDirs(dirs []suppress.Directive) []suppress.Directive {
	seen := map[string]bool{}
	out := dirs[:0]
	for _, d := range dirs {
		k := fmt.Sprintf("%s|%d|%d|%d|%v", d.Range.File, d.Range.Start.Line, d.Range.Start.Col, d.Kind, d.Rules)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}
func statProblem(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file"
	case os.IsPermission(err):
		return "permission denied"
	}
	return err.Error()
}
