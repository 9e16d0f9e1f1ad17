// Package compose loads Docker Compose projects the way docker compose does
// (file discovery, override files, .env, interpolation, extends, include,
// anchors and merge keys, profiles) into a model where every value keeps the
// position where it was written.
package compose

import (
	"fmt"
	"net"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reachlint/reachlint/linter/cleanpath"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dockerfile"
	"github.com/reachlint/reachlint/linter/dotenv"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Project is a loaded Compose project.
type Project struct {
	Name       string
	Dir        string // project directory (absolute)
	WorkingDir string
	Files      []*source.File // compose files read, in load order
	// Docs are the documents of every compose file as written (anchors
	// resolved, scalars interpolated), before merging and before lists
	// become mappings: for rules about how a file is written (a repeated
	// list entry, a top-level key) rather than what Compose resolves.
	Docs     []FileDoc
	EnvFiles []*EnvFile // .env and env_file files read
	// EnvTemplate is the committed template of the project's .env
	// (.env.example, .env.sample, .env.template, .env.dist next to it),
	// read when the .env itself exists, or when it is missing (a fresh
	// checkout) and a ${VAR} of the compose files is not set; nil
	// otherwise. EnvMissing tells the two apart.
	EnvTemplate *EnvFile
	EnvMissing  bool
	// EnvLink is the target, as written, of the project's .env when that is
	// a symbolic link to a file that does not exist (yet): one a setup
	// script generates.
	EnvLink string
	// EnvLinkTemplate is the template beside EnvLink's target, written as
	// relative as the target (../.env.example), or "".
	EnvLinkTemplate string
	Root            *Node      // the merged document
	Services        []*Service // sorted by name
	// Inactive are the services the enabled profiles leave out, by name.
	Inactive map[string]*Service
	Networks map[string]*Network
	VarUses  []VarRef      // every ${VAR} in the compose files
	Required []RequiredVar // ${VAR:?msg} whose variable is missing
	Diags    []diag.Diagnostic
	// Siblings are the other compose files of a variant's directory
	// (absolute paths), which may read the same .env.
	Siblings []string
	// Fragment is set for a layer linted without its base (an override
	// file alone, or files found by discovery that leave a service without
	// image or build): what it refers to may be defined there.
	Fragment bool
	// Template is set when every compose file of the project is named as
	// a template (docker-compose.template.yml, compose.yaml.example): a
	// generator or the user fills it in, adding services, networks and
	// variables, before Compose runs the result.
	Template bool
	// Extra are other files of the project that rules read and may report
	// in (mounted configurations): shown with findings like Files.
	Extra []*source.File

	byName       map[string]*Service
	dockerfiles  map[string]*dockerfileText // by path, for ImageHolds and ImageEdits (not safe for concurrent use)
	mounted      map[string]*source.File    // by path, for MountedFiles (nil: not a text file)
	workflows    []workflow                 // the repository's CI workflows, for WorkflowVars (read on first use)
	env          *env
	elsewhere    map[string]bool // "services/x", "networks/y", "volumes/v", "secrets/z", "configs/w" defined by sibling files
	fs           vfs.FS          // what the project was read from, for HasFile
	docs         *docMemo        // the run's converted service definitions (Doc), when a file is shared
	lookupPlaces []LookupPlace
}

// FileDoc is one YAML document of a compose file.
type FileDoc struct {
	File *source.File
	Root *Node
}

// EnvFile is a .env-format file the project reads.
type EnvFile struct {
	Src    *source.File
	Parsed *dotenv.File
	Role   EnvFileRole
	Users  []*Service // services that read it through env_file:
}

// VarRef is a ${VAR} use in a scalar.
type VarRef struct {
	Node *Node
	Use  VarUse
}

// RequiredVar is a ${VAR:?msg} that stops Compose.
type RequiredVar struct {
	Node    *Node
	Name    string
	Message string
	Range   diag.Range
}

// Service is one service with the attributes the rules read.
type Service struct {
	Name  string
	Index int   // its position in Project.Services
	Key   *Node // the service's name in the services: mapping
	Node  *Node // its merged definition

	Image string
	Build *Node
	// BuildContext is build.context resolved against the directory of the
	// file that wrote it (an extended or included file's own directory),
	// as compose-go resolves it; remote contexts stay as written.
	BuildContext  string
	Env           []EnvVar // environment: and env_file:, as the container sees it
	EnvUnknown    bool     // an env_file: it needs cannot be read: what it sets is not known
	BuildArgs     []EnvVar
	Ports         []Port
	Expose        []Port
	Networks      []NetworkRef // nil when NetworkMode is set
	NetworkMode   *Node
	Links         []Link
	ExtraHosts    []HostEntry
	ExternalLinks *Node // external_links:, a list of names of other projects' containers
	DependsOn     []Dependency
	Healthcheck   *Node
	Command       []Arg
	Entrypoint    []Arg
	ContainerName *Node
	Hostname      *Node
	Profiles      []string
	Ignore        []string // x-reachlint: {ignore: [...]}
}

// Source is where a variable of a service comes from.
type Source string

// Sources of variables.
// portainerEnv is the env file Portainer writes for a stack it deploys,
// from the environment variables set on the stack.
const portainerEnv = "stack.env"

const (
	FromEnvironment Source = "environment" // the service's environment:
	FromEnvFile     Source = "env_file"    // a file of its env_file:
	FromBuildArgs   Source = "build.args"  // build: args:
	FromMounted     Source = "mounted"     // a .env the program reads from its bind-mounted working directory
)

// EnvFileRole says what reads an env file; one file can have several.
type EnvFileRole uint8

// Roles of env files.
const (
	RoleProject    EnvFileRole = 1 << iota // interpolation: the project's .env or --env-file
	RoleEnvFile                            // a service's env_file:
	RoleMounted                            // a program's .env in its bind-mounted working directory
	RoleStandalone                         // no project reads it: linted alone
)

// EnvVar is a variable in a service's environment or build args.
type EnvVar struct {
	Key   string
	KeyAt *Node // where the key is written
	Value *Node // nil when the variable is declared without a value and unset
	From  Source
	File  *EnvFile
	Mount *Node // the volumes: entry of a FromMounted variable
}

// Port is a ports: or expose: entry.
type Port struct {
	HostIP       string
	Published    int // first host port; 0 when not published
	PublishedEnd int
	Target       int
	TargetEnd    int
	Protocol     string
	Node         *Node
}

// NetworkRef is a network a service joins.
type NetworkRef struct {
	Name    string
	Key     *Node // nil for the implicit default network
	Aliases []*Node
	IPv4    *Node
	IPv6    *Node
}

// Link is a links: entry.
type Link struct {
	Service string
	Alias   string
	Node    *Node
}

// HostEntry is an extra_hosts: entry.
type HostEntry struct {
	Host string
	IP   string
	Node *Node
}

// Dependency is a depends_on: entry.
type Dependency struct {
	Service   string
	Condition string
	Required  bool
	Key       *Node
}

// Arg is one word of command: or entrypoint:. Node is the scalar it was
// written in; Start and End are the byte offsets of the word in Node.Value.
type Arg struct {
	Value      string
	Node       *Node
	Start, End int
}

// Range returns the source range of the word.
func (a Arg) Range() diag.Range { return a.Node.SubRange(a.Start, a.End) }

// SubRange returns the source range of Value[start:end], or the word's range
// when quoting makes the word differ from its text.
func (a Arg) SubRange(start, end int) diag.Range {
	if a.Node.Value[a.Start:a.End] == a.Value {
		return a.Node.SubRange(a.Start+start, a.Start+end)
	}
	return a.Range()
}

// Network is a top-level network.
type Network struct {
	Name     string // the key in networks:
	Key      *Node
	External bool
	// Named is set for a fixed name: on a network other than the default
	// one, which other projects may join by that name.
	Named    bool
	Internal bool
	Driver   string
	Subnets  []*Node
	Implicit bool // the default network nobody declared
}

// Service returns the service called name.
func (p *Project) Service(name string) *Service { return p.byName[name] }

func (p *Project) addDiag(d diag.Diagnostic) { p.Diags = append(p.Diags, d) }

// EnvFileFor returns the env file read from src, if any.
func (p *Project) EnvFileFor(f *source.File) *EnvFile {
	for _, e := range p.EnvFiles {
		if e.Src == f {
			return e
		}
	}
	return nil
}

func (p *Project) build(ld *load, profiles []string) {
	p.byName = map[string]*Service{}
	p.Networks = map[string]*Network{}
	if nets := p.Root.Get("networks"); nets != nil && nets.Kind == Map {
		for _, pr := range nets.Pairs {
			p.Networks[pr.Key.Value] = buildNetwork(pr)
		}
	}
	svcs := p.Root.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return
	}
	usesDefault := false
	for i, pr := range svcs.Pairs {
		if pr.Val.Kind != Map {
			continue
		}
		ld.unbuilt = len(svcs.Pairs) - i
		s := ld.service(pr.Key, pr.Val)
		if len(profiles) > 0 && len(s.Profiles) > 0 && !overlaps(profiles, s.Profiles) {
			if p.Inactive == nil {
				p.Inactive = map[string]*Service{}
			}
			p.Inactive[s.Name] = s
			continue
		}
		p.Services = append(p.Services, s)
		p.byName[s.Name] = s
		for _, n := range s.Networks {
			if n.Name == "default" {
				usesDefault = true
			}
		}
	}
	if _, ok := p.Networks["default"]; !ok && usesDefault {
		p.Networks["default"] = &Network{Name: "default", Implicit: true}
	}
	sort.Slice(p.Services, func(i, j int) bool { return p.Services[i].Name < p.Services[j].Name })
	for i, s := range p.Services {
		s.Index = i
	}
	p.checkConsistency(ld)
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if x == "*" || slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func buildNetwork(pr Pair) *Network {
	n := &Network{Name: pr.Key.Value, Key: pr.Key}
	v := pr.Val
	if ext := v.Get("external"); ext != nil {
		n.External = ext.Kind == Map || ext.Value == "true"
	}
	// Naming the default network only drops the project prefix.
	n.Named = v.Get("name").Str() != "" && n.Name != "default"
	n.Internal = v.Get("internal").Str() == "true"
	n.Driver = v.Get("driver").Str()
	if cfg := v.Path("ipam", "config"); cfg != nil && cfg.Kind == Seq {
		for _, c := range cfg.Items {
			if s := c.Get("subnet"); s != nil && s.Kind == Scalar {
				n.Subnets = append(n.Subnets, s)
			}
		}
	}
	return n
}

func (ld *load) service(key, n *Node) *Service {
	s := &Service{Name: key.Value, Key: key, Node: n}
	s.Image = n.Get("image").Str()
	if b := n.Get("build"); b != nil && b.Kind == Map {
		s.Build = b
		s.BuildContext = ld.contextPath(b)
		if args := b.Get("args"); args != nil && args.Kind == Map {
			for _, pr := range args.Pairs {
				s.BuildArgs = append(s.BuildArgs, ld.envVar(pr, FromBuildArgs))
			}
		}
	}
	// env_file entries first: environment: wins over them.
	// Variables are found by key in s.Env; an index by key is made for a
	// service with many.
	var envIdx map[string]int
	envAt := func(key string) (int, bool) {
		if envIdx != nil {
			i, ok := envIdx[key]
			return i, ok
		}
		i := slices.IndexFunc(s.Env, func(e EnvVar) bool { return e.Key == key })
		return i, i >= 0
	}
	addEnv := func(v EnvVar) {
		if i, ok := envAt(v.Key); ok {
			s.Env[i] = v
			return
		}
		s.Env = append(s.Env, v)
		switch {
		case envIdx != nil:
			envIdx[v.Key] = len(s.Env) - 1
		case len(s.Env) > 16:
			envIdx = make(map[string]int, 2*len(s.Env))
			for i, e := range s.Env {
				envIdx[e.Key] = i
			}
		}
	}
	// environment: is resolved first: env_file values may refer to it
	// (after the project's variables), as in compose-go.
	var declared []EnvVar
	envFile := n.Get("env_file")
	var svcEnv map[string]string // what env_file values may refer to
	if envFile != nil {
		svcEnv = map[string]string{}
	}
	if env := n.Get("environment"); env != nil && env.Kind == Map && len(env.Pairs) > 0 {
		k := len(env.Pairs)
		both := make([]EnvVar, 2*k) // one allocation for the two lists
		declared, s.Env = both[:0:k], both[k:k:2*k]
		for _, pr := range env.Pairs {
			v := ld.envVar(pr, FromEnvironment)
			declared = append(declared, v)
			if v.Value != nil && svcEnv != nil {
				svcEnv[v.Key] = v.Value.Value
			}
		}
	}
	for _, v := range ld.envFiles(s, envFile, svcEnv) {
		addEnv(v)
	}
	for _, v := range declared {
		addEnv(v)
	}
	// A .env in the directory mounted as the working directory is read
	// by the application itself (Laravel, dotenv, foreman): its variables
	// reach the program where Compose sets none of the same name.
	// Process managers that load .env themselves (foreman, honcho)
	// override what Compose sets; dotenv libraries do not.
	override := runsDotenvManager(n.Get("command")) || runsDotenvManager(n.Get("entrypoint"))
	for _, v := range ld.mountedEnv(s, n) {
		if _, ok := envAt(v.Key); !ok || override {
			addEnv(v)
		}
	}
	s.Ports = parsePorts(n.Get("ports"), ld.p)
	s.Expose = parseExpose(n.Get("expose"))
	if nm := n.Get("network_mode"); nm != nil && nm.Kind == Scalar {
		s.NetworkMode = nm
	}
	if nets := n.Get("networks"); nets != nil && nets.Kind == Map {
		if len(nets.Pairs) > 0 {
			s.Networks = make([]NetworkRef, 0, len(nets.Pairs))
		}
		for _, pr := range nets.Pairs {
			r := NetworkRef{Name: pr.Key.Value, Key: pr.Key}
			if pr.Val.Kind == Map {
				if al := pr.Val.Get("aliases"); al != nil && al.Kind == Seq {
					r.Aliases = append(r.Aliases, al.Items...)
				}
				r.IPv4, r.IPv6 = pr.Val.Get("ipv4_address"), pr.Val.Get("ipv6_address")
			}
			s.Networks = append(s.Networks, r)
		}
	} else if s.NetworkMode == nil {
		s.Networks = ld.defaultNetworks()
	}
	if l := n.Get("links"); l != nil && l.Kind == Seq {
		for _, it := range l.Items {
			svc, alias, _ := strings.Cut(it.Value, ":")
			if alias == "" {
				alias = svc
			}
			s.Links = append(s.Links, Link{Service: svc, Alias: alias, Node: it})
		}
	}
	s.ExtraHosts = parseExtraHosts(n.Get("extra_hosts"))
	if el := n.Get("external_links"); el != nil && el.Kind == Seq {
		s.ExternalLinks = el
	}
	if d := n.Get("depends_on"); d != nil && d.Kind == Map {
		if len(d.Pairs) > 0 {
			s.DependsOn = make([]Dependency, 0, len(d.Pairs))
		}
		for _, pr := range d.Pairs {
			dep := Dependency{Service: pr.Key.Value, Condition: "service_started", Required: true, Key: pr.Key}
			if pr.Val.Kind == Map {
				if c := pr.Val.Get("condition").Str(); c != "" {
					dep.Condition = c
				}
				if r := pr.Val.Get("required"); r != nil && r.Value == "false" {
					dep.Required = false
				}
			}
			s.DependsOn = append(s.DependsOn, dep)
		}
	}
	s.Healthcheck = n.Get("healthcheck")
	s.Command = words(n.Get("command"))
	s.Entrypoint = words(n.Get("entrypoint"))
	s.ContainerName = n.Get("container_name")
	s.Hostname = n.Get("hostname")
	if pf := n.Get("profiles"); pf != nil && pf.Kind == Seq {
		for _, it := range pf.Items {
			s.Profiles = append(s.Profiles, it.Value)
		}
	}
	if ig := n.Path("x-reachlint", "ignore"); ig != nil && ig.Kind == Seq {
		for _, it := range ig.Items {
			s.Ignore = append(s.Ignore, it.Value)
		}
	}
	return s
}

func (ld *load) contextPath(build *Node) string {
	// Without a context Compose builds in ".".
	n, v := build, "."
	if c := build.Get("context"); c != nil {
		n, v = c, c.Str()
	}
	if strings.Contains(v, "://") || strings.HasPrefix(v, "service:") {
		return v
	}
	for _, pre := range []string{"github.com/", "git@"} {
		if strings.HasPrefix(v, pre) {
			return v
		}
	}
	dir := ld.baseDir[n.File]
	if dir == "" {
		dir = ld.p.Dir
	}
	return resolvePath(dir, v)
}

func (ld *load) envVar(pr Pair, from Source) EnvVar {
	v := EnvVar{Key: pr.Key.Value, KeyAt: pr.Key, Value: pr.Val, From: from}
	if pr.Val == nil || pr.Val.Kind == Null {
		// A bare KEY takes its value from the environment Compose runs in.
		v.Value = nil
		if val, src, ok := ld.env.lookup(pr.Key.Value); ok {
			v.Value = valueNode(val, src, pr.Key)
		}
	}
	return v
}

// valueNode makes a node for a value defined elsewhere (a .env line).
func valueNode(val string, src *VarSource, at *Node) *Node {
	n := &Node{Kind: Scalar, Tag: "!!str", Value: val, Raw: val, Range: at.Range, File: at.File}
	if src != nil && src.File != nil {
		n.File, n.Range, n.valStart, n.direct = src.File, src.Range, int32(src.ValStart), src.Direct
	}
	return n
}

func (ld *load) envFiles(s *Service, n *Node, svcEnv map[string]string) []EnvVar {
	if n == nil {
		return nil
	}
	items := []*Node{n}
	if n.Kind == Seq {
		items = n.Items
	}
	var out []EnvVar
	for _, it := range items {
		pathNode, required := it, true
		if it.Kind == Map {
			pathNode = it.Get("path")
			if r := it.Get("required"); r != nil && r.Value == "false" {
				required = false
			}
		}
		if pathNode.Str() == "" {
			continue
		}
		dir := ld.baseDir[pathNode.File]
		if dir == "" {
			dir = ld.p.Dir
		}
		abs := resolvePath(dir, pathNode.Str())
		src, err := ld.l.read(abs)
		if err != nil {
			if !required {
				continue
			}
			s.EnvUnknown = true
			if ld.p.Fragment {
				// A layer's relative paths are read from the directory of
				// the base it is run over, which is not known here.
				continue
			}
			if pathNode.File != nil && IsTemplateName(filepath.Base(pathNode.File.Path)) {
				// A template to copy (docker-compose.override.example.yml):
				// its env files are made along with the copy.
				continue
			}
			d := diag.Diagnostic{Rule: EnvFileMissing.Name, Severity: diag.Warning, Range: pathNode.Range,
				Message: fmt.Sprintf("env_file of service %q %s; create it, or add \"required: false\"", s.Name, readErrShort(err)),
				Why:     fmt.Sprintf("%s; Compose refuses to start without it (\"required: false\" is for a file that is optional)", readErrMessage(ld.l.Display(abs), err))}
			if tmpl := ld.template(abs); tmpl != "" {
				d.Severity = diag.Info
				d.Message = fmt.Sprintf("env_file of service %q %s; create it from %s", s.Name, readErrShort(err), filepath.Base(tmpl))
				d.Why = fmt.Sprintf("%s; create it from %s before starting the project", readErrMessage(ld.l.Display(abs), err), ld.l.Display(tmpl))
			} else if filepath.Base(abs) == portainerEnv && os.IsNotExist(err) {
				d.Severity = diag.Info
				d.Message = fmt.Sprintf("env_file of service %q does not exist; Portainer writes it, elsewhere create it", s.Name)
				d.Why = fmt.Sprintf("%s: Portainer writes %s from a stack's environment variables when it deploys the stack; "+
					"docker compose run elsewhere refuses to start without it", readErrMessage(ld.l.Display(abs), err), portainerEnv)
			}
			ld.p.addDiag(d)
			continue
		}
		ef := ld.p.EnvFileFor(src)
		if ef == nil {
			ef = &EnvFile{Src: src, Parsed: dotenv.Parse(src.Path, src.Data, ld.env.valueLookup), Role: RoleEnvFile}
			ld.p.EnvFiles = append(ld.p.EnvFiles, ef)
		} else {
			ef.Role |= RoleEnvFile
		}
		if !slices.Contains(ef.Users, s) {
			ef.Users = append(ef.Users, s)
		}
		entries := ef.Parsed.Entries
		if len(svcEnv) > 0 && strings.Contains(string(src.Data), "$") {
			entries = dotenv.Parse(src.Path, src.Data, func(k string) (string, bool) {
				if v, ok := ld.env.valueLookup(k); ok {
					return v, true
				}
				v, ok := svcEnv[k]
				return v, ok
			}).Entries
		}
		for _, e := range entries {
			if e.Unset || e.Key == "" {
				continue
			}
			src := entrySource(src, e)
			kn := &Node{Kind: Scalar, Value: e.Key, Raw: e.Key, Range: e.KeyRange, File: ef.Src}
			out = append(out, EnvVar{Key: e.Key, KeyAt: kn, Value: valueNode(e.Value, src, kn), From: FromEnvFile, File: ef})
		}
	}
	return out
}

// imageWorkdir is the WORKDIR of the Dockerfile the service is built
// from, or "".
func (ld *load) imageWorkdir(s *Service) string {
	df := s.Dockerfile()
	if df == "" {
		return ""
	}
	src, err := ld.l.read(df)
	if err != nil {
		return ""
	}
	return strings.TrimRight(dockerfile.Read(src.Data, s.Build.Get("target").Str()).Workdir, "/")
}

// imageStage is the build.target stage (else the last) of the Dockerfile a
// service is built from; false when there is none to read.
func (p *Project) imageStage(s *Service) (dockerfile.Stage, bool) {
	data := p.DockerfileText(s)
	if data == nil {
		return dockerfile.Stage{}, false
	}
	return dockerfile.Read(data, s.Build.Get("target").Str()), true
}

// DockerfileText is the text of the Dockerfile s is built from, read once
// per project; nil when there is none or it cannot be read.
func (p *Project) DockerfileText(s *Service) []byte {
	df := s.Dockerfile()
	if df == "" || p.fs == nil {
		return nil
	}
	return p.dockerfile(df).data
}

// ImageHolds reports whether the image service s is built from may hold
// the file abs of its build context: false only when the Dockerfile can be
// read and none of its COPY, ADD or bind-mount sources takes abs in (a
// Dockerfile that copies packages/otel-collector from a monorepo's root
// holds nothing of packages/app). .dockerignore is not read. Each
// Dockerfile is read once per project.
func (p *Project) ImageHolds(s *Service, abs string) bool {
	df := s.Dockerfile()
	if df == "" || p.fs == nil {
		return true
	}
	rel, err := filepath.Rel(s.BuildContext, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return true
	}
	src := p.dockerfile(df)
	if !src.read {
		src.read = true
		if src.data != nil {
			src.paths, src.all = dockerfile.Sources(src.data)
		}
	}
	return src.all || dockerfile.Copied(src.paths, filepath.ToSlash(rel))
}

// dockerfileText is a Dockerfile as read, nil data when it cannot be, and
// what it copies from its build context (all: the whole context, or
// unknown), once read says so.
type dockerfileText struct {
	data  []byte
	paths []string
	all   bool
	read  bool // paths and all are set
}

// dockerfile reads the Dockerfile df once per project.
func (p *Project) dockerfile(df string) *dockerfileText {
	if t, ok := p.dockerfiles[df]; ok {
		return t
	}
	t := &dockerfileText{all: true}
	if data, err := vfs.ReadLimit(p.fs, df, 1<<20); err == nil {
		t.data = data
	}
	if p.dockerfiles == nil {
		p.dockerfiles = map[string]*dockerfileText{}
	}
	p.dockerfiles[df] = t
	return t
}

// ImageEdits are the substitutions that in-place seds of the Dockerfile s
// is built from apply to its copy of abs, a file of its build context, in
// order; nil when a bind mount of s puts a host file where the image holds
// the copy (the edited file is hidden).
func (p *Project) ImageEdits(s *Service, abs string) []dockerfile.Edit {
	df := s.Dockerfile()
	if df == "" || p.fs == nil {
		return nil
	}
	rel, err := filepath.Rel(s.BuildContext, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return nil
	}
	at, edits := dockerfile.Edits(p.dockerfile(df).data, s.Build.Get("target").Str(), filepath.ToSlash(rel))
	for _, inside := range at {
		if _, ok := p.mountedAt(s, inside); ok {
			return nil
		}
	}
	return edits
}

// ImageStage is the stage of the Dockerfile a service is built from that
// the service runs (build.target, else the last): its base image, command
// and working directory; empty when there is no Dockerfile to read.
func (p *Project) ImageStage(s *Service) dockerfile.Stage {
	st, _ := p.imageStage(s)
	return st
}

// ImageEnv lists the variables the Dockerfile a service is built from sets
// with ENV (in its build.target stage), which the container starts with.
func (p *Project) ImageEnv(s *Service) []string {
	st, _ := p.imageStage(s)
	return st.Env
}

// ImageHealthcheck reports a service built from a Dockerfile whose
// build.target stage (else the last) defines a HEALTHCHECK command.
func (p *Project) ImageHealthcheck(s *Service) bool {
	st, _ := p.imageStage(s)
	return st.Healthcheck
}

// ShadowedFile reports whether a bind mount of s puts another host file
// where abs, a file of s's build context, lands in the container: its
// working directory (working_dir:, else the Dockerfile's WORKDIR) plus the
// file's path in the context, where COPY . . puts it. A vite.config.js
// for the host that the compose file mounts another one over never runs
// in the container.
func (p *Project) ShadowedFile(s *Service, abs string) bool {
	if s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) || s.Node == nil {
		return false
	}
	rel, err := filepath.Rel(s.BuildContext, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	wd := strings.TrimRight(s.Node.Get("working_dir").Str(), "/")
	if wd == "" {
		st, _ := p.imageStage(s)
		wd = strings.TrimRight(st.Workdir, "/")
	}
	if wd == "" {
		return false
	}
	host, ok := p.mountedAt(s, path.Join(wd, filepath.ToSlash(rel)))
	return ok && host != filepath.Clean(abs)
}

// mountedAt returns the host path that the first bind mount of s covering
// inside, a path in the container, puts there.
func (p *Project) mountedAt(s *Service, inside string) (string, bool) {
	vols := s.Node.Get("volumes")
	if vols == nil || vols.Kind != Seq {
		return "", false
	}
	for _, it := range vols.Items {
		src, dst, ok := bindMount(it)
		dst = strings.TrimRight(path.Clean(dst), "/")
		if !ok || src == "" || dst == "" || !(localPath(src) || filepath.IsAbs(src)) {
			continue
		}
		host := resolvePath(p.Dir, src)
		switch {
		case inside == dst:
		case strings.HasPrefix(inside, dst+"/"):
			host = filepath.Join(host, filepath.FromSlash(inside[len(dst)+1:]))
		default:
			continue
		}
		return filepath.Clean(host), true
	}
	return "", false
}

// ReadSmall reads a file of at most 1 MiB the project's build contexts
// hold (a package.json); false when it cannot.
func (p *Project) ReadSmall(abs string) ([]byte, bool) {
	if p.fs == nil {
		return nil, false
	}
	data, err := vfs.ReadLimit(p.fs, abs, 1<<20)
	return data, err == nil
}

// Dockerfile is the path of the Dockerfile a service is built from, "" when
// it is not built from a local context.
func (s *Service) Dockerfile() string {
	if s.Build == nil || s.BuildContext == "" || !filepath.IsAbs(s.BuildContext) {
		return ""
	}
	if n := s.Build.Get("dockerfile"); n != nil && n.Str() != "" {
		if filepath.IsAbs(n.Str()) {
			return n.Str()
		}
		return filepath.Join(s.BuildContext, n.Str())
	}
	return filepath.Join(s.BuildContext, "Dockerfile")
}

// toolContainer reports a service that runs a package manager on the
// mounted code (entrypoint: [npm], the composer image): it installs and
// builds, and connects to none of the services the app's .env names.
// "npm start", "yarn start:dev" and "composer run-script" run the app.
func toolContainer(n *Node) bool {
	var words []string
	for _, k := range []string{"entrypoint", "command"} {
		switch c := n.Get(k); {
		case c == nil:
		case c.Kind == Seq:
			for _, it := range c.Items {
				words = append(words, it.Value)
			}
		case c.Kind == Scalar:
			words = append(words, strings.Fields(c.Value)...)
		}
	}
	if len(words) == 0 {
		image := n.Get("image").Str()
		image = image[strings.LastIndexByte(image, '/')+1:]
		if i := strings.IndexAny(image, ":@"); i >= 0 {
			image = image[:i]
		}
		return image == "composer"
	}
	if !packageManagers[path.Base(words[0])] {
		return false
	}
	return len(words) == 1 || manages[words[1]]
}

var packageManagers = map[string]bool{"npm": true, "yarn": true, "pnpm": true, "composer": true, "pip": true, "pip3": true, "bundle": true, "gem": true}

// manages are the package managers' own commands (install, add, ...);
// anything else ("start", "run dev", yarn's "start:dev") runs a script of
// the application, which may read its .env.
var manages = map[string]bool{
	"install": true, "i": true, "ci": true, "add": true, "remove": true, "rm": true, "uninstall": true, "update": true,
	"upgrade": true, "up": true, "outdated": true, "audit": true, "prune": true, "dedupe": true, "link": true, "unlink": true,
	"pack": true, "publish": true, "rebuild": true, "require": true, "dump-autoload": true, "dumpautoload": true,
	"create-project": true, "init": true, "list": true, "ls": true, "cache": true, "config": true, "why": true, "info": true,
	"view": true, "version": true, "help": true, "check": true, "lock": true, "clean-install": true,
}

// runsDotenvManager reports a command that starts foreman or honcho,
// which load the working directory's .env over the environment.
func runsDotenvManager(n *Node) bool {
	if n == nil {
		return false
	}
	words := []*Node{n}
	if n.Kind == Seq {
		words = n.Items
	}
	for _, w := range words {
		for _, f := range strings.FieldsFunc(w.Value, func(r rune) bool { return r == ' ' || r == ':' || r == '"' || r == '\'' || r == ';' || r == '&' }) {
			if f == "foreman" || f == "honcho" || f == "forego" {
				return true
			}
		}
	}
	return false
}

// mountedEnv returns the variables of the .env file in the project
// directory bind-mounted at the service's working directory (working_dir:,
// else the WORKDIR of the Dockerfile it is built from), as an application
// that loads .env from its working directory sees them.
func (ld *load) mountedEnv(s *Service, n *Node) []EnvVar {
	vols := n.Get("volumes")
	if vols == nil || vols.Kind != Seq {
		return nil
	}
	wd, looked := strings.TrimRight(n.Get("working_dir").Str(), "/"), false
	for _, it := range vols.Items {
		src, dst, ok := bindMount(it)
		if !ok || !localPath(src) {
			continue
		}
		if wd == "" && !looked {
			wd, looked = ld.imageWorkdir(s), true
		}
		if wd == "" || strings.TrimRight(dst, "/") != wd {
			continue
		}
		dir := ld.baseDir[it.File]
		if dir == "" {
			dir = ld.p.Dir
		}
		abs := filepath.Join(resolvePath(dir, src), ".env")
		if fi, err := ld.l.fs.Stat(abs); err != nil || !fi.Mode().IsRegular() || toolContainer(n) {
			continue
		}
		f, err := ld.l.read(abs)
		if err != nil {
			continue
		}
		ef := ld.p.EnvFileFor(f)
		switch {
		case ef == nil:
			ef = &EnvFile{Src: f, Parsed: dotenv.Parse(f.Path, f.Data, nil), Role: RoleMounted}
			ld.p.EnvFiles = append(ld.p.EnvFiles, ef)
		default:
			ef.Role |= RoleMounted
		}
		if !slices.Contains(ef.Users, s) {
			ef.Users = append(ef.Users, s)
		}
		var out []EnvVar
		for _, e := range ef.Parsed.Entries {
			if e.Unset || e.Key == "" {
				continue
			}
			kn := &Node{Kind: Scalar, Value: e.Key, Raw: e.Key, Range: e.KeyRange, File: ef.Src}
			out = append(out, EnvVar{Key: e.Key, KeyAt: kn, Value: valueNode(e.Value, entrySource(f, e), kn), From: FromMounted, File: ef, Mount: it})
		}
		return out
	}
	return nil
}

// bindMount reads a volumes: entry as a bind mount's source and target:
// "SRC:DST[:MODE]" or the long syntax with type bind (or none); false for
// another type or an entry without a target.
func bindMount(it *Node) (src, dst string, ok bool) {
	switch it.Kind {
	case Scalar:
		parts := strings.Split(it.Value, ":")
		if len(parts) < 2 {
			return "", "", false
		}
		return parts[0], parts[1], true
	case Map:
		if t := it.Get("type").Str(); t != "" && t != "bind" {
			return "", "", false
		}
		return it.Get("source").Str(), it.Get("target").Str(), true
	}
	return "", "", false
}

// BindSources are the host directories s bind-mounts: relative paths
// (".", "./x", "../x") from the project directory, and absolute ones.
func (p *Project) BindSources(s *Service) []string {
	vols := s.Node.Get("volumes")
	if vols == nil || vols.Kind != Seq {
		return nil
	}
	var out []string
	for _, it := range vols.Items {
		src, _, ok := bindMount(it)
		switch {
		case !ok:
		case localPath(src):
			out = append(out, cleanpath.Join(p.Dir, src))
		case filepath.IsAbs(src):
			out = append(out, cleanpath.Clean(src))
		}
	}
	return out
}

// MountedFile is a regular file of the project that a bind mount puts
// into a service's container: a configuration the program there reads.
type MountedFile struct {
	Src    *source.File // shown as the project's other files are
	Entry  *Node        // the volumes: entry
	Target string       // where it is mounted
}

// maxMounted is the largest mounted file read: configurations are small.
const maxMounted = 256 << 10

// MountedFiles returns the text files of the project that s bind-mounts
// (./prometheus.yml:/etc/prometheus/prometheus.yml), read once per
// project; each is added to Extra, the files shown with findings.
func (p *Project) MountedFiles(s *Service) []MountedFile {
	if p.fs == nil || s.Node == nil {
		return nil
	}
	vols := s.Node.Get("volumes")
	if vols == nil || vols.Kind != Seq {
		return nil
	}
	var out []MountedFile
	for _, it := range vols.Items {
		src, dst, ok := bindMount(it)
		if !ok || !localPath(src) {
			continue
		}
		abs := cleanpath.Join(p.Dir, src)
		if f := p.mountedFile(abs); f != nil {
			out = append(out, MountedFile{Src: f, Entry: it, Target: dst})
			continue
		}
		if !configDir(dst) {
			continue // a data directory: its files are no configuration
		}
		// A configuration directory (./prometheus/:/etc/prometheus/):
		// its files, two levels down, 32 at most.
		n := 0
		var walk func(dir, target string, depth int)
		walk = func(dir, target string, depth int) {
			ents, err := p.fs.ReadDir(dir)
			if err != nil {
				return
			}
			for _, e := range ents {
				if n >= 32 {
					return
				}
				child := cleanpath.Join(dir, e.Name())
				switch {
				case e.IsDir() && depth < 2 && !strings.HasPrefix(e.Name(), "."):
					walk(child, path.Join(target, e.Name()), depth+1)
				case e.Type().IsRegular() && configExt[strings.ToLower(filepath.Ext(e.Name()))]:
					n++
					if f := p.mountedFile(child); f != nil {
						out = append(out, MountedFile{Src: f, Entry: it, Target: path.Join(target, e.Name())})
					}
				}
			}
		}
		walk(abs, dst, 0)
	}
	return out
}

// configExt are the extensions of configuration files a mounted
// directory's walk reads.
var configExt = map[string]bool{".yml": true, ".yaml": true, ".conf": true, ".ini": true, ".json": true, ".toml": true,
	".cfg": true, ".properties": true, ".xml": true, ".hcl": true, ".river": true, ".alloy": true}

// configDir reports a mount target where programs read configuration:
// under /etc, or named for configuration (/app/config, /usr/share/conf).
func configDir(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "/etc/") || strings.Contains(t, "conf") || strings.Contains(t, "provisioning")
}

