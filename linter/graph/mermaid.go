package graph

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Mermaid prints g as a Mermaid flowchart, which GitHub and GitLab render
// in Markdown (inside a ```mermaid block).
func Mermaid(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "flowchart LR\n")
	fmt.Fprintf(bw, "  %%%% reachlint graph of project %s: solid arrows are connections, red dashed ones are broken, dotted ones are published ports, network memberships and shared namespaces\n", mermaidComment(g.Project))
	need := needed(g)
	grs, loose := groups(g)
	drawn := map[string]bool{}
	node := func(indent string, n *Node) {
		drawn[n.ID] = true
		fmt.Fprintf(bw, "%s%s%s\n", indent, mermaidID(n.ID), mermaidShape(n))
	}
	for _, gr := range grs {
		fmt.Fprintf(bw, "  subgraph %s[\"%s\"]\n", mermaidID("group:"+gr.id), mermaidText(gr.label))
		if gr.self != nil && (need[gr.self.ID] || gr.self.Kind == KindHost) {
			node("    ", gr.self)
		}
		for _, n := range gr.nodes {
			node("    ", n)
		}
		fmt.Fprintf(bw, "  end\n")
	}
	for _, n := range loose {
		node("  ", n)
	}
	var broken, faint []int
	i := 0
	for _, e := range g.Edges {
		if e.Kind == EdgeMember && e.Primary {
			continue
		}
		label := ""
		if lines := edgeLines(e); len(lines) > 0 {
			esc := make([]string, len(lines))
			for j, l := range lines {
				esc[j] = mermaidText(l)
			}
			label = "|\"" + strings.Join(esc, "<br>") + "\"|"
		}
		arrow := "-->"
		switch {
		case e.Broken:
			arrow = "-.->"
			broken = append(broken, i)
		case e.Kind == EdgeMember:
			arrow = "-.-"
			faint = append(faint, i)
		case e.Kind == EdgePublish || e.Kind == EdgeNamespace:
			arrow = "-.->"
			faint = append(faint, i)
		}
		fmt.Fprintf(bw, "  %s %s%s %s\n", mermaidID(e.From), arrow, label, mermaidID(e.To))
		i++
	}
	fmt.Fprintf(bw, "  classDef service fill:#eef2ff,stroke:#4a5a8a,color:#111\n")
	fmt.Fprintf(bw, "  classDef network fill:#f4f4f4,stroke:#888,color:#333\n")
	fmt.Fprintf(bw, "  classDef host fill:#fff7d6,stroke:#a08000,color:#111\n")
	fmt.Fprintf(bw, "  classDef external fill:#ffffff,stroke:#888,stroke-dasharray:3 3,color:#333\n")
	fmt.Fprintf(bw, "  classDef collapsed fill:#f8f8f8,stroke:#aaa,color:#555\n")
	fmt.Fprintf(bw, "  classDef broken stroke:#d00000,stroke-width:2px,color:#900000\n")
	classes := map[string][]string{}
	var order []string
	for _, n := range g.Nodes {
		if !drawn[n.ID] {
			continue // a class statement would create the node
		}
		c := string(n.Kind)
		if len(n.Findings) > 0 {
			c = "broken"
		}
		if classes[c] == nil {
			order = append(order, c)
		}
		classes[c] = append(classes[c], mermaidID(n.ID))
	}
	for _, c := range order {
		fmt.Fprintf(bw, "  class %s %s\n", strings.Join(classes[c], ","), c)
	}
	if len(faint) > 0 {
		fmt.Fprintf(bw, "  linkStyle %s stroke:#999,color:#666\n", joinInts(faint))
	}
	if len(broken) > 0 {
		fmt.Fprintf(bw, "  linkStyle %s stroke:#d00000,stroke-width:2px,color:#900000\n", joinInts(broken))
	}
	return bw.Flush()
}

func mermaidShape(n *Node) string {
	t := make([]string, 0, 4)
	for _, l := range nodeLines(n) {
		t = append(t, mermaidText(l))
	}
	text := "\"" + strings.Join(t, "<br>") + "\""
	switch n.Kind {
	case KindNetwork:
		return "{{" + text + "}}"
	case KindHost:
		return "([" + text + "])"
	case KindExternal:
		return "[/" + text + "/]"
	case KindCollapsed:
		return "[[" + text + "]]"
	}
	return "[" + text + "]"
}

// mermaidID turns a node id into a Mermaid identifier: letters and digits
// stay, "_" doubles, anything else becomes "_" and its hex code, so
// different ids never collide and no id is a keyword ("end").
func mermaidID(id string) string {
	var b strings.Builder
	b.WriteString("n_")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '_':
			b.WriteString("__")
		default:
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}

// mermaidText escapes text for a quoted Mermaid label with its entity
// codes: quotes, and the characters that would start markup.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '#':
			b.WriteString("#35;")
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '|':
			b.WriteString("#124;")
		case '`':
			b.WriteString("#96;")
		case '\n', '\r':
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func mermaidComment(s string) string {
	return strconv.Quote(strings.NewReplacer("\n", " ", "%%", "%").Replace(s))
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
