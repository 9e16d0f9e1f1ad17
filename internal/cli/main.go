// Package cli is reachlint's command line: flags and subcommands, help
// text, printing the report in every format, --fix and --diff, exit codes.
// It drives the engine (package linter), the language server and the Go
// loader; cmd/reachlint is a thin main around Main.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/fix"
	"github.com/reachlint/reachlint/linter/golang"
	"github.com/reachlint/reachlint/linter/lsp"
	"github.com/reachlint/reachlint/linter/newfrom"
	"github.com/reachlint/reachlint/linter/output"
	"github.com/reachlint/reachlint/linter/secret"
	"github.com/reachlint/reachlint/linter/suggest"
	"github.com/reachlint/reachlint/linter/vfs"
	"github.com/reachlint/reachlint/rules"
)

// Exit codes.
const (
	ExitClean    = 0 // nothing at or above the fail level
	ExitFindings = 1
	ExitUsage    = 2 // bad flags, missing paths, unreadable or invalid config
	ExitInternal = 3 // a bug: please report it
	ExitOutput   = 4 // the report could not be written (closed pipe, full disk, unwritable --output)
)

// Env is what Main needs from the process, so tests can run it in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Cwd            string
	Environ        []string // KEY=VALUE
	FS             vfs.FS
	IsTerminal     bool // stdout is a terminal: colour by default
	// NoGo skips Go packages, so no go command runs: tests that pin the
	// output of compose, .env and JavaScript files set it.
	NoGo bool

	// For tests: goLint stands in for the Go loader, hook is
	// linter.Options.Hook.
	goLint func(roots, dirs []string, services []linter.GoService) ([]diag.Diagnostic, error)
	hook   func([]diag.Diagnostic) []diag.Diagnostic
}

type multi []string

func (m *multi) String() string { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error {
	*m = append(*m, s)
	return nil
}

// commaMulti accepts repeated flags and comma-separated lists.
type commaMulti []string

func (m *commaMulti) String() string { return strings.Join(*m, ",") }
func (m *commaMulti) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*m = append(*m, p)
		}
	}
	return nil
}

// formatFlag and outputFlag record --format and --output in order: each
// --output belongs to the --format written before it.
type formatFlag struct{ c *cli }

func (f formatFlag) String() string { return "" }
func (f formatFlag) Set(s string) error {
	f.c.formats = append(f.c.formats, s)
	return nil
}

type outputFlag struct{ c *cli }

func (f outputFlag) String() string { return "" }
func (f outputFlag) Set(s string) error {
	i := len(f.c.formats) - 1
	switch {
	case i < 0:
		return fmt.Errorf("--output %s comes before any --format; write --format FORMAT --output FILE", s)
	case f.c.outputs[i] != "":
		return fmt.Errorf("--format %s has two --output files (%s and %s)", f.c.formats[i], f.c.outputs[i], s)
	}
	if f.c.outputs == nil {
		f.c.outputs = map[int]string{}
	}
	f.c.outputs[i] = s
	return nil
}

type cli struct {
	files, envFiles, profiles                 multi
	formats                                   []string
	outputs                                   map[int]string // format index -> file
	enable, disable, exclude                  commaMulti
	projectDir, projectName, failLevel        string
	configPath, newFromRev, newFromMergeBase  string
	noEnv, noConfig, noInline, color, noColor bool
	doFix, diff, goTests, showVersion         bool
	fixUnsafe, noCache                        bool
	graphSummary                              bool
	quiet                                     bool
	maxWarnings                               int
	stdinFilename                             string
	// readDir lists directories through the lint run's memo, for the Go
	// pass's search for modules.
	readDir func(string) ([]fs.DirEntry, error)
	// memo is the lint run's memo of the file system (nil before it).
	memo *vfs.StatMemo
}

