package compose

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dotenv"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// DefaultMaxFileSize is the largest file read unless configured otherwise.
const DefaultMaxFileSize = 10 << 20

// Options say which project to load, as docker compose's flags would.
type Options struct {
	FS          vfs.FS
	WorkingDir  string   // the process's working directory: paths are shown relative to it
	ProjectDir  string   // --project-directory; "" = the first file's directory
	Files       []string // compose files in order: base first, then overrides
	EnvFiles    []string // --env-file; nil = the project directory's .env if it exists
	Environ     map[string]string
	Profiles    []string // nil = COMPOSE_PROFILES, else every service
	Name        string   // -p; "" = top-level name:, COMPOSE_PROJECT_NAME, or the directory name
	MaxFileSize int64
	Limits      Limits
	// Siblings are compose files that may be layered with these; what
	// they define is not reported as undefined.
	Siblings []string
	// Fragment: an override without its base (Spec.Fragment).
	Fragment bool
	// Named: files named as docker compose is given them (Spec.Named).
	Named bool
}

// Loader reads files for one or more projects; it caches file contents.
// It is used by one goroutine at a time (loaders share a Cache instead).
type Loader struct {
	fs      vfs.FS
	cwd     string
	maxSize int64
	limits  Limits
	files   map[string]*loadedFile
	cache   *Cache             // shared with the run's other loaders, or nil
	views   map[string][]*Node // parses for reading only, without a cache

	lastAbs   string      // the file entry last answered about
	lastEntry *cacheEntry // (a Loader is used by one goroutine at a time)
}

type loadedFile struct {
	src *source.File
	err error
}

// NewLoader returns a loader reading through fsys.
func NewLoader(fsys vfs.FS, cwd string, maxSize int64, lim Limits) *Loader {
	if fsys == nil {
		fsys = vfs.OS{}
	}
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	if lim.MaxAliasExpansion == 0 {
		lim.MaxAliasExpansion = defaultLimits.MaxAliasExpansion
	}
	if lim.MaxDepth == 0 {
		lim.MaxDepth = defaultLimits.MaxDepth
	}
	return &Loader{fs: fsys, cwd: cwd, maxSize: maxSize, limits: lim, files: map[string]*loadedFile{}}
}

// Display returns path as shown to the user: relative to the working
// directory when possible.
func (l *Loader) Display(abs string) string {
	if l.cwd != "" {
		if rel, err := cleanpath.Rel(l.cwd, abs); err == nil {
			return rel
		}
	}
	return abs
}

// Source returns the content of a file read so far, by display path.
func (l *Loader) Source(display string) []byte {
	for abs, f := range l.files {
		if f.src != nil && (f.src.Path == display || abs == display) {
			return f.src.Data
		}
	}
	return nil
}

// read returns the file at abs, or a diagnostic explaining why it cannot be
// read (err is then fs.ErrNotExist or another error).
func (l *Loader) read(abs string) (*source.File, error) {
	if f, ok := l.files[abs]; ok {
		return f.src, f.err
	}
	if l.cache != nil {
		e := l.entry(abs)
		e.readOnce.Do(func() { l.readFile(abs, &e.file) })
		l.files[abs] = &e.file
		return e.file.src, e.file.err
	}
	f := &loadedFile{}
	l.files[abs] = f
	l.readFile(abs, f)
	return f.src, f.err
}

// readFile reads the file at abs into f.
func (l *Loader) readFile(abs string, f *loadedFile) {
	disp := l.Display(abs)
	var nr *vfs.NotRegularError
	if vfs.ListedRegular(l.fs, abs) {
		// A regular file by its directory's listing: the read checks its
		// type and size on the opened file.
		l.readChecked(abs, disp, f)
		return
	}
	st, err := l.fs.Stat(abs)
	switch {
	case err != nil:
		f.err = err
	case st.IsDir():
		f.err = fmt.Errorf("%s is a directory, not a file", disp)
	case errors.As(vfs.CheckRegular(abs, st), &nr):
		// A FIFO would block forever, /dev/zero never ends, /proc entries
		// hold the environment: refused by type, never opened.
		f.err = fmt.Errorf("%s is %s, not a regular file; reachlint reads only regular files", disp, nr.What)
	case st.Size() > l.maxSize:
		f.err = fmt.Errorf("%s is %d bytes, larger than the %d-byte limit (raise max-file-size to lint it)", disp, st.Size(), l.maxSize)
	default:
		l.readChecked(abs, disp, f)
	}
}

