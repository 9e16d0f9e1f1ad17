package rules

import (
	"regexp"
	"testing"
)

// isShellName is the name pattern POSIX shells and Compose's interpolation
// accept, written out.
func FuzzIsShellName(f *testing.F) {
	for _, s := range []string{"", "A", "_", "a1", "1a", "DB-HOST", "DB_HOST", "X.Y", "é", "A B", "_9"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isShellName(s), re.MatchString(s); got != want {
			t.Fatalf("isShellName(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