func (c *cli) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("reachlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&c.files, "f", "compose file, repeatable (base first, then overrides), like docker compose -f")
	fs.Var(&c.files, "file", "same as -f")
	fs.StringVar(&c.projectDir, "project-directory", "", "project directory (default: the first compose file's directory)")
	fs.StringVar(&c.projectName, "p", "", "project name (default: COMPOSE_PROJECT_NAME, top-level name:, the directory)")
	fs.StringVar(&c.projectName, "project-name", "", "same as -p")
	fs.Var(&c.envFiles, "env-file", "env file for interpolation (repeatable; default: the project's .env)")
	fs.Var(&c.profiles, "profile", "lint only services of this profile (repeatable; default: COMPOSE_PROFILES, else every service)")
	fs.BoolVar(&c.noEnv, "no-env", false, "ignore the process environment when interpolating (reproducible CI)")
	fs.Var(formatFlag{c}, "format", "output format: "+strings.Join(output.Formats, ", ")+"; repeatable (default: text)")
	fs.Var(outputFlag{c}, "output", "write the --format given just before to this file (default: stdout)")
	fs.BoolVar(&c.color, "color", false, "force colour (default: colour on a terminal unless NO_COLOR is set)")
	fs.BoolVar(&c.noColor, "no-color", false, "never colour")
	fs.StringVar(&c.failLevel, "fail-level", "", "lowest severity that fails the run: error, warning (default) or info")
	fs.StringVar(&c.configPath, "config", "", "configuration file (default: .reachlint.yaml found walking up)")
	fs.BoolVar(&c.noConfig, "no-config", false, "use no configuration file")
	fs.Var(&c.enable, "enable", "enable rules (comma-separated, repeatable, \"all\")")
	fs.Var(&c.disable, "disable", "disable rules (comma-separated, repeatable, \"all\")")
	fs.Var(&c.exclude, "exclude", "drop findings in paths matching this glob (repeatable)")
	fs.BoolVar(&c.noInline, "no-inline-ignore", false, "disregard reachlint-ignore comments and x-reachlint (for CI)")
	fs.BoolVar(&c.doFix, "fix", false, "apply safe fixes in place (atomically); report what remains")
	fs.BoolVar(&c.diff, "diff", false, "print safe fixes as a unified diff; change nothing")
	fs.BoolVar(&c.fixUnsafe, "fix-unsafe", false, "with --fix or --diff, also apply suggestions that change a loaded value")
	fs.StringVar(&c.newFromRev, "new-from-rev", "", "report only findings on lines changed since this git revision")
	fs.StringVar(&c.newFromMergeBase, "new-from-merge-base", "", "report only findings on lines changed since the merge base with this branch")
	fs.BoolVar(&c.goTests, "go-tests", false, "also lint Go _test.go files")
	fs.BoolVar(&c.noCache, "no-cache", false, "type-check every Go package again instead of reusing cached findings")
	fs.BoolVar(&c.showVersion, "version", false, "print the version")
	fs.BoolVar(&c.graphSummary, "graph-summary", false, "with --format github, append the stack's Mermaid diagram to $GITHUB_STEP_SUMMARY")
	fs.BoolVar(&c.quiet, "quiet", false, "report errors only")
	fs.IntVar(&c.maxWarnings, "max-warnings", -1, "fail when there are more than this many warnings (warnings alone do not fail then)")
	fs.StringVar(&c.stdinFilename, "stdin-filename", "", "with the path \"-\": lint standard input as if it were this file")
	fs.Usage = func() {} // Main prints the help, or a hint after an error
	return fs
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `reachlint finds the networking mistakes that make a Docker Compose stack fail at runtime.

Usage:
  reachlint [flags] [PATH...]    lint the project in the current directory, or the given
                                 directories, compose files, env files, or DIR/... trees
  reachlint rules                list the rules
  reachlint explain RULE         print a rule's documentation
  reachlint init                 write a starter .reachlint.yaml
  reachlint graph [PATH]         draw services, networks and connections, broken ones marked
                                 (reachlint graph -h for its flags)
  reachlint lsp                  run the language server on stdin/stdout
  reachlint version              print the version

Exit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or config error, 3 internal error,
4 the report could not be written.

Flags:
`)
	// A flag not yet in helpFlags is still shown, after the others
	// (TestHelpMatchesReadme asks for it to be placed and named).
	rows := slices.Clone(helpFlags)
	listed := map[string]bool{}
	for _, h := range helpFlags {
		for _, n := range strings.Split(h.names, ",") {
			listed[n] = true
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !listed[f.Name] && fs.Lookup(f.Name) != nil {
			arg := "VALUE"
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				arg = ""
			}
			rows = append(rows, struct{ names, arg string }{f.Name, arg})
		}
	})
	for _, h := range rows {
		var names []string
		for _, n := range strings.Split(h.names, ",") {
			if len(n) == 1 {
				names = append(names, "-"+n)
			} else {
				names = append(names, "--"+n)
			}
		}
		left := strings.Join(names, ", ")
		if h.arg != "" {
			left += " " + h.arg
		}
		first, _, _ := strings.Cut(h.names, ",")
		if len(left) > 30 {
			fmt.Fprintf(w, "  %s\n  %-30s %s\n", left, "", fs.Lookup(first).Usage)
		} else {
			fmt.Fprintf(w, "  %-30s %s\n", left, fs.Lookup(first).Usage)
		}
	}
}