// readChecked reads abs, whose limits the read enforces on the bytes read.
func (l *Loader) readChecked(abs, disp string, f *loadedFile) {
	data, err := vfs.ReadLimit(l.fs, abs, l.maxSize)
	var tl *vfs.TooLargeError
	var nr *vfs.NotRegularError
	switch {
	case errors.As(err, &tl) && tl.Size > 0:
		f.err = fmt.Errorf("%s is %d bytes, larger than the %d-byte limit (raise max-file-size to lint it)", disp, tl.Size, l.maxSize)
	case errors.As(err, &tl):
		f.err = fmt.Errorf("%s is larger than the %d-byte limit (raise max-file-size to lint it)", disp, l.maxSize)
	case errors.As(err, &nr) && nr.What == "a directory":
		f.err = fmt.Errorf("%s is a directory, not a file", disp)
	case errors.As(err, &nr):
		f.err = fmt.Errorf("%s is %s, not a regular file; reachlint reads only regular files", disp, nr.What)
	case err != nil:
		f.err = err
	default:
		f.src = source.New(disp, data)
	}
}

// readErrShort is readErrMessage without the path, for a headline whose
// location or note names the file.
func readErrShort(err error) string {
	var pe *fs.PathError
	switch {
	case os.IsNotExist(err):
		return "does not exist"
	case os.IsPermission(err):
		return "cannot be read: permission denied"
	case asPathError(err, &pe):
		return fmt.Sprintf("cannot be read: %v", pe.Err)
	}
	return "cannot be read"
}

func readErrMessage(disp string, err error) string {
	var pe *fs.PathError
	switch {
	case os.IsNotExist(err):
		return fmt.Sprintf("%s does not exist", disp)
	case os.IsPermission(err):
		return fmt.Sprintf("cannot read %s: permission denied", disp)
	case asPathError(err, &pe):
		return fmt.Sprintf("cannot read %s: %v", disp, pe.Err)
	}
	return err.Error()
}

func asPathError(err error, pe **fs.PathError) bool {
	return errors.As(err, pe)
}

// env is the interpolation environment of a project.
type env struct {
	process map[string]string
	files   []*dotenv.File
	srcs    []*source.File
	vars    map[string]envVar
}

type envVar struct {
	value string
	src   *VarSource
}

func (e *env) lookup(name string) (string, *VarSource, bool) {
	if v, ok := e.process[name]; ok {
		return v, &VarSource{Where: "process environment"}, true
	}
	if v, ok := e.vars[name]; ok {
		return v.value, v.src, true
	}
	return "", nil, false
}

// LookupPlace is an env file that ${VAR} interpolation reads (the project
// .env, --env-file, an include's env_file), or tried to read (Missing).
type LookupPlace struct {
	Path    string // as displayed
	Missing bool
}

// LookupPlaces lists the env files interpolation looked variables up in, in
// load order, and whether the process environment was consulted (false
// under --no-env).
func (p *Project) LookupPlaces() (files []LookupPlace, process bool) {
	return p.lookupPlaces, p.env != nil && p.env.process != nil
}

func (p *Project) addLookupPlace(lp LookupPlace) {
	if !slices.Contains(p.lookupPlaces, lp) {
		p.lookupPlaces = append(p.lookupPlaces, lp)
	}
}

// Lookup resolves a variable as Compose interpolation would.
func (p *Project) Lookup(name string) (string, *VarSource, bool) { return p.env.lookup(name) }

func (l *Loader) loadEnv(p *Project, files []string, explicit bool, process map[string]string) *env {
	e := &env{process: process}
	// A later env file may refer to the variables of an earlier one.
	plookup := func(k string) (string, bool) {
		if v, ok := process[k]; ok {
			return v, true
		}
		v, ok := e.vars[k]
		return v.value, ok
	}
	for _, abs := range files {
		src, err := l.read(abs)
		p.addLookupPlace(LookupPlace{Path: l.Display(abs), Missing: err != nil})
		if err != nil {
			if !explicit && os.IsNotExist(err) {
				if fi, lerr := l.fs.Lstat(abs); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 && p.EnvLink == "" && dangles(l.fs, abs) {
					// A committed link to a file a setup step generates.
					p.EnvLink = cmp.Or(vfs.Readlink(l.fs, abs), "a missing file")
					p.EnvLinkTemplate = l.linkTemplate(abs, p.EnvLink)
				}
				continue
			}
			p.addDiag(diag.Diagnostic{Rule: dotenv.SyntaxRule.Name, Severity: diag.Error,
				Range: diag.Range{File: l.Display(abs)}, Message: readErrMessage(l.Display(abs), err)})
			continue
		}
		df := l.parsedEnv(abs, src, process, len(e.vars) == 0, plookup)
		p.EnvFiles = append(p.EnvFiles, &EnvFile{Src: src, Parsed: df, Role: RoleProject})
		e.files = append(e.files, df)
		e.srcs = append(e.srcs, src)
		if e.vars == nil {
			e.vars = make(map[string]envVar, len(df.Entries)) // sized once, not grown
		}
		for _, en := range df.Entries {
			if en.Unset || en.Key == "" {
				continue
			}
			e.vars[en.Key] = envVar{value: en.Value, src: entrySource(src, en)}
		}
	}
	return e
}

