package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Compose's own file names, in the order docker compose looks for them
// (compose-go's DefaultFileNames and DefaultOverrideFileNames): the first
// base found, with the first override found, whatever the base's name
// (TestDiscoveryMatchesComposeGo holds them equal).
var (
	BaseNames     = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}
	overrideNames = []string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
	composeLike   = regexp.MustCompile(`^(docker-)?compose([.-][^/]*)?\.ya?ml$`)
	envLike       = regexp.MustCompile(`^(\.env(\..+)?|.+\.env)$`)
)

// IsComposeName reports a file name Compose or its users give compose files.
func IsComposeName(name string) bool { return composeLike.MatchString(name) }

// IsEnvName reports .env, .env.* and *.env names, but not a .env.* whose
// extension says it holds something else (.env.patch, .env.gpg, .env.json).
func IsEnvName(name string) bool {
	return envLike.MatchString(name) && !(strings.HasPrefix(name, ".env.") && slices.Contains(notEnvExt, filepath.Ext(name)))
}

// notEnvExt are extensions of files named .env.* that are no env files: a
// diff, an encrypted copy, another format, code, a template a generator
// renders (vendure's .env.hbs), an editor's leftovers.
var notEnvExt = []string{".patch", ".diff", ".orig", ".rej", ".gpg", ".asc", ".age", ".enc", ".md", ".json", ".yml", ".yaml", ".toml",
	".js", ".cjs", ".mjs", ".ts", ".py", ".sh", ".ps1", ".go", ".rb", ".php", ".swp",
	".hbs", ".handlebars", ".mustache", ".j2", ".jinja", ".jinja2", ".njk", ".ejs", ".erb", ".liquid", ".gotmpl"}

// IsOverrideName reports compose.override.yaml and its variants.
func IsOverrideName(name string) bool {
	return slices.Contains(overrideNames, name)
}

// Spec is a project to load: its files in order.
type Spec struct {
	Files      []string // absolute
	ProjectDir string   // absolute; "" = first file's directory
	// EnvArg is set when the project was found for an env file given on
	// the command line: the project counts only if it reads that file.
	EnvArg string
	// Siblings are the other compose files of a variant's directory: a
	// variant is often one layer of several (-f a -f b -f c), so a service
	// or network one of them defines is not reported as undefined.
	Siblings []string
	// Fragment is set for an override file without a base file beside it
	// (a snippet users copy next to theirs): the services, networks and
	// names it refers to are defined by a base it is not linted with.
	Fragment bool
	// Named is set for files named with -f or COMPOSE_FILE, or the one
	// docker compose would run in the directory: the project is exactly
	// what they make, so no layer of another project is inferred.
	Named bool
}

// Key identifies a spec for de-duplication.
func (s Spec) Key() string { return s.ProjectDir + "\x00" + strings.Join(s.Files, "\x00") }

// Plan is what a command line asks to lint.
type Plan struct {
	Projects []Spec
	EnvFiles []string // env files to lint on their own unless a project reads them
	GoRoots  []string // directories given as DIR/... (Go packages below them)
	GoDirs   []string // directories of .go files given by name
	GoFiles  []string // the .go files given by name, whose findings alone are reported
	JSRoots  []string // directories given as DIR/... (JavaScript and TypeScript below them)
	JSFiles  []string // JavaScript and TypeScript files given by name
	Skipped  []string // messages about paths skipped in a walk
	// Walked holds, for each DIR/... root, the regular files (not links)
	// its walk saw, so other sources need not walk the tree again.
	Walked map[string][]string
}