// helpFlags is the -h listing: README's order and spelling (--long, -s
// for one letter, the argument's name), aliases on one line. The flag
// package accepts -long and --long alike.
var helpFlags = []struct{ names, arg string }{
	{"f,file", "FILE"},
	{"project-directory", "DIR"},
	{"p,project-name", "NAME"},
	{"env-file", "FILE"},
	{"profile", "NAME"},
	{"no-env", ""},
	{"format", "FORMAT"},
	{"output", "FILE"},
	{"color", ""},
	{"no-color", ""},
	{"fail-level", "LEVEL"},
	{"config", "FILE"},
	{"no-config", ""},
	{"enable", "RULES"},
	{"disable", "RULES"},
	{"exclude", "GLOB"},
	{"no-inline-ignore", ""},
	{"fix", ""},
	{"diff", ""},
	{"fix-unsafe", ""},
	{"new-from-rev", "REV"},
	{"new-from-merge-base", "BRANCH"},
	{"go-tests", ""},
	{"no-cache", ""},
	{"graph-summary", ""},
	{"quiet", ""},
	{"max-warnings", "N"},
	{"stdin-filename", "NAME"},
	{"version", ""},
}

// parseInterspersed parses flags appearing before, between and after
// positional arguments; "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// Main runs the command line and returns the exit code. It never panics: a
// panic becomes exit 3 with a request for a bug report.
func Main(args []string, e *Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.Stderr, "reachlint: internal error: %v\n%s\nThis is a bug in reachlint; please report it with the command line and the files involved.\n", r, debug.Stack())
			code = ExitInternal
		}
	}()
	if e.FS == nil {
		e.FS = vfs.OS{}
	}
	if e.Cwd == "" {
		e.Cwd, _ = os.Getwd()
	}
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(e)
		case "explain":
			return explain(args[1:], e)
		case "version":
			fmt.Fprintln(e.Stdout, versionLine())
			return ExitClean
		case "init":
			return initConfig(args[1:], e)
		case "graph":
			return graphCmd(args[1:], e)
		case "lsp":
			return lsp.New(e.Stdin, e.Stdout, lsp.Options{FS: e.FS, Environ: environMap(e.Environ), Log: e.Stderr}).Run()
		}
	}
	c := &cli{}
	fs := c.flags(e.Stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.Stdout)
			usage(e.Stdout, fs)
			return ExitClean
		}
		fmt.Fprintln(e.Stderr, "run 'reachlint -h' for the flags")
		return ExitUsage
	}
	if c.showVersion {
		fmt.Fprintln(e.Stdout, versionLine())
		return ExitClean
	}
	return c.run(paths, e)
}

// absOpt makes p absolute against cwd; "" stays "".
func absOpt(cwd, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(cwd, p)
}

func environMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func usageErr(e *Env, format string, args ...any) int {
	fmt.Fprintf(e.Stderr, "reachlint: "+format+"\n", args...)
	return ExitUsage
}