// linkTemplate returns the committed template of a .env that the link at
// abs names as target (webapp/.env -> ../.env, beside ../.env.example), as
// the target is written; "" when there is none.
func (l *Loader) linkTemplate(abs, target string) string {
	if path.Base(target) != ".env" || path.IsAbs(target) {
		return ""
	}
	dir := cleanpath.Join(cleanpath.Dir(abs), path.Dir(target))
	for _, name := range EnvTemplateNames {
		if fi, err := l.fs.Stat(cleanpath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			return path.Join(path.Dir(target), name)
		}
	}
	return ""
}

// dangles reports a symbolic link whose target does not exist.
func dangles(fsys vfs.FS, abs string) bool {
	_, err := fsys.Stat(abs)
	return errors.Is(err, fs.ErrNotExist)
}

// EnvTemplateNames are the names a project's committed .env template
// goes by, in order of preference.
var EnvTemplateNames = []string{".env.example", ".env.sample", ".env.template", ".env.dist"}

// envTemplate reads the template next to the project's first env file,
// when that file was read.
func (l *Loader) envTemplate(p *Project) *EnvFile {
	var first *EnvFile
	for _, ef := range p.EnvFiles {
		if ef.Role&RoleProject != 0 {
			first = ef
			break
		}
	}
	if first == nil {
		return nil
	}
	dir := cleanpath.Dir(l.abs(first.Src.Path))
	for _, name := range EnvTemplateNames {
		abs := cleanpath.Join(dir, name)
		if abs == l.abs(first.Src.Path) {
			return nil // the template is what the project reads
		}
		if src, err := l.read(abs); err == nil {
			return &EnvFile{Src: src, Parsed: dotenv.Parse(src.Path, src.Data, nil), Role: RoleStandalone}
		}
	}
	return nil
}

// missingEnvTemplate reads the template of the project's missing .env at
// abs: a fresh checkout, whose .env is created from it.
func (l *Loader) missingEnvTemplate(abs string) *EnvFile {
	t := l.templateOf(abs)
	if t == "" {
		return nil
	}
	src, err := l.read(t)
	if err != nil {
		return nil
	}
	return &EnvFile{Src: src, Parsed: dotenv.Parse(src.Path, src.Data, nil), Role: RoleStandalone}
}

// coveringEnvFile returns the file the project's missing .env at abs is
// made from, though its name follows no template convention: another
// *.env file beside it (openreplay's install script links common.env to
// .env and appends one variable), or the template of a build context's
// .env (firecrawl's README: copy apps/api/.env.example to .env). Of these,
// the one that sets the most of the variables the project uses unset, when
// it sets at least two and two thirds of them and no service reads it as
// an env_file. Nil when two files tie.
func (l *Loader) coveringEnvFile(abs string, p *Project, root *Node) *EnvFile {
	var unset []string
	for _, r := range p.VarUses {
		if !r.Use.Set && r.Use.Op == "" && !slices.Contains(unset, r.Use.Name) {
			unset = append(unset, r.Use.Name)
		}
	}
	for _, r := range p.Required {
		if !slices.Contains(unset, r.Name) {
			unset = append(unset, r.Name)
		}
	}
	if len(unset) == 0 {
		return nil
	}
	read := envFileNames(root)
	ents, err := l.fs.ReadDir(filepath.Dir(abs))
	if err != nil {
		return nil
	}
	var candidates []string
	for _, e := range ents {
		name := e.Name()
		other := strings.HasSuffix(name, ".env") && !strings.HasPrefix(name, ".") || // common.env
			strings.HasPrefix(name, ".env.") && IsEnvName(name) // .env.docker-compose, for --env-file
		if e.IsDir() || name == filepath.Base(abs) || !other || read[name] {
			continue
		}
		candidates = append(candidates, filepath.Join(filepath.Dir(abs), name))
	}
	for _, c := range contextDirs(root, p.Dir) {
		if t := l.templateOf(filepath.Join(c, ".env")); t != "" && !slices.Contains(candidates, t) {
			candidates = append(candidates, t)
		}
	}
	var found *EnvFile
	best, tie := 0, false
	for _, c := range candidates {
		src, err := l.read(c)
		if err != nil {
			continue
		}
		parsed := dotenv.Parse(src.Path, src.Data, nil)
		sets := map[string]bool{}
		for _, en := range parsed.Entries {
			sets[en.Key] = true
		}
		n := 0
		for _, v := range unset {
			if sets[v] {
				n++
			}
		}
		switch {
		case n < 2 || 3*n < 2*len(unset) || n < best:
		case n == best:
			tie = true
		default:
			best, tie, found = n, false, &EnvFile{Src: src, Parsed: parsed, Role: RoleStandalone}
		}
	}
	if tie {
		return nil // two would do: neither is the one
	}
	return found
}

