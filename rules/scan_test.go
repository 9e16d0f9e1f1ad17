package rules

import (
	"regexp"
	"slices"
	"strings"
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

// indexAllFold finds what searching the lower-cased text finds: the quick
// check before it only passes text that cannot hold the name.
func FuzzIndexAllFold(f *testing.F) {
	for _, s := range []string{"http://host.docker.internal:80", "HOST.DOCKER.INTERNAL", "xhost.docker.internal", "host.docker.internal.example", "Ho\u212aT", "", "h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []int
		low := strings.ToLower(s)
		for i := 0; ; {
			j := strings.Index(low[i:], hostDockerInternal)
			if j < 0 {
				break
			}
			a := i + j
			i = a + len(hostDockerInternal)
			if (a > 0 && isNameByte(low[a-1])) || (i < len(low) && (isNameByte(low[i]) || low[i] == '.' && i+1 < len(low) && isNameByte(low[i+1]))) {
				continue
			}
			want = append(want, a)
		}
		if got := indexAllFold(s, hostDockerInternal); !slices.Equal(got, want) {
			t.Fatalf("indexAllFold(%q) = %v, want %v", s, got, want)
		}
	})
}
