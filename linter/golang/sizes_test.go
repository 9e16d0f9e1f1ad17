package golang

import (
	"fmt"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoSizesFollowsGOARCH: the sizes are those of the GOARCH the go
// command sees, asked once per environment.
func TestGoSizesFollowsGOARCH(t *testing.T) {
	dir := t.TempDir()
	for arch, ptr := range map[string]int64{"386": 4, "arm64": 8, "wasm": 8, "arm": 4} {
		env := append(hermeticEnv(os.Environ(), "off"), "GOARCH="+arch)
		s := goSizes(env, dir)
		if got := s.Sizeof(types.Typ[types.Uintptr]); got != ptr {
			t.Errorf("GOARCH=%s: uintptr is %d bytes, want %d", arch, got, ptr)
		}
		if s != goSizes(env, dir) {
			t.Errorf("GOARCH=%s: asked twice", arch)
		}
	}
	if s := sizesFor("no-such-arch"); s == nil {
		t.Error("an unknown GOARCH has no sizes")
	}
}

// TestListsWithoutBuildActions: a load runs go list without -compiled (with
// it go list computes the build actions of every dependency, and runs the
// compiler and assembler to identify them), and still finds what the
// full file lists would.
func TestListsWithoutBuildActions(t *testing.T) {
	real, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "args.log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	want := Lint([]string{"testdata/mod"}, nil, Options{})
	if len(want) == 0 {
		t.Fatal("no findings in testdata/mod")
	}
	for _, d := range want {
		if d.Rule == "go-load" {
			t.Errorf("load failed: %s", d.Message)
		}
	}
	checkLog := func(what string, wantLists int) {
		t.Helper()
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(log)
		lists := 0
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if strings.Contains(line, "-compiled=true") || strings.Contains(line, "-export=true") {
				t.Errorf("%s: go %s", what, line)
			}
			if strings.HasPrefix(line, "list -e -json") {
				lists++
			}
		}
		if lists != wantLists {
			t.Errorf("%s: %d go list runs for one module, want %d:\n%s", what, lists, wantLists, data)
		}
	}
	checkLog("a load", 1)

	// With the findings cache: the first run lists and then loads, the
	// second only lists, and both find the same.
	c := &Cache{Dir: t.TempDir()}
	for i, lists := range []int{2, 1} {
		got := Lint([]string{"testdata/mod"}, nil, Options{Cache: c})
		if format(got) != format(want) {
			t.Errorf("cached run %d:\n%s\nwant:\n%s", i, format(got), format(want))
		}
		checkLog(fmt.Sprintf("cached run %d", i), lists)
	}
}

// TestListenPort reads the analyzer's categories.
func TestListenPort(t *testing.T) {
	for cat, want := range map[string]int{
		"listen:6060": 6060, "listen": -1, "listen:": -1, "listen:x": -1, "listen:0": -1, "listen6060": -1,
		"sink": 0, "by-name": 0, "": 0,
	} {
		if got := listenPort(cat); got != want {
			t.Errorf("listenPort(%q) = %d, want %d", cat, got, want)
		}
	}
}
