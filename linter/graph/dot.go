package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DOT prints g in Graphviz's language.
func DOT(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "digraph reachlint {\n")
	fmt.Fprintf(bw, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label=%s, nodesep=0.4, ranksep=0.9];\n",
		dotQuote("project "+g.Project+" (reachlint graph: red dashed = broken, grey dotted = published port, network, shared namespace)"))
	fmt.Fprintf(bw, "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#eef2ff\", color=\"#4a5a8a\"];\n")
	fmt.Fprintf(bw, "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#333333\"];\n")
	need := needed(g)
	grs, loose := groups(g)
	for _, gr := range grs {
		fmt.Fprintf(bw, "  subgraph %s {\n    label=%s; style=\"rounded,dashed\"; color=\"#888888\"; fontcolor=\"#444444\";\n", dotQuote("cluster_"+gr.id), dotQuote(gr.label))
		if gr.self != nil && (need[gr.self.ID] || gr.self.Kind == KindHost) {
			dotNode(bw, "    ", gr.self)
		}
		for _, n := range gr.nodes {
			dotNode(bw, "    ", n)
		}
		fmt.Fprintf(bw, "  }\n")
	}
	for _, n := range loose {
		dotNode(bw, "  ", n)
	}
	for _, e := range g.Edges {
		if e.Kind == EdgeMember && e.Primary {
			continue
		}
		var attrs []string
		if lines := edgeLines(e); len(lines) > 0 {
			attrs = append(attrs, "label="+dotQuote(strings.Join(lines, "\n")))
		}
		switch {
		case e.Broken:
			attrs = append(attrs, `color="#d00000"`, `fontcolor="#900000"`, "style=dashed", "penwidth=2")
		case e.Kind == EdgeMember:
			attrs = append(attrs, `color="#999999"`, "style=dotted", "arrowhead=none")
		case e.Kind == EdgePublish || e.Kind == EdgeNamespace:
			attrs = append(attrs, `color="#999999"`, `fontcolor="#666666"`, "style=dotted")
		case e.Kind == EdgeHealthcheck:
			attrs = append(attrs, `color="#557755"`, `fontcolor="#557755"`)
		}
		fmt.Fprintf(bw, "  %s -> %s [id=%s, %s];\n", dotQuote(e.From), dotQuote(e.To), dotQuote(e.ID), strings.Join(attrs, ", "))
	}
	fmt.Fprintf(bw, "}\n")
	return bw.Flush()
}

func dotNode(w io.Writer, indent string, n *Node) {
	attrs := []string{"label=" + dotQuote(strings.Join(nodeLines(n), "\n"))}
	switch n.Kind {
	case KindNetwork:
		attrs = append(attrs, "shape=hexagon", `fillcolor="#f4f4f4"`, `color="#888888"`)
	case KindHost:
		attrs = append(attrs, "shape=house", `fillcolor="#fff7d6"`, `color="#a08000"`)
	case KindExternal:
		attrs = append(attrs, "shape=parallelogram", `fillcolor="#ffffff"`, `color="#888888"`, `style="filled,dashed"`)
	case KindCollapsed:
		attrs = append(attrs, "shape=folder", `fillcolor="#f8f8f8"`, `color="#aaaaaa"`, `fontcolor="#555555"`)
	}
	if len(n.Findings) > 0 {
		attrs = append(attrs, `color="#d00000"`, "penwidth=2", `fontcolor="#900000"`)
	}
	fmt.Fprintf(w, "%s%s [%s];\n", indent, dotQuote(n.ID), strings.Join(attrs, ", "))
}

// dotQuote writes s as a DOT double-quoted string: backslashes and quotes
// escaped (a backslash would otherwise start \n, \l, \N...), line breaks
// as \n.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return `"` + r.Replace(s) + `"`
}
