package compose

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/vfs"
)

// checkConsistency does Compose's reference checks (undefined services,
// networks, volumes, secrets and configs, network_mode with networks, dependency
// cycles) in linear time, each at the position to edit. compose-go's own
// check is exponential on shared dependencies, so it is not used.
func (p *Project) checkConsistency(ld *load) {
	report := func(n *Node, format string, args ...any) {
		p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: n.Range, Message: fmt.Sprintf(format, args...)})
	}
	all := p.allServiceNames()
	// An override without its base: the base defines what it refers to.
	// So does the project a file is a layer of, looked for only when a
	// name is missing.
	var layer map[string]bool
	looked := false
	undefinedAs := func(key string, known bool) bool {
		if known || p.Fragment || p.Template {
			return false
		}
		if !looked {
			looked, layer = true, p.layerNames(ld)
		}
		return !layer[key]
	}
	for k := range p.elsewhere {
		if name, ok := strings.CutPrefix(k, "services/"); ok {
			all[name] = true
		}
	}
	for _, s := range p.Services {
		if s.NetworkMode != nil {
			if nets := s.Node.Get("networks"); nets != nil {
				k, _ := s.Node.GetPair("networks")
				report(k.Key, "service %q sets both network_mode and networks; Compose refuses this, keep one", s.Name)
			}
			mode := s.NetworkMode.Value
			if ref, ok := strings.CutPrefix(mode, "service:"); ok && undefinedAs("services/"+ref, all[ref]) {
				report(s.NetworkMode, "service %q uses network_mode %q, but no service %q is defined", s.Name, mode, ref)
			}
		}
		for _, n := range s.Networks {
			if n.Key == nil {
				continue
			}
			if _, ok := p.Networks[n.Name]; undefinedAs("networks/"+n.Name, ok || n.Name == "default" || p.elsewhere["networks/"+n.Name]) {
				report(n.Key, "service %q joins network %q, which is not defined under the top-level networks:", s.Name, n.Name)
			}
		}
		for _, r := range resources {
			for _, ref := range resourceRefs(s.Node.Get(r.section)) {
				if undefinedAs(r.section+"/"+ref.Value, p.defines(r.section, ref.Value)) {
					report(ref, "service %q uses %s %q, which is not defined under the top-level %s:", s.Name, r.kind, ref.Value, r.section)
				}
			}
		}
		for _, ref := range volumeRefs(s.Node.Get("volumes")) {
			if undefinedAs("volumes/"+ref.name, p.defines("volumes", ref.name)) {
				report(ref.at, "service %q mounts volume %q, which is not defined under the top-level volumes:", s.Name, ref.name)
			}
		}
		// Build secrets are the project's secrets too.
		if s.Build != nil {
			for _, ref := range resourceRefs(s.Build.Get("secrets")) {
				if undefinedAs("secrets/"+ref.Value, p.defines("secrets", ref.Value)) {
					report(ref, "service %q builds with secret %q, which is not defined under the top-level secrets:", s.Name, ref.Value)
				}
			}
		}
		for _, d := range s.DependsOn {
			if d.Required && undefinedAs("services/"+d.Service, all[d.Service]) {
				report(d.Key, "service %q depends on %q, which is not defined", s.Name, d.Service)
			}
		}
		for _, l := range s.Links {
			if undefinedAs("services/"+l.Service, all[l.Service]) {
				report(l.Node, "service %q links to %q, which is not defined", s.Name, l.Service)
			}
		}
	}
	p.checkCycles(report)
}

// resources are the top-level sections a service refers to by name in a
// list of the same key.
var resources = []struct{ section, kind string }{{"secrets", "secret"}, {"configs", "config"}}

// resourceRefs returns the names a secrets: or configs: list refers to,
// each at the scalar to edit: the entry of the short syntax (- pw), the
// source: of the long one (- source: pw).
func resourceRefs(list *Node) []*Node {
	if list == nil || list.Kind != Seq {
		return nil
	}
	var out []*Node
	for _, it := range list.Items {
		if it != nil && it.Kind == Map {
			it = it.Get("source")
		}
		if it != nil && it.Kind == Scalar && it.Value != "" {
			out = append(out, it)
		}
	}
	return out
}

// volumeRef is a named volume a service mounts, and the entry to edit.
type volumeRef struct {
	name string
	at   *Node
}

