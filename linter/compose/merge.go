package compose

import (
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// subIn makes c a scalar node for Value[start:end] of n, keeping the
// mapping to where those bytes were written.
func (n *Node) subIn(c *Node, start, end int) {
	*c = Node{Kind: Scalar, Tag: "!!str", File: n.File, Value: n.Value[start:end], Quoted: n.Quoted}
	c.Range = n.SubRange(start, end)
	if n.Segs == nil {
		c.Raw = c.Value
		c.direct = n.direct
		c.valStart = n.valStart + int32(start)
		return
	}
	c.Raw = c.Value
	for _, s := range n.Segs {
		if s.End <= start || s.Start >= end {
			continue
		}
		t := s
		lo, hi := max(s.Start, start), min(s.End, end)
		if t.direct {
			t.SrcStart += lo - s.Start
			t.Range = diag.Range{} // recomputed by SrcRange
		}
		t.Start, t.End = lo-start, hi-start
		c.Segs = append(c.Segs, t)
	}
}

// splitKV splits a "KEY=VALUE" list item into k and v, and reports
// whether it has a value (a bare KEY has none).
func splitKV(it, k, v *Node) bool {
	s := it.Value
	i := strings.IndexByte(s, '=')
	if i < 0 {
		it.subIn(k, 0, len(s))
		return false
	}
	it.subIn(k, 0, i)
	it.subIn(v, i+1, len(s))
	return true
}

// kvMap turns a KEY=VALUE list or a mapping into a mapping.
func kvMap(n *Node) *Node {
	if n == nil || n.Kind != Seq {
		return n
	}
	// The mapping and each item's key and value: one allocation.
	nodes := make([]Node, 1+2*len(n.Items))
	m := &nodes[0]
	*m = Node{Kind: Map, Range: n.Range, File: n.File, Tag: n.Tag, fromList: true}
	if len(n.Items) > 0 {
		m.Pairs = make([]Pair, 0, len(n.Items))
	}
	var at map[string]int // key -> index in m.Pairs, for long lists
	if len(n.Items) > 16 {
		at = make(map[string]int, len(n.Items))
	}
	for i, it := range n.Items {
		if it.Kind != Scalar {
			continue
		}
		k, v := &nodes[1+2*i], &nodes[2+2*i]
		if !splitKV(it, k, v) {
			*v = Node{Kind: Null, File: it.File, Range: diag0(k)}
		}
		if at == nil {
			m = setPair(m, Pair{Key: k, Val: v})
		} else if i, ok := at[k.Value]; ok { // the last one wins, in the first one's place
			m.Pairs[i] = Pair{Key: k, Val: v}
		} else {
			at[k.Value] = len(m.Pairs)
			m.Pairs = append(m.Pairs, Pair{Key: k, Val: v})
		}
	}
	return m
}

func diag0(k *Node) (r diag.Range) { r = k.Range; r.Start = r.End; return }

// nameMap turns a list of names into a mapping of names to null.
func nameMap(n *Node) *Node {
	if n == nil || n.Kind != Seq {
		return n
	}
	// The mapping and each name's null: one allocation.
	nodes := make([]Node, 1+len(n.Items))
	m := &nodes[0]
	*m = Node{Kind: Map, Range: n.Range, File: n.File, Tag: n.Tag, fromList: true}
	for i, it := range n.Items {
		if it.Kind != Scalar {
			continue
		}
		v := &nodes[1+i]
		*v = Node{Kind: Null, File: it.File, Range: diag0(it), fromList: true}
		if m.Pairs == nil {
			m.Pairs = make([]Pair, 0, len(n.Items))
		}
		m.Pairs = append(m.Pairs, Pair{Key: it, Val: v})
	}
	return m
}

// canonical rewrites the forms Compose merges by key (environment, args,
// depends_on, networks, build) into mappings, without touching shared nodes.
func canonical(doc *Node) *Node {
	svcs := doc.Get("services")
	if svcs == nil || svcs.Kind != Map {
		return doc
	}
	// The services' mapping and each service's are copied into one block
	// of nodes and one of pairs, as cloneMap would copy them.
	size := len(svcs.Pairs)
	for _, pr := range svcs.Pairs {
		if pr.Val.Kind == Map {
			size += len(pr.Val.Pairs)
		}
	}
	nodes, pairs := make([]Node, 1+len(svcs.Pairs)), make([]Pair, size)
	clone := func(c, n *Node) *Node {
		*c = *n
		c.Pairs, pairs = pairs[:len(n.Pairs):len(n.Pairs)], pairs[len(n.Pairs):]
		copy(c.Pairs, n.Pairs)
		if len(c.Pairs) == 0 {
			c.Pairs = nil
		}
		c.Shared = false
		return c
	}
	ns := clone(&nodes[0], svcs)
	for i, pr := range ns.Pairs {
		s := pr.Val
		if s.Kind != Map {
			continue
		}
		c := clone(&nodes[1+i], s)
		for j, sp := range c.Pairs {
			switch sp.Key.Value {
			case "environment", "labels", "annotations", "sysctls":
				c.Pairs[j].Val = kvMap(sp.Val)
			case "depends_on", "networks":
				c.Pairs[j].Val = nameMap(sp.Val)
			case "build":
				b := sp.Val
				if b.Kind == Scalar {
					b = &Node{Kind: Map, Range: b.Range, File: b.File, Pairs: []Pair{{Key: &Node{Kind: Scalar, Value: "context", Raw: "context", Range: b.Range, File: b.File}, Val: b}}}
				} else if b.Kind == Map {
					b = cloneMap(b)
					for k, bp := range b.Pairs {
						if bp.Key.Value == "args" || bp.Key.Value == "labels" {
							b.Pairs[k].Val = kvMap(bp.Val)
						}
					}
				}
				c.Pairs[j].Val = b
			}
		}
		ns.Pairs[i].Val = c
	}
	return setPair(cloneMap(doc), Pair{Key: doc.mustKey("services"), Val: ns})
}

func cloneMap(n *Node) *Node {
	c := *n
	c.Pairs = append([]Pair(nil), n.Pairs...)
	c.Shared = false
	return &c
}

// setPair replaces the value of pr.Key in m (a fresh copy is expected) or
// appends it.
func setPair(m *Node, pr Pair) *Node {
	for i := range m.Pairs {
		if m.Pairs[i].Key.Value == pr.Key.Value {
			m.Pairs[i] = pr
			return m
		}
	}
	m.Pairs = append(m.Pairs, pr)
	return m
}

func deleteKey(m *Node, k string) *Node {
	c := cloneMap(m)
	c.Pairs = c.Pairs[:0]
	for _, p := range m.Pairs {
		if p.Key.Value != k {
			c.Pairs = append(c.Pairs, p)
		}
	}
	return c
}

// overridden lists the service attributes whose value an override replaces
// instead of merging into.
var overridden = map[string]bool{"command": true, "entrypoint": true}

// merge merges over onto base following Compose's merge rules; path is the
// position in the document (service names included).
func merge(base, over *Node, path []string) *Node {
	if over == nil {
		return base
	}
	if over.Tag == "!override" || base == nil {
		return stripReset(over)
	}
	if svcAttr(path) != "" && overridden[svcAttr(path)] {
		return over
	}
	if len(path) == 4 && path[0] == "services" && path[2] == "healthcheck" && path[3] == "test" {
		return over
	}
	switch {
	case base.Kind == Map && over.Kind == Map:
		m := cloneMap(base)
		m.fromList = base.fromList && over.fromList
		if base.File == nil {
			m.Range, m.File = over.Range, over.File
		}
		// Index by key: files with thousands of services stay linear.
		idx := make(map[string]int, len(m.Pairs))
		for i, p := range m.Pairs {
			idx[p.Key.Value] = i
		}
		removed := false
		for _, op := range over.Pairs {
			i, ok := idx[op.Key.Value]
			switch {
			case op.Val != nil && op.Val.Tag == "!reset":
				if ok && m.Pairs[i].Key != nil {
					m.Pairs[i] = Pair{}
					removed = true
				}
				delete(idx, op.Key.Value)
			case ok:
				m.Pairs[i] = Pair{Key: op.Key, Val: merge(m.Pairs[i].Val, op.Val, append(path[:len(path):len(path)], op.Key.Value))}
			default:
				idx[op.Key.Value] = len(m.Pairs)
				m.Pairs = append(m.Pairs, Pair{Key: op.Key, Val: stripReset(op.Val)})
			}
		}
		if removed {
			kept := m.Pairs[:0]
			for _, p := range m.Pairs {
				if p.Key != nil {
					kept = append(kept, p)
				}
			}
			m.Pairs = kept
		}
		return m
	case base.Kind == Seq && over.Kind == Seq:
		s := *base
		s.Items = append([]*Node(nil), base.Items...)
		for _, it := range over.Items {
			if !containsEqual(s.Items, it) {
				s.Items = append(s.Items, it)
			}
		}
		return &s
	case over.Kind == Null && (base.Kind == Map || base.Kind == Seq) && isSvcMergeable(path):
		return base
	case base.Kind == Null && base.fromList && over.Kind == Map && len(path) == 4 && path[0] == "services" && path[2] == "depends_on":
		// depends_on: [db] under db: {restart: true}: Compose gives the
		// listed name its condition first, and the mapping keeps it.
		m := cloneMap(over)
		m.fromList = true
		return m
	}
	return over
}

func isSvcMergeable(path []string) bool {
	return len(path) == 2 && path[0] == "services"
}

// svcAttr returns the attribute name when path is services.<name>.<attr>.
func svcAttr(path []string) string {
	if len(path) == 3 && path[0] == "services" {
		return path[2]
	}
	return ""
}

// stripReset drops !reset entries from a value used as is.
func stripReset(n *Node) *Node {
	if n == nil || n.Kind != Map {
		return n
	}
	has := false
	for _, p := range n.Pairs {
		if p.Val != nil && p.Val.Tag == "!reset" {
			has = true
		}
	}
	if !has {
		return n
	}
	c := cloneMap(n)
	c.Pairs = c.Pairs[:0]
	for _, p := range n.Pairs {
		if p.Val == nil || p.Val.Tag != "!reset" {
			c.Pairs = append(c.Pairs, p)
		}
	}
	return c
}

func containsEqual(items []*Node, n *Node) bool {
	for _, it := range items {
		if equal(it, n) {
			return true
		}
	}
	return false
}

func equal(a, b *Node) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Scalar:
		return a.Value == b.Value
	case Map:
		if len(a.Pairs) != len(b.Pairs) {
			return false
		}
		for _, p := range a.Pairs {
			q := b.Get(p.Key.Value)
			if q == nil || !equal(p.Val, q) {
				return false
			}
		}
		return true
	case Seq:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	}
	return true
}
