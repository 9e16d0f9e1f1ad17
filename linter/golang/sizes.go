package golang

import (
	"go/types"
	"os/exec"
	"runtime"
	"strings"
	"sync"
)

// goSizes returns the type sizes of the GOARCH that the go command sees in
// env, asked once per environment for the process. go list is not asked
// for them: with them (or with compiled file lists) it computes every
// package's build actions, which more than doubles its time. The compiler
// is gc, the only one go list serves.
func goSizes(env []string, dir string) types.Sizes {
	key := strings.Join(env, "\x00")
	sizesMu.Lock()
	e := sizesMemo[key]
	if e == nil {
		e = &sizesEntry{}
		sizesMemo[key] = e
	}
	sizesMu.Unlock()
	e.once.Do(func() { e.sizes = sizesFor(goarch(env, dir)) })
	return e.sizes
}

type sizesEntry struct {
	once  sync.Once
	sizes types.Sizes
}

var (
	sizesMu   sync.Mutex
	sizesMemo = map[string]*sizesEntry{}
)

// goarch asks the go command for GOARCH; "" when it cannot say (the load
// itself then reports why).
func goarch(env []string, dir string) string {
	cmd := exec.Command("go", "env", "GOARCH")
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// sizesFor is gc's sizes for arch, this machine's for an unknown one.
func sizesFor(arch string) types.Sizes {
	if s := types.SizesFor("gc", arch); s != nil {
		return s
	}
	return types.SizesFor("gc", runtime.GOARCH)
}
