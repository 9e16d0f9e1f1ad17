package cleanpath

import (
	"path/filepath"
	"testing"
)

var seeds = []string{"", "/", "//", ".", "..", "/a", "/a/", "/a//b", "/a/./b", "/a/../b", "/a/.", "/a/..", "a/b", "a", "a/",
	"/.", "/..", "/a/.b", "/a/..b/c", "/...", "/a/b..", "./a", "../a", "a/../b", "/work/main/compose.yaml", "/work/mainx", "/work", "/work/main"}

// IsAbs agrees with filepath.IsAbs and filepath.Clean.
func FuzzIsAbs(f *testing.F) {
	for _, p := range seeds {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if got, want := IsAbs(p), filepath.IsAbs(p) && filepath.Clean(p) == p; got != want {
			t.Fatalf("IsAbs(%q) = %v, want %v", p, got, want)
		}
		if got, want := Clean(p), filepath.Clean(p); got != want {
			t.Fatalf("Clean(%q) = %q, want %q", p, got, want)
		}
		if got, want := Dir(p), filepath.Dir(p); got != want {
			t.Fatalf("Dir(%q) = %q, want %q", p, got, want)
		}
	})
}

// Join and Rel give filepath's results, errors included.
func FuzzJoinRel(f *testing.F) {
	for _, a := range seeds {
		for _, b := range []string{"", "/", "a", "a/b", "/work/main", "/work/main/x", "/work/mainx", ".env", "..", "../x", "x/", ".", "./", "./api", ".//x", "././x", "./..", "./x/../y"} {
			f.Add(a, b)
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := Join(a, b), filepath.Join(a, b); got != want {
			t.Fatalf("Join(%q, %q) = %q, want %q", a, b, got, want)
		}
		got, gerr := Rel(a, b)
		want, werr := filepath.Rel(a, b)
		if got != want || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("Rel(%q, %q) = %q, %v; want %q, %v", a, b, got, gerr, want, werr)
		}
	})
}

// The paths a run handles take the short way, without allocating.
func TestNoAllocation(t *testing.T) {
	dir, file := "/work/main/testdata/examples/nextjs-api", "/work/main/testdata/examples/nextjs-api/compose.yaml"
	n := testing.AllocsPerRun(100, func() {
		if !IsAbs(file) || Clean(file) != file || Dir(file) != dir {
			t.Fatal("wrong result")
		}
		if r, err := Rel(dir, file); err != nil || r != "compose.yaml" {
			t.Fatal("wrong Rel")
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per run, want 0", n)
	}
}
