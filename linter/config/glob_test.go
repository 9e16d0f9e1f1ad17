package config

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"time"
)

func TestGlob(t *testing.T) {
	cases := []struct {
		pat, path string
		want      bool
	}{
		{"legacy", "legacy/compose.yaml", true},
		{"legacy", "x/legacy/compose.yaml", false},
		{"legacy/**", "legacy/a/b/compose.yaml", true},
		{"**/legacy", "a/b/legacy/c.yml", true},
		{"**/*.local.yml", "compose.local.yml", true},
		{"**/*.local.yml", "a/b/compose.local.yml", true},
		{"*.local.yml", "a/compose.local.yml", false},
		{"a/**/c.yml", "a/c.yml", true},
		{"a/**/c.yml", "a/x/y/c.yml", true},
		{"a/**/c.yml", "b/a/c.yml", false},
		{"{docker-,}compose.y{a,}ml", "docker-compose.yml", true},
		{"{docker-,}compose.y{a,}ml", "compose.yaml", true},
		{"{docker-,}compose.y{a,}ml", "podman-compose.yml", false},
		{"env/{dev,prod/{eu,us}}/*.env", "env/prod/us/a.env", true},
		{"env/{dev,prod/{eu,us}}/*.env", "env/prod/asia/a.env", false},
		{"[abc]?.yml", "b1.yml", true},
		{"[!abc]?.yml", "b1.yml", false},
		{`\*.yml`, "*.yml", true},
		{`\*.yml`, "a.yml", false},
		{"./x.yml", "x.yml", true},
		{"/x.yml", "x.yml", true},
		{"*", "a/b", true}, // the directory a matches
		{"**", "a/b", true},
	}
	for _, c := range cases {
		g, err := compileGlob(c.pat)
		if err != nil {
			t.Errorf("%q: %v", c.pat, err)
			continue
		}
		if got := g.match(c.path); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.pat, c.path, got, c.want)
		}
	}
	for _, bad := range []string{"[a", "a{b", "a}b", "", `x\`} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func FuzzGlob(f *testing.F) {
	f.Add("a/**/{b,c}*.yml", "a/x/b1.yml")
	f.Add("**/d*/**/d*/**/x", "d/d/d/d/d/y")
	f.Fuzz(func(t *testing.T, pat, p string) {
		if len(pat) > 64 {
			return
		}
		g, err := compileGlob(pat)
		if err != nil {
			return
		}
		got := g.match(p)
		// The memoized matcher agrees with plain backtracking where that
		// one is affordable.
		if strings.Count(pat, "**") <= 3 && len(p) <= 64 {
			want := false
			segs := strings.Split(p, "/")
			for _, alt := range g.alts {
				for n := len(segs); n > 0 && !want; n-- {
					want = refMatch(alt, segs[:n])
				}
			}
			if got != want {
				t.Fatalf("match(%q, %q) = %v, backtracking says %v", pat, p, got, want)
			}
		}
	})
}

// refMatch is the backtracking matcher the memoized one replaced.
func refMatch(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(segs); i++ {
				if refMatch(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// TestGlobNoBacktracking: a pattern of many "**/d*" against a deep path of
// "d" directories that finally does not match (exponential when
// backtracking) answers at once.
func TestGlobNoBacktracking(t *testing.T) {
	g, err := compileGlob(strings.Repeat("**/d*/", 20) + "x")
	if err != nil {
		t.Fatal(err)
	}
	p := strings.Repeat("d/", 60) + "y"
	start := time.Now()
	if g.match(p) {
		t.Error("matched")
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v", el)
	}
}

// BenchmarkGlobDeep shows the cost growing with pattern x path size, not
// exponentially.
func BenchmarkGlobDeep(b *testing.B) {
	for _, n := range []int{5, 10, 20, 40} {
		g, _ := compileGlob(strings.Repeat("**/d*/", n) + "x")
		p := strings.Repeat("d/", 3*n) + "y"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				g.match(p)
			}
		})
	}
}