// mountedFile reads the regular text file at abs once, or nil; a file read
// is added to Extra.
func (p *Project) mountedFile(abs string) *source.File {
	f, ok := p.mounted[abs]
	if !ok {
		f = p.readMounted(abs)
		if p.mounted == nil {
			p.mounted = map[string]*source.File{}
		}
		p.mounted[abs] = f
		if f != nil {
			p.Extra = append(p.Extra, f)
		}
	}
	return f
}

// WorkflowVars returns, for the compose file shown as file, the variables
// a GitHub Actions workflow of the repository sets for the steps that name
// it (docker compose -f docker-compose.ci.yml up, with env: DB_TYPE: mysql),
// by workflow (as shown): uppercase keys and NAME= assignments of every
// workflow whose text names the file. Read once per project.
func (p *Project) WorkflowVars(file string) map[string]string {
	if p.fs == nil || file == "" {
		return nil
	}
	if p.workflows == nil {
		p.workflows = p.readWorkflows()
	}
	base := filepath.Base(file)
	out := map[string]string{}
	for _, w := range p.workflows {
		if !mentions(w.text, base) {
			continue
		}
		for _, k := range w.vars {
			if out[k] == "" {
				out[k] = w.path
			}
		}
	}
	return out
}

// mentions reports name in text as a whole file name: compose.yaml in
// "-f compose.yaml" or "deploy/compose.yaml", not in "docker-compose.yaml".
func mentions(text, name string) bool {
	part := func(c byte) bool {
		return c == '.' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		if (start == 0 || !part(text[start-1])) && (end == len(text) || !part(text[end])) {
			return true
		}
		i = start + 1
	}
}