// volumeRefs returns the named volumes a volumes: list mounts: the source
// of "name:/path" that is not a path (., /, ~ or a drive letter start one,
// as Compose reads them) and the source of a long entry of type volume.
func volumeRefs(list *Node) []volumeRef {
	if list == nil || list.Kind != Seq {
		return nil
	}
	var out []volumeRef
	for _, it := range list.Items {
		switch {
		case it == nil:
		case it.Kind == Scalar:
			src, _, ok := strings.Cut(it.Value, ":")
			if ok && src != "" && !strings.ContainsAny(src[:1], "./~\\$") && !driveLetter(it.Value) {
				out = append(out, volumeRef{src, it})
			}
		case it.Kind == Map && it.Get("type").Str() == "volume":
			if src := it.Get("source"); src != nil && src.Kind == Scalar && src.Value != "" {
				out = append(out, volumeRef{src.Value, src})
			}
		}
	}
	return out
}

// driveLetter reports a Windows path (C:\data:/data, c:/data:/data).
func driveLetter(v string) bool {
	return len(v) > 2 && v[1] == ':' && (v[2] == '\\' || v[2] == '/') && (v[0]|0x20 >= 'a' && v[0]|0x20 <= 'z')
}

// defines reports whether the project (with what it includes) defines
// name under the top-level section, or a sibling file does.
func (p *Project) defines(section, name string) bool {
	_, ok := p.Root.Get(section).GetPair(name)
	return ok || p.elsewhere[section+"/"+name]
}

// layerNames returns what the project in an ancestor directory defines
// when this one-file project is a layer of it: Compose reads relative
// paths from the first file's directory, and every relative bind-mount
// source of this file is missing beside it but present below that
// directory, which holds a compose file (authelia's
// internal/suites/example/compose/caddy/compose.yml mounts
// ./example/compose/caddy/Caddyfile, a path of internal/suites/, whose
// compose.yml defines the network it joins). Nil when there is no such
// evidence.
func (p *Project) layerNames(ld *load) map[string]bool {
	if ld == nil || p.fs == nil || len(p.Files) != 1 {
		return nil
	}
	var rels []string
	for _, s := range p.Services {
		vols := s.Node.Get("volumes")
		if vols == nil || vols.Kind != Seq {
			continue
		}
		for _, it := range vols.Items {
			if src, _, ok := bindMount(it); ok && strings.HasPrefix(src, "./") && len(src) > 2 {
				rels = append(rels, src)
			}
		}
	}
	exists := func(dir string) bool {
		for _, r := range rels {
			if _, err := p.fs.Stat(cleanpath.Join(dir, r)); err != nil {
				return false
			}
		}
		return true
	}
	if len(rels) == 0 || slices.ContainsFunc(rels, func(r string) bool { _, err := p.fs.Stat(cleanpath.Join(p.Dir, r)); return err == nil }) {
		return nil
	}
	dir := p.Dir
	for range 6 {
		up := cleanpath.Dir(dir)
		if up == dir {
			break
		}
		dir = up
		if !exists(dir) {
			continue
		}
		var files []string
		for _, n := range BaseNames {
			if f := cleanpath.Join(dir, n); p.HasFile(f) {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			// Run with -f from there over files of other names
			// (ory/hydra: -f quickstart.yml -f test/conformance/...):
			// the YAML files of the directory.
			files = yamlFiles(p.fs, dir)
		}
		if len(files) == 0 {
			return nil
		}
		return ld.l.definedNames(files)
	}
	return nil
}

// allServiceNames includes services left out by --profile: references to
// them are not errors.
func (p *Project) allServiceNames() map[string]bool {
	out := map[string]bool{}
	if svcs := p.Root.Get("services"); svcs != nil && svcs.Kind == Map {
		for _, pr := range svcs.Pairs {
			out[pr.Key.Value] = true
		}
	}
	return out
}

// checkCycles finds depends_on cycles with one depth-first search.
func (p *Project) checkCycles(report func(*Node, string, ...any)) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(s *Service)
	visit = func(s *Service) {
		color[s.Name] = grey
		stack = append(stack, s.Name)
		for _, d := range s.DependsOn {
			t := p.byName[d.Service]
			if t == nil {
				continue
			}
			switch color[t.Name] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != t.Name {
					i--
				}
				cycle := append(append([]string(nil), stack[i:]...), t.Name)
				report(d.Key, "dependency cycle: %s; Compose cannot decide what to start first", strings.Join(cycle, " -> "))
			case white:
				visit(t)
			}
		}
		stack = stack[:len(stack)-1]
		color[s.Name] = black
	}
	for _, s := range p.Services {
		if color[s.Name] == white {
			visit(s)
		}
	}
}

// yamlFiles lists the .yml and .yaml files of dir, at most 32 of them.
func yamlFiles(fsys vfs.FS, dir string) []string {
	ents, err := fsys.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if ext := filepath.Ext(e.Name()); (ext == ".yml" || ext == ".yaml") && e.Type().IsRegular() && len(out) < 32 {
			out = append(out, cleanpath.Join(dir, e.Name()))
		}
	}
	return out
}