// contextDirs are the local build contexts of the services (build: DIR or
// build.context), as directories below the project directory, at most 16.
func contextDirs(root *Node, dir string) []string {
	svcs := root.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return nil
	}
	var out []string
	for _, pr := range svcs.Pairs {
		b := pr.Val.Get("build")
		ctx := b.Str()
		if b != nil && b.Kind == Map {
			ctx = b.Get("context").Str()
		}
		if ctx == "" || ctx == "." || strings.Contains(ctx, "://") || strings.Contains(ctx, "$") || filepath.IsAbs(ctx) {
			continue
		}
		c := filepath.Join(dir, ctx)
		if !strings.HasPrefix(c, dir+string(filepath.Separator)) || slices.Contains(out, c) || len(out) == 16 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// envFileNames are the base names of the files services read with
// env_file: (a string, a list of strings, or entries with path:).
func envFileNames(root *Node) map[string]bool {
	out := map[string]bool{}
	svcs := root.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return out
	}
	add := func(n *Node) {
		if n == nil {
			return
		}
		if n.Kind == Map {
			n = n.Get("path")
		}
		if n != nil && n.Kind == Scalar {
			out[filepath.Base(n.Value)] = true
		}
	}
	for _, pr := range svcs.Pairs {
		ef := pr.Val.Get("env_file")
		if ef == nil {
			continue
		}
		if ef.Kind == Seq {
			for _, it := range ef.Items {
				add(it)
			}
		} else {
			add(ef)
		}
	}
	return out
}

// unsetUse reports a ${VAR} without a default, or a required one, that
// nothing defines.
func (p *Project) unsetUse() bool {
	if len(p.Required) > 0 {
		return true
	}
	return slices.ContainsFunc(p.VarUses, func(r VarRef) bool { return !r.Use.Set && r.Use.Op == "" })
}

func entrySource(src *source.File, en dotenv.Entry) *VarSource {
	vs := &VarSource{File: src, Range: en.ValueRange, ValStart: en.ValueRange.Start.Offset, Where: src.Path}
	raw := en.Raw
	if en.Quote != 0 && len(raw) >= 2 {
		raw = raw[1 : len(raw)-1]
		vs.ValStart++
	}
	vs.Direct = raw == en.Value && !en.Bare
	if en.Bare {
		vs.Range = en.KeyRange
	}
	return vs
}

// Load loads one project.
func (l *Loader) Load(o Options) *Project {
	p := &Project{WorkingDir: l.cwd, fs: l.fs}
	if len(o.Files) == 0 {
		p.addDiag(diag.Diagnostic{Rule: FileRule.Name, Severity: diag.Error, Message: "no compose file given"})
		return p
	}
	abs := make([]string, len(o.Files))
	for i, f := range o.Files {
		abs[i] = l.abs(f)
	}
	p.Dir = o.ProjectDir
	if p.Dir == "" {
		p.Dir = cleanpath.Dir(abs[0])
	}
	p.Dir = l.abs(p.Dir)
	envFiles, explicit := o.EnvFiles, true
	if envFiles == nil {
		envFiles, explicit = []string{cleanpath.Join(p.Dir, ".env")}, false
	}
	for i := range envFiles {
		envFiles[i] = l.abs(envFiles[i])
	}
	p.env = l.loadEnv(p, envFiles, explicit, o.Environ)
	p.EnvTemplate = l.envTemplate(p)
	ld := &load{l: l, p: p, env: p.env, lookup: p.env.lookup, baseDir: map[*source.File]string{}, parsed: map[string][]*Node{}}
	root := &Node{Kind: Map}
	for _, f := range abs {
		root = ld.file(root, f, p.Dir, nil)
	}
	if !ld.full && len(ld.empty) > 0 {
		// compose-go: "empty compose file" when nothing at all was loaded;
		// an empty file layered over others (a fork's extension seam) is
		// fine.
		path := ld.empty[0]
		ld.p.addDiag(diag.Diagnostic{Rule: FileRule.Name, Severity: diag.Error,
			Range:   diag.Range{File: path, Start: diag.Pos{Line: 1, Col: 1, Offset: 0}, End: diag.Pos{Line: 1, Col: 1, Offset: 0}},
			Message: "empty compose file: it holds no mapping",
			Why:     fmt.Sprintf("%s is empty, only comments, or null; Compose refuses to load it", path)})
	}
	if p.EnvTemplate == nil && !explicit && len(p.lookupPlaces) > 0 && p.lookupPlaces[0].Missing && p.unsetUse() {
		p.EnvTemplate = l.missingEnvTemplate(envFiles[0])
		if p.EnvTemplate == nil {
			p.EnvTemplate = l.coveringEnvFile(envFiles[0], p, root)
		}
		p.EnvMissing = p.EnvTemplate != nil
	}
	p.Root = root
	p.Name = projectName(o.Name, root, p)
	p.Siblings = o.Siblings
	// Files found by discovery that leave a service with neither image nor
	// build (nor extends) are a layer: Compose runs them only over a base
	// that sets these. Named (-f), they are the project, and fail.
	p.Fragment = o.Fragment || !o.Named && hasPartialService(root)
	p.Template = len(abs) > 0 && !slices.ContainsFunc(abs, func(f string) bool { return !IsTemplateName(filepath.Base(f)) })
	if len(o.Siblings) > 0 {
		p.elsewhere = l.definedNames(o.Siblings)
	}
	p.build(ld, profiles(o.Profiles, p.env))
	return p
}

