package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/suggest"

	yaml "go.yaml.in/yaml/v4"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

// ruleSettings lists the options each rule accepts under settings:. Keep it
// in step with reachlint.schema.json (a test checks).
var ruleSettings = map[string][]string{
	"browser-internal-host": {"prefixes"},
	"loopback-target":       {"ports"},
}

var topKeys = []string{"rules", "presets", "severity", "settings", "allow-hosts", "exclude", "fail-level", "max-file-size"}

type parser struct {
	f       *source.File
	known   map[string]bool
	presets map[string]bool
	ds      []diag.Diagnostic
	c       *Config
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	pos := p.f.PosAt(n.Line, n.Column)
	p.ds = append(p.ds, diag.Diagnostic{
		Rule: RuleName, Severity: diag.Error,
		Range:   diag.Range{File: p.f.Path, Start: pos, End: pos},
		Message: fmt.Sprintf(format, args...),
	})
}

// unknownKey reports a key that is not one of valid: the closest valid key
// in the headline, all of them in the note.
func (p *parser) unknownKey(n *yaml.Node, what string, valid []string) {
	msg := fmt.Sprintf("unknown key %q%s", n.Value, what)
	if s := suggest.Closest(n.Value, valid); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	p.errorf(n, "%s", msg)
	p.ds[len(p.ds)-1].Why = "valid keys are " + strings.Join(valid, ", ")
}

var yamlErrPos = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)
})

// Parse reads a configuration file. Every problem is reported, each at its
// line and column: YAML syntax, unknown keys, unknown rule names, wrong
// types and bad values. The returned Config is usable even with problems
// (the bad entries are ignored), but the CLI should refuse to run.
func Parse(path string, data []byte, knownRules []diag.RuleInfo) (*Config, []diag.Diagnostic) {
	p := &parser{f: source.New(path, data), known: names(knownRules), c: Default(), presets: map[string]bool{}}
	for _, r := range knownRules {
		if r.Preset != "" {
			p.presets[r.Preset] = true
		}
	}
	p.c.Path = path
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, col := 1, 1
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if l, c, m, ok := yamlErrorMark(p.f, err); ok {
			line, col, msg = l, c, m
		} else if m := yamlErrPos().FindAllStringSubmatch(msg, -1); m != nil {
			last := m[len(m)-1]
			line, _ = strconv.Atoi(last[1])
			if last[2] != "" {
				col, _ = strconv.Atoi(last[2])
			}
		}
		p.errorf(&yaml.Node{Line: line, Column: col}, "invalid YAML: %s", msg)
		return p.c, p.ds
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p.c, nil // empty file: defaults
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return p.c, nil
	}
	for _, kv := range p.mapping(root, "the configuration") {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "rules":
			p.rules(v)
		case "presets":
			for _, s := range p.strings(v, "presets") {
				if !p.presets[s.Value] {
					var all []string
					for n := range p.presets {
						all = append(all, n)
					}
					slices.Sort(all)
					p.errorf(s, "unknown preset %q; presets are %s", s.Value, strings.Join(all, ", "))
					continue
				}
				p.c.presets[s.Value] = true
			}
		case "severity":
			for _, e := range p.mapping(v, "severity") {
				if p.rule(e[0]) {
					if s, ok := p.level(e[1], "the severity of "+e[0].Value); ok {
						p.c.severity[e[0].Value] = s
					}
				}
			}
		case "settings":
			p.settings(v)
		case "allow-hosts":
			for _, h := range p.strings(v, "allow-hosts") {
				p.c.AllowHosts = append(p.c.AllowHosts, h.Value)
			}
		case "exclude":
			base, _ := filepath.Abs(filepath.Dir(path))
			for _, s := range p.strings(v, "exclude") {
				g, err := compileGlob(s.Value)
				if err != nil {
					p.errorf(s, "bad exclude pattern %q: %v", s.Value, err)
					continue
				}
				p.c.excludes = append(p.c.excludes, exclude{fromFile: true, pattern: s.Value, base: base, g: g})
			}
		case "fail-level":
			if s, ok := p.level(v, "fail-level"); ok {
				p.c.FailLevel = s
			}
		case "max-file-size":
			if n, ok := p.size(v); ok {
				p.c.MaxFileSize = n
			}
		default:
			p.unknownKey(k, "", topKeys)
		}
	}
	return p.c, diag.Sort(p.ds)
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!str":
		return fmt.Sprintf("the string %q", n.Value)
	}
	return fmt.Sprintf("%q", n.Value)
}