type workflow struct {
	path, text string
	vars       []string
}

// readWorkflows reads .github/workflows of the nearest directory at or
// above the project's that has one (six levels at most), 30 files at most.
func (p *Project) readWorkflows() []workflow {
	out := []workflow{}
	dir := p.Dir
	for range 6 {
		wd := cleanpath.Join(dir, ".github/workflows")
		if ents, err := p.fs.ReadDir(wd); err == nil {
			for i, e := range ents {
				ext := filepath.Ext(e.Name())
				if i >= 30 || !e.Type().IsRegular() || ext != ".yml" && ext != ".yaml" {
					continue
				}
				abs := cleanpath.Join(wd, e.Name())
				data, err := vfs.ReadLimit(p.fs, abs, maxMounted)
				if err != nil {
					continue
				}
				shown := abs
				if rel, err := cleanpath.Rel(p.WorkingDir, abs); err == nil && p.WorkingDir != "" {
					shown = rel
				}
				out = append(out, workflow{path: shown, text: string(data), vars: workflowVars(string(data))})
			}
			return out
		}
		parent := cleanpath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return out
}

// workflowVars are the names a workflow sets: uppercase mapping keys (its
// env: entries) and NAME=value assignments in its run: scripts.
func workflowVars(text string) []string {
	var out []string
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if k, _, ok := strings.Cut(t, ":"); ok && upperName(k) {
			add(k)
		}
		for _, f := range strings.Fields(t) {
			f = strings.TrimPrefix(f, "export")
			if k, _, ok := strings.Cut(f, "="); ok && upperName(k) {
				add(k)
			}
		}
	}
	return out
}

