// Package suggest finds the nearest known name to a misspelt one, for "did
// you mean" hints in config errors, suppression directives, schema errors
// and host names, with one policy for all of them:
//
//   - names are compared without regard to case, and "-" and "_" count as
//     the same character;
//   - the distance counts insertions, deletions, substitutions and a swap
//     of two neighbours as one edit each (optimal string alignment);
//   - a name is suggested when it is at most MaxEdits(s) edits away, and
//     fewer edits than s has runes (so "db" never suggests "ui");
//   - on a tie the candidate that comes first in the order given wins.
//
// Closest scans a list; an Index answers the same question over thousands
// of names without comparing with each.
package suggest

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Distance is the optimal string alignment distance of a and b over runes:
// insertions, deletions, substitutions, and a swap of two neighbours counted
// as one edit ("imgae" is one edit from "image").
func Distance(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return distance([]byte(a), []byte(b))
	}
	return distance([]rune(a), []rune(b))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// distance is Distance over bytes (ASCII) or runes; names are short, so
// the three rows live on the stack.
func distance[T byte | rune](ra, rb []T) int {
	var buf [3 * 33]int
	var prev2, prev, cur []int
	if n := len(rb) + 1; n <= 33 {
		prev2, prev, cur = buf[:n], buf[33:33+n], buf[66:66+n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// MaxEdits is how far a misspelling may be from the name it means: one
// edit in a name of under five runes, two in a longer one.
func MaxEdits(s string) int {
	if len([]rune(s)) < 5 {
		return 1
	}
	return 2
}

// fold is the form names are compared in.
func fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }

// near returns the distance of s to c under the policy, and whether c is
// close enough to suggest.
func near(fs string, n int, c string) (int, bool) { return nearFolded(fs, n, fold(c)) }

// nearFolded is near of a candidate already folded.
func nearFolded(fs string, n int, fc string) (int, bool) {
	if n == 0 {
		return 0, false
	}
	// The distance is at least the difference in length.
	if k := MaxEdits(fs); abs(len(fs)-len(fc)) > 4*k || abs(n-utf8.RuneCountInString(fc)) > k {
		return k + 1, false
	}
	d := Distance(fs, fc)
	return d, d <= MaxEdits(fs) && d < n
}

// Closest returns the candidate nearest to s, or "" when none is close
// enough or s itself is one of them.
func Closest(s string, candidates []string) string {
	fs := fold(s)
	n := len([]rune(fs))
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if c == s {
			return ""
		}
		if d, ok := near(fs, n, c); ok && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// ClosestKey is Closest over the keys of a set, in sorted order.
func ClosestKey(s string, known map[string]bool) string {
	return Closest(s, slices.Sorted(maps.Keys(known)))
}

// Index answers Closest over a fixed list of names in time that does not
// grow with their number: names within k edits of s share a string made
// by deleting at most k runes from each (symmetric deletion). Building it
// costs about as much as a few dozen scans of the names, so the first
// queries scan and the index is built only when queries keep coming.
type Index struct {
	names   []string
	scans   int32        // queries answered by scanning before building
	queries atomic.Int32 // queries so far
	once    sync.Once
	folded  []string         // fold(names[i])
	deletes map[string][]int // deletion variant -> indexes into names, ascending
}

// maxIndexEdits is the largest MaxEdits.
const maxIndexEdits = 2

// scanQueries is how many queries an Index answers by scanning before it
// builds its deletions: a scan of n names costs about a twentieth of
// indexing them, so one that is asked once or twice never builds, and a
// busy one pays at most twice what building at once would have cost.
const scanQueries = 16

// NewIndex indexes names (their order breaks ties). It is safe for
// concurrent use.
func NewIndex(names []string) *Index {
	if len(names) < indexMin {
		return newIndex(names, 1<<30)
	}
	return newIndex(names, scanQueries)
}

// newIndex is an Index that scans for its first scans queries.
func newIndex(names []string, scans int32) *Index { return &Index{names: names, scans: scans} }

func (ix *Index) build() {
	ix.deletes = map[string][]int{}
	ix.folded = make([]string, len(ix.names))
	for i, n := range ix.names {
		ix.folded[i] = fold(n)
		deletions(ix.folded[i], maxIndexEdits, func(v string) {
			if l := ix.deletes[v]; len(l) == 0 || l[len(l)-1] != i {
				ix.deletes[v] = append(l, i)
			}
		})
	}
}

// Closest is Closest(s, names) of the indexed names.
func (ix *Index) Closest(s string) string {
	if ix.queries.Load() < ix.scans && ix.queries.Add(1) <= ix.scans {
		return Closest(s, ix.names)
	}
	ix.once.Do(ix.build)
	fs := fold(s)
	n := len([]rune(fs))
	// Each candidate is weighed once, as its deletions' lists meet it (a
	// bit per name): names alike share long lists ("s1" in s1, s10 ...
	// s1999), which were gathered, sorted and deduplicated per query.
	seen := make([]uint64, (len(ix.names)+63)/64)
	best, bestI, bestD, self := "", -1, 1<<30, false
	deletions(fs, MaxEdits(fs), func(v string) {
		for _, i := range ix.deletes[v] {
			if seen[i>>6]&(1<<(i&63)) != 0 {
				continue
			}
			seen[i>>6] |= 1 << (i & 63)
			c := ix.names[i]
			if c == s {
				self = true
				continue
			}
			// The nearest wins; on a tie, the first in the order given.
			if d, ok := nearFolded(fs, n, ix.folded[i]); ok && (d < bestD || d == bestD && i < bestI) {
				best, bestI, bestD = c, i, d
			}
		}
	})
	if self {
		return ""
	}
	return best
}

// indexMin is the fewest names worth indexing: for fewer, scanning them
// costs less than building the index (every name's deletions).
const indexMin = 64

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// deletions calls emit with s and every string made by deleting up to k of
// its runes (with repeats).
func deletions(s string, k int, emit func(string)) {
	emit(s)
	if k == 0 || s == "" {
		return
	}
	r := []rune(s)
	for i := range r {
		deletions(string(r[:i])+string(r[i+1:]), k-1, emit)
	}
}
