package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Headline bounds: the message of a headline (what the text format prints
// between "severity: " and " [rule]") says what is wrong and the fix in
// short, and leaves the explanation to the note below it.
const (
	// headlineMax is the longest message in runes: with its location and
	// rule, a headline fits a terminal line.
	headlineMax = 100
	// valueMax is what one quoted user value (a URL, an image, a path, a
	// name) counts at most: a long value makes a headline longer, never
	// its words.
	valueMax = 20
	// severalMax allows a little more to a headline naming several user
	// values (four or more): two services and their value, or the
	// candidates of an ambiguous fix. Rare, and not shortened without
	// dropping a name the reader needs.
	severalMax, several = 110, 4
)

// headlineGoldens are the golden files that hold text-format output: the
// rules' and the pipeline's cases, the corpus, the loader's and the
// schema's, the configuration's, the Go analyzer's and the text format's
// own, and README's example. Formats with one message field (oneline,
// JSON, SARIF, ...) carry the explanation after the headline and are not
// headlines.
var headlineGoldens = []string{
	"testdata/rules/*/*/want.txt",
	"testdata/pipeline/*/want.txt",
	"testdata/corpus.golden",
	"testdata/schema/*/expected.out",
	"testdata/config/invalid.golden",
	"testdata/output/text.golden",
	"linter/golang/testdata/*.golden",
	"README.md",
}

var (
	headlineLine = regexp.MustCompile(`^(?:\S.*?): (?:error|warning|info): (.*) \[([a-z0-9-]+)\]$`)
	quotedValue  = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	// schemaPath is the JSON path of the value a compose-schema message
	// starts with: a user value too (services.api.deploy.resources.limits).
	schemaPath = regexp.MustCompile(`^[^ "]+(?:: |\s)`)
)

// TestHeadlineLength holds every headline in the golden files to the bounds
// above. A message over them moves its explanation, alternatives and
// context into the note (Diagnostic.Why).
func TestHeadlineLength(t *testing.T) {
	n := 0
	for _, pattern := range headlineGoldens {
		files, _ := filepath.Glob(filepath.Join("..", pattern))
		if len(files) == 0 {
			t.Errorf("no golden file matches %s", pattern)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(data), "\n") {
				m := headlineLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				n++
				msg, rule := m[1], m[2]
				length, values := headlineLength(msg, rule)
				limit := headlineMax
				if values >= several {
					limit = severalMax
				}
				if length > limit {
					t.Errorf("%s:%d: headline of %s counts %d runes, more than %d (quoted values count %d at most):\n\t%s",
						f, i+1, rule, length, limit, valueMax, msg)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d headlines found in the golden files", n)
	}
}

// headlineLength is the length in runes of a headline's message with each
// quoted user value (and a compose-schema message's JSON path) counted
// valueMax runes at most, and the number of quoted values.
func headlineLength(msg, rule string) (int, int) {
	length := utf8.RuneCountInString(msg)
	if rule == "compose-schema" {
		if p := schemaPath.FindString(msg); p != "" {
			length -= max(0, utf8.RuneCountInString(strings.TrimRight(p, ": "))-valueMax)
		}
	}
	values := quotedValue.FindAllString(msg, -1)
	for _, v := range values {
		length -= max(0, utf8.RuneCountInString(v)-2-valueMax)
	}
	return length, len(values)
}

func TestHeadlineLengthCounts(t *testing.T) {
	for _, tc := range []struct {
		msg, rule     string
		length, count int
	}{
		{`service "api" reaches "localhost:3000", its own container; use "http://api:3000"`, "loopback-target", 80, 3},
		// A 36-rune image counts 20.
		{`service "proxy" uses image "registry.example.com:5000/team/proxy" without a tag`, "image-explicit-tag", 79 - 16, 2},
		// The schema's JSON path counts 20.
		{`services.api.deploy.resources.limits: unknown key "memroy"`, "compose-schema", 58 - 16, 1},
		// An escaped quote stays inside its value.
		{`the value of "A" keeps "a\"b"; fix it`, "env-quoting", 37, 2},
	} {
		if l, c := headlineLength(tc.msg, tc.rule); l != tc.length || c != tc.count {
			t.Errorf("headlineLength(%q) = %d, %d; want %d, %d", tc.msg, l, c, tc.length, tc.count)
		}
	}
}