// upperName reports NAME_2: an uppercase variable name.
func upperName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// readMounted reads a mounted regular text file, or nil.
func (p *Project) readMounted(abs string) *source.File {
	fi, err := p.fs.Stat(abs)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxMounted {
		return nil
	}
	data, err := vfs.ReadLimit(p.fs, abs, maxMounted)
	if err != nil || hasNUL(data) || !utf8.Valid(data) {
		return nil
	}
	display := abs
	if p.WorkingDir != "" {
		if rel, err := cleanpath.Rel(p.WorkingDir, abs); err == nil {
			display = rel
		}
	}
	return source.New(display, data)
}

// localPath reports a path relative to the compose file (".", "./x",
// "../x"), which Compose reads as a bind mount's host directory.
func localPath(src string) bool {
	return src == "." || strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}

// template returns a committed template of a missing env file
// (.env.example and the like), which means the file is created per
// deployment on purpose.
func (ld *load) template(abs string) string { return ld.l.templateOf(abs) }

// templateOf returns the committed template of the env file at abs, or "":
// <name>.example and its kin, example<name> (defaults.env for .env: penpot
// passes it with --env-file), the name without its leading
// dot (env.example for .env), or one per environment
// (.env.development.example, a development one preferred).
func (l *Loader) templateOf(abs string) string {
	// The directory's listing answers the probes below without a system
	// call each; without one, each name is asked for.
	ents, lerr := l.fs.ReadDir(filepath.Dir(abs))
	listed := make(map[string]bool, len(ents))
	for _, e := range ents {
		listed[e.Name()] = !e.IsDir()
	}
	isFile := func(p string) bool {
		if lerr == nil {
			if reg, ok := listed[filepath.Base(p)]; !ok || !reg {
				return false
			}
		}
		st, err := l.fs.Stat(p)
		return err == nil && !st.IsDir()
	}
	for _, suf := range []string{".example", ".sample", ".dist", ".template", ".defaults", ".tmpl", ".local.example", "-example", "-sample", "-dist", "-template", "_example", "_sample"} {
		if p := abs + suf; isFile(p) {
			return p
		}
	}
	dir, base := filepath.Dir(abs), filepath.Base(abs)
	for _, pre := range []string{"example", "sample", "defaults", ".example", ".sample"} { // example.env, .example.env
		if p := filepath.Join(dir, pre+base); isFile(p) {
			return p
		}
	}
	if bare, ok := strings.CutPrefix(base, "."); ok && bare != "" {
		for _, suf := range []string{".example", ".sample", ".dist", ".template"} {
			if p := filepath.Join(dir, bare+suf); isFile(p) {
				return p
			}
		}
	}
	// A template per environment: .env.development.example for .env.
	found := ""
	for _, e := range ents {
		name := e.Name()
		mid, ok := strings.CutPrefix(name, base+".")
		if !ok || e.IsDir() {
			continue
		}
		for _, suf := range []string{".example", ".sample", ".dist", ".template"} {
			env, ok := strings.CutSuffix(mid, suf)
			if !ok || env == "" || strings.Contains(env, ".") {
				continue
			}
			if env == "development" || env == "dev" || env == "local" {
				return filepath.Join(dir, name)
			}
			if found == "" {
				found = filepath.Join(dir, name)
			}
		}
	}
	return found
}

