package dotenv

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

// span prints a range as "line:col-line:col@start-end".
func span(r diag.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d@%d-%d", r.Start.Line, r.Start.Col, r.End.Line, r.End.Col, r.Start.Offset, r.End.Offset)
}

func optSpan(r *diag.Range) string {
	if r == nil {
		return "-"
	}
	return span(*r)
}

func TestEntryPositions(t *testing.T) {
	type want struct {
		key, value, raw string
		keyAt, valueAt  string
		quote           byte
	}
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"simple", "A=1", []want{{"A", "1", "1", "1:1-1:2@0-1", "1:3-1:4@2-3", 0}}},
		{"spaces around", "  A = 1  \n", []want{{"A", "1", "1", "1:3-1:4@2-3", "1:7-1:8@6-7", 0}}},
		{"colon", "A: 1\n", []want{{"A", "1", "1", "1:1-1:2@0-1", "1:4-1:5@3-4", 0}}},
		{"bom", "\uFEFFA=1\nB=2", []want{
			{"A", "1", "1", "1:1-1:2@3-4", "1:3-1:4@5-6", 0},
			{"B", "2", "2", "2:1-2:2@7-8", "2:3-2:4@9-10", 0},
		}},
		{"crlf", "A=1\r\nB='x'\r\n", []want{
			{"A", "1", "1", "1:1-1:2@0-1", "1:3-1:4@2-3", 0},
			{"B", "x", "'x'", "2:1-2:2@5-6", "2:3-2:6@7-10", '\''},
		}},
		{"multi-line", "A=\"x\ny\"\nB=2\n", []want{
			{"A", "x\ny", "\"x\ny\"", "1:1-1:2@0-1", "1:3-2:3@2-7", '"'},
			{"B", "2", "2", "3:1-3:2@8-9", "3:3-3:4@10-11", 0},
		}},
		{"multi-line crlf", "A='x\r\ny'\r\nB=2", []want{
			{"A", "x\r\ny", "'x\r\ny'", "1:1-1:2@0-1", "1:3-2:3@2-8", '\''},
			{"B", "2", "2", "3:1-3:2@10-11", "3:3-3:4@12-13", 0},
		}},
		{"export", "export  A=1\n", []want{{"A", "1", "1", "1:9-1:10@8-9", "1:11-1:12@10-11", 0}}},
		{"runes", "é=ü€ #x\n", []want{{"é", "ü€", "ü€", "1:1-1:2@0-2", "1:3-1:5@3-8", 0}}},
		{"empty", "A=\nB=''\n", []want{
			{"A", "", "", "1:1-1:2@0-1", "1:3-1:3@2-2", 0},
			{"B", "", "''", "2:1-2:2@3-4", "2:3-2:5@5-7", '\''},
		}},
		{"escapes", `A="a\tb\"c\$d" B`, []want{
			{"A", "a\tb\"c$d", `"a\tb\"c\$d"`, "1:1-1:2@0-1", "1:3-1:15@2-14", '"'},
			{"B", "", "", "1:16-1:17@15-16", "1:17-1:17@16-16", 0},
		}},
		// A key without "=" on the last line, without a line break, is
		// looked up like one on a line of its own.
		{"bare last line", "A=1\nHOME", []want{
			{"A", "1", "1", "1:1-1:2@0-1", "1:3-1:4@2-3", 0},
			{"HOME", "/home/user", "", "2:1-2:5@4-8", "2:5-2:5@8-8", 0},
		}},
		{"bare last line with spaces", "export HOME \t", []want{{"HOME", "/home/user", "", "1:8-1:12@7-11", "1:12-1:12@11-11", 0}}},
		{"single quotes keep backslashes", `A='a\nb\'c'`, []want{{"A", `a\nb'c`, `'a\nb\'c'`, "1:1-1:2@0-1", "1:3-1:12@2-11", '\''}}},
		{"interpolation", "X=1\nB=${X}x\nC='${X}'\nD=\"$X\"\nE=${NOPE:-d}\nF=$$X\n", []want{
			{"X", "1", "1", "1:1-1:2@0-1", "1:3-1:4@2-3", 0},
			{"B", "1x", "${X}x", "2:1-2:2@4-5", "2:3-2:8@6-11", 0},
			{"C", "${X}", "'${X}'", "3:1-3:2@12-13", "3:3-3:9@14-20", '\''},
			{"D", "1", `"$X"`, "4:1-4:2@21-22", "4:3-4:7@23-27", '"'},
			{"E", "d", "${NOPE:-d}", "5:1-5:2@28-29", "5:3-5:13@30-40", 0},
			{"F", "$X", "$$X", "6:1-6:2@41-42", "6:3-6:6@43-46", 0},
		}},
		{"environment before file", "A=file\nB=$A\n", []want{
			{"A", "file", "file", "1:1-1:2@0-1", "1:3-1:7@2-6", 0},
			{"B", "env-a", "$A", "2:1-2:2@7-8", "2:3-2:5@9-11", 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("x.env", []byte(tt.in), testLookup)
			if len(f.Problems) > 0 {
				t.Fatalf("problems: %v", f.Problems)
			}
			if len(f.Entries) != len(tt.want) {
				t.Fatalf("got %d entries, want %d: %+v", len(f.Entries), len(tt.want), f.Entries)
			}
			for i, w := range tt.want {
				e := f.Entries[i]
				got := want{e.Key, e.Value, e.Raw, span(e.KeyRange), span(e.ValueRange), e.Quote}
				if got != w {
					t.Errorf("entry %d:\n got %+v\nwant %+v", i, got, w)
				}
				if e.KeyRange.File != "x.env" || e.ValueRange.File != "x.env" {
					t.Errorf("entry %d: file not set", i)
				}
			}
		})
	}
}