// Finder discovers projects as docker compose does.
type Finder struct {
	L        *Loader
	MaxFiles int // most files a walk looks at; 0 = 100000
	// Environ is the process environment (nil = --no-env): its
	// COMPOSE_FILE and COMPOSE_PATH_SEPARATOR win over a directory's .env.
	Environ map[string]string
	// EnvFiles are the --env-file files (absolute), read instead of a
	// directory's .env, as Compose does.
	EnvFiles []string

	dirs map[string][]fs.DirEntry // directories listed for siblings
	// defines remembers inComposeDir's reading of a file (the walk and
	// each variant's siblings ask).
	defines map[string]bool

	jobs chan string // compose files to parse in the background
}

// ComposeFileIn returns the files COMPOSE_FILE names for a project in dir,
// as docker compose --project-directory dir picks them: the variable comes
// from the process environment, else from dir's .env (or the --env-file
// files), split on COMPOSE_PATH_SEPARATOR (default the OS list separator).
// Relative entries are taken relative to dir, as when Compose runs inside
// it. ok is false when COMPOSE_FILE is unset or empty.
func (f *Finder) ComposeFileIn(dir string) (files []string, ok bool) {
	cf, ok := f.Environ["COMPOSE_FILE"]
	sep, sepOK := f.Environ["COMPOSE_PATH_SEPARATOR"]
	if !ok || !sepOK {
		envFiles := f.EnvFiles
		if envFiles == nil {
			envFiles = []string{cleanpath.Join(dir, ".env")}
		}
		// Later files win, and each can use what the earlier ones set.
		seen := map[string]string{}
		for k, v := range f.Environ {
			seen[k] = v
		}
		for _, e := range envFiles {
			data, err := f.L.fs.ReadFile(e)
			if err != nil || !bytes.Contains(data, []byte("COMPOSE_")) {
				continue // a key is written out: no other file can set one
			}
			for _, k := range []string{"COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR"} {
				if _, fromProcess := f.Environ[k]; fromProcess {
					continue
				}
				if v, found := EnvValue(data, k, seen); found {
					seen[k] = v
				}
			}
		}
		if !ok {
			cf, ok = seen["COMPOSE_FILE"]
		}
		if !sepOK {
			sep = seen["COMPOSE_PATH_SEPARATOR"]
		}
	}
	if !ok || cf == "" {
		return nil, false
	}
	if sep == "" {
		sep = string(filepath.ListSeparator)
	}
	for _, p := range strings.Split(cf, sep) {
		if p == "" {
			continue
		}
		if !filepath.IsAbs(p) {
			p = cleanpath.Join(dir, p)
		}
		files = append(files, cleanpath.Clean(p))
	}
	return files, len(files) > 0
}

// DirProject returns the project docker compose finds in dir: the files
// COMPOSE_FILE names, else the base compose file and its override.
func (f *Finder) DirProject(dir string) (Spec, bool) {
	// The directory is listed in any case (for its siblings, or for its
	// env files): listed first, it answers the probes below (vfs.StatMemo).
	_, _ = f.L.fs.ReadDir(dir)
	if files, ok := f.ComposeFileIn(dir); ok {
		return Spec{Files: files, ProjectDir: dir, Siblings: f.siblings(dir, files)}, true
	}
	base, ovs := f.BaseIn(dir)
	if base == "" {
		return Spec{}, false
	}
	return f.project(dir, base, ovs), true
}

