package suggest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

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
	for s, want := range map[string]string{
		"loopback-targt":  "loopback-target",
		"LOOPBACK_TARGET": "loopback-target", // case and "_" for "-" are free
		"something-else":  "",
		"loopback-target": "", // a known name suggests nothing
	} {
		if got := Closest(s, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", s, got, want)
		}
	}
	if got := ClosestKey("abc", map[string]bool{"abd": true, "abe": true}); got != "abd" {
		t.Errorf("tie: got %q, want the alphabetically first key", got)
	}
	// Short names allow one edit, and never as many edits as they have
	// runes.
	if got := Closest("db", []string{"ui"}); got != "" {
		t.Errorf("db -> %q", got)
	}
	if got := Closest("apx", []string{"api", "apxyz"}); got != "api" {
		t.Errorf("apx -> %q", got)
	}
}

// TestIndexAgrees: the index finds what a scan of the same names finds,
// whether it scans (its first queries) or has built its deletions.
func TestIndexAgrees(t *testing.T) {
	names := []string{"postgres-db", "mongodb", "api", "redis", "redis-cache", "web", "worker-1", "db", "héllo-wörld"}
	for i := len(names); i < indexMin; i++ {
		names = append(names, fmt.Sprintf("svc-%d", i))
	}
	queries := []string{"postgres_db", "mongo", "apx", "xyz", "redis_cach", "wbe", "worker-2", "d", "POSTGRES-DB", "reddis",
		"svc-1", "svc-100", "svc_12", "hello-world", "héllo", "", "svc-63"}
	for len(queries) <= scanQueries {
		queries = append(queries, queries...)
	}
	ix := NewIndex(names)
	for _, s := range queries {
		if a, b := ix.Closest(s), Closest(s, names); a != b {
			t.Errorf("%q: index %q, scan %q", s, a, b)
		}
	}
	if ix.deletes == nil {
		t.Errorf("the index was not built after %d queries", len(queries))
	}
	if ix := NewIndex(names); ix.Closest("svc_12") != "svc-12" || ix.deletes != nil {
		t.Errorf("one query built the index or missed")
	}
}

// TestIndexConcurrent: queries from several goroutines while the index
// switches from scanning to its deletions (run with -race).
func TestIndexConcurrent(t *testing.T) {
	var names []string
	for i := range 200 {
		names = append(names, fmt.Sprintf("service-%d", i))
	}
	ix := NewIndex(names)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3 * scanQueries {
				s := fmt.Sprintf("servce-%d", (g*31+i)%200)
				if got, want := ix.Closest(s), Closest(s, names); got != want {
					t.Errorf("%q: %q, want %q", s, got, want)
				}
			}
		})
	}
	wg.Wait()
}

func FuzzIndexAgrees(f *testing.F) {
	f.Add("postgres_db", "postgres-db,mongodb,api")
	f.Fuzz(func(t *testing.T, s, list string) {
		if len(s) > 40 || len(list) > 400 {
			return
		}
		names := strings.Split(list, ",")
		if a, b := newIndex(names, 0).Closest(s), Closest(s, names); a != b {
			t.Errorf("%q in %q: index %q, scan %q", s, names, a, b)
		}
		if a, b := Closest(s, names), closestRef(s, names); a != b {
			t.Errorf("%q in %q: scan %q, reference %q", s, names, a, b)
		}
	})
}

// closestRef is the policy of the package comment with the textbook
// distance and no shortcut: the reference for Closest's length filters.
func closestRef(s string, names []string) string {
	fs := fold(s)
	n := len([]rune(fs))
	best, bestD := "", 1<<30
	for _, c := range names {
		if c == s {
			return ""
		}
		if d := osa(fs, fold(c)); d <= MaxEdits(fs) && d < n && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// osa is the optimal string alignment distance by the textbook full
// matrix over runes: the reference for Distance's fast paths (ASCII bytes,
// rows on the stack).
func osa(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func FuzzDistance(f *testing.F) {
	for _, p := range [][2]string{{"imgae", "image"}, {"", "x"}, {"db", "ui"}, {"héllo", "hello"}, {"ab", "ba"},
		{"a-very-long-service-name-beyond-32-runes", "a-very-long-service-name-beyond-32-rune"}, {"\xff", "\xfe"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 200 || len(b) > 200 {
			return
		}
		if got, want := Distance(a, b), osa(a, b); got != want {
			t.Fatalf("Distance(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