func (c *cli) run(paths []string, e *Env) int {
	if len(c.formats) == 0 {
		c.formats = []string{"text"}
	}
	for _, f := range c.formats {
		if !slices.Contains(output.Formats, f) {
			return usageErr(e, "unknown format %q (use %s)", f, strings.Join(output.Formats, ", "))
		}
	}
	if c.doFix && c.diff {
		return usageErr(e, "--fix and --diff cannot be used together")
	}
	if c.fixUnsafe && !c.doFix && !c.diff {
		return usageErr(e, "--fix-unsafe goes with --fix or --diff")
	}
	if c.newFromRev != "" && c.newFromMergeBase != "" {
		return usageErr(e, "--new-from-rev and --new-from-merge-base cannot be used together")
	}
	defer func(fsys vfs.FS) { e.FS = fsys }(e.FS)
	paths, code := c.stdin(paths, e)
	if code != 0 {
		return code
	}
	// One memo of the file system for the search of the configuration, the
	// run, the Go pass after it (which searches the same trees for modules)
	// and the output's repository root: they ask about the same .git.
	memo := vfs.NewStatMemo(e.FS)
	c.memo = memo
	cfg, code := c.loadConfig(paths, e)
	if code != 0 {
		return code
	}
	environ := environMap(e.Environ)
	c.readDir = memo.ReadDir
	o := linter.Options{
		FS: memo, Cwd: e.Cwd, Paths: paths, Files: c.files, ProjectDir: c.projectDir,
		Profiles: c.profiles, ProjectName: c.projectName, Config: cfg, NoInline: c.noInline,
		Environ: environ, Hook: e.hook, KeepModels: c.graphSummary,
	}
	if c.envFiles != nil {
		o.EnvFiles = c.envFiles
	}
	if c.noEnv {
		o.Environ = nil
	}
	if !e.NoGo {
		o.GoLint = e.goLint
		if o.GoLint == nil {
			o.GoLint = c.lintGo(e)
		}
	}
	res, err := linter.Run(o)
	if err != nil {
		var ue *compose.UsageError
		if errors.As(err, &ue) {
			return usageErr(e, "%s", ue.Msg)
		}
		return usageErr(e, "%v", err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.Stderr, "reachlint: %s\n", n)
	}
	ds := res.Diags
	if c.doFix || c.diff {
		// --diff changes nothing, so every finding remains and counts.
		if _, code := c.applyFixes(res.Raw(), res, e); code != 0 {
			return code
		}
		if c.doFix {
			// Lint again: what the fixes left is what counts. The files
			// changed: a new memo.
			memo = vfs.NewStatMemo(e.FS)
			o.FS, c.readDir, c.memo = memo, memo.ReadDir, memo
			if res, err = linter.Run(o); err != nil {
				return usageErr(e, "%v", err)
			}
			ds = res.Diags
		}
	}
	if c.newFromRev != "" || c.newFromMergeBase != "" {
		var ch *newfrom.Changes
		if c.newFromRev != "" {
			ch, err = newfrom.FromRev(e.Cwd, c.newFromRev)
		} else {
			ch, err = newfrom.FromMergeBase(e.Cwd, c.newFromMergeBase)
		}
		if err != nil {
			return usageErr(e, "%v", err)
		}
		// Filter resolves relative paths against the process's working
		// directory; findings are relative to e.Cwd (they differ in-process).
		kept := ds[:0:0]
		for _, d := range ds {
			a := d
			a.Range.File = absOpt(e.Cwd, d.Range.File)
			if len(newfrom.Filter([]diag.Diagnostic{a}, ch)) == 1 {
				kept = append(kept, d)
			}
		}
		ds = kept
	}
	warnings := 0
	for _, d := range ds {
		if d.Severity == diag.Warning {
			warnings++
		}
	}
	if c.quiet {
		ds = slices.DeleteFunc(slices.Clone(ds), func(d diag.Diagnostic) bool { return d.Severity < diag.Error })
	}
	if code := c.write(ds, res, e); code != 0 {
		return code
	}
	if c.maxWarnings >= 0 && warnings > c.maxWarnings {
		fmt.Fprintf(e.Stderr, "reachlint: %d warnings, more than --max-warnings %d\n", warnings, c.maxWarnings)
		return ExitFindings
	}
	for _, d := range ds {
		// With --max-warnings, warnings fail only by their number.
		if d.Severity >= cfg.FailLevel && !(c.maxWarnings >= 0 && d.Severity == diag.Warning) {
			return ExitFindings
		}
	}
	return ExitClean
}

