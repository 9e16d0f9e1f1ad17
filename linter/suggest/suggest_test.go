package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"image", "image", 0}, {"imgae", "image", 1}, {"enviroment", "environment", 1},
		{"portz", "ports", 1}, {"db", "api", 3}, {"", "abc", 3}, {"héllo", "hello", 1}, {"ab", "ba", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"loopback-target", "loopback-bind", "unknown-host"}
	if got := Closest("loopback-targt", names, 2); got != "loopback-target" {
		t.Errorf("got %q", got)
	}
	if got := Closest("something-else", names, 2); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
	if got := ClosestKey("ab", map[string]bool{"ac": true, "aa": true}, 1); got != "aa" {
		t.Errorf("tie: got %q, want the alphabetically first", got)
	}
}
