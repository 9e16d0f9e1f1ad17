package compose

import (
	"fmt"
	"testing"
)

// TestDocMappings: Doc hands mappings over in written order as Mapping
// values (Len, Entry), and a mapping that repeats a key as a Go map whose
// last value wins, as before.
func TestDocMappings(t *testing.T) {
	pair := func(k, v string) Pair {
		return Pair{Key: &Node{Kind: Scalar, Value: k}, Val: &Node{Kind: Scalar, Value: v, Tag: "!!str"}}
	}
	n := &Node{Kind: Map, Pairs: []Pair{pair("b", "1"), pair("a", "2")}}
	m, ok := toAny(n, nil).(*docMap)
	if !ok || m.Len() != 2 {
		t.Fatalf("Doc of a mapping: %#v", toAny(n, nil))
	}
	if k, v := m.Entry(0); k != "b" || str(v) != "1" {
		t.Errorf("first entry %q=%v, want b=1 (written order)", k, v)
	}
	if _, v := m.Entry(1); str(v) != "2" {
		t.Errorf("second entry %v, want a string \"2\" (by pointer)", v)
	}
	for _, size := range []int{3, 40} { // both ways of finding a repeat
		var pairs []Pair
		for i := range size {
			pairs = append(pairs, pair(fmt.Sprint("k", i), "x"))
		}
		pairs = append(pairs, pair("k1", "last"))
		got, ok := toAny(&Node{Kind: Map, Pairs: pairs}, nil).(map[string]any)
		if !ok || str(got["k1"]) != "last" || len(got) != size {
			t.Errorf("%d keys and a repeat: %#v", size, got)
		}
	}
}

// str is the string a Doc value holds by pointer, or "" when it is none.
func str(v any) string {
	if p, ok := v.(*string); ok {
		return *p
	}
	return ""
}