// exist reports whether every file is there.
func (f *Finder) exist(files []string) bool {
	for _, p := range files {
		if st, err := f.L.fs.Stat(p); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// BaseIn returns the base compose file in dir and its override, as docker
// compose picks them.
func (f *Finder) BaseIn(dir string) (base string, overrides []string) {
	// The names a listing shows absent are not joined nor asked about.
	for _, n := range BaseNames {
		if vfs.AbsentIn(f.L.fs, dir, n) {
			continue
		}
		p := cleanpath.Join(dir, n)
		if f.isFile(p) {
			base = p
			for _, o := range overrideNames {
				if vfs.AbsentIn(f.L.fs, dir, o) {
					continue
				}
				op := cleanpath.Join(dir, o)
				if f.isFile(op) {
					overrides = append(overrides, op)
					break
				}
			}
			return base, overrides
		}
	}
	return "", nil
}

// FindUp looks for a project in dir and its parents, as docker compose does
// when run without -f.
func (f *Finder) FindUp(dir string) (Spec, bool) {
	for {
		if base, ovs := f.BaseIn(dir); base != "" {
			return f.project(dir, base, ovs), true
		}
		parent := cleanpath.Dir(dir)
		if parent == dir {
			return Spec{}, false
		}
		dir = parent
	}
}

// UsageError is a command line that names something that is not there.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Paths turns positional arguments into a plan.
func (f *Finder) Paths(args []string) (*Plan, error) {
	plan := &Plan{}
	seen := map[string]bool{}
	add := func(s Spec) {
		if k := s.Key() + "\x00" + s.EnvArg; !seen[k] {
			seen[k] = true
			plan.Projects = append(plan.Projects, s)
		}
	}
	for _, arg := range args {
		recursive := false
		if arg == "..." || strings.HasSuffix(arg, "/...") {
			recursive = true
			arg = strings.TrimSuffix(strings.TrimSuffix(arg, "..."), "/")
			if arg == "" {
				arg = "."
			}
		}
		abs := f.L.abs(arg)
		isDir, err := f.isDir(abs, recursive || filepath.Ext(abs) == "" && !IsEnvName(filepath.Base(abs)))
		if err != nil {
			return nil, &UsageError{Msg: fmt.Sprintf("%s: no such file or directory", arg)}
		}
		switch {
		case recursive:
			if !isDir {
				return nil, &UsageError{Msg: fmt.Sprintf("%s/...: %s is not a directory", arg, arg)}
			}
			before := len(plan.Projects)
			if err := f.walk(abs, plan, add); err != nil {
				return nil, err
			}
			f.dropIncluded(plan, before)
			plan.GoRoots = append(plan.GoRoots, abs)
			plan.JSRoots = append(plan.JSRoots, abs)
		case isDir:
			sp, found := f.DirProject(abs)
			if !found {
				// Without a base compose file, the directory's other
				// compose files (docker-compose.local.yaml) are linted as
				// a walk lints them; it may still hold env files.
				found := false
				for _, p := range f.siblings(abs, nil) {
					if f.isFile(p) {
						add(f.variant(p))
						found = true
					}
				}
				for _, e := range f.envFilesIn(abs) {
					plan.EnvFiles = append(plan.EnvFiles, e)
					found = true
				}
				if !found {
					return nil, &UsageError{Msg: fmt.Sprintf("%s: no compose file found (looked for %s)", arg, strings.Join(BaseNames, ", "))}
				}
				continue
			}
			add(sp)
		default:
			if sp, ok := f.includerAbove(abs); ok {
				add(sp) // a file another project includes is linted in it
				continue
			}
			f.file(abs, plan, add)
		}
	}
	return plan, nil
}

// includerAbove returns the project of the nearest directory above a
// compose file (three at most, not past the repository's root) whose base
// file includes it.
func (f *Finder) includerAbove(abs string) (Spec, bool) {
	if !IsComposeName(filepath.Base(abs)) {
		return Spec{}, false
	}
	for dir := range f.parents(cleanpath.Dir(abs)) {
		if base, ovs := f.BaseIn(dir); base != "" && slices.Contains(f.includes(base), abs) {
			return f.project(dir, base, ovs), true
		}
	}
	return Spec{}, false
}

// parents yields the directories above dir, nearest first: three at most,
// not past the repository's root (a directory holding .git).
func (f *Finder) parents(dir string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for range 3 {
			if f.isRepoRoot(dir) {
				return
			}
			up := cleanpath.Dir(dir)
			if up == dir || !yield(up) {
				return
			}
			dir = up
		}
	}
}

// dropIncluded removes from the projects the walk added (from index from)
// those whose files another of them includes (include: - path:
// adminer/compose.yml): Compose reads such a file only through the
// including project, with its project directory, env files and networks,
// and that project lints it. Linted alone, laradock's included files
// referred to networks only the root defines.
func (f *Finder) dropIncluded(plan *Plan, from int) {
	included := map[string]bool{}
	for _, sp := range plan.Projects[from:] {
		for _, file := range sp.Files {
			for _, inc := range f.includes(file) {
				included[inc] = true
			}
		}
	}
	if len(included) == 0 {
		return
	}
	kept := plan.Projects[:from]
	for _, sp := range plan.Projects[from:] {
		if !slices.ContainsFunc(sp.Files, func(file string) bool { return !included[file] }) {
			continue
		}
		kept = append(kept, sp)
	}
	plan.Projects = kept
}

// includes lists the files a compose file's top-level include: names, made
// absolute from its directory; paths with variables are left out.
func (f *Finder) includes(file string) []string {
	docs := f.L.view(file)
	if len(docs) == 0 {
		return nil
	}
	inc := docs[0].Get("include")
	if inc == nil || inc.Kind != Seq {
		return nil
	}
	var out []string
	add := func(n *Node) {
		if n != nil && n.Kind == Scalar && n.Value != "" && !strings.Contains(n.Raw, "$") {
			out = append(out, resolvePath(cleanpath.Dir(file), n.Value))
		}
	}
	for _, it := range inc.Items {
		switch {
		case it == nil:
		case it.Kind == Scalar:
			add(it)
		case it.Kind == Map:
			switch p := it.Get("path"); {
			case p == nil:
			case p.Kind == Seq:
				for _, x := range p.Items {
					add(x)
				}
			default:
				add(p)
			}
		}
	}
	return out
}

// isFile reports whether something other than a directory is at p: a
// regular file its directory's listing shows needs no Stat.
func (f *Finder) isFile(p string) bool {
	if vfs.ListedRegular(f.L.fs, p) {
		return true
	}
	st, err := f.L.fs.Stat(p)
	return err == nil && !st.IsDir()
}

// isDir reports whether abs is a directory. When one is likely (listFirst:
// a walk's root, a name without an extension), listing it answers, and the
// listing serves discovery after; otherwise, or when it cannot be listed,
// Stat does.
func (f *Finder) isDir(abs string, listFirst bool) (bool, error) {
	if listFirst {
		if _, err := f.L.fs.ReadDir(abs); err == nil {
			return true, nil
		}
	}
	st, err := f.L.fs.Stat(abs)
	if err != nil {
		return false, err
	}
	return st.IsDir(), nil
}

func (f *Finder) envFilesIn(dir string) []string {
	ents, err := f.L.fs.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && IsEnvName(e.Name()) {
			out = append(out, cleanpath.Join(dir, e.Name()))
		}
	}
	return out
}

