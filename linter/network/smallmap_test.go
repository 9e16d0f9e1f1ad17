package network

import (
	"fmt"
	"testing"
)

// A smallMap answers as a Go map, below and past the size at which it
// turns into one.
func TestSmallMap(t *testing.T) {
	for _, n := range []int{0, 3, smallMapMax, 40} {
		s, want := newSmallMap[string, int](n), map[string]int{}
		for i := range 3 * smallMapMax {
			k := fmt.Sprint(i % (2*smallMapMax + 1))
			s.set(k, i)
			want[k] = i
			for j := range 3 * smallMapMax {
				k := fmt.Sprint(j)
				got, ok := s.lookup(k)
				w, wok := want[k]
				if got != w || ok != wok || s.get(k) != w {
					t.Fatalf("sized %d, after %d sets: %q is %d, %v; want %d, %v", n, i+1, k, got, ok, w, wok)
				}
			}
		}
		if (s.m != nil) != (len(want) > smallMapMax || n > smallMapMax) {
			t.Errorf("sized %d with %d entries: a map %v", n, len(want), s.m != nil)
		}
	}
}