// hasPartialService reports a service defined without image, build or
// extends: what it runs comes from another file.
func hasPartialService(root *Node) bool {
	svcs := root.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return false
	}
	for _, pr := range svcs.Pairs {
		if pr.Val.Kind == Map && pr.Val.Get("image") == nil && pr.Val.Get("build") == nil && pr.Val.Get("extends") == nil {
			return true
		}
	}
	return false
}

// profiles returns the --profile flags, else COMPOSE_PROFILES from the
// process environment or the project's env files, as docker compose reads
// it; nil (every service) when neither is set.
func profiles(flags []string, e *env) []string {
	if len(flags) > 0 {
		return flags
	}
	v, _, ok := e.lookup("COMPOSE_PROFILES")
	if !ok {
		return nil
	}
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (l *Loader) abs(p string) string {
	if filepath.IsAbs(p) {
		return cleanpath.Clean(p)
	}
	return cleanpath.Join(l.cwd, p)
}

type load struct {
	l       *Loader
	p       *Project
	env     *env
	lookup  Lookup // env.lookup, made once (a method value per scalar was an allocation each)
	baseDir map[*source.File]string
	parsed  map[string][]*Node
	shares  map[string]*interpolated // the interpolations of files other loads may share
	stack   []string                 // files being loaded, for include cycles
	extends []string                 // service@file being extended, for extends cycles
	empty   []string                 // files that hold no mapping
	full    bool                     // some file holds one
	nets    []NetworkRef             // a block the default network references are cut from
	unbuilt int                      // services not built yet, the most the block may serve
}

// defaultNetworks is the networks of a service that names none: the
// project's default network.
func (ld *load) defaultNetworks() []NetworkRef {
	if len(ld.nets) == 0 {
		ld.nets = make([]NetworkRef, max(1, min(32, ld.unbuilt)))
	}
	r := ld.nets[:1:1]
	ld.nets = ld.nets[1:]
	r[0] = NetworkRef{Name: "default"}
	return r
}

// parse reads, parses and interpolates a file once per load.
func (ld *load) parse(abs string, from *Node) ([]*Node, *source.File, bool) {
	src, err := ld.l.read(abs)
	if err != nil {
		d := diag.Diagnostic{Rule: FileRule.Name, Severity: diag.Error, Range: diag.Range{File: ld.l.Display(abs)},
			Message: readErrMessage(ld.l.Display(abs), err)}
		if from != nil {
			d.Range = from.Range
		}
		ld.p.addDiag(d)
		return nil, nil, false
	}
	if docs, ok := ld.parsed[abs]; ok {
		return docs, src, true
	}
	if !slices.Contains(ld.p.Files, src) {
		ld.p.Files = append(ld.p.Files, src)
	}
	var docs []*Node
	var r *interpolated
	share := ld.l.sharable(abs)
	if share {
		r = ld.l.shared(abs, ld.lookup)
		// Other projects load the file: they may share its services'
		// converted definitions.
		ld.p.docs = &ld.l.cache.docs
	}
	if r != nil {
		// Another load with the same variables interpolated the file.
		docs = r.docs
		ld.addProblems(r.probs)
		ld.p.VarUses = append(ld.p.VarUses, r.uses...)
		ld.p.Required = append(ld.p.Required, r.required...)
		ld.p.Diags = append(ld.p.Diags, r.diags...)
	} else {
		var probs []Problem
		docs, probs = ld.l.parsed(abs, src)
		ld.addProblems(probs)
		r = ld.interpolateDocs(abs, docs, probs, share)
	}
	if r != nil {
		if ld.shares == nil {
			ld.shares = map[string]*interpolated{}
		}
		ld.shares[abs] = r
	}
	known := slices.ContainsFunc(ld.p.Docs, func(d FileDoc) bool { return d.File.Path == src.Path })
	for _, d := range docs {
		if !known {
			ld.p.Docs = append(ld.p.Docs, FileDoc{File: src, Root: d})
		}
	}
	ld.parsed[abs] = docs
	return docs, src, true
}

func (ld *load) addProblems(probs []Problem) {
	for _, pr := range probs {
		ld.p.addDiag(diag.Diagnostic{Rule: pr.Rule, Severity: diag.Error, Range: pr.Range, Message: pr.Message, Related: pr.Related})
	}
}

// interpolateDocs interpolates the documents of the file at abs; with
// share, it records the variables looked up and what the project gained,
// for the loads that may share the result (Loader.shared).
func (ld *load) interpolateDocs(abs string, docs []*Node, probs []Problem, share bool) *interpolated {
	var r *interpolated
	lookup := ld.lookup
	if share {
		r = &interpolated{docs: docs, probs: probs}
		var asked map[string]bool // past a few names: a file may use thousands
		ld.lookup = func(name string) (string, *VarSource, bool) {
			v, src, ok := lookup(name)
			switch {
			case asked != nil:
				if asked[name] {
					return v, src, ok
				}
				asked[name] = true
			case slices.ContainsFunc(r.lookups, func(a lookupAnswer) bool { return a.name == name }):
				return v, src, ok
			case len(r.lookups) == 16:
				asked = make(map[string]bool, 64)
				for _, a := range r.lookups {
					asked[a.name] = true
				}
				asked[name] = true
			}
			r.lookups = append(r.lookups, lookupAnswer{name: name, value: v, src: src, ok: ok})
			return v, src, ok
		}
		defer func() { ld.lookup = lookup }()
	}
	uses, required, diags := len(ld.p.VarUses), len(ld.p.Required), len(ld.p.Diags)
	// A node under an anchor may be reached again through an alias or a
	// merge key: those are interpolated once. The anchor comes first in
	// the document, so the walk meets it first.
	seen := map[*Node]bool{}
	for _, d := range docs {
		ld.interpolate(d, seen, false)
	}
	if share {
		r.uses = slices.Clone(ld.p.VarUses[uses:])
		r.required = slices.Clone(ld.p.Required[required:])
		r.diags = slices.Clone(ld.p.Diags[diags:])
		ld.l.share(abs, r)
	}
	return r
}

func (ld *load) interpolate(n *Node, seen map[*Node]bool, anchored bool) {
	if n == nil || seen[n] {
		return
	}
	if anchored = anchored || n.anchor || n.Shared; anchored {
		seen[n] = true
	}
	switch n.Kind {
	case Scalar:
		val, segs, uses, ierr := Interpolate(n.Raw, ld.lookup)
		if segs == nil && ierr == nil {
			return
		}
		n.Value = val
		locate(segs, n.File, int(n.valStart), n.direct, n.Range)
		n.Segs = segs
		for _, u := range uses {
			ld.p.VarUses = append(ld.p.VarUses, VarRef{Node: n, Use: u})
		}
		if ierr != nil {
			rng := n.rawRange(ierr.RawStart, ierr.RawEnd)
			switch {
			case ierr.Required:
				ld.p.Required = append(ld.p.Required, RequiredVar{Node: n, Name: ierr.Var, Message: ierr.Message, Range: rng})
			case ierr.TooComplex:
				ld.p.addDiag(diag.Diagnostic{Rule: InterpolationSyntax.Name, Severity: diag.Warning, Range: n.Range,
					Message: "reachlint stops interpolating this value; simplify it",
					Why:     "its ${...} expressions are nested too deep or too many to check in reasonable time"})
			default:
				ld.p.addDiag(diag.Diagnostic{Rule: InterpolationSyntax.Name, Severity: diag.Error, Range: rng,
					Message: fmt.Sprintf("invalid interpolation in %q; write \"$$\" for a literal \"$\", or \"${NAME}\"", n.Raw),
					Why:     "Compose refuses the file"})
			}
		}
	case Map:
		for _, pr := range n.Pairs {
			ld.interpolate(pr.Val, seen, anchored)
		}
	case Seq:
		for _, it := range n.Items {
			ld.interpolate(it, seen, anchored)
		}
	}
}

// rawRange is the source range of Raw[start:end].
func (n *Node) rawRange(start, end int) diag.Range {
	if n.direct && n.File != nil && end <= len(n.Raw) {
		return n.File.Range(int(n.valStart)+start, int(n.valStart)+end)
	}
	return n.Range
}

// RawRange is the source range of Raw[start:end], or the scalar's range.
func (n *Node) RawRange(start, end int) diag.Range { return n.rawRange(start, end) }

// file merges one compose file (all its documents) into root.
func (ld *load) file(root *Node, abs, baseDir string, from *Node) *Node {
	if slices.Contains(ld.stack, abs) {
		rng := diag.Range{File: ld.l.Display(abs)}
		if from != nil {
			rng = from.Range
		}
		ld.p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: rng,
			Message: fmt.Sprintf("include cycle: %s includes itself", filepath.Base(ld.l.Display(abs))),
			Why:     fmt.Sprintf("%s includes itself through %s", ld.l.Display(abs), strings.Join(displayAll(ld.l, ld.stack), " -> "))})
		return root
	}
	docs, src, ok := ld.parse(abs, from)
	if !ok {
		return root
	}
	ld.baseDir[src] = baseDir
	ld.stack = append(ld.stack, abs)
	defer func() { ld.stack = ld.stack[:len(ld.stack)-1] }()
	if !slices.ContainsFunc(docs, func(d *Node) bool { return d.Kind != Null }) && !ld.p.hasDiagIn(YAMLSyntax.Name, src.Path) {
		ld.empty = append(ld.empty, src.Path)
	} else {
		ld.full = true
	}
	for _, doc := range docs {
		if doc.Kind == Null {
			continue
		}
		if doc.Kind != Map {
			ld.p.addDiag(diag.Diagnostic{Rule: schemaRule, Severity: diag.Error, Range: doc.Range,
				Message: fmt.Sprintf("a compose file must be a mapping with a top-level \"services\" key, got a %s", doc.Kind)})
			continue
		}
		if r := ld.shares[abs]; r != nil {
			doc = r.canonical(doc) // as the loads sharing the interpolation made it
		} else {
			doc = canonical(doc)
		}
		root = ld.include(root, doc, abs)
		doc = ld.applyExtends(doc, abs)
		root = merge(root, doc, nil)
	}
	return root
}

