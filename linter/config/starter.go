package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// Starter returns the commented configuration `reachlint init` writes. It
// changes nothing from the defaults; the comments list every rule and show
// each key in use.
func Starter(rules []diag.RuleInfo) []byte {
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b diag.RuleInfo) int { return strings.Compare(a.Name, b.Name) })
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# yaml-language-server: $schema=%s", SchemaURL)
	w("# reachlint configuration. Every key is optional; this file keeps the defaults.")
	w("# Command-line flags (--enable, --disable, --exclude, --fail-level) override it.")
	w("")
	w("rules:")
	w("  # Rule names to turn on; \"all\" turns on every rule, including those off by default.")
	w("  enable: []")
	w("  # Rule names to turn off; names here win over \"all\" in enable.")
	w("  disable: []")
	w("  # Rules (default severity, on or off by default):")
	width := 0
	for _, r := range rules {
		width = max(width, len(r.Name))
	}
	for _, r := range rules {
		state := "on"
		if !r.Enabled {
			state = "off"
		}
		w("  #   %-*s  %-7s  %-3s  %s", width, r.Name, r.Severity, state, r.Summary)
	}
	w("")
	w("# Severity overrides: rule name to error, warning or info.")
	w("severity: {}")
	if len(rules) > 0 {
		w("#   %s: warning", rules[0].Name)
	}
	var settings []string
	for _, r := range rules {
		if _, ok := ruleSettings[r.Name]; ok {
			settings = append(settings, r.Name)
		}
	}
	if len(settings) > 0 {
		w("")
		w("# Per-rule options.")
		w("settings:")
		for _, name := range settings {
			w("  %s:", name)
			switch name {
			case "browser-internal-host":
				w("    # Extra variable-name prefixes read by the browser (NEXT_PUBLIC_, VITE_, ... are built in).")
				w("    prefixes: []")
			case "loopback-target":
				w("    # Extra image default ports: image-name substring -> container ports, e.g. {my-api: [8080]}.")
				w("    ports: {}")
			}
		}
	}
	w("")
	w("# Host names that no rule reports.")
	w("allow-hosts: []")
	w("")
	w("# Paths to skip, relative to this file: *, ?, [a-z], {a,b}, and ** for any depth.")
	w("exclude: []")
	w("#   - \"legacy/**\"")
	w("#   - \"**/*.local.yml\"")
	w("")
	w("# The lowest severity that fails the run (exit status 1): error, warning or info.")
	w("fail-level: warning")
	w("")
	w("# Files larger than this are skipped.")
	w("max-file-size: 10MiB")
	return []byte(b.String())
}