// lintGo runs the Go analyzer on the modules below DIR/... roots and on the
// directories of .go files named on the command line, telling it which
// compose services build which directories. Packages that cannot be
// checked come back as go-load diagnostics.
func (c *cli) lintGo(e *Env) func(roots, dirs []string, services []linter.GoService) ([]diag.Diagnostic, error) {
	return func(roots, dirs []string, services []linter.GoService) ([]diag.Diagnostic, error) {
		o := golang.Options{IncludeTests: c.goTests, Cwd: e.Cwd, ReadDir: c.readDir}
		if dir := golang.DefaultCacheDir(e.getenv); dir != "" && !c.noCache {
			o.Cache = &golang.Cache{Dir: dir}
		}
		for _, s := range services {
			o.Services = append(o.Services, golang.Service{
				Name: s.Name, Context: s.Context, Dockerfile: s.Dockerfile, Env: s.Env, EnvUnknown: s.EnvUnknown, Command: s.Command, BuildArgs: s.BuildArgs, Mounts: s.Mounts, At: s.At, Ports: s.Ports, Probe: s.Probe,
			})
		}
		return golang.Lint(roots, dirs, o), nil
	}
}

// stdin handles the path "-": standard input is linted as if it were the
// file --stdin-filename names (its directory's .env and override files
// still count), through an overlay, so nothing is written to disk.
func (c *cli) stdin(paths []string, e *Env) ([]string, int) {
	if !slices.Contains(paths, "-") {
		if c.stdinFilename != "" {
			return nil, usageErr(e, "--stdin-filename goes with the path \"-\" (standard input)")
		}
		return paths, 0
	}
	switch {
	case len(paths) > 1:
		return nil, usageErr(e, "\"-\" (standard input) cannot be combined with other paths")
	case c.stdinFilename == "":
		return nil, usageErr(e, "\"-\" needs --stdin-filename NAME, the path the input stands for (e.g. compose.yaml or .env)")
	case c.doFix:
		return nil, usageErr(e, "--fix cannot write to standard input; use --diff")
	}
	var data []byte
	if e.Stdin != nil {
		var err error
		if data, err = io.ReadAll(io.LimitReader(e.Stdin, compose.DefaultMaxFileSize+1)); err != nil {
			return nil, usageErr(e, "reading standard input: %v", err)
		}
		if int64(len(data)) > compose.DefaultMaxFileSize {
			return nil, usageErr(e, "standard input is larger than %d bytes", compose.DefaultMaxFileSize)
		}
	}
	ov := vfs.NewOverlay(e.FS)
	ov.Set(absOpt(e.Cwd, c.stdinFilename), data)
	e.FS = ov
	return []string{c.stdinFilename}, 0
}

// fsys is the run's memo of the file system, or e's file system before a
// run has one.
func (c *cli) fsys(e *Env) vfs.FS {
	if c.memo != nil {
		return c.memo
	}
	return e.FS
}

func (c *cli) loadConfig(paths []string, e *Env) (*config.Config, int) {
	cfg := config.Default()
	if !c.noConfig {
		start := e.Cwd
		if len(paths) > 0 {
			start = absOpt(e.Cwd, strings.TrimSuffix(strings.TrimSuffix(paths[0], "..."), "/"))
			if start == "" {
				start = e.Cwd
			}
		}
		display := func(abs string) string {
			if rel, err := filepath.Rel(e.Cwd, abs); err == nil {
				return rel
			}
			return abs
		}
		l, err := config.Load(c.fsys(e), e.Cwd, start, c.configPath, allInfos(), display)
		if err != nil {
			name := c.configPath
			if name == "" {
				name = "the configuration file"
			}
			return nil, usageErr(e, "cannot read config %s: %v", name, unwrap(err))
		}
		if len(l.Problems) > 0 {
			_ = output.Write(e.Stderr, "oneline", l.Problems, output.Options{})
			fmt.Fprintf(e.Stderr, "reachlint: invalid configuration in %s\n", l.Path)
			return nil, ExitUsage
		}
		cfg = l.Config
	}
	if err := cfg.Apply(config.Overrides{Enable: c.enable, Disable: c.disable, Exclude: c.exclude, FailLevel: c.failLevel, Cwd: e.Cwd}, allInfos()); err != nil {
		return nil, usageErr(e, "%v", err)
	}
	return cfg, 0
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func allInfos() []diag.RuleInfo { return rules.Infos() }

func (c *cli) write(ds []diag.Diagnostic, res *linter.Result, e *Env) int {
	color := (e.IsTerminal || c.color) && !c.noColor
	if _, ok := environMap(e.Environ)["NO_COLOR"]; ok && !c.color {
		color = false
	}
	opts := output.Options{
		Rules: allInfos(), Source: res.Source, Line: res.Line, RepoRoot: linter.RepoRoot(c.fsys(e), e.Cwd), Cwd: e.Cwd, ToolVersion: sarifVersion(),
		Mask: secret.MaskText, MaskLine: secret.MaskLine,
	}
	for i, f := range c.formats {
		w := e.Stdout
		o := opts
		o.Color = color
		var file *os.File
		if out, ok := c.outputs[i]; ok {
			var err error
			file, err = os.Create(absOpt(e.Cwd, out))
			if err != nil {
				fmt.Fprintf(e.Stderr, "reachlint: cannot write %s: %v\n", out, unwrap(err))
				return ExitOutput
			}
			w = file
			o.Color = false
		}
		if f == "github" {
			if p := environMap(e.Environ)["GITHUB_STEP_SUMMARY"]; p != "" {
				if sf, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
					defer func() { _ = sf.Close() }() // the summary is a courtesy; findings are already printed
					o.StepSummary = sf
				}
			}
		}
		err := output.Write(w, f, ds, o)
		if file != nil {
			if cerr := file.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			// Not a bug: the reader went away or the disk is full.
			fmt.Fprintf(e.Stderr, "reachlint: writing %s output: %v\n", f, err)
			return ExitOutput
		}
		if f == "github" && c.graphSummary && o.StepSummary != nil {
			if err := writeGraphSummary(o.StepSummary, res); err != nil {
				fmt.Fprintf(e.Stderr, "reachlint: writing the diagram to the step summary: %v\n", err)
			}
		}
	}
	return 0
}

