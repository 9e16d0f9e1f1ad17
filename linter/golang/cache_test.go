package golang

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeFiles writes files (slash-separated names) below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cacheModule is a module where one package depends on another, so a
// change of the dependency must invalidate its importer.
func cacheModule(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":           "module example.com/c\n\ngo 1.26.0\n",
		"cfg/cfg.go":       "package cfg\n\nfunc Port() string { return \"8080\" }\n",
		"api/api.go":       "package api\n\nimport (\n\t\"net\"\n\n\t\"example.com/c/cfg\"\n)\n\nfunc F() { net.Dial(\"tcp\", \"localhost:\"+cfg.Port()) }\n",
		"api/api_test.go":  "package api\n\nimport (\n\t\"net\"\n\t\"testing\"\n)\n\nfunc TestF(t *testing.T) { net.Dial(\"tcp\", \"127.0.0.1:1\") }\n",
		"worker/worker.go": "package worker\n\nimport \"net\"\n\nfunc F() { net.Dial(\"tcp\", \"127.0.0.1:6379\") }\n",
	})
	return dir
}

// typeChecked records the patterns a Lint call loads with types.
func typeChecked(t *testing.T, f func()) []string {
	t.Helper()
	var got []string
	onTypeCheck = func(p []string) { got = append(got, p...) }
	defer func() { onTypeCheck = nil }()
	f()
	slices.Sort(got)
	return got
}

func TestCacheSameFindingsWithoutTypeChecking(t *testing.T) {
	for _, tests := range []bool{false, true} {
		t.Run(map[bool]string{false: "production", true: "with-tests"}[tests], func(t *testing.T) {
			dir := cacheModule(t)
			want := format(Lint([]string{dir}, nil, Options{IncludeTests: tests}))
			if strings.Count(want, "[hardcodedlocalhost]") < 2 {
				t.Fatalf("the fixture must have findings, got:\n%s", want)
			}
			c := &Cache{Dir: t.TempDir()}
			o := Options{IncludeTests: tests, Cache: c}
			var first string
			if tc := typeChecked(t, func() { first = format(Lint([]string{dir}, nil, o)) }); len(tc) == 0 {
				t.Errorf("an empty cache must type-check")
			}
			if first != want {
				t.Errorf("first cached run differs from an uncached one:\n%s\nwant:\n%s", first, want)
			}
			var second string
			if tc := typeChecked(t, func() { second = format(Lint([]string{dir}, nil, o)) }); len(tc) != 0 {
				t.Errorf("an unchanged module was type-checked again: %v", tc)
			}
			if second != want {
				t.Errorf("run from the cache differs:\n%s\nwant:\n%s", second, want)
			}
		})
	}
}

func TestCacheReanalysesWhatChanged(t *testing.T) {
	dir := cacheModule(t)
	c := &Cache{Dir: t.TempDir()}
	o := Options{Cache: c}
	Lint([]string{dir}, nil, o)

	// A changed package is analysed again, and only it.
	writeFiles(t, dir, map[string]string{
		"worker/worker.go": "package worker\n\nimport \"net\"\n\nfunc F() { net.Dial(\"tcp\", \"localhost:5432\") }\n",
	})
	var got string
	tc := typeChecked(t, func() { got = format(Lint([]string{dir}, nil, o)) })
	if !slices.Equal(tc, []string{"example.com/c/worker"}) {
		t.Errorf("type-checked %v, want only the changed package", tc)
	}
	if !strings.Contains(got, `"localhost:5432"`) || strings.Contains(got, `"127.0.0.1:6379"`) {
		t.Errorf("the changed finding is not reported:\n%s", got)
	}
	if want := format(Lint([]string{dir}, nil, Options{})); got != want {
		t.Errorf("cached run differs from an uncached one:\n%s\nwant:\n%s", got, want)
	}

	// A changed dependency invalidates its importers.
	writeFiles(t, dir, map[string]string{"cfg/cfg.go": "package cfg\n\nfunc Port() string { return \"9090\" }\n"})
	tc = typeChecked(t, func() { Lint([]string{dir}, nil, o) })
	if !slices.Equal(tc, []string{"example.com/c/api", "example.com/c/cfg"}) {
		t.Errorf("type-checked %v, want the changed package and its importer", tc)
	}
}

func TestCacheDamagedEntryIsAMiss(t *testing.T) {
	dir := cacheModule(t)
	c := &Cache{Dir: t.TempDir()}
	want := format(Lint([]string{dir}, nil, Options{Cache: c}))
	var entries []string
	filepath.WalkDir(filepath.Join(c.Dir, "go"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".json") {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) == 0 {
		t.Fatal("no cache entries written")
	}
	for i, p := range entries {
		junk := []string{"{", `{"format":"other","result":{}}`, ""}[i%3]
		os.WriteFile(p, []byte(junk), 0o644)
	}
	var got string
	if tc := typeChecked(t, func() { got = format(Lint([]string{dir}, nil, Options{Cache: c})) }); len(tc) == 0 {
		t.Error("damaged entries were used")
	}
	if got != want {
		t.Errorf("after damage:\n%s\nwant:\n%s", got, want)
	}
}

func TestCacheBrokenPackageIsNotCached(t *testing.T) {
	dir := cacheModule(t)
	writeFiles(t, dir, map[string]string{"broken/broken.go": "package broken\n\nfunc F() { undefined() }\n"})
	c := &Cache{Dir: t.TempDir()}
	for i := range 2 {
		ds := Lint([]string{dir}, nil, Options{Cache: c})
		if !strings.Contains(format(ds), "[go-load]") {
			t.Fatalf("run %d: the broken package is not reported:\n%s", i, format(ds))
		}
	}
}

func TestCacheTrimRemovesLeastRecentlyUsed(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxBytes: 4000}
	old := time.Now().Add(-48 * time.Hour)
	var keys []string
	for i := range 10 {
		key := strings.Repeat(string(rune('a'+i)), 64)
		keys = append(keys, key)
		c.put(key, pkgResult{Findings: []finding{{Message: strings.Repeat("x", 500)}}})
		at := old.Add(time.Duration(i) * time.Hour)
		os.Chtimes(c.path(key), at, at)
	}
	c.trim()
	var kept []string
	for _, k := range keys {
		if _, err := os.Stat(c.path(k)); err == nil {
			kept = append(kept, k[:1])
		}
	}
	if len(kept) == 0 || len(kept) == len(keys) || kept[len(kept)-1] != "j" || kept[0] == "a" {
		t.Errorf("kept %v: want the most recently used entries, under the bound", kept)
	}
	// Within the hour after a trim, a run does not walk the cache again.
	c.put(strings.Repeat("z", 64), pkgResult{Findings: []finding{{Message: strings.Repeat("y", 5000)}}})
	c.trim()
	if _, err := os.Stat(c.path(strings.Repeat("z", 64))); err != nil {
		t.Errorf("trimmed again within the hour: %v", err)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if d := DefaultCacheDir(env(map[string]string{CacheDirEnv: "off"})); d != "" {
		t.Errorf("off: %q", d)
	}
	if d := DefaultCacheDir(env(map[string]string{CacheDirEnv: "/x/y"})); d != "/x/y" {
		t.Errorf("explicit: %q", d)
	}
	base, err := os.UserCacheDir()
	if d := DefaultCacheDir(env(nil)); err == nil && d != filepath.Join(base, "reachlint") {
		t.Errorf("default: %q", d)
	}
}
