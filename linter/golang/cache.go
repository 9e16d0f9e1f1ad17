package golang

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/packages"
)

// Cache keeps the analyzer's findings per package, keyed by everything they
// depend on: the package's files (contents for code you can edit, the
// version for module-cache code, name, size and time for the standard
// library), the keys of its dependencies, its Go language version, the
// analyzer configuration and the reachlint binary itself. A run whose Go code
// has not changed lists the packages (go list, no type-checking) and reads
// the findings back, instead of type-checking everything again. Entries hold
// findings before they are matched to compose services, so a change of the
// compose files never makes a cached entry wrong.
type Cache struct {
	Dir      string // entries live under Dir/go
	MaxBytes int64  // size bound of the entries; 0 = DefaultCacheSize
}

// DefaultCacheSize bounds the cache: when it grows past this, the least
// recently used entries are removed.
const DefaultCacheSize = 64 << 20

// CacheDirEnv names the environment variable that moves the cache; "off"
// disables it.
const CacheDirEnv = "REACHLINT_CACHE_DIR"

// DefaultCacheDir is $REACHLINT_CACHE_DIR, else reachlint under the user
// cache directory ($XDG_CACHE_HOME or ~/.cache on Linux). "" means no cache:
// the variable is "off", or there is no cache directory.
func DefaultCacheDir(getenv func(string) string) string {
	switch d := getenv(CacheDirEnv); d {
	case "off":
		return ""
	case "":
	default:
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "reachlint")
}

// cacheFormat changes whenever the layout of an entry or of its key does.
const cacheFormat = "reachlint-go-cache/2"

type cacheEntry struct {
	Format string    `json:"format"`
	Result pkgResult `json:"result"`
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, "go", key[:2], key+".json")
}

// get reads an entry; any damage is a miss. A hit older than an hour is
// touched, so trimming removes what is not used.
func (c *Cache) get(key string) (pkgResult, bool) {
	p := c.path(key)
	data, err := os.ReadFile(p)
	if err != nil {
		return pkgResult{}, false
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || e.Format != cacheFormat {
		return pkgResult{}, false
	}
	if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > time.Hour {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
	return e.Result, true
}

// put writes an entry atomically (a temporary file renamed into place): a
// concurrent run reads the old entry, the new one, or none. Failing to write
// only costs the next run time.
func (c *Cache) put(key string, r pkgResult) {
	data, err := json.Marshal(cacheEntry{Format: cacheFormat, Result: r})
	if err != nil {
		return
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// trimEvery is how often a run checks the cache's size.
const trimEvery = time.Hour

// trim removes the least recently used entries once the entries outgrow the
// bound, down to three quarters of it. It looks at most once per trimEvery
// (a stamp file records when).
func (c *Cache) trim() {
	root := filepath.Join(c.Dir, "go")
	stamp := filepath.Join(root, "trimmed")
	if st, err := os.Stat(stamp); err == nil && time.Since(st.ModTime()) < trimEvery {
		return
	}
	max := c.MaxBytes
	if max <= 0 {
		max = DefaultCacheSize
	}
	type entry struct {
		path string
		size int64
		mod  time.Time
	}
	var entries []entry
	var total int64
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			entries = append(entries, entry{p, info.Size(), info.ModTime()})
			total += info.Size()
		}
		return nil
	})
	if total > max {
		slices.SortFunc(entries, func(a, b entry) int { return a.mod.Compare(b.mod) })
		for _, e := range entries {
			if total <= max/4*3 {
				break
			}
			if os.Remove(e.path) == nil {
				total -= e.size
			}
		}
	}
	if f, err := os.Create(stamp); err == nil {
		_ = f.Close()
	}
}

// keyer computes package keys over a go list graph.
type keyer struct {
	salt  string
	keys  map[string]string // by package ID
	files map[string]string // content hashes by path
}

// newKeyer salts the keys with what changes every result: the cache format,
// the analyzer configuration, and the binary (its build information and its
// size and time, so a rebuilt development binary never reads old entries).
func newKeyer(config string) *keyer {
	h := sha256.New()
	fmt.Fprintln(h, cacheFormat, config, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintln(h, bi.Main.Path, bi.Main.Version, bi.Main.Sum)
		for _, s := range bi.Settings {
			fmt.Fprintln(h, s.Key, s.Value)
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintln(h, exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return &keyer{salt: hex.EncodeToString(h.Sum(nil)), keys: map[string]string{}, files: map[string]string{}}
}

// key is the package's key, or "" when a file cannot be read.
func (k *keyer) key(p *packages.Package) string {
	if key, ok := k.keys[p.ID]; ok {
		return key
	}
	k.keys[p.ID] = "" // an import cycle (never valid Go) gets no key
	h := sha256.New()
	fmt.Fprintln(h, k.salt, p.ID, p.PkgPath, p.Name)
	immutable := p.Module != nil && p.Module.Version != "" && p.Module.Replace == nil
	if p.Module != nil {
		fmt.Fprintln(h, "module", p.Module.Path, p.Module.Version, p.Module.GoVersion)
		if immutable {
			fmt.Fprintln(h, p.Module.Dir)
		}
	}
	files := slices.Clone(p.GoFiles)
	slices.Sort(files)
	for _, f := range slices.Compact(files) {
		var id string
		switch {
		case immutable:
			id = f // module-cache contents are fixed by the module's version
		case p.Module == nil && isStd(p.PkgPath):
			id = statID(f) // the Go installation's own files
		default:
			id = k.contentID(f)
		}
		if id == "" {
			return ""
		}
		fmt.Fprintln(h, "file", f, id)
	}
	imports := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		imports = append(imports, path)
	}
	slices.Sort(imports)
	for _, path := range imports {
		dk := k.key(p.Imports[path])
		if dk == "" {
			return ""
		}
		fmt.Fprintln(h, "import", path, dk)
	}
	key := hex.EncodeToString(h.Sum(nil))
	k.keys[p.ID] = key
	return key
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func statID(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprint(st.Size(), st.ModTime().UnixNano())
}

var hashBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

func (k *keyer) contentID(path string) string {
	if id, ok := k.files[path]; ok {
		return id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	buf := hashBufs.Get().(*[]byte)
	defer hashBufs.Put(buf)
	if _, err := io.CopyBuffer(h, f, *buf); err != nil {
		return ""
	}
	id := hex.EncodeToString(h.Sum(nil))
	k.files[path] = id
	return id
}

// missPatterns are the go list patterns that load roots again: a root's
// import path, or for a test variant ("p [p.test]", "p_test [p.test]") and
// a test main ("p.test") the package under test, which brings all its
// variants.
func missPatterns(roots, all []*packages.Package) []string {
	tested := map[string]bool{}
	for _, p := range all {
		if _, test, ok := strings.Cut(p.ID, " ["); ok {
			tested[strings.TrimSuffix(strings.TrimSuffix(test, "]"), ".test")] = true
		}
	}
	var out []string
	for _, p := range roots {
		pat := p.PkgPath
		if _, test, ok := strings.Cut(p.ID, " ["); ok {
			pat = strings.TrimSuffix(strings.TrimSuffix(test, "]"), ".test")
		} else if x, ok := strings.CutSuffix(p.ID, ".test"); ok && tested[x] {
			pat = x
		}
		out = append(out, pat)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
