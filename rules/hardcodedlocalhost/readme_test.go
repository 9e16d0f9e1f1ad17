package hardcodedlocalhost

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the sink list in README.md")

// TestReadmeListsSinks: README's sink list is DefaultSinks, in names users
// can copy into -extra-sinks.
func TestReadmeListsSinks(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- sinks:start -->\n", "<!-- sinks:end -->"
	s := string(data)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q section", start, end)
	}
	var b strings.Builder
	b.WriteString("```\n")
	for _, sk := range DefaultSinks {
		b.WriteString(sinkString(sk) + "\n")
	}
	b.WriteString("```\n")
	if got := s[i+len(start) : j]; got != b.String() {
		if *updateReadme {
			if err := os.WriteFile(path, []byte(s[:i+len(start)]+b.String()+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's sink list differs from DefaultSinks (go test ./rules/hardcodedlocalhost -run TestReadmeListsSinks -update-readme)")
	}
}

// sinkString is a sink as -extra-sinks reads it.
func sinkString(sk Sink) string {
	s := sk.Name
	if !sk.Field {
		s += "#" + strconv.Itoa(sk.Arg)
	}
	if sk.Kind == Listen {
		s = "listen:" + s
	}
	return s
}

func TestSinkStringRoundTrips(t *testing.T) {
	for _, sk := range DefaultSinks {
		got, err := ParseSink(sinkString(sk))
		if err != nil || got.Name != sk.Name || got.Arg != sk.Arg || got.Field != sk.Field || got.Kind != sk.Kind {
			t.Errorf("ParseSink(%q) = %+v, %v", sinkString(sk), got, err)
		}
	}
}
