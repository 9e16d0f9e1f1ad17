package linter

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/config"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/jsts"
	"github.com/reachlint/reachlint/rules"
)

// jsSkipDirs are never walked for JavaScript: dependencies, build output
// and caches.
var jsSkipDirs = map[string]bool{"node_modules": true, ".next": true, "dist": true, "build": true, ".git": true, "vendor": true,
	"out": true, "coverage": true, ".nuxt": true, ".output": true, ".svelte-kit": true, ".turbo": true, ".cache": true, ".vercel": true, "storybook-static": true}

// jsMaxFileSize: larger sources are bundles or generated code.
const jsMaxFileSize = 1 << 20

func jsEnabled(c *config.Config) bool {
	r := rules.ByName(rules.JSRuleName)
	return r != nil && c.Enabled(r.RuleInfo)
}

// lintJS analyzes the JavaScript and TypeScript the plan names and judges
// the findings against the projects of the run; a named file outside them
// is judged against the compose project found above it.
func lintJS(o Options, plan *compose.Plan, projects []*compose.Project, res *Result) []diag.Diagnostic {
	var paths []string
	for _, root := range plan.JSRoots {
		paths = append(paths, walkJS(o, root, res)...)
	}
	paths = append(paths, plan.JSFiles...)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	pkgs := map[string]*jsts.Package{}
	var files []rules.JSFile
	var extra []*compose.Project
	for _, abs := range paths {
		data, err := o.FS.ReadFile(abs)
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: %v", display(o, abs), err))
			continue
		}
		if len(data) > jsMaxFileSize {
			continue
		}
		pkg := packageOf(o, filepath.Dir(abs), pkgs)
		rel := abs
		if pkg != nil {
			rel, _ = filepath.Rel(pkg.Dir, abs)
		} else {
			for _, r := range plan.JSRoots {
				if r2, err := filepath.Rel(r, abs); err == nil && !strings.HasPrefix(r2, "..") {
					rel = r2
				}
			}
		}
		r, err := jsts.Analyze(abs, filepath.ToSlash(rel), data, pkg)
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: skipped, cannot parse: %v", display(o, abs), err))
			continue
		}
		if len(r.Findings) == 0 {
			continue
		}
		files = append(files, rules.JSFile{Path: display(o, abs), Abs: abs, Src: data, Result: r})
		if slices.Contains(plan.JSFiles, abs) && !covered(abs, projects, extra) {
			finder := &compose.Finder{L: compose.NewLoader(o.FS, o.Cwd, o.Config.MaxFileSize, compose.Limits{}), Environ: o.Environ}
			if spec, ok := finder.FindUp(filepath.Dir(abs)); ok {
				extra = append(extra, finder.L.Load(compose.Options{Files: spec.Files, ProjectDir: spec.ProjectDir, Environ: o.Environ, Profiles: o.Profiles}))
			}
		}
	}
	ds := rules.CheckJS(files, append(slices.Clip(projects), extra...), settings(o.Config))
	for _, f := range files {
		res.sources[f.Path] = f.Src
	}
	return ds
}

func covered(abs string, lists ...[]*compose.Project) bool {
	for _, ps := range lists {
		for _, p := range ps {
			for _, s := range p.Services {
				if c := s.BuildContext; c != "" && strings.HasPrefix(abs, c+string(filepath.Separator)) {
					return true
				}
			}
		}
	}
	return false
}

func display(o Options, abs string) string {
	if r, err := filepath.Rel(o.Cwd, abs); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return abs
}

func walkJS(o Options, dir string, res *Result) []string {
	ents, err := o.FS.ReadDir(dir)
	if err != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: cannot read directory: %v", display(o, dir), err))
		return nil
	}
	var out []string
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			if !jsSkipDirs[e.Name()] {
				out = append(out, walkJS(o, p, res)...)
			}
		case e.Type()&fs.ModeType == 0 && jsts.IsSource(e.Name()):
			out = append(out, p)
		}
	}
	return out
}

// packageOf returns the nearest package.json at or above dir (cached).
func packageOf(o Options, dir string, cache map[string]*jsts.Package) *jsts.Package {
	if p, ok := cache[dir]; ok {
		return p
	}
	var p *jsts.Package
	if data, err := o.FS.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		var pj struct {
			Deps    map[string]any `json:"dependencies"`
			DevDeps map[string]any `json:"devDependencies"`
		}
		_ = json.Unmarshal(data, &pj) // a broken package.json still marks the package
		p = &jsts.Package{Dir: dir, Deps: map[string]bool{}}
		for k := range pj.Deps {
			p.Deps[k] = true
		}
		for k := range pj.DevDeps {
			p.Deps[k] = true
		}
	} else if parent := filepath.Dir(dir); parent != dir && !isRepoRoot(o, dir) {
		p = packageOf(o, parent, cache)
	}
	cache[dir] = p
	return p
}

func isRepoRoot(o Options, dir string) bool {
	_, err := o.FS.Stat(filepath.Join(dir, ".git"))
	return err == nil
}