// applyFixes writes (--fix) or prints (--diff) every safe fix, file by
// file, and returns the findings it did not fix.
func (c *cli) applyFixes(ds []diag.Diagnostic, res *linter.Result, e *Env) ([]diag.Diagnostic, int) {
	byFile := map[string][]int{}
	for i, d := range ds {
		if d.Fix == nil || len(d.Fix.Edits) == 0 || (d.Fix.Unsafe && !c.fixUnsafe) {
			continue
		}
		f := d.Fix.Edits[0].Range.File
		if slices.ContainsFunc(d.Fix.Edits, func(t diag.TextEdit) bool { return t.Range.File != f }) {
			continue // fixes spanning files are left to the user
		}
		byFile[f] = append(byFile[f], i)
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	fixed := map[int]bool{}
	for _, f := range files {
		abs := absOpt(e.Cwd, f)
		shown := linter.EscapeControls(f) // a file name may hold terminal escapes
		// The root that a link may not leave is decided by the file's own
		// location, never by the working directory.
		root := linter.RepoRoot(e.FS, filepath.Dir(abs))
		data, err := vfs.ReadLimit(e.FS, abs, compose.DefaultMaxFileSize*4)
		if err != nil {
			fmt.Fprintf(e.Stderr, "reachlint: cannot read %s to fix it: %v\n", shown, unwrap(err))
			continue
		}
		// Edits were computed on what was linted: apply them to nothing else.
		if linted := res.Content(f); linted == nil || string(linted) != string(data) {
			fmt.Fprintf(e.Stderr, "reachlint: not fixing %s: it changed since it was linted (another run or an editor wrote it); run reachlint --fix again\n", shown)
			continue
		}
		var fixes []diag.Fix
		for _, i := range byFile[f] {
			fixes = append(fixes, *ds[i].Fix)
		}
		out, applied, edits, err := fix.Plan(data, fixes)
		if err != nil {
			fmt.Fprintf(e.Stderr, "reachlint: cannot fix %s: %v\n", shown, err)
			continue
		}
		for _, a := range applied {
			fixed[byFile[f][a]] = true
		}
		if string(out) == string(data) {
			continue
		}
		if c.diff {
			// The patch is the user's own file, like git diff: printed
			// exactly, so that it applies (git apply, patch -p1). Reports
			// are masked; a patch is not a report.
			if _, err := fmt.Fprint(e.Stdout, fix.EditsDiff(filepath.ToSlash(f), data, edits)); err != nil {
				fmt.Fprintf(e.Stderr, "reachlint: writing the diff: %v\n", err)
				return nil, ExitOutput
			}
			continue
		}
		if err := fix.WriteIfUnchanged(abs, data, out, root); err != nil {
			if errors.Is(err, fix.ErrChanged) {
				fmt.Fprintf(e.Stderr, "reachlint: not fixing %s: %v\n", shown, linter.EscapeControls(err.Error()))
				continue
			}
			fmt.Fprintf(e.Stderr, "reachlint: cannot write %s: %v\n", shown, linter.EscapeControls(err.Error()))
			return nil, ExitUsage
		}
	}
	var rest []diag.Diagnostic
	for i, d := range ds {
		if !fixed[i] {
			rest = append(rest, d)
		}
	}
	if c.diff {
		// --diff prints the patch only.
		c.formats = nil
		return rest, 0
	}
	return rest, 0
}

func listRules(e *Env) int {
	for _, r := range rules.All() {
		state := ""
		if !r.Enabled {
			state = " (off by default)"
		}
		fmt.Fprintf(e.Stdout, "%-28s %-8s %s%s\n", r.Name, r.Severity, r.Summary, state)
	}
	return ExitClean
}

func explain(args []string, e *Env) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprintln(e.Stdout, "usage: reachlint explain RULE    print a rule's documentation (reachlint rules lists them)")
		return ExitClean
	}
	if len(args) != 1 {
		return usageErr(e, "usage: reachlint explain RULE (see reachlint rules)")
	}
	r := rules.ByName(args[0])
	if r == nil {
		var names []string
		for _, r := range rules.All() {
			names = append(names, r.Name)
		}
		if s := suggest.Closest(args[0], names); s != "" {
			return usageErr(e, "unknown rule %q; did you mean %q?", args[0], s)
		}
		return usageErr(e, "unknown rule %q (see reachlint rules)", args[0])
	}
	fmt.Fprint(e.Stdout, RuleDoc(r.RuleInfo))
	return ExitClean
}

