package compose

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/linter/vfs"
)

// corpusDir finds the shared corpus of real-world projects, "" without it.
func corpusDir() string { return testenv.CorpusDir() }

// diffRoots are the trees whose every project the differential test loads
// both ways.
func diffRoots(t *testing.T) []string {
	roots := []string{filepath.Join("..", "..", "testdata", "compose"), filepath.Join("..", "..", "testdata", "examples")}
	if c := corpusDir(); c != "" {
		roots = append(roots, c)
	} else {
		t.Log("corpus not found: set REACHLINT_CORPUS to include it")
	}
	return roots
}

// TestDifferentialComposeGo loads every project of the fixtures and the
// corpus with our loader and with compose-go's, and compares the values the
// rules read, service by service.
func TestDifferentialComposeGo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every corpus project with compose-go")
	}
	// compose-go warns about unset variables and obsolete keys on stderr.
	logrus.SetLevel(logrus.ErrorLevel)
	projects := 0
	for _, root := range diffRoots(t) {
		abs, err := filepath.Abs(root)
		if err != nil {
			t.Fatal(err)
		}
		l := NewLoader(vfs.OS{}, abs, 0, Limits{})
		plan, err := (&Finder{L: l}).Paths([]string{abs + "/..."})
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range plan.Projects {
			name, _ := filepath.Rel(abs, spec.Files[0])
			name = filepath.Base(root) + "/" + name
			for _, f := range spec.Files[1:] {
				name += "+" + filepath.Base(f)
			}
			t.Run(name, func(t *testing.T) {
				if compareWithComposeGo(t, spec) {
					projects++
				}
			})
		}
	}
	t.Logf("%d projects compared", projects)
}

// compareWithComposeGo reports false when compose-go refuses the project (a
// partial variant, a missing env file): there is nothing to compare then.
func compareWithComposeGo(t *testing.T, spec Spec) bool {
	t.Helper()
	opts, err := cli.NewProjectOptions(spec.Files,
		cli.WithWorkingDirectory(spec.ProjectDir),
		cli.WithEnv([]string{}),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithName("difftest"),
		cli.WithProfiles([]string{"*"}),
		cli.WithConsistency(false),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		t.Fatal(err)
	}
	want, err := opts.LoadProject(context.Background())
	envResolved := true
	if err == nil {
		// A missing env_file stops compose-go here; the rest still compares.
		if resolved, rerr := want.WithServicesEnvironmentResolved(true); rerr == nil {
			want = resolved
		} else {
			envResolved = false
			t.Logf("environment not compared: %v", rerr)
		}
	}
	if err != nil {
		t.Skipf("compose-go refuses the project: %v", err)
		return false
	}
	l := NewLoader(vfs.OS{}, spec.ProjectDir, 0, Limits{})
	got := l.Load(Options{Files: spec.Files, ProjectDir: spec.ProjectDir, Environ: map[string]string{}})
	var names []string
	for name := range want.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ws := want.Services[name]
		s := got.Service(name)
		if s == nil {
			t.Errorf("service %s: compose-go has it, we do not", name)
			continue
		}
		cmp := func(what string, g, w any) {
			t.Helper()
			if gs, ws := fmt.Sprint(g), fmt.Sprint(w); gs != ws {
				t.Errorf("service %s: %s:\n ours:       %s\n compose-go: %s", name, what, gs, ws)
			}
		}
		if envResolved {
			cmp("environment", ourEnv(s), theirEnv(ws.Environment))
		}
		cmp("ports", ourPorts(s), theirPorts(ws.Ports))
		cmp("networks", ourNetworks(s), theirNetworks(ws))
		cmp("network_mode", s.NetworkMode.Str(), ws.NetworkMode)
		cmp("extra_hosts", ourHosts(s), theirHosts(ws.ExtraHosts))
		cmp("depends_on", ourDeps(s), theirDeps(ws, s))
		cmp("healthcheck test", ourHealth(s), theirHealth(ws))
		cmp("command", args(s.Command), []string(ws.Command))
		cmp("entrypoint", args(s.Entrypoint), []string(ws.Entrypoint))
		if ws.Build != nil {
			cmp("build context", s.BuildContext, ws.Build.Context)
		}
		cmp("image", s.Image, ws.Image)
		cmp("container_name", s.ContainerName.Str(), ws.ContainerName)
		cmp("profiles", s.Profiles, ws.Profiles)
	}
	for _, s := range got.Services {
		if _, ok := want.Services[s.Name]; !ok {
			t.Errorf("service %s: we have it, compose-go does not", s.Name)
		}
	}
	return true
}

