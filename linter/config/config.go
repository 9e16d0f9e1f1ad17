// Package config reads .reachlint.yaml: which rules run, their severities
// and options, which paths are skipped, and the severity that fails a run.
//
// Find locates the file by walking up from the linted path; Parse validates it
// against the known rules and reports every problem with its line and column
// (the CLI exits 2 on them); Apply layers command-line flags on top. The file
// format is published as a JSON Schema (reachlint.schema.json), and Starter
// writes the commented file `reachlint init` creates.
//
//	rules:
//	  enable: [all]            # "all" or rule names; off-by-default rules need this
//	  disable: [host-network]  # names win over "all"
//	severity:
//	  unknown-host: warning    # error, warning or info
//	settings:
//	  browser-internal-host: {prefixes: [MY_PUBLIC_]}
//	  loopback-target: {ports: {my-api: [8080]}}
//	allow-hosts: [metadata.internal]
//	exclude: ["legacy/**", "**/*.local.yml"]
//	fail-level: warning
//	max-file-size: 2MiB
package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/suggest"
	"github.com/reachlint/reachlint/linter/vfs"
)

// RuleName is the rule of the diagnostics Parse reports.
const RuleName = "config"

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".reachlint.yaml", ".reachlint.yml"}

// DefaultMaxFileSize is the size above which files are skipped.
const DefaultMaxFileSize = 10 << 20

// SchemaURL is where editors fetch the JSON Schema from.
const SchemaURL = "https://raw.githubusercontent.com/reachlint/reachlint/main/linter/config/reachlint.schema.json"

// Config is a parsed configuration. The zero value is not ready; use Default
// or Parse.
type Config struct {
	Path string // the file read; "" for the defaults

	enableAll, disableAll bool
	enable, disable       map[string]bool
	presets               map[string]bool // presets: [style]: rules whose Preset is listed run
	severity              map[string]diag.Severity
	excludes              []exclude

	// BrowserPrefixes are extra variable-name prefixes that the browser
	// reads (settings.browser-internal-host.prefixes), added to the built-in
	// NEXT_PUBLIC_, VITE_, ...
	BrowserPrefixes []string
	// ImagePorts are extra image default ports: an image-name substring to
	// the ports its containers listen on (settings.loopback-target.ports).
	ImagePorts map[string][]int
	// AllowHosts are host names no rule reports.
	AllowHosts []string
	// FailLevel is the lowest severity that makes the run fail.
	FailLevel diag.Severity
	// MaxFileSize is the size in bytes above which a file is skipped.
	MaxFileSize int64
}

type exclude struct {
	fromFile bool
	pattern  string
	base     string // absolute directory the pattern is relative to
	g        glob
}

// Default is the configuration used without a file: every rule with its
// default state and severity; warnings and errors fail the run.
func Default() *Config {
	return &Config{
		enable: map[string]bool{}, disable: map[string]bool{}, presets: map[string]bool{},
		severity:    map[string]diag.Severity{},
		ImagePorts:  map[string][]int{},
		FailLevel:   diag.Warning,
		MaxFileSize: DefaultMaxFileSize,
	}
}

// Find returns the configuration file that applies to startDir (a directory
// or a file): the first .reachlint.yaml or .reachlint.yml found walking up
// from it, stopping after the repository root (the directory that contains
// .git) or at the file-system root.
func Find(fsys vfs.FS, startDir string) (path string, ok bool) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return "", false
	}
	if fi, err := fsys.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		for _, n := range FileNames {
			p := filepath.Join(dir, n)
			if fi, err := fsys.Stat(p); err == nil && !fi.IsDir() {
				return p, true
			}
		}
		if _, err := fsys.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Enabled reports whether rule runs. An explicit name wins over "all"; a
// rule not named anywhere keeps its default.
func (c *Config) Enabled(rule diag.RuleInfo) bool {
	switch {
	case c.disable[rule.Name]:
		return false
	case c.enable[rule.Name]:
		return true
	case rule.Preset != "" && c.presets[rule.Preset]:
		return true
	case c.disableAll:
		return false
	case c.enableAll:
		return true
	}
	return rule.Enabled
}