// RuleDoc renders a rule's documentation as plain text.
func RuleDoc(r diag.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s", r.Name, r.Severity)
	if !r.Enabled {
		b.WriteString(", off by default")
	}
	fmt.Fprintf(&b, ")\n  %s\n\nWhat it does\n%s\nWhy it fails at runtime\n%s", r.Summary, indent(r.What), indent(r.Why))
	// indent ends every section with one line break: one blank line
	// between sections, none at the end.
	if r.Example != "" {
		fmt.Fprintf(&b, "\nExample\n%s", indent(r.Example))
	}
	if r.UseInstead != "" {
		fmt.Fprintf(&b, "\nUse instead\n%s", indent(r.UseInstead))
	}
	fmt.Fprintf(&b, "\nMore: %s\n", r.DocURL())
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func initConfig(args []string, e *Env) int {
	path := ".reachlint.yaml"
	switch {
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		fmt.Fprintln(e.Stdout, "usage: reachlint init [FILE]    write a commented starter configuration to FILE (default: .reachlint.yaml)")
		return ExitClean
	case len(args) > 1:
		return usageErr(e, "usage: reachlint init [FILE]")
	case len(args) == 1 && strings.HasPrefix(args[0], "-"):
		return usageErr(e, "init: unknown flag %s (usage: reachlint init [FILE])", args[0])
	case len(args) == 1:
		path = args[0]
	}
	abs := absOpt(e.Cwd, path)
	// Lstat: a dangling symbolic link exists too, and writing through it
	// would create a file wherever it points.
	if fi, err := e.FS.Lstat(abs); err == nil {
		if fi.Mode()&os.ModeSymlink != 0 {
			return usageErr(e, "%s is a symbolic link; not writing through it", path)
		}
		return usageErr(e, "%s already exists; not overwriting it", path)
	}
	// O_EXCL: fails on anything that appeared since, links included.
	fh, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return usageErr(e, "cannot write %s: %v", path, unwrap(err))
	}
	if _, err := fh.Write(config.Starter(allInfos())); err != nil {
		_ = fh.Close()
		return usageErr(e, "cannot write %s: %v", path, unwrap(err))
	}
	if err := fh.Close(); err != nil {
		return usageErr(e, "cannot write %s: %v", path, unwrap(err))
	}
	fmt.Fprintf(e.Stdout, "wrote %s\n", path)
	return ExitClean
}

// getenv reads the run's environment (Env.Environ), not the process's.
func (e *Env) getenv(key string) string { return environMap(e.Environ)[key] }
