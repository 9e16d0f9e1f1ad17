package network

import (
	"fmt"
	"sort"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

// Value is one environment variable or build argument value with every
// service that uses it. A value written once (under an anchor, in a .env
// file, in an env_file) and used by several services is one Value, so a
// finding in it is reported once, where it is written, naming them all.
type Value struct {
	Key  string
	Node *compose.Node
	From compose.Source // FromEnvironment (with env_file and mounted .env: a service's variables) or FromBuildArgs
	Uses []Use          // one per service, sorted by service name
	text string         // Node.Value, read while the node was at hand
	next *Value         // another Value written at the same place, under another key
	at   diag.Range
}

// Use is one service's use of a Value.
type Use struct {
	Service *compose.Service
	Var     compose.EnvVar
}

// ServiceNames returns the names of the services in uses.
func ServiceNames(uses []Use) []string {
	out := make([]string, len(uses))
	for i, u := range uses {
		out[i] = u.Service.Name
	}
	return out
}

// Values groups every environment variable and build argument of the
// project by where its value was written.
func Values(p *compose.Project) []*Value {
	g := newGrouper(p)
	for _, s := range p.Services {
		g.service(s)
	}
	return g.done()
}

// grouper builds Values a service at a time: Build feeds it each service
// while the service's variables are at hand.
type grouper struct {
	out   []*Value
	at    map[place]*Value // by where the value was written; others there (other keys) follow as next
	nodes map[*compose.Node]*Value
	files map[string]int32 // file -> its number in place
	last  string           // the file of the last look-up, numbered lastN
	lastN int32
	vals  []Value
	uses  []Use
}

// place is where a value was written: a file's byte range, for one kind
// of variable. Numbers stand for the files, so a look-up hashes no text.
type place struct {
	file       int32
	build      bool
	start, end int
}

func newGrouper(p *compose.Project) *grouper {
	n := 0
	for _, s := range p.Services {
		n += len(s.Env) + len(s.BuildArgs)
	}
	// Values and their first use come from two blocks sized for every
	// variable: most values have one use.
	return &grouper{at: make(map[place]*Value, n), vals: make([]Value, 0, n), uses: make([]Use, n), out: make([]*Value, 0, n)}
}

func (g *grouper) service(s *compose.Service) {
	for _, ev := range s.Env {
		g.add(s, ev, compose.FromEnvironment)
	}
	for _, ev := range s.BuildArgs {
		g.add(s, ev, compose.FromBuildArgs)
	}
}

// add adds one service's variable to the Value written where its value
// was (or, without a file, at its node) under the same key.
func (g *grouper) add(s *compose.Service, ev compose.EnvVar, from compose.Source) {
	if ev.Value == nil {
		return
	}
	at := ev.Value.Origin()
	var v *Value
	var k place
	if at.File == "" {
		v = g.nodes[ev.Value]
	} else {
		k = place{file: g.fileNumber(at.File), build: from == compose.FromBuildArgs, start: at.Start.Offset, end: at.End.Offset}
		for v = g.at[k]; v != nil && v.Key != ev.Key; v = v.next {
		}
	}
	if v == nil {
		g.vals = append(g.vals, Value{Key: ev.Key, Node: ev.Value, From: from, text: ev.Value.Value, at: at})
		v = &g.vals[len(g.vals)-1]
		v.Uses, g.uses = g.uses[:0:1], g.uses[1:]
		if at.File == "" {
			if g.nodes == nil {
				g.nodes = map[*compose.Node]*Value{}
			}
			g.nodes[ev.Value] = v
		} else {
			v.next, g.at[k] = g.at[k], v
		}
		g.out = append(g.out, v)
	}
	v.Uses = append(v.Uses, Use{Service: s, Var: ev})
}

// fileNumber numbers the files values are written in; most look-ups ask
// for the file of the one before.
func (g *grouper) fileNumber(f string) int32 {
	if f == g.last && g.files != nil {
		return g.lastN
	}
	if g.files == nil {
		g.files = map[string]int32{}
	}
	n, ok := g.files[f]
	if !ok {
		n = int32(len(g.files))
		g.files[f] = n
	}
	g.last, g.lastN = f, n
	return n
}

func (g *grouper) done() []*Value {
	for _, v := range g.out {
		if len(v.Uses) > 1 {
			sort.SliceStable(v.Uses, func(i, j int) bool { return v.Uses[i].Service.Name < v.Uses[j].Service.Name })
		}
	}
	return g.out
}

// Related explains where a finding's value is used when the place to edit
// is not the service itself: a .env line (naming each ${VAR} use), an
// env_file, or an anchor shared by several services.
func (v *Value) Related(rng diag.Range) []diag.Related {
	var out []diag.Related
	for _, u := range v.Uses {
		ev := u.Var
		switch {
		case ev.From == compose.FromMounted && ev.Mount != nil:
			out = append(out, diag.Related{Range: ev.Mount.Range, Message: fmt.Sprintf("read by service %q, whose working directory is mounted here, where the program loads .env itself", u.Service.Name)})
		case ev.From == compose.FromEnvFile:
			r := u.Service.Key.Range
			if n := u.Service.Node.Get("env_file"); n != nil {
				r = n.Range
			}
			out = append(out, diag.Related{Range: r, Message: fmt.Sprintf("read by service %q through env_file:", u.Service.Name)})
		case ev.Value != nil && ev.Value.Origin().File != "" && ev.KeyAt != nil && ev.Value.Origin().File != ev.KeyAt.Range.File:
			out = append(out, diag.Related{Range: ev.KeyAt.Range, Message: fmt.Sprintf("%s of service %q takes this value", ev.Key, u.Service.Name)})
		case len(v.Uses) > 1:
			// Under a shared anchor every service has the anchor's key:
			// point at the service itself.
			r := u.Service.Key.Range
			if ev.KeyAt != nil && ev.KeyAt.Range != rng && (v.Uses[0].Var.KeyAt == nil || ev.KeyAt.Range != v.Uses[0].Var.KeyAt.Range) {
				r = ev.KeyAt.Range
			}
			out = append(out, diag.Related{Range: r, Message: fmt.Sprintf("service %q inherits this value", u.Service.Name)})
		}
	}
	return out
}
