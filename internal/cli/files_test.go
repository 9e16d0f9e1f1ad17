package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/output"
)

// runWithin runs the CLI and fails the test if it does not finish in time
// (a FIFO read would block forever, /dev/zero would never end).
func runWithin(t *testing.T, d time.Duration, dir string, args ...string) (string, string, int) {
	t.Helper()
	type res struct {
		out, errOut string
		code        int
	}
	done := make(chan res, 1)
	go func() {
		o, e, c := run(t, dir, args...)
		done <- res{o, e, c}
	}()
	select {
	case r := <-done:
		return r.out, r.errOut, r.code
	case <-time.After(d):
		t.Fatalf("reachlint %v did not finish within %v", args, d)
	}
	return "", "", 0
}

// TestSpecialFiles: FIFOs, /dev/zero and /proc entries as compose files,
// .env, env_file and include targets are refused by type with a clear
// message, quickly, and nothing of them is printed.
func TestSpecialFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	mkfifo := func(t *testing.T, p string) {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	base := "services:\n  a:\n    image: x\n"
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"fifo compose.yaml", func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "compose.yaml")) }, "FIFO"},
		{"fifo .env", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": base})
			mkfifo(t, filepath.Join(dir, ".env"))
		}, "FIFO"},
		{"fifo env_file", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": base + "    env_file: app.env\n"})
			mkfifo(t, filepath.Join(dir, "app.env"))
		}, "FIFO"},
		{"fifo include", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": "include: [other.yaml]\n" + base})
			mkfifo(t, filepath.Join(dir, "other.yaml"))
		}, "FIFO"},
		{"/dev/zero .env", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": base})
			if err := os.Symlink("/dev/zero", filepath.Join(dir, ".env")); err != nil {
				t.Fatal(err)
			}
		}, "device"},
		{"/dev/zero env_file", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": base + "    env_file: /dev/zero\n"})
		}, "device"},
		{"/proc/self/environ env_file", func(t *testing.T, dir string) {
			testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": base + "    env_file: /proc/self/environ\n"})
		}, "pseudo file system"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			out, errOut, code := runWithin(t, 10*time.Second, dir, "--no-env", ".")
			if !strings.Contains(out+errOut, tc.want) || code == ExitClean {
				t.Errorf("exit %d, want a finding that says %q:\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

// TestOutsideContentNeverPrinted: content of files outside the project is
// not printed in any format (issue 12): env_file pointing at a private key,
// a .env that links to a file elsewhere, include of a file elsewhere.
func TestOutsideContentNeverPrinted(t *testing.T) {
	outside := t.TempDir()
	const key = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"
	testfs.WriteFiles(t, outside, map[string]string{
		"id_ed25519": "-----BEGIN OPENSSH PRIVATE KEY-----\n" + key + "\nOUTSIDE-LINE-2 x\n-----END OPENSSH PRIVATE KEY-----\n",
		"shadow":     "root:OUTSIDE-HASH:19000:0:99999:7:::\nAPI_URL=http://localhost:1\n",
		"passwd.yml": "root:x:0:0:OUTSIDE-ROOT:/root:/bin/bash\n",
	})
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{
		"compose.yaml": "include: [" + filepath.Join(outside, "passwd.yml") + "]\nservices:\n  a:\n    image: x\n    env_file: " + filepath.Join(outside, "id_ed25519") + "\n    environment:\n      API_URL: ${API_URL}\n",
	})
	if err := os.Symlink(filepath.Join(outside, "shadow"), filepath.Join(dir, ".env")); err != nil {
		t.Fatal(err)
	}
	sawLink := false
	for _, f := range output.Formats {
		out, errOut, _ := runWithin(t, 10*time.Second, dir, "--no-env", "--enable", "all", "--fail-level", "info", "--format", f, ".")
		for _, s := range []string{key, "OUTSIDE", "root:", "/bin/bash", "localhost:1"} {
			if strings.Contains(out+errOut, s) {
				t.Errorf("--format %s prints %q of a file outside the project:\n%s%s", f, s, out, errOut)
			}
		}
		sawLink = sawLink || strings.Contains(out, "symbolic link")
	}
	if !sawLink {
		t.Error("the .env link out of the project is not reported")
	}
}
