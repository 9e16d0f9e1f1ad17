package graph

// Grid spacing of the JSON layout, in abstract units (pixels at 1:1).
const (
	colWidth  = 240
	rowHeight = 100
)

// layout gives every node a place on a grid, in one pass: a column per
// group (the host first, then each network, then services without a
// network, then outside names), nodes stacked in id order within it. It is
// a starting point for tools that draw the JSON themselves, linear in the
// size of the graph; the Mermaid and DOT renderers lay out on their own.
func layout(g *Graph) {
	col := map[string]int{}
	rows := map[int]int{}
	next := 0
	column := func(key string) int {
		c, ok := col[key]
		if !ok {
			c = next
			col[key] = c
			next++
		}
		return c
	}
	if g.byID[HostID] != nil {
		column(HostID)
	}
	for _, n := range g.Nodes {
		if n.Kind == KindNetwork {
			column(n.ID)
		}
	}
	place := func(n *Node, key string) {
		c := column(key)
		n.X, n.Y = c*colWidth, rows[c]*rowHeight
		rows[c]++
	}
	for _, kind := range []NodeKind{KindHost, KindNetwork, KindService, KindCollapsed, KindExternal} {
		for _, n := range g.Nodes {
			if n.Kind != kind {
				continue
			}
			switch {
			case n.Kind == KindExternal:
				place(n, "\x00external")
			case n.Group != "":
				place(n, n.Group)
			default:
				place(n, "\x00none")
			}
		}
	}
}