func displayAll(l *Loader, abs []string) []string {
	out := make([]string, len(abs))
	for i, a := range abs {
		out[i] = l.Display(a)
	}
	return out
}

// include loads the projects listed under include: and merges their
// resources into root.
func (ld *load) include(root, doc *Node, abs string) *Node {
	inc := doc.Get("include")
	if inc == nil || inc.Kind != Seq {
		return root
	}
	dir := ld.baseDir[doc.File]
	for _, it := range inc.Items {
		var paths []*Node
		var projDir, envFiles *Node
		switch it.Kind {
		case Scalar:
			paths = []*Node{it}
		case Map:
			switch pn := it.Get("path"); {
			case pn == nil:
			case pn.Kind == Seq:
				paths = pn.Items
			default:
				paths = []*Node{pn}
			}
			projDir, envFiles = it.Get("project_directory"), it.Get("env_file")
		}
		if len(paths) == 0 {
			continue
		}
		first := resolvePath(dir, paths[0].Str())
		sub := cleanpath.Dir(first)
		if projDir.Str() != "" {
			sub = resolvePath(dir, projDir.Str())
		}
		var efs []string
		explicit := envFiles != nil
		switch {
		case envFiles == nil:
			efs = []string{cleanpath.Join(sub, ".env")}
		case envFiles.Kind == Seq:
			for _, e := range envFiles.Items {
				efs = append(efs, resolvePath(dir, e.Str()))
			}
		default:
			efs = []string{resolvePath(dir, envFiles.Str())}
		}
		// The included project sees the including project's variables too.
		subEnv := ld.l.loadEnv(ld.p, efs, explicit, ld.env.process)
		if subEnv.vars == nil && len(ld.env.vars) > 0 {
			subEnv.vars = make(map[string]envVar, len(ld.env.vars))
		}
		for k, v := range ld.env.vars {
			if _, ok := subEnv.vars[k]; !ok {
				subEnv.vars[k] = v
			}
		}
		sl := &load{l: ld.l, p: ld.p, env: subEnv, lookup: subEnv.lookup, baseDir: ld.baseDir, parsed: map[string][]*Node{}, stack: ld.stack}
		subRoot := &Node{Kind: Map}
		for _, pth := range paths {
			subRoot = sl.file(subRoot, resolvePath(dir, pth.Str()), sub, pth)
		}
		root = mergeIncluded(ld.p, root, subRoot, it)
	}
	return root
}

