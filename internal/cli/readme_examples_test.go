package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/config"
)

// readmeBlock returns the first ```yaml block after heading.
func readmeBlock(t *testing.T, heading string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, heading)
	if i < 0 {
		t.Fatalf("README has no %q section", heading)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(s[i:])
	if m == nil {
		t.Fatalf("no yaml block after %q", heading)
	}
	return m[1]
}

// TestReadmeConfigExample: the configuration example is a valid file.
func TestReadmeConfigExample(t *testing.T) {
	cfg, ds := config.Parse(".reachlint.yaml", []byte(readmeBlock(t, "## Configuration")), allInfos())
	if len(ds) > 0 || cfg == nil {
		t.Fatalf("README's configuration example is invalid: %+v", ds)
	}
}

// TestReadmeSuppressionExample: both directives in the example suppress a
// real finding, and --no-inline-ignore brings them back.
func TestReadmeSuppressionExample(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"compose.yaml": readmeBlock(t, "## Suppressing findings")})
	out, errOut, code := run(t, dir, "--no-env", "--format", "oneline", ".")
	if code != ExitClean || out != "" {
		t.Fatalf("exit %d, want a clean run:\n%s%s", code, out, errOut)
	}
	out, _, code = run(t, dir, "--no-env", "--no-inline-ignore", "--format", "oneline", ".")
	if code != ExitFindings || strings.Count(out, "[loopback-target]") != 2 {
		t.Fatalf("exit %d, want two loopback-target findings without the directives:\n%s", code, out)
	}
}