// file plans a single named file.
func (f *Finder) file(abs string, plan *Plan, add func(Spec)) {
	dir, name := cleanpath.Dir(abs), filepath.Base(abs)
	switch {
	case slices.Contains(BaseNames, name) || IsOverrideName(name):
		base, ovs := f.BaseIn(dir)
		if base == "" {
			add(Spec{Files: []string{abs}, ProjectDir: dir, Fragment: IsOverrideName(name)})
			return
		}
		if !slices.Contains(append([]string{base}, ovs...), abs) {
			// e.g. docker-compose.yml next to a compose.yaml that wins; an
			// override another one wins over is layered as -f would.
			if IsOverrideName(name) {
				add(f.variant(abs))
			} else {
				add(Spec{Files: []string{abs}, ProjectDir: dir})
			}
			return
		}
		add(f.project(dir, base, ovs))
	case strings.HasSuffix(name, ".go"):
		plan.GoFiles = append(plan.GoFiles, abs)
		if !slices.Contains(plan.GoDirs, dir) {
			plan.GoDirs = append(plan.GoDirs, dir)
		}
	case isJSSource(name):
		plan.JSFiles = append(plan.JSFiles, abs)
	case IsEnvName(name) || strings.HasSuffix(name, ".env"):
		plan.EnvFiles = append(plan.EnvFiles, abs)
		for d, i := dir, 0; i < 4; i++ {
			if base, ovs := f.BaseIn(d); base != "" {
				sp := f.project(d, base, ovs)
				sp.EnvArg = abs
				add(sp)
			}
			if f.isRepoRoot(d) {
				break
			}
			p := cleanpath.Dir(d)
			if p == d {
				break
			}
			d = p
		}
	default:
		add(f.variant(abs))
	}
}

