package golang

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
)

// unit is one go list invocation: patterns relative to dir, in a workspace
// (gowork is the go.work path) or with workspaces off.
type unit struct {
	dir      string
	patterns []string
	gowork   string // "off" or the go.work file
	anchor   string // go.mod or go.work: where a failure to load is reported
}

// skipDir reports whether the module walk ignores a directory, as the go
// command does for ./... (testdata, vendor, hidden and _ directories) plus
// node_modules, which holds other people's code.
func skipDir(name string) bool {
	return name == "testdata" || name == "vendor" || name == "node_modules" ||
		strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// findModules returns the directories below root (root included) that hold
// a go.mod, in the order filepath.WalkDir visits them, listing directories
// with readDir (the run's listings, which discovery made already; nil:
// os.ReadDir). Unreadable directories are skipped: the walk never fails as
// a whole. Like WalkDir, it does not follow links to directories below
// root; root itself may be one, as discovery's walk follows it.
func findModules(root string, readDir func(string) ([]fs.DirEntry, error)) []string {
	if readDir == nil {
		readDir = os.ReadDir
	}
	var out []string
	var walk func(dir string)
	walk = func(dir string) {
		ents, err := readDir(dir)
		if err != nil {
			return
		}
		for _, e := range ents {
			switch {
			case e.IsDir():
				if !skipDir(e.Name()) {
					walk(filepath.Join(dir, e.Name()))
				}
			case e.Name() == "go.mod" && e.Type().IsRegular():
				out = append(out, dir)
			}
		}
	}
	walk(root)
	return out
}

// findUp returns the first dir at or above start holding name.
func findUp(start, name string) (string, bool) {
	for d := start; ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, name)); err == nil && !st.IsDir() {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// workspace is a go.work file and the module directories it uses.
type workspace struct {
	file string
	uses []string // absolute, cleaned
}

func readWorkspace(dir string) *workspace {
	path := filepath.Join(dir, "go.work")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	ws := &workspace{file: path}
	wf, err := modfile.ParseWork(path, data, nil)
	if err != nil {
		return ws // go list reports the syntax error
	}
	for _, u := range wf.Use {
		p := u.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		ws.uses = append(ws.uses, filepath.Clean(p))
	}
	return ws
}

func (ws *workspace) has(mod string) bool {
	return ws != nil && slices.Contains(ws.uses, mod)
}

// within reports whether path is dir or below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// plan turns DIR/... roots and directories of named .go files into go list
// invocations covering every module below each root: the modules of a
// go.work when one is at or above the root, every go.mod the walk finds
// (each on its own, workspaces off, when no go.work uses it), and the module
// that contains the root.
func plan(roots, dirs []string, readDir func(string) ([]fs.DirEntry, error)) []unit {
	var out []unit
	seen := map[string]bool{}
	add := func(u unit) {
		key := u.dir + "\x00" + strings.Join(u.patterns, "\x00") + "\x00" + u.gowork
		if !seen[key] {
			seen[key] = true
			out = append(out, u)
		}
	}
	wsFor := func(dir string) *workspace {
		if os.Getenv("GOWORK") == "off" {
			return nil
		}
		if d, ok := findUp(dir, "go.work"); ok {
			return readWorkspace(d)
		}
		return nil
	}
	for _, root := range roots {
		ws := wsFor(root)
		mods := findModules(root, readDir)
		if enc, ok := findUp(root, "go.mod"); ok && enc != root {
			mods = append([]string{enc}, mods...)
		}
		var wsPatterns []string
		for _, m := range mods {
			dir := m
			if !within(m, root) {
				dir = root // the module containing root: only what is below root
			}
			if ws.has(m) {
				rel, _ := filepath.Rel(filepath.Dir(ws.file), dir)
				wsPatterns = append(wsPatterns, "./"+filepath.ToSlash(rel)+"/...")
				continue
			}
			add(unit{dir: dir, patterns: []string{"./..."}, gowork: "off", anchor: filepath.Join(m, "go.mod")})
		}
		if len(wsPatterns) > 0 {
			for i, p := range wsPatterns {
				wsPatterns[i] = strings.Replace(p, "/./...", "/...", 1)
			}
			add(unit{dir: filepath.Dir(ws.file), patterns: wsPatterns, gowork: ws.file, anchor: ws.file})
		}
	}
	for _, d := range dirs {
		m, ok := findUp(d, "go.mod")
		if !ok {
			continue // a .go file outside any module: nothing to type-check against
		}
		ws := wsFor(d)
		if ws.has(m) {
			add(unit{dir: d, patterns: []string{"."}, gowork: ws.file, anchor: ws.file})
			continue
		}
		add(unit{dir: d, patterns: []string{"."}, gowork: "off", anchor: filepath.Join(m, "go.mod")})
	}
	return out
}

// hermeticEnv is the environment go list runs in: never the network
// (GOPROXY=off, no toolchain download), never a C compiler (CGO_ENABLED=0),
// never a rewrite of go.mod (no -mod=mod from GOFLAGS), so that a missing
// module or a too new go line becomes a go-load diagnostic. The toolchain is
// the version the user pinned in GOTOOLCHAIN (go1.27.3) when the module
// cache already holds it, else the local one.
func hermeticEnv(base []string, gowork string) []string {
	var env []string
	toolchain := "local"
	vars := map[string]string{}
	for _, kv := range base {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	if name, _, _ := strings.Cut(vars["GOTOOLCHAIN"], "+"); pinnedToolchain.MatchString(name) && toolchainCached(name, vars) {
		toolchain = name
	}
	for _, kv := range base {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOTOOLCHAIN", "GOPROXY", "CGO_ENABLED", "GOWORK", "GOFLAGS":
			if k == "GOFLAGS" {
				var keep []string
				for _, f := range strings.Fields(v) {
					if !strings.HasPrefix(f, "-mod=") && !strings.HasPrefix(f, "--mod=") {
						keep = append(keep, f)
					}
				}
				env = append(env, "GOFLAGS="+strings.Join(keep, " "))
			}
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOTOOLCHAIN="+toolchain, "GOPROXY=off", "CGO_ENABLED=0", "GOWORK="+gowork)
}

// toolchainCached reports whether the module cache holds Go release name
// for this platform, where the go command looks for a toolchain before it
// would download one: GOMODCACHE, else the first GOPATH entry's pkg/mod,
// else ~/go/pkg/mod.
func toolchainCached(name string, vars map[string]string) bool {
	cache := vars["GOMODCACHE"]
	if cache == "" {
		gopath, _, _ := strings.Cut(vars["GOPATH"], string(filepath.ListSeparator))
		if gopath == "" {
			home := vars["HOME"]
			if home == "" {
				home, _ = os.UserHomeDir()
			}
			if home == "" {
				return false
			}
			gopath = filepath.Join(home, "go")
		}
		cache = filepath.Join(gopath, "pkg", "mod")
	}
	dir := filepath.Join(cache, "golang.org", "toolchain@v0.0.1-"+name+"."+runtime.GOOS+"-"+runtime.GOARCH)
	st, err := os.Stat(filepath.Join(dir, "bin", "go"+exeSuffix()))
	return err == nil && !st.IsDir()
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// pinnedToolchain is a GOTOOLCHAIN naming one Go release (go1.27.3,
// go1.28rc1), not auto, path or local.
var pinnedToolchain = regexp.MustCompile(`^go1\.[0-9]+(\.[0-9]+|rc[0-9]+)?$`)
