package rules

import (
	"regexp"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/diag"
)

// StylePreset names the rules that are off by default and turned on
// together by `presets: [style]` in .reachlint.yaml: how a file is
// written, not whether it runs.
const StylePreset = "style"

// block is a mapping or a sequence of one compose file as written, whose
// entries can be moved as whole lines: what the ordering rules sort.
type block struct {
	doc     compose.FileDoc
	entries []blockEntry
	flow    bool // [a, b] or {a: 1}: reported, never reordered
}

type blockEntry struct {
	name       string        // the key, or the item's text
	node       *compose.Node // the key, or the item
	start, end int           // byte offsets of the entry's first and last byte
}

// mapBlock returns the pairs of n written in n itself (not merged in
// through "<<"), in file order.
func mapBlock(d compose.FileDoc, n *compose.Node) *block {
	if n == nil || n.Kind != compose.Map || n.Range.File != d.File.Path {
		return nil
	}
	b := &block{doc: d, flow: isFlow(d, n)}
	// The mapping's own lines: n.Range can end early (an alias as the
	// last value has the anchor's range).
	end := n.Range.End.Offset
	if !b.flow {
		end = max(end, mapTextEnd(d.File.Data, n.Range.Start.Offset))
	}
	for _, pr := range n.Pairs {
		k := pr.Key
		if k.Range.File != d.File.Path || k.Range.Start.Offset < n.Range.Start.Offset || k.Range.Start.Offset > end {
			continue // merged from an anchor elsewhere
		}
		end := k.Range.End.Offset
		if pr.Val != nil && pr.Val.Range.File == d.File.Path && pr.Val.Range.End.Offset > end {
			end = pr.Val.Range.End.Offset
		}
		b.entries = append(b.entries, blockEntry{name: k.Value, node: k, start: k.Range.Start.Offset, end: end})
	}
	return b
}

// seqBlock returns the items of a block sequence, each from its "-".
func seqBlock(d compose.FileDoc, n *compose.Node) *block {
	if n == nil || n.Kind != compose.Seq || n.Range.File != d.File.Path {
		return nil
	}
	data := d.File.Data
	b := &block{doc: d, flow: isFlow(d, n)}
	for _, it := range n.Items {
		if it.Range.File != d.File.Path {
			return nil
		}
		if b.flow {
			b.entries = append(b.entries, blockEntry{name: it.Value, node: it, start: it.Range.Start.Offset, end: it.Range.End.Offset})
			continue
		}
		i := it.Range.Start.Offset - 1
		for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
			i--
		}
		if i < 0 || data[i] != '-' {
			return nil // a flow sequence, or an item we cannot delimit
		}
		b.entries = append(b.entries, blockEntry{name: it.Value, node: it, start: i, end: it.Range.End.Offset})
	}
	return b
}

var (
	anchorDef = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[\s\[{,:-])&([^\s\[\]{},]+)`)
	})
	aliasUse = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[\s\[{,:-])\*([^\s\[\]{},]+)`)
	})
)

// reorder returns a fix that rewrites the block with its entries in the
// given order (indexes into b.entries), moving whole lines: each entry
// with the comment lines right above it. nil when the lines cannot be
// moved safely: a flow collection, two entries on one line, an alias in
// the block to an anchor in the block, no line break after the last entry.
func (b *block) reorder(order []int, desc string) *diag.Fix {
	if b == nil || len(b.entries) < 2 || b.flow {
		return nil
	}
	data := b.doc.File.Data
	n := len(b.entries)
	// An entry ends where the text says, not where its nodes do: an alias
	// at the end points at the anchor's node, written elsewhere.
	for i := range b.entries {
		b.entries[i].end = max(b.entries[i].end, textEnd(data, b.entries[i].start))
	}
	starts := make([]int, n)
	for i, e := range b.entries {
		ls := strings.LastIndexByte(string(data[:e.start]), '\n') + 1
		if strings.TrimSpace(string(data[ls:e.start])) != "" {
			return nil // not the first thing on its line
		}
		if i > 0 && ls <= b.entries[i-1].end {
			return nil
		}
		// Comment lines right above belong to the entry.
		for ls > 0 {
			ps := strings.LastIndexByte(string(data[:ls-1]), '\n') + 1
			if !strings.HasPrefix(strings.TrimSpace(string(data[ps:ls-1])), "#") {
				break
			}
			if i > 0 && ps <= b.entries[i-1].end {
				break
			}
			ls = ps
		}
		starts[i] = ls
	}
	last := b.entries[n-1].end
	j := strings.IndexByte(string(data[last:]), '\n')
	if j < 0 {
		return nil
	}
	end := last + j + 1
	chunks := make([]string, n)
	for i := range n {
		ce := end
		if i+1 < n {
			ce = starts[i+1]
		}
		chunks[i] = string(data[starts[i]:ce])
	}
	region := string(data[starts[0]:end])
	for _, m := range anchorDef().FindAllStringSubmatch(region, -1) {
		for _, a := range aliasUse().FindAllStringSubmatch(region, -1) {
			if a[1] == m[1] {
				return nil
			}
		}
	}
	var sb strings.Builder
	for _, i := range order {
		sb.WriteString(chunks[i])
	}
	if sb.String() == region {
		return nil
	}
	return &diag.Fix{Description: desc, Edits: []diag.TextEdit{{Range: b.doc.File.Range(starts[0], end), NewText: sb.String()}}}
}

