package fix

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/reachlint/reachlint/linter/diag"
)

// EditsDiff is UnifiedDiff for old with non-overlapping edits applied, built
// from the edits themselves: time and memory are linear in the file and the
// number of edits (UnifiedDiff's Myers search needs memory proportional to
// the file times the number of changes, gigabytes for thousands of fixes).
func EditsDiff(path string, old []byte, edits []diag.TextEdit) string {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(x, y diag.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Range.Start.Offset, y.Range.Start.Offset), cmp.Compare(x.Range.End.Offset, y.Range.End.Offset))
	})
	new := splice(old, edits)
	if string(new) == string(old) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := editOps(old, a, edits)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", path, path)
	for _, h := range hunks(ops) {
		writeHunk(&sb, h, a, b)
	}
	return sb.String()
}

// editOps turns sorted edits into a line edit script: each group of edits
// that touch the same or adjoining lines replaces whole old lines by whole
// new lines, less the lines both sides share at its ends.
func editOps(old []byte, a []string, edits []diag.TextEdit) []op {
	starts := make([]int, len(a)+1)
	for i, l := range a {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int { // the line holding byte off; len(a) past the end
		return sort.Search(len(a), func(i int) bool { return starts[i+1] > off })
	}
	startLine := func(off int) int { // the first line an edit at off changes
		l := lineOf(off)
		if l == len(a) && l > 0 && !strings.HasSuffix(a[l-1], "\n") {
			l-- // text added after a last line without a line break joins it
		}
		return l
	}
	endLine := func(e diag.TextEdit) int { // one past the last line e touches
		s, t := e.Range.Start.Offset, e.Range.End.Offset
		if t > s && t == starts[lineOf(t)] {
			return lineOf(t-1) + 1
		}
		return min(lineOf(t)+1, len(a))
	}
	var ops []op
	ai, bi := 0, 0
	for i := 0; i < len(edits); {
		la := startLine(edits[i].Range.Start.Offset)
		lb := max(endLine(edits[i]), la+min(1, len(a)-la))
		j := i + 1
		var txt string
		for {
			// Edits on touching lines form one group, so a block of changed
			// lines reads as its old lines, then its new ones.
			for j < len(edits) && startLine(edits[j].Range.Start.Offset) <= lb {
				lb = max(lb, endLine(edits[j]))
				j++
			}
			var sb strings.Builder
			pos := starts[la]
			for _, e := range edits[i:j] {
				sb.Write(old[pos:e.Range.Start.Offset])
				sb.WriteString(e.NewText)
				pos = e.Range.End.Offset
			}
			sb.Write(old[pos:starts[lb]])
			txt = sb.String()
			// New text that ends inside a line continues with the next old
			// line: take that line into the group.
			if lb < len(a) && txt != "" && txt[len(txt)-1] != '\n' {
				lb++
				continue
			}
			break
		}
		for ; ai < la; ai, bi = ai+1, bi+1 {
			ops = append(ops, op{opEq, ai, bi})
		}
		oldL, newL := a[la:lb], splitLines([]byte(txt))
		pre := 0
		for pre < len(oldL) && pre < len(newL) && oldL[pre] == newL[pre] {
			pre++
		}
		suf := 0
		for suf < len(oldL)-pre && suf < len(newL)-pre && oldL[len(oldL)-1-suf] == newL[len(newL)-1-suf] {
			suf++
		}
		for k := 0; k < pre; k++ {
			ops = append(ops, op{opEq, ai, bi})
			ai, bi = ai+1, bi+1
		}
		for k := pre; k < len(oldL)-suf; k++ {
			ops = append(ops, op{opDel, ai, bi})
			ai++
		}
		for k := pre; k < len(newL)-suf; k++ {
			ops = append(ops, op{opIns, ai, bi})
			bi++
		}
		for k := 0; k < suf; k++ {
			ops = append(ops, op{opEq, ai, bi})
			ai, bi = ai+1, bi+1
		}
		i = j
	}
	for ; ai < len(a); ai, bi = ai+1, bi+1 {
		ops = append(ops, op{opEq, ai, bi})
	}
	return ops
}