// mergeIncluded adds an included project's resources; a name defined twice
// is a conflict Compose refuses.
func mergeIncluded(p *Project, root, sub *Node, at *Node) *Node {
	out := cloneMap(root)
	for _, sec := range []string{"services", "networks", "volumes", "secrets", "configs"} {
		sm := sub.Get(sec)
		if sm == nil || sm.Kind != Map {
			continue
		}
		cur := out.Get(sec)
		var nm *Node
		if cur == nil || cur.Kind != Map {
			nm = &Node{Kind: Map, Range: sm.Range, File: sm.File}
		} else {
			nm = cloneMap(cur)
		}
		for _, pr := range sm.Pairs {
			if prev, ok := nm.GetPair(pr.Key.Value); ok && sec == "services" {
				p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: pr.Key.Range,
					Message: fmt.Sprintf("service %q is defined by an included project and again here", pr.Key.Value),
					Why:     "Compose refuses the conflict",
					Related: []diag.Related{{Range: prev.Key.Range, Message: "also defined here"}, {Range: at.Range, Message: "included here"}}})
				continue
			}
			nm = setPair(nm, pr)
		}
		out = setPair(out, Pair{Key: &Node{Kind: Scalar, Value: sec, Raw: sec}, Val: nm})
	}
	return out
}

func resolvePath(dir, p string) string {
	if strings.HasPrefix(p, "~/") {
		if h, err := os.UserHomeDir(); err == nil {
			return cleanpath.Join(h, p[2:])
		}
	}
	if filepath.IsAbs(p) {
		return cleanpath.Clean(p)
	}
	return cleanpath.Join(dir, p)
}