func (f *Finder) isRepoRoot(dir string) bool {
	_, err := f.L.fs.Stat(cleanpath.Join(dir, ".git"))
	return err == nil
}

// composeDirs are the names of directories that hold compose files under
// names of their own (deploy/docker-compose/quickstart.yaml,
// documentation/compose/kafka-ssl.yml), run with -f.
var composeDirs = map[string]bool{"compose": true, "docker-compose": true}

// inComposeDir reports a YAML file in a directory named for compose files
// that defines services: a top-level "services:" line.
func (f *Finder) inComposeDir(path, name string) bool {
	ext := filepath.Ext(name)
	if ext != ".yml" && ext != ".yaml" || !composeDirs[filepath.Base(filepath.Dir(path))] || IsTemplateName(name) {
		return false
	}
	if v, ok := f.defines[path]; ok {
		return v
	}
	if f.defines == nil {
		f.defines = map[string]bool{}
	}
	f.defines[path] = false
	data, err := vfs.ReadLimit(f.L.fs, path, 1<<20)
	if err != nil {
		return false
	}
	for rest := data; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if bytes.HasPrefix(line, []byte("services:")) {
			ok := servicesMap(bytes.TrimSpace(line[len("services:"):]), rest)
			f.defines[path] = ok
			return ok
		}
	}
	return false
}

// servicesMap reports whether "services:" followed by after on its line,
// and then by rest, holds a mapping: "{...}" on the line, or a first
// indented line that is a key, not a list item ("- name: api" is some
// other tool's list of services).
func servicesMap(after, rest []byte) bool {
	if len(after) > 0 && after[0] != '#' {
		return after[0] == '{'
	}
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		return len(line) > len(bytes.TrimLeft(line, " \t")) && t[0] != '-'
	}
	return false
}

// siblings returns the compose-named files of dir other than files.
func (f *Finder) siblings(dir string, files []string) []string {
	// Every variant of a directory asks: list it once.
	ents, ok := f.dirs[dir]
	if !ok {
		ents, _ = f.L.fs.ReadDir(dir)
		if f.dirs == nil {
			f.dirs = map[string][]fs.DirEntry{}
		}
		f.dirs[dir] = ents
	}
	var out []string
	for _, e := range ents {
		p := cleanpath.Join(dir, e.Name())
		if (IsComposeName(e.Name()) || overrideTemplate(e.Name()) || f.inComposeDir(p, e.Name())) && !slices.Contains(files, p) {
			out = append(out, p)
		}
	}
	return out
}

// templateMarks are the parts of a name that make a file a template to
// copy: compose.override.yaml.example, docker-compose.sample.yml.
var templateMarks = []string{".example", ".sample", ".dist", ".template", ".tmpl", ".tpl"}

// IsTemplateName reports a file named as a template to copy (its name
// ends in, or holds, .example, .sample, .dist, .template, .tmpl or .tpl).
func IsTemplateName(name string) bool {
	for _, t := range templateMarks {
		if strings.HasSuffix(name, t) || strings.Contains(name, t+".") {
			return true
		}
	}
	return false
}

