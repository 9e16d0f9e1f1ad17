package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	for _, tc := range []struct {
		args []string
		gogc string
		want int
	}{
		{[]string{"./..."}, "", 400},
		{nil, "", 400},
		{[]string{"lsp"}, "", 100},      // a long-running server keeps the default
		{[]string{"./..."}, "200", 100}, // the user's GOGC wins (the runtime read it)
	} {
		debug.SetGCPercent(100)
		tuneGC(tc.args, tc.gogc)
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("tuneGC(%q, GOGC=%q): GC percent %d, want %d", tc.args, tc.gogc, got, tc.want)
		}
	}
}
