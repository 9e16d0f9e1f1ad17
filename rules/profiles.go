package rules

import (
	"fmt"
	"slices"

	"github.com/reachlint/reachlint/linter/compose"
)

// mayRunTogether: services whose profiles share none are alternatives
// (a cpu and a gpu variant) and are not started together by design.
func mayRunTogether(a, b *compose.Service) bool {
	if a == b || len(a.Profiles) == 0 || len(b.Profiles) == 0 {
		return true
	}
	for _, x := range a.Profiles {
		for _, y := range b.Profiles {
			if x == y || x == "*" || y == "*" {
				return true
			}
		}
	}
	return false
}

// profileNote says under which profiles two services start together, if
// only under some: "with " + profileNote reads as the condition.
func profileNote(a, b *compose.Service) string { return noteFor(sharedProfiles(a, b)) }

// sharedProfiles returns the profiles under which a and b start together,
// nil when they always do (neither has profiles).
func sharedProfiles(a, b *compose.Service) []string {
	switch {
	case len(a.Profiles) == 0 && len(b.Profiles) == 0:
		return nil
	case len(a.Profiles) == 0:
		return b.Profiles
	case len(b.Profiles) == 0:
		return a.Profiles
	}
	var ps []string
	for _, x := range a.Profiles {
		for _, y := range b.Profiles {
			if x == y {
				ps = append(ps, x)
			}
		}
	}
	return ps
}

// noteFor is the condition "with " + noteFor(ps) states, "" for none.
func noteFor(ps []string) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("profile %q", ps[0])
	}
	return fmt.Sprintf("one of the profiles %s", QuoteList(ps))
}

// groupProfileNote is profileNote for the pairs of services (a, b, a, b,
// ...) that run together: "" when one pair always does, else the profiles
// under which any of them do.
func groupProfileNote(pairs []*compose.Service) string {
	var ps []string
	for i := 0; i+1 < len(pairs); i += 2 {
		shared := sharedProfiles(pairs[i], pairs[i+1])
		if shared == nil {
			return ""
		}
		for _, x := range shared {
			if !slices.Contains(ps, x) {
				ps = append(ps, x)
			}
		}
	}
	return noteFor(ps)
}