// overrideTemplate reports the template of an override file that a
// project ships for the user to copy (compose.override.yaml.example,
// docker-compose.override.sample.yml): what it defines (secrets, networks)
// is defined once the user has made the override.
func overrideTemplate(name string) bool {
	for _, t := range templateMarks {
		if IsOverrideName(strings.TrimSuffix(name, t)) && strings.HasSuffix(name, t) {
			return true
		}
		if i := strings.LastIndex(name, t+"."); i > 0 && IsOverrideName(name[:i]+name[i+len(t):]) {
			return true
		}
	}
	return false
}

// project is the spec of a directory's base project.
func (f *Finder) project(dir, base string, ovs []string) Spec {
	files := append([]string{base}, ovs...)
	return Spec{Files: files, ProjectDir: dir, Siblings: f.siblings(dir, files)}
}

// variant decides how docker-compose.prod.yml-style files are used: on
// their own when complete, over the base when partial.
func (f *Finder) variant(abs string) Spec {
	dir := cleanpath.Dir(abs)
	base, _ := f.BaseIn(dir)
	sibs := f.siblings(dir, []string{abs})
	if base != "" && base != abs && f.L.holdsNothing(abs) {
		// Layered over the base it adds nothing: the project is the base
		// alone, linted once.
		return Spec{Files: []string{base}, ProjectDir: dir, Siblings: f.siblings(dir, []string{base})}
	}
	if base == "" {
		// A layer kept in a directory of its own (overrides/compose.https.yaml,
		// run as -f compose.yaml -f overrides/compose.https.yaml): over the
		// nearest base above it, from that base's directory, as Compose
		// reads every file's paths and .env from the first file's.
		if up, ok := f.baseAbove(dir); ok && f.partial(abs, up) {
			return Spec{Files: []string{up, abs}, ProjectDir: cleanpath.Dir(up), Siblings: sibs}
		}
	}
	if base == "" || base == abs || !f.partial(abs, base) {
		return Spec{Files: []string{abs}, ProjectDir: dir, Siblings: sibs, Fragment: base == "" && IsOverrideName(filepath.Base(abs))}
	}
	return Spec{Files: []string{base, abs}, ProjectDir: dir, Siblings: sibs}
}

// baseAbove returns the base compose file of the nearest of dir's parents
// (three at most, not past the repository's root) that has one.
func (f *Finder) baseAbove(dir string) (string, bool) {
	for up := range f.parents(dir) {
		if base, _ := f.BaseIn(up); base != "" {
			return base, true
		}
	}
	return "", false
}

// partial reports a file that only adjusts services of base: one of its
// services has no image, build or extends and is defined in base.
func (f *Finder) partial(abs, base string) bool {
	// A directory's base is compared with each of its variants: the
	// loader parses it once. The nodes are only read here.
	top := func(p string) *Node {
		if docs := f.L.view(p); len(docs) > 0 {
			return docs[0]
		}
		return nil
	}
	v, b := top(abs), top(base)
	vs, bs := v.Get("services"), b.Get("services")
	if vs == nil || vs.Kind != Map {
		return bs != nil
	}
	for _, pr := range vs.Pairs {
		s := pr.Val
		if s.Get("image") == nil && s.Get("build") == nil && s.Get("extends") == nil && bs.Get(pr.Key.Value) != nil {
			return true
		}
		// It refers to services only the base defines.
		for _, ref := range serviceRefs(s) {
			if vs.Get(ref) == nil && bs.Get(ref) != nil {
				return true
			}
		}
	}
	return false
}

// serviceRefs lists the services a raw service definition refers to.
func serviceRefs(s *Node) []string {
	var out []string
	switch d := s.Get("depends_on"); {
	case d == nil:
	case d.Kind == Seq:
		for _, it := range d.Items {
			out = append(out, it.Value)
		}
	case d.Kind == Map:
		for _, pr := range d.Pairs {
			out = append(out, pr.Key.Value)
		}
	}
	if l := s.Get("links"); l != nil && l.Kind == Seq {
		for _, it := range l.Items {
			name, _, _ := strings.Cut(it.Value, ":")
			out = append(out, name)
		}
	}
	if ref, ok := strings.CutPrefix(s.Get("network_mode").Str(), "service:"); ok {
		out = append(out, ref)
	}
	return out
}