// valueLookup resolves ${VAR} in env_file content: the project's
// variables (process environment, then .env).
func (e *env) valueLookup(k string) (string, bool) {
	v, _, ok := e.lookup(k)
	return v, ok
}

// parsePorts reads ports: in short and long syntax.
func parsePorts(n *Node, p *Project) []Port {
	if n == nil || n.Kind != Seq {
		return nil
	}
	var out []Port
	type portKey struct {
		ip                             string
		pub, pubEnd, target, targetEnd int
		protocol                       string
	}
	seen := map[portKey]bool{}
	for _, it := range n.Items {
		var pt Port
		var ok bool
		switch it.Kind {
		case Scalar:
			pt, ok = ParsePortSpec(it.Value)
			if !ok && !p.hasUnsetVar(it) {
				// The schema accepts any string; Compose fails when it
				// converts the mapping.
				p.addDiag(diag.Diagnostic{Rule: schemaRule, Severity: diag.Error, Range: it.Range,
					Message: fmt.Sprintf("%q is not a valid port mapping; write e.g. \"8080:80\"", it.Value),
					Why:     "Compose refuses it; the form is [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"})
			}
		case Map:
			pt, ok = longPort(it)
		}
		if !ok {
			continue
		}
		pt.Node = it
		k := portKey{pt.HostIP, pt.Published, pt.PublishedEnd, pt.Target, pt.TargetEnd, pt.Protocol}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, pt)
	}
	return out
}

