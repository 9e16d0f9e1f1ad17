package cli

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Version, Commit and Date describe a release build; GoReleaser sets them:
//
//	-ldflags "-X github.com/reachlint/reachlint/internal/cli.Version=v0.2.0
//	          -X github.com/reachlint/reachlint/internal/cli.Commit=<sha>
//	          -X github.com/reachlint/reachlint/internal/cli.Date=<RFC 3339>"
//
// Without them they come from the module's build information: `go install
// github.com/reachlint/reachlint/cmd/reachlint@v0.2.0` reports v0.2.0, and a
// build from a clone reports the revision and time git stamped.
var Version, Commit, Date string

// devVersion is what a build knows when neither ldflags nor the module
// (a build with -buildvcs=false from a clone) give a version.
const devVersion = "devel"

type buildInfo struct {
	version, commit, date string
	modified              bool
}

func readBuild() buildInfo {
	b := buildInfo{version: Version, commit: Commit, date: Date}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if b.version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.commit == "" {
					b.commit = s.Value
				}
			case "vcs.time":
				if b.date == "" {
					b.date = s.Value
				}
			case "vcs.modified":
				b.modified = b.modified || (s.Value == "true" && Commit == "")
			}
		}
	}
	if b.version == "" {
		b.version = devVersion
	}
	return b
}

// version is the version alone.
func version() string { return readBuild().version }

// sarifVersion is the version in the numeric form SARIF validators ask of
// tool.driver.version: "0.2.0" for v0.2.0, "0.0.0-devel" for a build that
// knows none.
func sarifVersion() string {
	v := strings.TrimPrefix(version(), "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		v = "0.0.0-" + v
	}
	return v
}

// versionLine is what `reachlint version` prints: the version, then the
// commit and its date when the build knows them.
func versionLine() string {
	b := readBuild()
	var extra []string
	if b.commit != "" {
		c := b.commit
		if len(c) > 12 {
			c = c[:12]
		}
		if b.modified {
			c += ", modified"
		}
		extra = append(extra, "commit "+c)
	}
	if b.date != "" {
		extra = append(extra, b.date)
	}
	if len(extra) == 0 {
		return "reachlint " + b.version
	}
	return fmt.Sprintf("reachlint %s (%s)", b.version, strings.Join(extra, ", "))
}