// definedNames returns the services, networks, secrets and configs the
// files define.
func (l *Loader) definedNames(files []string) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		var names []string
		if l.cache != nil {
			if src, err := l.read(f); err == nil {
				names = l.entry(f).parse(src, l.limits).names
			}
		} else {
			names = namesOf(l.view(f))
		}
		for _, n := range names {
			out[n] = true
		}
	}
	return out
}

// namesOf lists the "services/x", "networks/y", "volumes/v", "secrets/z"
// and "configs/w" documents define.
func namesOf(docs []*Node) []string {
	var out []string
	for _, d := range docs {
		for _, sec := range []string{"services", "networks", "volumes", "secrets", "configs"} {
			if m := d.Get(sec); m != nil && m.Kind == Map {
				for _, pr := range m.Pairs {
					out = append(out, sec+"/"+pr.Key.Value)
				}
			}
		}
	}
	return out
}

// warm reads and parses a compose file the walk found on another core
// while the walk goes on: deciding how variants are used, and then the
// loads, find it parsed. Only with a run cache.
func (f *Finder) warm(abs string) {
	if f.L.cache == nil {
		return
	}
	if f.jobs == nil {
		jobs := make(chan string, 64)
		f.jobs = jobs
		for range runtime.GOMAXPROCS(0) {
			go func() {
				l := NewLoader(f.L.fs, f.L.cwd, f.L.maxSize, f.L.limits)
				if !l.Share(f.L.cache) {
					for range jobs {
					}
					return
				}
				for p := range jobs {
					if src, err := l.read(p); err == nil {
						l.entry(p).parse(src, l.limits)
					}
				}
			}()
		}
	}
	f.jobs <- abs
}

// stopWarm lets the background parsing end once the walk has queued all.
func (f *Finder) stopWarm() {
	if f.jobs != nil {
		close(f.jobs)
		f.jobs = nil
	}
}

// linkEntry is a regular file the walk reached through a symbolic link.
type linkEntry struct{ fs.DirEntry }

// skipDirs are never entered by DIR/...: version control, dependencies, and,
// as the Go tool does for ./..., testdata (fixtures, often broken on
// purpose). A path given explicitly (testdata/x, testdata/...) is linted.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, "testdata": true}

// templateDir reports a directory named by a template placeholder
// ({{cookiecutter.project_slug}}, copier's {{ project_name }}): its files
// are rendered before anyone runs them, and hold {{...}} where YAML values
// will be.
func templateDir(name string) bool {
	i := strings.Index(name, "{{")
	return i >= 0 && strings.Contains(name[i:], "}}")
}