// DefaultRules reports a configuration that selects no rules and sets no
// severity: every rule has its default state and severity.
func (c *Config) DefaultRules() bool {
	return !c.enableAll && !c.disableAll && len(c.enable) == 0 && len(c.disable) == 0 && len(c.presets) == 0 && len(c.severity) == 0
}

// DisabledByName reports a rule disabled by its own name (not by "all").
func (c *Config) DisabledByName(name string) bool { return c.disable[name] }

// Severity is rule's severity after overrides.
func (c *Config) Severity(rule diag.RuleInfo) diag.Severity {
	if s, ok := c.severity[rule.Name]; ok {
		return s
	}
	return rule.Severity
}

// Excluded reports whether path (absolute or relative to the working
// directory) matches an exclude pattern, or lies in a directory that does.
// Patterns from the file are relative to the file's directory, patterns from
// the command line to the working directory.
func (c *Config) Excluded(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for _, e := range c.excludes {
		rel, err := filepath.Rel(e.base, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if e.g.match(filepath.ToSlash(rel)) {
			return true
		}
	}
	return false
}

// SetDir makes the file's exclude patterns relative to dir, the absolute
// directory of the configuration file (Parse only knows the path as shown).
func (c *Config) SetDir(dir string) {
	for i := range c.excludes {
		if c.excludes[i].fromFile {
			c.excludes[i].base = dir
		}
	}
}

// Overrides are the command-line flags that override the file.
type Overrides struct {
	Enable, Disable []string // rule names or "all"
	Exclude         []string // glob patterns relative to the working directory
	FailLevel       string   // "" keeps the file's
	Cwd             string   // the directory --exclude patterns are relative to; "" = the process's
}

// Apply layers o over c. "--enable all" and "--disable all" replace every
// enable/disable choice of the file; then the named rules are switched, so
// "--disable all --enable loopback-target" runs one rule. A name given to
// both flags is an error, as are unknown names, bad patterns and a bad level.
func (c *Config) Apply(o Overrides, knownRules []diag.RuleInfo) error {
	known := names(knownRules)
	var errs []string
	check := func(flag string, list []string) {
		for _, n := range list {
			if n != "all" && !known[n] {
				msg := fmt.Sprintf("--%s: unknown rule %q", flag, n)
				if s := suggest.ClosestKey(n, known); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += " (see reachlint rules)"
				}
				errs = append(errs, msg)
			}
		}
	}
	check("enable", o.Enable)
	check("disable", o.Disable)
	for _, n := range o.Enable {
		if slices.Contains(o.Disable, n) {
			errs = append(errs, fmt.Sprintf("rule %q is both enabled and disabled", n))
		}
	}
	if slices.Contains(o.Enable, "all") {
		c.enableAll, c.disableAll = true, false
		clear(c.disable)
	}
	if slices.Contains(o.Disable, "all") {
		c.disableAll, c.enableAll = true, false
		clear(c.enable)
	}
	for _, n := range o.Enable {
		if n != "all" {
			c.enable[n] = true
			delete(c.disable, n)
		}
	}
	for _, n := range o.Disable {
		if n != "all" {
			c.disable[n] = true
			delete(c.enable, n)
		}
	}
	if o.FailLevel != "" {
		if s, err := diag.ParseSeverity(o.FailLevel); err != nil {
			errs = append(errs, "--fail-level: "+err.Error())
		} else {
			c.FailLevel = s
		}
	}
	if len(o.Exclude) > 0 {
		cwd, err := filepath.Abs(".")
		if err != nil {
			return err
		}
		if o.Cwd != "" {
			cwd = o.Cwd
		}
		for _, p := range o.Exclude {
			g, err := compileGlob(p)
			if err != nil {
				errs = append(errs, fmt.Sprintf("--exclude %q: %v", p, err))
				continue
			}
			c.excludes = append(c.excludes, exclude{pattern: p, base: cwd, g: g})
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// Fails reports whether a finding of severity s fails the run.
func (c *Config) Fails(s diag.Severity) bool { return s >= c.FailLevel }

func names(rules []diag.RuleInfo) map[string]bool {
	m := map[string]bool{}
	for _, r := range rules {
		m[r.Name] = true
	}
	return m
}