func TestBareKeys(t *testing.T) {
	f := Parse("x.env", []byte("HOME\nNOPE\r\nA=1\nA\n"), testLookup)
	if len(f.Problems) > 0 {
		t.Fatal(f.Problems)
	}
	var got []string
	for _, e := range f.Entries {
		got = append(got, fmt.Sprintf("%s=%q bare=%v unset=%v key=%s value=%s", e.Key, e.Value, e.Bare, e.Unset, span(e.KeyRange), span(e.ValueRange)))
	}
	want := []string{
		`HOME="/home/user" bare=true unset=false key=1:1-1:5@0-4 value=1:5-1:5@4-4`,
		`NOPE="" bare=true unset=true key=2:1-2:5@5-9 value=2:5-2:5@9-9`,
		`A="1" bare=false unset=false key=3:1-3:2@11-12 value=3:3-3:4@13-14`,
		`A="env-a" bare=true unset=false key=4:1-4:2@15-16 value=4:2-4:2@16-16`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := f.Map(); !maps.Equal(m, map[string]string{"HOME": "/home/user", "A": "env-a"}) {
		t.Errorf("Map() = %q", m)
	}
	// Without a lookup, a bare key after a definition keeps the definition.
	f = Parse("x.env", []byte("A=1\nA\n"), nil)
	if e, ok := f.Lookup("A"); !ok || e.Value != "1" || e.Line != 1 {
		t.Errorf("Lookup(A) = %+v, %v; want the line 1 definition", e, ok)
	}
	if _, ok := f.Lookup("B"); ok {
		t.Error("Lookup(B) found an undefined key")
	}
}

func TestDuplicates(t *testing.T) {
	f := Parse("x.env", []byte("A=1\nB=2\nA=3\nC=4\nB=5\nA=6\n"), nil)
	got := fmt.Sprint(f.Duplicates())
	if want := "[{A [0 2 5]} {B [1 4]}]"; got != want {
		t.Errorf("Duplicates() = %s, want %s", got, want)
	}
	if e, _ := f.Lookup("A"); e.Value != "6" || e.Line != 6 {
		t.Errorf("Lookup(A) = %+v, want the last definition", e)
	}
	if got := f.Map()["A"]; got != "6" {
		t.Errorf("Map()[A] = %q, want the last value", got)
	}
}

func TestFacts(t *testing.T) {
	tests := []struct {
		in                      string
		cut, trailing, stray    string
		value                   string
		comments                []string
		problems, warnings      int
		problemAt, problemWords string
	}{
		{in: "A=abc #def \n", cut: "1:7-1:11@6-10", value: "abc", trailing: "-", stray: "-"},
		{in: "A=abc\t#def\n", cut: "-", value: "abc\t#def", trailing: "-", stray: "-"},
		{in: "A= #def\n", cut: "-", value: "#def", trailing: "-", stray: "-"},
		{in: "A='x #y' # z\n", cut: "-", value: "x #y", trailing: "-", stray: "-", comments: []string{"1:10-1:13@9-12 inline # z"}},
		{in: "A=\"x\" y\n", cut: "-", value: "x", trailing: "1:7-1:8@6-7", stray: "-", warnings: 1},
		{in: "A=`x`\n", cut: "-", value: "`x`", trailing: "-", stray: "1:3-1:4@2-3"},
		{in: "A=it's'\n", cut: "-", value: "it's'", trailing: "-", stray: "1:7-1:8@6-7"},
		{in: "A='it's'\n", cut: "-", value: "it", trailing: "1:7-1:9@6-8", stray: "-", problems: 1,
			problemAt: "1:7-1:9@6-8", problemWords: `unexpected text "s'" after the closing quote of "A"`},
		{in: "# reachlint-ignore x -- why\n  #b\nA=1\n", cut: "-", value: "1", trailing: "-", stray: "-",
			comments: []string{"1:1-1:28@0-27 line # reachlint-ignore x -- why", "2:3-2:5@30-32 line #b"}},
	}
	for _, tt := range tests {
		f := Parse("x.env", []byte(tt.in), nil)
		if len(f.Problems) != tt.problems || len(f.Warnings) != tt.warnings {
			t.Errorf("%q: %d problems %v, %d warnings %v; want %d, %d", tt.in, len(f.Problems), f.Problems, len(f.Warnings), f.Warnings, tt.problems, tt.warnings)
			continue
		}
		if tt.problems > 0 {
			p := f.Problems[0]
			if span(p.Range) != tt.problemAt || !strings.Contains(p.Message, tt.problemWords) {
				t.Errorf("%q: problem %s %q, want %s containing %q", tt.in, span(p.Range), p.Message, tt.problemAt, tt.problemWords)
			}
		}
		e := f.Entries[0]
		if got := [4]string{optSpan(e.CutComment), optSpan(e.Trailing), optSpan(e.StrayQuote), e.Value}; got != [4]string{tt.cut, tt.trailing, tt.stray, tt.value} {
			t.Errorf("%q: cut, trailing, stray, value = %q, want %q", tt.in, got, [4]string{tt.cut, tt.trailing, tt.stray, tt.value})
		}
		var comments []string
		for _, c := range f.Comments {
			kind := "line"
			if c.Inline {
				kind = "inline"
			}
			comments = append(comments, span(c.Range)+" "+kind+" "+c.Text)
		}
		if !slices.Equal(comments, tt.comments) {
			t.Errorf("%q: comments %q, want %q", tt.in, comments, tt.comments)
		}
	}
}

// TestProblems checks that every error is reported at its position and that
// scanning continues after each.
func TestProblems(t *testing.T) {
	in := "A B=1\nC$=2\nD='x\nE=ok\nF=${NOPE:?boom}\nG=\"${\"\n   export \t"
	f := Parse("x.env", []byte(in), nil)
	var got []string
	for _, p := range f.Problems {
		got = append(got, span(p.Range)+" "+p.text())
	}
	want := []string{
		`1:1-1:4@0-3 a space follows key "A"; keys cannot contain spaces`,
		`2:2-2:3@7-8 unexpected character "$" after "C" in a key; note: keys may contain only letters, digits, "_", ".", "-", "[" and "]"`,
		`3:3-3:5@13-15 unterminated quoted value: the single quote (') opened here is never closed`,
		`5:3-5:16@23-36 required variable "NOPE" is not set (in the value of "F"); note: compose refuses to load this file with "boom"`,
		`6:3-6:7@39-43 invalid interpolation in the value of "G"; use ${VAR}, ${VAR:-default} or $$ for a literal $`,
		`7:4-7:10@47-53 "export" is not followed by a variable name`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A statement with a bad key gets one problem, not a second one for
	// its value.
	if f := Parse("x.env", []byte("A B=${\nC$=${\n"), nil); len(f.Problems) != 2 {
		t.Errorf("want one problem per bad line, got %v", f.Problems)
	}
	if e, ok := f.Lookup("E"); !ok || e.Value != "ok" || e.Line != 4 {
		t.Errorf("E after errors: %+v, %v", e, ok)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A\tB=1\n", `1:1-1:4@0-3 key "A\tB" contains white space`},
		{"A='x' B\n", `1:7-1:8@6-7 text "B" after the closing quote of "A" is read as another variable`},
	}
	for _, tt := range tests {
		f := Parse("x.env", []byte(tt.in), nil)
		if len(f.Problems) > 0 || len(f.Warnings) != 1 {
			t.Errorf("%q: problems %v, warnings %v; want one warning", tt.in, f.Problems, f.Warnings)
			continue
		}
		if got := span(f.Warnings[0].Range) + " " + f.Warnings[0].text(); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// TestEmptyKey: compose-go (since v2.17.0) refuses a variable without a
// name ("key cannot be empty") on the line where the statement starts; every
// such statement is a problem there, and the scan goes on.
func TestEmptyKey(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"=value", []string{`1:1-1:2@0-1 missing key before "=": a variable needs a name`}},
		{`="value"`, []string{`1:1-1:2@0-1 missing key before "=": a variable needs a name`}},
		{": value", []string{`1:1-1:2@0-1 missing key before ":": a variable needs a name`}},
		{"  =value", []string{`1:3-1:4@2-3 missing key before "=": a variable needs a name`}},
		{"export =value", []string{`1:8-1:9@7-8 missing key before "=": a variable needs a name`}},
		{"export\nA=1\n", []string{`1:1-1:7@0-6 "export" is not followed by a variable name on the same line`}},
		{"A=1\n\n# comment\n=2\nB=3", []string{`4:1-4:2@15-16 missing key before "=": a variable needs a name`}},
		{"A\n=1", []string{`2:1-2:2@2-3 missing key before "=": a variable needs a name`}},
		{"A  \n=1", []string{`2:1-2:2@4-5 missing key before "=": a variable needs a name`}},
		{"export \n=1", []string{
			`1:1-1:7@0-6 "export" is not followed by a variable name on the same line`,
			`2:1-2:2@8-9 missing key before "=": a variable needs a name`,
		}},
		{`A="x" =y`, []string{`1:7-1:9@6-8 unexpected text "=y" after the closing quote of "A"; quote or escape the whole value`}},
		// The value of a statement without a key is skipped, quotes and all.
		{"=\"a\nb\"\nC=1\n", []string{`1:1-1:2@0-1 missing key before "=": a variable needs a name`}},
	}
	for _, tt := range tests {
		f := Parse("x.env", []byte(tt.in), nil)
		var got []string
		for _, p := range f.Problems {
			got = append(got, span(p.Range)+" "+p.Message)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
		for _, e := range f.Entries {
			if e.Key == "" {
				t.Errorf("%q: an entry has no key: %+v", tt.in, e)
			}
		}
	}
	if f := Parse("x.env", []byte("=\"a\nb\"\nC=1\n"), nil); len(f.Entries) != 1 || f.Entries[0].Key != "C" || len(f.Warnings) > 0 {
		t.Errorf("after a statement without a key: entries %+v, warnings %v", f.Entries, f.Warnings)
	}
}

// text is the problem's headline and its explanation, if any.
func (p Problem) text() string {
	if p.Why == "" {
		return p.Message
	}
	return p.Message + "; note: " + p.Why
}

func TestUnescape(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `plain`},
		{`\a\b\f\n\r\t\v\"\\`, "\a\b\f\n\r\t\v\"\\"},
		{`\$x`, `$$x`},
		{`\0101\0377`, "Aÿ"},
		{`\0400`, `\400`},
		{`\0`, `\`},
		{`\012`, `\12`},
		{`\01234`, "S4"},
		{`\c\x\u0041`, `\c\x\u0041`},
		{`end\`, `end\`},
	}
	for _, tt := range tests {
		if got := unescape(tt.in); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