// walk plans every project below root: each directory's base project, and
// each other compose-named file as a variant.
func (f *Finder) walk(root string, plan *Plan, add func(Spec)) error {
	max := f.MaxFiles
	if max <= 0 {
		max = 100000
	}
	count := 0
	dirs := []string{root}
	composeFiles := map[string][]string{}
	defer f.stopWarm()
	dotEnv := map[string]bool{} // directories with a .env, which may set COMPOSE_FILE
	err := f.walkDir(root, func(path string, d fs.DirEntry) error {
		count++
		if count > max {
			return &UsageError{Msg: fmt.Sprintf("%s: more than %d files below it; lint a smaller directory", f.L.Display(root), max)}
		}
		if d.IsDir() {
			dirs = append(dirs, path)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if _, link := d.(linkEntry); !link {
			if plan.Walked == nil {
				plan.Walked = map[string][]string{}
			}
			plan.Walked[root] = append(plan.Walked[root], path)
		}
		name := d.Name()
		switch {
		case IsComposeName(name) || f.inComposeDir(path, name):
			dir := cleanpath.Dir(path)
			composeFiles[dir] = append(composeFiles[dir], path)
			// Deciding how a directory's files layer reads them: parse them
			// ahead. Other files are parsed by their project's load, so
			// the trees of all projects are not held at once.
			if files := composeFiles[dir]; len(files) == 2 {
				f.warm(files[0])
				f.warm(path)
			} else if len(files) > 2 {
				f.warm(path)
			}
		case IsEnvName(name):
			plan.EnvFiles = append(plan.EnvFiles, path)
			if name == ".env" {
				dotEnv[cleanpath.Dir(path)] = true
			}
		}
		return nil
	}, plan)
	if err != nil {
		return err
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		files := composeFiles[dir]
		if len(files) == 0 && !dotEnv[dir] && f.Environ["COMPOSE_FILE"] == "" {
			continue
		}
		sort.Strings(files)
		base, ovs := f.BaseIn(dir)
		used := map[string]bool{}
		if cf, ok := f.ComposeFileIn(dir); ok && f.exist(cf) && slices.ContainsFunc(cf, func(p string) bool { return strings.HasPrefix(p, dir+string(filepath.Separator)) }) {
			// In a walk, a COMPOSE_FILE that does not fit this directory
			// (set in the process for another one) is not an error: the
			// directory's own files are linted instead.
			add(Spec{Files: cf, ProjectDir: dir, Siblings: f.siblings(dir, cf)})
			for _, p := range cf {
				used[p] = true
			}
		} else if base != "" {
			add(f.project(dir, base, ovs))
			used[base] = true
			for _, o := range ovs {
				used[o] = true
			}
		}
		for _, p := range files {
			name := filepath.Base(p)
			if used[p] || (IsOverrideName(name) && base != "") {
				continue
			}
			add(f.variant(p))
		}
	}
	return nil
}

// walkDir visits the tree without following symbolic links, skipping
// dependency and VCS directories, and reporting unreadable directories.
func (f *Finder) walkDir(dir string, fn func(string, fs.DirEntry) error, plan *Plan) error {
	ents, err := f.L.fs.ReadDir(dir)
	if err != nil {
		plan.Skipped = append(plan.Skipped, fmt.Sprintf("%s: cannot read directory: %v", f.L.Display(dir), unwrapPath(err)))
		return nil
	}
	for _, e := range ents {
		p := cleanpath.Join(dir, e.Name())
		if e.IsDir() {
			if skipDirs[e.Name()] || templateDir(e.Name()) {
				continue
			}
			if err := fn(p, e); err != nil {
				return err
			}
			if err := f.walkDir(p, fn, plan); err != nil {
				return err
			}
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			// Links are linted when they point at a regular file; a
			// directory link is not entered, so loops cannot happen.
			st, err := f.L.fs.Stat(p)
			if err != nil {
				plan.Skipped = append(plan.Skipped, fmt.Sprintf("%s: broken or looping symbolic link, skipped", f.L.Display(p)))
				continue
			}
			if st.IsDir() {
				continue
			}
			if err := fn(p, linkEntry{fs.FileInfoToDirEntry(st)}); err != nil {
				return err
			}
			continue
		}
		if err := fn(p, e); err != nil {
			return err
		}
	}
	return nil
}

func unwrapPath(err error) error {
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IsSource reports a Go, JavaScript or TypeScript source file's name.
func IsSource(name string) bool { return strings.HasSuffix(name, ".go") || isJSSource(name) }

// isJSSource reports a JavaScript or TypeScript file name (declaration
// files excluded), for the source rule the engine runs on named files.
func isJSSource(name string) bool {
	switch filepath.Ext(name) {
	case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		return !strings.Contains(name, ".d.")
	}
	return false
}
