// Package suggest finds the nearest known name to a misspelt one, for "did
// you mean" hints in config errors, suppression directives, schema errors
// and host names.
package suggest

import (
	"maps"
	"slices"
)

// Distance is the optimal string alignment distance of a and b over runes:
// insertions, deletions, substitutions, and a swap of two neighbours counted
// as one edit ("imgae" is one edit from "image").
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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

// Closest returns the candidate nearest to s within maxDist edits, the
// alphabetically first on a tie, or "" when none is that close.
func Closest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if d := Distance(s, c); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// ClosestKey is Closest over the keys of a set.
func ClosestKey(s string, known map[string]bool, maxDist int) string {
	return Closest(s, slices.Sorted(maps.Keys(known)), maxDist)
}
