package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reachlint/reachlint/internal/testfs"
)

func manyKeys(n int) map[string]string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "KEY_%d=v%d\n", i, i)
	}
	return map[string]string{"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      - A=${KEY_1}\n", ".env": b.String()}
}

// TestUnusedEnvKeyLinear: 100k .env keys with unused-env-key on (issue 12:
// 151 s) lint in seconds.
func TestUnusedEnvKeyLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, manyKeys(100000))
	start := time.Now()
	out, _, _ := run(t, dir, "--no-env", "--disable", "all", "--enable", "unused-env-key", "--fail-level", "info", "--format", "oneline", ".")
	if el := time.Since(start); el > 20*time.Second {
		t.Errorf("took %v", el)
	}
	if n := strings.Count(out, "[unused-env-key]"); n != 99999 {
		t.Errorf("%d findings", n)
	}
}

// BenchmarkUnusedEnvKey: time per run grows linearly with the keys.
func BenchmarkUnusedEnvKey(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000, 40000} {
		dir := b.TempDir()
		testfs.WriteFiles(b, dir, manyKeys(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				run(b, dir, "--no-env", "--disable", "all", "--enable", "unused-env-key", "--format", "oneline", ".")
			}
		})
	}
}

// BenchmarkOneLineFindings: 2,000 findings on one line of JSON, printed as
// text and SARIF. Snippets show a window of the line and fingerprints hash
// it once, so the time grows linearly with findings (compare -bench with
// 1,000 by editing n).
func BenchmarkOneLineFindings(b *testing.B) {
	const n = 2000
	var sb strings.Builder
	sb.WriteString(`{"services":{`)
	for i := range n {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"s%d":{"image":"nginx","ports":["%d:%d"],"environment":{"API":"http://localhost:%d"}}`, i, 3000+i, 3000+i, 3000+(i+1)%n)
	}
	sb.WriteString("}}")
	dir := b.TempDir()
	testfs.WriteFiles(b, dir, map[string]string{"compose.yaml": sb.String()})
	for _, format := range []string{"text", "sarif"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				var out bytes.Buffer
				if code := Main([]string{"--no-env", "--format", format, "."}, &Env{Stdout: &out, Stderr: &out, Cwd: dir, NoGo: true}); code != 1 {
					b.Fatalf("exit %d", code)
				}
				if out.Len() > n*4000 { // linear: a few KiB a finding, not a copy of the line
					b.Fatalf("%d bytes of output for %d findings", out.Len(), n)
				}
			}
		})
	}
}