// mapping returns the key/value pairs of a mapping with string keys,
// reporting duplicates and non-string keys.
func (p *parser) mapping(n *yaml.Node, what string) [][2]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			p.errorf(k, "keys in %s must be strings, not %s", what, kindName(k))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, "duplicate key %q in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

func (p *parser) seq(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list, not %s", what, kindName(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}

func (p *parser) strings(n *yaml.Node, what string) []*yaml.Node {
	var out []*yaml.Node
	for _, s := range p.seq(n, what) {
		if s.Kind != yaml.ScalarNode || s.Tag != "!!str" || s.Value == "" {
			p.errorf(s, "entries of %s must be non-empty strings, not %s", what, kindName(s))
			continue
		}
		out = append(out, s)
	}
	return out
}

// rule checks that a scalar names a known rule.
func (p *parser) rule(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		p.errorf(n, "expected a rule name, not %s", kindName(n))
		return false
	}
	if !p.known[n.Value] {
		msg := fmt.Sprintf("unknown rule %q", n.Value)
		if s := suggest.ClosestKey(n.Value, p.known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(n, "%s", msg)
		return false
	}
	return true
}

func (p *parser) level(n *yaml.Node, what string) (diag.Severity, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		switch n.Value {
		case "error":
			return diag.Error, true
		case "warning":
			return diag.Warning, true
		case "info":
			return diag.Info, true
		}
	}
	p.errorf(n, "%s must be error, warning or info, not %s", what, kindName(n))
	return 0, false
}

var sizeRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([1-9][0-9]*) ?(B|KB|KiB|MB|MiB|GB|GiB)?$`)
})

var sizeUnits = map[string]int64{"": 1, "B": 1, "KB": 1000, "KiB": 1 << 10, "MB": 1000 * 1000, "MiB": 1 << 20, "GB": 1000 * 1000 * 1000, "GiB": 1 << 30}

// size reads a byte count: an integer, or a string like "512KiB" or "2MB".
func (p *parser) size(n *yaml.Node) (int64, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str") {
		if m := sizeRE().FindStringSubmatch(n.Value); m != nil && (n.Tag == "!!str" || m[2] == "") {
			v, err := strconv.ParseInt(m[1], 10, 64)
			unit := sizeUnits[m[2]]
			if err == nil && v > 0 && v <= (1<<62)/unit {
				return v * unit, true
			}
		}
	}
	p.errorf(n, "max-file-size must be a positive number of bytes or a size like \"2MiB\", not %s", kindName(n))
	return 0, false
}

func (p *parser) rules(n *yaml.Node) {
	lists := map[string]map[string]*yaml.Node{}
	for _, kv := range p.mapping(n, "rules") {
		k := kv[0].Value
		if k != "enable" && k != "disable" {
			p.errorf(kv[0], "unknown key %q in rules; valid keys are enable, disable", k)
			continue
		}
		lists[k] = map[string]*yaml.Node{}
		for _, s := range p.strings(kv[1], "rules."+k) {
			if s.Value != "all" && !p.rule(s) {
				continue
			}
			if _, dup := lists[k][s.Value]; dup {
				p.errorf(s, "%q is listed twice in rules.%s", s.Value, k)
				continue
			}
			lists[k][s.Value] = s
		}
	}
	for name, s := range lists["disable"] {
		if _, both := lists["enable"][name]; both {
			p.errorf(s, "%q is in both rules.enable and rules.disable", name)
			delete(lists["disable"], name)
		}
	}
	for name := range lists["enable"] {
		if name == "all" {
			p.c.enableAll = true
		} else {
			p.c.enable[name] = true
		}
	}
	for name := range lists["disable"] {
		if name == "all" {
			p.c.disableAll = true
		} else {
			p.c.disable[name] = true
		}
	}
}

func (p *parser) settings(n *yaml.Node) {
	for _, kv := range p.mapping(n, "settings") {
		if !p.rule(kv[0]) {
			continue
		}
		rule := kv[0].Value
		opts, ok := ruleSettings[rule]
		if !ok {
			p.errorf(kv[0], "rule %q has no settings", rule)
			continue
		}
		for _, o := range p.mapping(kv[1], "settings."+rule) {
			key := o[0].Value
			if !slices.Contains(opts, key) {
				p.errorf(o[0], "unknown setting %q for %s; valid settings are %s", key, rule, strings.Join(opts, ", "))
				continue
			}
			switch rule + "." + key {
			case "browser-internal-host.prefixes":
				for _, s := range p.strings(o[1], "settings.browser-internal-host.prefixes") {
					p.c.BrowserPrefixes = append(p.c.BrowserPrefixes, s.Value)
				}
			case "loopback-target.ports":
				for _, img := range p.mapping(o[1], "settings.loopback-target.ports") {
					if img[0].Value == "" {
						p.errorf(img[0], "an image name must not be empty")
						continue
					}
					for _, port := range p.seq(img[1], fmt.Sprintf("ports of image %q", img[0].Value)) {
						v, err := strconv.Atoi(port.Value)
						if port.Kind != yaml.ScalarNode || port.Tag != "!!int" || err != nil || v < 1 || v > 65535 {
							p.errorf(port, "a port must be a number from 1 to 65535, not %s", kindName(port))
							continue
						}
						p.c.ImagePorts[img[0].Value] = append(p.c.ImagePorts[img[0].Value], v)
					}
				}
			}
		}
	}
}

// yamlErrorMark reads the position and message of the YAML library's error.
// A LoadError's Mark holds a rune index (exact, when set), a 1-based line and
// a 1-based column; the reader's encoding errors hold a byte offset instead.
func yamlErrorMark(f *source.File, err error) (line, col int, msg string, ok bool) {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return 0, 0, "", false
	}
	msg = le.Message
	switch {
	case le.Stage == yaml.ReaderStage:
		// The reader stops at the first sequence that is not UTF-8 but
		// may name a later byte of it: show the sequence's first byte.
		off := min(max(le.Mark.Index, 0), len(f.Data))
		if bad := f.InvalidUTF8(); bad >= 0 && bad <= off {
			off = bad
			msg = fmt.Sprintf("byte 0x%02x is not valid UTF-8; save the file as UTF-8", f.Data[off])
		}
		pos := f.Pos(off)
		return pos.Line, pos.Col, msg, true
	case le.Mark.Index > 0:
		pos := f.Pos(f.RuneOffset(le.Mark.Index))
		line, col = pos.Line, pos.Col
	default:
		line, col = le.Mark.Line, le.Mark.Column
	}
	if le.ContextMsg != "" {
		msg = le.ContextMsg + ": " + msg
		// An unclosed bracket or quote is shown where it opens, not where
		// the parser gave up.
		open := strings.HasPrefix(le.ContextMsg, "while parsing a flow") || strings.HasPrefix(le.ContextMsg, "while scanning a quoted")
		if open && le.ContextMark.Line > 0 {
			off := f.RuneOffset(le.ContextMark.Index)
			pos := f.Pos(off)
			if off < len(f.Data) && strings.IndexByte("[{\"'", f.Data[off]) >= 0 {
				return pos.Line, pos.Col, fmt.Sprintf("%q is never closed: %s", f.Data[off:off+1], le.Message), true
			}
		}
	}
	return max(line, 1), max(col, 1), msg, true
}
