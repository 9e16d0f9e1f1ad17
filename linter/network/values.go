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
	var out []*Value
	// One value per place it was written (or, without a file, per node).
	type place struct {
		from       compose.Source
		key, file  string
		start, end int
		node       *compose.Node
	}
	n := 0
	for _, s := range p.Services {
		n += len(s.Env) + len(s.BuildArgs)
	}
	idx := make(map[place]*Value, n)
	// Values and their first use come from two blocks sized for every
	// variable: most values have one use.
	vals, uses := make([]Value, 0, n), make([]Use, n)
	add := func(s *compose.Service, ev compose.EnvVar, from compose.Source) {
		if ev.Value == nil {
			return
		}
		at := ev.Value.Origin()
		k := place{from: from, key: ev.Key, file: at.File, start: at.Start.Offset, end: at.End.Offset}
		if at.File == "" {
			k = place{from: from, key: ev.Key, node: ev.Value}
		}
		v := idx[k]
		if v == nil {
			vals = append(vals, Value{Key: ev.Key, Node: ev.Value, From: from, at: at})
			v = &vals[len(vals)-1]
			v.Uses, uses = uses[:0:1], uses[1:]
			idx[k] = v
			out = append(out, v)
		}
		v.Uses = append(v.Uses, Use{Service: s, Var: ev})
	}
	for _, s := range p.Services {
		for _, ev := range s.Env {
			add(s, ev, compose.FromEnvironment)
		}
		for _, ev := range s.BuildArgs {
			add(s, ev, compose.FromBuildArgs)
		}
	}
	for _, v := range out {
		if len(v.Uses) > 1 {
			sort.SliceStable(v.Uses, func(i, j int) bool { return v.Uses[i].Service.Name < v.Uses[j].Service.Name })
		}
	}
	return out
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