// mapTextEnd is the end of the block mapping whose first key starts at
// start: the following lines indented at least as deep.
func mapTextEnd(data []byte, start int) int {
	if start < 0 || start >= len(data) {
		return start
	}
	ls := strings.LastIndexByte(string(data[:start]), '\n') + 1
	indent := start - ls
	end := start
	for i := start; i < len(data); {
		le := i + strings.IndexByte(string(data[i:]), '\n')
		if le < i {
			le = len(data)
		}
		line := string(data[i:le])
		trimmed := strings.TrimSpace(line)
		ind := len(line) - len(strings.TrimLeft(line, " \t"))
		if i > start && trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			if ind < indent {
				break
			}
		}
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			end = le
		}
		i = le + 1
	}
	return end
}

// isFlow reports a collection written in brackets or braces.
func isFlow(d compose.FileDoc, n *compose.Node) bool {
	o := n.Range.Start.Offset
	return o >= 0 && o < len(d.File.Data) && (d.File.Data[o] == '[' || d.File.Data[o] == '{')
}

// textEnd returns the end of the last line of the block entry starting at
// start: the following lines indented deeper (or, for a mapping entry, an
// indentless "- " list at its own indentation), without trailing blank and
// comment lines.
func textEnd(data []byte, start int) int {
	ls := strings.LastIndexByte(string(data[:start]), '\n') + 1
	indent := start - ls
	seqEntry := data[start] == '-'
	lineEnd := func(i int) int {
		if j := strings.IndexByte(string(data[i:]), '\n'); j >= 0 {
			return i + j
		}
		return len(data)
	}
	end := lineEnd(start)
	for i := end + 1; i < len(data); {
		le := lineEnd(i)
		line := string(data[i:le])
		trimmed := strings.TrimSpace(line)
		ind := len(line) - len(strings.TrimLeft(line, " \t"))
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case ind > indent, !seqEntry && ind == indent && strings.HasPrefix(trimmed, "- "):
			end = le
		default:
			return end
		}
		i = le + 1
	}
	return end
}

// sorted returns the stable order of b's entries by rank, and the
// entries out of place: each that ranks before one written above it,
// paired with the highest-ranked entry above it.
func (b *block) sorted(rank func(e blockEntry) string) (order []int, misplaced [][2]int) {
	order = make([]int, len(b.entries))
	for i := range order {
		order[i] = i
	}
	keys := make([]string, len(b.entries))
	for i, e := range b.entries {
		keys[i] = rank(e)
	}
	// insertion sort: stable, and blocks are short
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && keys[order[j]] < keys[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	top := 0
	for i := 1; i < len(keys); i++ {
		if keys[i] < keys[top] {
			misplaced = append(misplaced, [2]int{i, top})
		} else {
			top = i
		}
	}
	return order, misplaced
}

// naturalKey makes numbers inside s compare by value: "8080:80" after
// "443:443".
func naturalKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] >= '0' && s[i] <= '9' {
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			num := strings.TrimLeft(s[i:j], "0")
			b.WriteString(strings.Repeat("0", max(0, 12-len(num))) + num)
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// unresolved reports a scalar whose value is not known: it interpolates a
// variable that nothing sets and that has no default.
func unresolved(p *Pass, n *compose.Node) bool {
	for _, u := range p.Project.VarUses {
		if u.Node == n && !u.Use.Set && u.Use.Op != ":-" && u.Use.Op != "-" {
			return true
		}
	}
	return false
}
