package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
)

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestExitCodes: missing -f and --env-file files are usage errors (2), an
// empty compose file is reported, and a report that cannot be written has
// its own code (4), not the internal-error code.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": fixable, "empty/compose.yaml": "", "null/compose.yaml": "null\n"})
	if _, errOut, code := run(t, dir, "-f", "nope.yaml"); code != ExitUsage || !strings.Contains(errOut, "nope.yaml") {
		t.Errorf("missing -f: exit %d, stderr %s", code, errOut)
	}
	if _, errOut, code := run(t, dir, "--env-file", "nope.env", "."); code != ExitUsage || !strings.Contains(errOut, "nope.env") {
		t.Errorf("missing --env-file: exit %d, stderr %s", code, errOut)
	}
	for _, d := range []string{"empty", "null"} {
		if out, _, code := run(t, dir, "--no-env", d); code != ExitFindings || !strings.Contains(out, "empty compose file") {
			t.Errorf("%s compose file: exit %d\n%s", d, code, out)
		}
	}
	var errb bytes.Buffer
	if code := Main([]string{"--no-env", "."}, &Env{Stdout: failingWriter{}, Stderr: &errb, Cwd: dir, NoGo: true}); code != ExitOutput {
		t.Errorf("write error: exit %d, stderr %s", code, errb.String())
	}
	if _, _, code := run(t, dir, "--no-env", "--format", "json", "--output", filepath.Join(dir, "no", "such", "dir.json"), "."); code != ExitOutput {
		t.Errorf("unwritable --output: exit %d", code)
	}
}
