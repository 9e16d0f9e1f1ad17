// Package fix applies the text edits that rules attach to findings, writes the
// result atomically, and renders it as a unified diff for --diff.
//
// Edits address bytes by offset (diag.Pos.Offset), so everything outside the
// replaced spans (comments, quoting, indentation, line endings, non-ASCII
// text) is preserved byte-for-byte. Typical use for one file:
//
//	out, skipped, err := fix.Apply(data, edits)
//	if err == nil && !bytes.Equal(out, data) {
//		err = fix.WriteAtomic(path, out, projectRoot)
//	}
package fix

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/reachlint/reachlint/linter/diag"
)

// Apply returns data with edits applied. Edits are considered in the order
// given: an edit that overlaps an edit already accepted is skipped and
// returned in skipped, so the result is deterministic. Identical duplicate
// edits (two findings proposing the same change) are applied once and not
// reported. Two edits overlap when their byte ranges intersect, when an
// insertion falls strictly inside a replaced range, or when two different
// insertions share an offset (their order would be arbitrary). An edit with an
// unknown or out-of-range offset is an error and nothing is applied.
func Apply(data []byte, edits []diag.TextEdit) (out []byte, skipped []diag.TextEdit, err error) {
	for _, e := range edits {
		if err := check(data, e); err != nil {
			return nil, nil, err
		}
	}
	var accepted []diag.TextEdit
next:
	for _, e := range edits {
		for _, a := range accepted {
			if sameEdit(a, e) {
				continue next
			}
			if overlaps(a, e) {
				skipped = append(skipped, e)
				continue next
			}
		}
		accepted = append(accepted, e)
	}
	return splice(data, accepted), skipped, nil
}

// ApplyFixes applies whole fixes: a fix is accepted only if none of its edits
// overlaps an edit of a fix accepted before it (or another edit of itself),
// so a fix is never half-applied. It returns the indexes of the fixes applied.
func ApplyFixes(data []byte, fixes []diag.Fix) (out []byte, applied []int, err error) {
	out, applied, _, err = Plan(data, fixes)
	return out, applied, err
}

// Plan is ApplyFixes that also returns the edits it accepted, sorted by
// offset. Accepted edits are kept sorted, so checking an edit costs a
// binary search and a look at its neighbours: thousands of fixes cost no
// more than their number.
func Plan(data []byte, fixes []diag.Fix) (out []byte, applied []int, edits []diag.TextEdit, err error) {
	for _, f := range fixes {
		for _, e := range f.Edits {
			if err := check(data, e); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	var acc []diag.TextEdit // accepted, sorted by (start, end), non-overlapping
	less := func(x, y diag.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Range.Start.Offset, y.Range.Start.Offset), cmp.Compare(x.Range.End.Offset, y.Range.End.Offset))
	}
	// clash: e overlaps an accepted edit (dup: it repeats one exactly).
	clash := func(e diag.TextEdit) (overlap, dup bool) {
		lo := sort.Search(len(acc), func(i int) bool { return acc[i].Range.End.Offset >= e.Range.Start.Offset })
		for k := lo; k < len(acc) && acc[k].Range.Start.Offset <= e.Range.End.Offset; k++ {
			if sameEdit(acc[k], e) {
				dup = true
				continue
			}
			if overlaps(acc[k], e) {
				return true, false
			}
		}
		return false, dup
	}
	for i, f := range fixes {
		var add []diag.TextEdit
		ok := true
	edits:
		for _, e := range f.Edits {
			for _, a := range add {
				if sameEdit(a, e) {
					continue edits
				}
				if overlaps(a, e) {
					ok = false
					break edits
				}
			}
			overlap, dup := clash(e)
			if overlap {
				ok = false
				break
			}
			if !dup {
				add = append(add, e)
			}
		}
		if ok {
			for _, e := range add {
				k, _ := slices.BinarySearchFunc(acc, e, less)
				acc = slices.Insert(acc, k, e)
			}
			applied = append(applied, i)
		}
	}
	return splice(data, acc), applied, acc, nil
}

func check(data []byte, e diag.TextEdit) error {
	s, t := e.Range.Start.Offset, e.Range.End.Offset
	if s < 0 || t < s || t > len(data) {
		return fmt.Errorf("%s: invalid edit offsets [%d,%d) for a file of %d bytes", e.Range, s, t, len(data))
	}
	return nil
}

func sameEdit(a, b diag.TextEdit) bool {
	return a.Range.Start.Offset == b.Range.Start.Offset && a.Range.End.Offset == b.Range.End.Offset && a.NewText == b.NewText
}

func overlaps(a, b diag.TextEdit) bool {
	as, ae := a.Range.Start.Offset, a.Range.End.Offset
	bs, be := b.Range.Start.Offset, b.Range.End.Offset
	switch {
	case as == ae && bs == be:
		return as == bs
	case as == ae:
		return bs < as && as < be
	case bs == be:
		return as < bs && bs < ae
	}
	return as < be && bs < ae
}

// splice applies non-overlapping edits. An insertion at the start of a
// replacement goes before it.
func splice(data []byte, edits []diag.TextEdit) []byte {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b diag.TextEdit) int {
		return cmp.Or(cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset),
			cmp.Compare(a.Range.End.Offset, b.Range.End.Offset))
	})
	out := make([]byte, 0, len(data))
	last := 0
	for _, e := range edits {
		out = append(out, data[last:e.Range.Start.Offset]...)
		out = append(out, e.NewText...)
		last = e.Range.End.Offset
	}
	return append(out, data[last:]...)
}
