package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats are the text formats Write prints; "svg" is DOT rendered by
// Graphviz (package graphviz).
var Formats = []string{"mermaid", "dot", "json"}

// JSONVersion is the version of the JSON output's schema (README, "Graph").
const JSONVersion = 1

// Write prints g in format.
func Write(w io.Writer, format string, g *Graph) error {
	switch format {
	case "mermaid":
		return Mermaid(w, g)
	case "dot":
		return DOT(w, g)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Version int `json:"version"`
			*Graph
		}{JSONVersion, g})
	}
	return fmt.Errorf("unknown graph format %q", format)
}

// group is the nodes drawn inside one network (or the host's namespace).
type group struct {
	id    string
	label string
	nodes []*Node
	// self is the group's own node (the network, the host), drawn only
	// when an edge needs it or nothing else is in the group.
	self *Node
}

// groups returns the groups in order and the nodes drawn outside any.
func groups(g *Graph) ([]*group, []*Node) {
	var out []*group
	byID := map[string]*group{}
	var loose []*Node
	get := func(id string) *group {
		gr := byID[id]
		if gr == nil {
			gr = &group{id: id}
			if n := g.byID[id]; n != nil {
				gr.label = groupLabel(n)
			}
			byID[id] = gr
			out = append(out, gr)
		}
		return gr
	}
	for _, n := range g.Nodes {
		switch {
		case n.Group == "" || n.Kind == KindExternal:
			loose = append(loose, n)
		case n.ID == n.Group:
			get(n.ID).self = n
		default:
			gr := get(n.Group)
			gr.nodes = append(gr.nodes, n)
		}
	}
	// A group with nothing in it is its own node, outside any box.
	kept := out[:0]
	for _, gr := range out {
		if len(gr.nodes) == 0 {
			if gr.self != nil {
				loose = append(loose, gr.self)
			}
			continue
		}
		kept = append(kept, gr)
	}
	return kept, loose
}

func groupLabel(n *Node) string {
	if n.Kind == KindHost {
		return "network_mode: host"
	}
	s := "network " + n.Label
	var notes []string
	if n.External {
		notes = append(notes, "external")
	}
	if n.Driver != "" && n.Driver != "bridge" {
		notes = append(notes, n.Driver)
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// needed reports the group nodes an edge points at (a service on a
// second network), which must then be drawn.
func needed(g *Graph) map[string]bool {
	out := map[string]bool{}
	for _, e := range g.Edges {
		if e.Kind == EdgeMember && e.Primary {
			continue
		}
		out[e.From], out[e.To] = true, true
	}
	return out
}

// nodeLines are the lines of a node's label.
func nodeLines(n *Node) []string {
	lines := []string{n.Label}
	switch n.Kind {
	case KindService:
		switch {
		case n.Image != "":
			lines = append(lines, n.Image)
		case n.Build != "":
			lines = append(lines, "build "+n.Build)
		}
		if len(n.Ports) > 0 {
			lines = append(lines, "ports "+strings.Join(n.Ports, ", "))
		}
		if n.Mode != "" {
			lines = append(lines, "network_mode: "+n.Mode)
		}
	case KindNetwork:
		lines[0] = groupLabel(n)
	case KindExternal:
		lines = append(lines, "(outside the project)")
	}
	for _, f := range n.Findings {
		lines = append(lines, "✗ "+f.Rule)
	}
	return lines
}

// edgeLines are the lines of an edge's label: what it is, then for a
// broken edge each rule and its fix.
func edgeLines(e *Edge) []string {
	var lines []string
	if e.Label != "" {
		lines = append(lines, e.Label)
	}
	for _, f := range e.Findings {
		l := "✗ " + f.Rule
		if f.Fix != "" {
			l += ": " + shorten(f.Fix, 90)
		}
		lines = append(lines, l)
	}
	return lines
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