// SubmoduleContext reports a service built from a git submodule that is
// not checked out: its Dockerfile cannot be read, and its context is an
// empty directory or a path .gitmodules beside the project names. What
// it builds cannot be known.
func (p *Project) SubmoduleContext(s *Service) bool {
	if p.fs == nil || s.Build == nil || !filepath.IsAbs(s.BuildContext) || p.DockerfileText(s) != nil {
		return false
	}
	if entries, err := p.fs.ReadDir(s.BuildContext); err == nil && len(entries) == 0 {
		return true
	}
	rel, err := filepath.Rel(p.Dir, s.BuildContext)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	data, ok := p.ReadSmall(filepath.Join(p.Dir, ".gitmodules"))
	if !ok {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.TrimSpace(k) == "path" && filepath.Clean(strings.TrimSpace(v)) == filepath.ToSlash(rel) {
			return true
		}
	}
	return false
}

// HasFile reports a regular file at abs: a program's own configuration
// file (gunicorn.conf.py) that the model does not read.
func (p *Project) HasFile(abs string) bool {
	if p.fs == nil {
		return false
	}
	st, err := p.fs.Stat(abs)
	return err == nil && st.Mode().IsRegular()
}

// UnsetAt reports a scalar holding a ${VAR} that nothing sets and that
// has no default around r's start: an error of the value there follows
// from the unset variable, which unset-variable reports.
func (p *Project) UnsetAt(r diag.Range) bool {
	for _, u := range p.VarUses {
		n := u.Node
		if !u.Use.Set && u.Use.Op == "" && n.Range.File == r.File && !r.Start.Before(n.Range.Start) && !n.Range.End.Before(r.Start) {
			return true
		}
	}
	return false
}