func ourEnv(s *Service) []string {
	var out []string
	for _, e := range s.Env {
		if e.From == "mounted" {
			continue // read by the program, not set by Compose
		}
		v := "<unset>"
		if e.Value != nil {
			v = strconv.Quote(e.Value.Value)
		}
		out = append(out, e.Key+"="+v)
	}
	sort.Strings(out)
	return out
}

func theirEnv(m types.MappingWithEquals) []string {
	var out []string
	for k, v := range m {
		s := "<unset>"
		if v != nil {
			s = strconv.Quote(*v)
		}
		out = append(out, k+"="+s)
	}
	sort.Strings(out)
	return out
}

// ourPorts expands ranges the way compose-go does: one entry per container
// port, the host range spread over them when it has the same length.
func ourPorts(s *Service) []string {
	var out []string
	for _, p := range s.Ports {
		n := p.TargetEnd - p.Target
		for i := 0; i <= n; i++ {
			pub := ""
			switch {
			case p.Published == 0:
			case p.PublishedEnd-p.Published == n:
				pub = strconv.Itoa(p.Published + i)
			case p.PublishedEnd != p.Published:
				pub = fmt.Sprintf("%d-%d", p.Published, p.PublishedEnd)
			default:
				pub = strconv.Itoa(p.Published)
			}
			out = append(out, fmt.Sprintf("%s|%s|%d|%s", p.HostIP, pub, p.Target+i, p.Protocol))
		}
	}
	sort.Strings(out)
	return out
}

func theirPorts(ps []types.ServicePortConfig) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s|%s|%d|%s", strings.Trim(p.HostIP, "[]"), p.Published, p.Target, p.Protocol))
	}
	sort.Strings(out)
	return out
}

func ourNetworks(s *Service) []string {
	var out []string
	for _, n := range s.Networks {
		var al []string
		for _, a := range n.Aliases {
			al = append(al, a.Value)
		}
		sort.Strings(al)
		out = append(out, n.Name+strings.Join(al, ","))
	}
	sort.Strings(out)
	return out
}

// theirNetworks: compose-go gives a service in network_mode no networks, and
// one without networks: the default one, as we do.
func theirNetworks(s types.ServiceConfig) []string {
	var out []string
	for name, n := range s.Networks {
		var al []string
		if n != nil {
			al = slices.Clone(n.Aliases)
		}
		sort.Strings(al)
		out = append(out, name+strings.Join(al, ","))
	}
	if len(s.Networks) == 0 && s.NetworkMode == "" {
		out = []string{"default"}
	}
	sort.Strings(out)
	return out
}

func ourHosts(s *Service) []string {
	var out []string
	for _, h := range s.ExtraHosts {
		out = append(out, h.Host+"="+h.IP)
	}
	sort.Strings(out)
	return out
}

func theirHosts(h types.HostsList) []string {
	var out []string
	for host, ips := range h {
		for _, ip := range ips {
			out = append(out, host+"="+strings.Trim(ip, "[]"))
		}
	}
	sort.Strings(out)
	return out
}

func ourDeps(s *Service) []string {
	var out []string
	for _, d := range s.DependsOn {
		out = append(out, fmt.Sprintf("%s:%s:%v", d.Service, d.Condition, d.Required))
	}
	sort.Strings(out)
	return out
}

// theirDeps leaves out what compose-go's normalisation adds from links,
// network_mode: service:x and volumes_from: start order Compose derives,
// not a depends_on the user wrote (rules read links and network_mode
// themselves).
func theirDeps(s types.ServiceConfig, ours *Service) []string {
	implied := map[string]bool{}
	for _, l := range s.Links {
		name, _, _ := strings.Cut(l, ":")
		implied[name] = true
	}
	if ref, ok := strings.CutPrefix(s.NetworkMode, "service:"); ok {
		implied[ref] = true
	}
	for _, v := range s.VolumesFrom {
		if !strings.HasPrefix(v, "container:") {
			name, _, _ := strings.Cut(v, ":")
			implied[name] = true
		}
	}
	var out []string
	for name, d := range s.DependsOn {
		written := slices.ContainsFunc(ours.DependsOn, func(d Dependency) bool { return d.Service == name })
		if implied[name] && !written {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%s:%v", name, d.Condition, d.Required))
	}
	sort.Strings(out)
	return out
}

func ourHealth(s *Service) []string {
	t := s.Healthcheck.Get("test")
	switch {
	case t == nil:
		return nil
	case t.Kind == Seq:
		var out []string
		for _, it := range t.Items {
			out = append(out, it.Value)
		}
		return out
	case t.Kind == Scalar:
		return []string{"CMD-SHELL", t.Value}
	}
	return nil
}

func theirHealth(s types.ServiceConfig) []string {
	if s.HealthCheck == nil {
		return nil
	}
	return s.HealthCheck.Test
}

func args(as []Arg) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Value)
	}
	return out
}