// applyExtends resolves extends: for every service of a file.
func (ld *load) applyExtends(doc *Node, abs string) *Node {
	svcs := doc.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return doc
	}
	changed := false
	out := cloneMap(svcs)
	for i, pr := range svcs.Pairs {
		if pr.Val.Get("extends") == nil {
			continue
		}
		ld.extends = ld.extends[:0]
		m := ld.extendService(svcs, pr.Key.Value, abs)
		if m != nil {
			out.Pairs[i] = Pair{Key: pr.Key, Val: m}
			changed = true
		}
	}
	if !changed {
		return doc
	}
	return setPair(cloneMap(doc), Pair{Key: doc.mustKey("services"), Val: out})
}

func (n *Node) mustKey(k string) *Node {
	if pr, ok := n.GetPair(k); ok {
		return pr.Key
	}
	return &Node{Kind: Scalar, Value: k, Raw: k}
}

func (ld *load) extendService(svcs *Node, name, abs string) *Node {
	svc := svcs.Get(name)
	if svc == nil || svc.Kind != Map {
		return svc
	}
	ext := svc.Get("extends")
	if ext == nil {
		return svc
	}
	id := name + "@" + abs
	if slices.Contains(ld.extends, id) {
		ld.p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: ext.Range,
			Message: fmt.Sprintf("extends cycle: service %q extends itself", name),
			Why:     fmt.Sprintf("through %s", strings.Join(ld.extends, " -> "))})
		return nil
	}
	ld.extends = append(ld.extends, id)
	ref, file := ext.Str(), ""
	var fileNode *Node
	if ext.Kind == Map {
		ref = ext.Get("service").Str()
		fileNode = ext.Get("file")
		file = fileNode.Str()
	}
	if ref == "" {
		ld.p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: ext.Range,
			Message: fmt.Sprintf("service %q: extends needs the name of a service", name)})
		return nil
	}
	baseSvcs, baseAbs := svcs, abs
	if file != "" {
		baseAbs = resolvePath(cleanpath.Dir(abs), file)
		if baseAbs != abs {
			docs, src, ok := ld.parse(baseAbs, fileNode)
			if !ok {
				return nil
			}
			if _, ok := ld.baseDir[src]; !ok {
				ld.baseDir[src] = cleanpath.Dir(baseAbs)
			}
			baseSvcs = nil
			for _, d := range docs {
				if d.Kind == Map {
					baseSvcs = canonical(d).Get("services")
				}
			}
		}
	}
	if baseSvcs.Get(ref) == nil {
		where := ""
		if file != "" {
			where = " in " + file
		}
		ld.p.addDiag(diag.Diagnostic{Rule: Consistency.Name, Severity: diag.Error, Range: ext.Range,
			Message: fmt.Sprintf("service %q extends %q, which is not defined%s", name, ref, where)})
		return nil
	}
	base := ld.extendService(baseSvcs, ref, baseAbs)
	if base == nil {
		return nil
	}
	m := merge(base, svc, []string{"services", name})
	return deleteKey(m, "extends")
}

func projectName(flag string, root *Node, p *Project) string {
	if flag != "" {
		return flag
	}
	if v, _, ok := p.env.lookup("COMPOSE_PROJECT_NAME"); ok && v != "" {
		return v
	}
	// compose-go normalises only the name written in the file; -p and
	// COMPOSE_PROJECT_NAME must already be valid.
	if n := normalizeName(root.Get("name").Str()); n != "" {
		return n
	}
	return normalizeName(filepath.Base(p.Dir))
}

func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '-' {
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "_-")
}

// EnvValue reads key from .env content as Compose would, with environ for
// bare keys and ${VAR} references.
func EnvValue(data []byte, key string, environ map[string]string) (string, bool) {
	// The parser keeps only entries with a valid range, which needs a path.
	f := dotenv.Parse(".env", data, func(k string) (string, bool) { v, ok := environ[k]; return v, ok })
	e, ok := f.Lookup(key)
	return e.Value, ok
}

// LoadEnvOnly makes a project of a lone env file, for the checks that need
// no compose file (syntax, duplicates, quoting).
func (l *Loader) LoadEnvOnly(abs string) *Project {
	p := &Project{WorkingDir: l.cwd, Dir: cleanpath.Dir(abs), byName: map[string]*Service{}, Networks: map[string]*Network{}}
	p.env = &env{vars: map[string]envVar{}}
	src, err := l.read(abs)
	if err != nil {
		p.addDiag(diag.Diagnostic{Rule: dotenv.SyntaxRule.Name, Severity: diag.Error, Range: diag.Range{File: l.Display(abs)}, Message: readErrMessage(l.Display(abs), err)})
		return p
	}
	p.EnvFiles = append(p.EnvFiles, &EnvFile{Src: src, Parsed: dotenv.Parse(src.Path, src.Data, nil), Role: RoleStandalone})
	return p
}

func (p *Project) hasDiagIn(rule, file string) bool {
	return slices.ContainsFunc(p.Diags, func(d diag.Diagnostic) bool { return d.Rule == rule && d.Range.File == file })
}