// hasUnsetVar reports a scalar with a ${VAR} that is not set: the problem
// there is the variable, reported on its own.
func (p *Project) hasUnsetVar(n *Node) bool {
	for _, u := range p.VarUses {
		if u.Node == n && !u.Use.Set {
			return true
		}
	}
	return false
}

func longPort(n *Node) (Port, bool) {
	pt := Port{Protocol: "tcp"}
	t, ok := portRange(n.Get("target").Str())
	if !ok {
		return pt, false
	}
	pt.Target, pt.TargetEnd = t[0], t[1]
	if pub := n.Get("published").Str(); pub != "" {
		r, ok := portRange(pub)
		if !ok {
			return pt, false
		}
		pt.Published, pt.PublishedEnd = r[0], r[1]
	}
	pt.HostIP = strings.Trim(n.Get("host_ip").Str(), "[]")
	if pr := n.Get("protocol").Str(); pr != "" {
		pt.Protocol = strings.ToLower(pr)
	}
	return pt, true
}

// ParsePortSpec parses "[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTO]".
func ParsePortSpec(s string) (Port, bool) {
	pt := Port{Protocol: "tcp"}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		pt.Protocol = strings.ToLower(s[i+1:])
		s = s[:i]
	}
	if strings.HasPrefix(s, "[") {
		j := strings.Index(s, "]:")
		if j < 0 {
			return pt, false
		}
		pt.HostIP, s = s[1:j], s[j+2:]
	}
	parts := strings.Split(s, ":")
	if pt.HostIP == "" && len(parts) > 3 {
		// An unbracketed IPv6 host.
		pt.HostIP = strings.Join(parts[:len(parts)-2], ":")
		parts = parts[len(parts)-2:]
	}
	switch len(parts) {
	case 1:
		if pt.HostIP != "" {
			return pt, false // "[::1]:7000": a host IP needs a host port field ("[::1]::7000")
		}
	case 2:
	case 3:
		pt.HostIP, parts = parts[0], parts[1:]
	default:
		return pt, false
	}
	t, ok := portRange(parts[len(parts)-1])
	if !ok {
		return pt, false
	}
	pt.Target, pt.TargetEnd = t[0], t[1]
	if len(parts) == 2 && parts[0] != "" {
		h, ok := portRange(parts[0])
		if !ok {
			return pt, false
		}
		pt.Published, pt.PublishedEnd = h[0], h[1]
	}
	// What Docker refuses: a host IP that is not one, an unknown protocol,
	// a host range whose length differs from a container range's.
	if pt.Protocol == "" {
		pt.Protocol = "tcp"
	}
	if pt.HostIP != "" && net.ParseIP(pt.HostIP) == nil {
		return pt, false
	}
	if pt.Protocol != "tcp" && pt.Protocol != "udp" && pt.Protocol != "sctp" {
		return pt, false
	}
	if pt.Published != 0 && pt.TargetEnd != pt.Target && pt.PublishedEnd-pt.Published != pt.TargetEnd-pt.Target {
		return pt, false
	}
	return pt, true
}

