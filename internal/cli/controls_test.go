package cli

import (
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter/output"
)

// TestControlCharactersEscaped: an ANSI escape in a file name or a value
// reaches no output raw (it would drive the terminal or forge a GitHub
// workflow command), in every format.
func TestControlCharactersEscaped(t *testing.T) {
	dir := t.TempDir()
	name := "evil\x1b[31m\x07dir"
	testfs.WriteFiles(t, dir, map[string]string{
		name + "/compose.yaml": "services:\n  \"api\\e[2J\":\n    image: node\n    ports: [\"3000:3000\"]\n  web:\n    image: node\n    environment:\n      API_URL: \"http://localhost:3000/\\e]0;pwned\\a\"\n      \"K\\e[1m\": \"\\e[31mred\"\n",
	})
	for _, f := range output.Formats {
		out, errOut, _ := run(t, dir, "--no-env", "--enable", "all", "--fail-level", "info", "--format", f, name)
		if strings.ContainsAny(out+errOut, "\x1b\x07") {
			t.Errorf("--format %s prints a raw control character: %q", f, out+errOut)
		}
		if !strings.Contains(out, "compose.yaml") {
			t.Errorf("--format %s: no finding: %q", f, out+errOut)
		}
	}
}
