package rules

import "testing"

// TestLoopbackIn: the hosts a sed replacement writes in.
func TestLoopbackIn(t *testing.T) {
	for _, tc := range []struct {
		text          string
		bindAll, want bool
	}{
		{"127.0.0.1", false, true},
		{"mongodb://127.0.0.1:27017", false, true},
		{"http://LOCALHOST:3000/", false, true},
		{"[::1]:80", false, true},
		{"0.0.0.0", false, true},
		{"0.0.0.0", true, false},
		{"mongodb://mongo", false, false},
		{"${DB_HOST}", false, false},
		{"db:5432", false, false},
		{"", false, false},
	} {
		if got := loopbackIn(tc.text, tc.bindAll); got != tc.want {
			t.Errorf("loopbackIn(%q, %v) = %v, want %v", tc.text, tc.bindAll, got, tc.want)
		}
	}
}