func portRange(s string) ([2]int, bool) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(s), "-")
	a, err := strconv.Atoi(lo)
	if err != nil || a < 0 || a > 65535 {
		return [2]int{}, false
	}
	b := a
	if isRange {
		b, err = strconv.Atoi(hi)
		if err != nil || b < a || b > 65535 {
			return [2]int{}, false
		}
	}
	return [2]int{a, b}, true
}

func parseExpose(n *Node) []Port {
	if n == nil || n.Kind != Seq {
		return nil
	}
	var out []Port
	for _, it := range n.Items {
		s, proto, _ := strings.Cut(it.Value, "/")
		r, ok := portRange(s)
		if !ok {
			continue
		}
		if proto == "" {
			proto = "tcp"
		}
		out = append(out, Port{Target: r[0], TargetEnd: r[1], Protocol: proto, Node: it})
	}
	return out
}

func parseExtraHosts(n *Node) []HostEntry {
	if n == nil {
		return nil
	}
	var out []HostEntry
	switch n.Kind {
	case Seq:
		for _, it := range n.Items {
			v := it.Value
			// "host:ip" or "host=ip"; the IP may itself contain colons.
			sep := strings.IndexAny(v, "=:")
			if sep < 0 {
				continue
			}
			out = append(out, HostEntry{Host: v[:sep], IP: strings.Trim(v[sep+1:], "[]"), Node: it})
		}
	case Map:
		for _, pr := range n.Pairs {
			ips := []*Node{pr.Val}
			if pr.Val.Kind == Seq {
				ips = pr.Val.Items
			}
			for _, ip := range ips {
				out = append(out, HostEntry{Host: pr.Key.Value, IP: strings.Trim(ip.Str(), "[]"), Node: pr.Key})
			}
		}
	}
	return out
}

// words splits command: or entrypoint: into words: a list as is, a string
// the way Compose does (shell-like quoting, no expansion).
func words(n *Node) []Arg {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Seq:
		out := make([]Arg, 0, len(n.Items))
		for _, it := range n.Items {
			if it.Kind == Scalar {
				out = append(out, Arg{Value: it.Value, Node: it, Start: 0, End: len(it.Value)})
			}
		}
		return out
	case Scalar:
		return splitWords(n)
	}
	return nil
}

func splitWords(n *Node) []Arg { return splitWordsBy(n, true) }

// splitWordsBy is splitWords; with plain, a word without quotes or
// escapes is taken as the slice of the value it is (the test compares
// both ways).
func splitWordsBy(n *Node, plain bool) []Arg {
	s := n.Value
	var out []Arg
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		// A word without quotes or escapes is its own text.
		j := i
		for plain && j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '"' && s[j] != '\'' && s[j] != '\\' {
			j++
		}
		if plain && (j == len(s) || s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			out = append(out, Arg{Value: s[start:j], Node: n, Start: start, End: j})
			i = j
			continue
		}
		var b strings.Builder
		var q byte
		for i < len(s) {
			c := s[i]
			if q == 0 && (c == ' ' || c == '\t' || c == '\n') {
				break
			}
			switch {
			case q == 0 && (c == '"' || c == '\''):
				q = c
			case q != 0 && c == q:
				q = 0
			case c == '\\' && q != '\'' && i+1 < len(s):
				i++
				b.WriteByte(s[i])
			default:
				b.WriteByte(c)
			}
			i++
		}
		out = append(out, Arg{Value: b.String(), Node: n, Start: start, End: i})
	}
	return out
}
