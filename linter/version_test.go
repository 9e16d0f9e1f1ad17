package linter

import "testing"

// TestVersionLine: release builds set Version, Commit and Date with
// -ldflags; the line shows all three, and SARIF gets the version alone.
func TestVersionLine(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, Date = v, c, d }(Version, Commit, Date)
	Version, Commit, Date = "v0.2.0", "0123456789abcdef0123", "2026-12-06T00:00:00Z"
	if got, want := versionLine(), "reachlint v0.2.0 (commit 0123456789ab, 2026-12-06T00:00:00Z)"; got != want {
		t.Errorf("versionLine() = %q, want %q", got, want)
	}
	if got := version(); got != "v0.2.0" {
		t.Errorf("version() = %q", got)
	}
	Version = ""
	if got := version(); got == "" {
		t.Error("no version without ldflags")
	}
}
