package secret

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenMasked masks the corpus variables (testdata/endpoint/env.txt)
// as snippet lines and as values; masked.golden lists every line that
// changed, so a person can check that secrets are hidden and nothing else is.
func TestGoldenMasked(t *testing.T) {
	const dir = "../../testdata/endpoint/"
	fh, err := os.Open(dir + "env.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var b strings.Builder
	b.WriteString("# env.txt lines that masking changes: the line, MaskLine, MaskValue.\n")
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		ml, mv := MaskLine(line), MaskValue(k, v)
		if ml == line && mv == v {
			continue
		}
		b.WriteString(line + "\n\t" + ml + "\n\t" + mv + "\n")
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(dir+"masked.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(dir + "masked.golden")
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("masked.golden differs; run go test ./linter/secret -update and read the diff")
	}
}
