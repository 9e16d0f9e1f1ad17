package cli

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
	if got := sarifVersion(); got != "0.2.0" {
		t.Errorf("sarifVersion() = %q, want the numeric form", got)
	}
	Version = ""
	if got := version(); got == "" {
		t.Error("no version without ldflags")
	}
}

// TestSARIFVersionNumeric: the SARIF multitool warns about a
// tool.driver.version that is not numeric (SARIF2005), as "devel" and
// "v0.2.0" are.
func TestSARIFVersionNumeric(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	for v, want := range map[string]string{"devel": "0.0.0-devel", "v0.2.0": "0.2.0", "v0.0.0-20261206-abcdef": "0.0.0-20261206-abcdef", "0.3.1": "0.3.1"} {
		Version = v
		if got := sarifVersion(); got != want {
			t.Errorf("%s: sarifVersion() = %q, want %q", v, got, want)
		}
	}
}
