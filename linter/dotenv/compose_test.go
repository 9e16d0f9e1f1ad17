package dotenv

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	cg "github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/sirupsen/logrus"

	"github.com/reachlint/reachlint/internal/testenv"
)

func init() {
	// compose-go warns about unset variables through logrus.
	logrus.SetOutput(io.Discard)
}

// testEnv stands in for the process environment in differential tests.
var testEnv = map[string]string{
	"HOME":                         "/home/user",
	"VAR_TO_BE_LOADED_FROM_OS_ENV": "from-env",
	"EMPTY":                        "",
	"A":                            "env-a",
}

func testLookup(k string) (string, bool) {
	v, ok := testEnv[k]
	return v, ok
}

// composeParse runs compose-go's loader; panicked reports a panic inside it.
func composeParse(data []byte) (m map[string]string, err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			panicked = true
		}
	}()
	m, err = cg.ParseWithLookup(bytes.NewReader(data), testLookup)
	return m, err, false
}

// checkAgainstCompose asserts that Parse accepts exactly what compose-go
// accepts and loads the same values. It returns whether compose-go accepted
// the input.
func checkAgainstCompose(t testing.TB, name string, data []byte) bool {
	t.Helper()
	want, err, panicked := composeParse(data)
	if panicked {
		return false
	}
	f := Parse(name, data, testLookup)
	if err != nil {
		if len(f.Problems) == 0 {
			t.Errorf("%s: compose-go fails (%v) but no problem was reported\ninput: %q", name, err, data)
		} else if line, ok := composeErrorLine(err); ok && f.Problems[0].Range.Start.Line != line {
			t.Errorf("%s: compose-go fails at line %d (%v) but the first problem is at line %d: %v\ninput: %q",
				name, line, err, f.Problems[0].Range.Start.Line, f.Problems[0], data)
		}
		return false
	}
	if len(f.Problems) > 0 {
		t.Errorf("%s: compose-go accepts the file but got problems %v\ninput: %q", name, f.Problems, data)
		return true
	}
	if got := f.Map(); !maps.Equal(got, want) {
		t.Errorf("%s: values differ from compose-go\ninput: %q\n got: %q\nwant: %q", name, data, got, want)
	}
	return true
}

// composeErrorLine returns the line compose-go's error names. An
// unterminated quote is left out: compose-go names the last line of the
// file, where it gave up looking for the closing quote, and the problem is
// where the quote opens.
func composeErrorLine(err error) (int, bool) {
	m := composeLine.FindStringSubmatch(err.Error())
	if m == nil || strings.HasPrefix(m[2], "unterminated quoted value") {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

var composeLine = regexp.MustCompile(`^line (\d+): (.*)`)

// composeFixtures returns the .env fixtures shipped with compose-go's dotenv
// package, read from the module cache.
func composeFixtures(t testing.TB) map[string][]byte {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/compose-spec/compose-go/v2").Output()
	if err != nil {
		t.Skipf("cannot locate compose-go in the module cache: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "dotenv", "fixtures")
	return readFiles(t, dir, func(string) bool { return true })
}

// corpusFiles reads .env files under $REACHLINT_CORPUS (default
// <repo root>/../shared/corpus, where CI clones it beside the repository);
// none when it does not exist.
func corpusFiles(t testing.TB) map[string][]byte {
	t.Helper()
	dir := testenv.CorpusDir()
	if dir == "" {
		return nil
	}
	return readFiles(t, dir, func(name string) bool {
		return strings.HasPrefix(name, ".env") || strings.HasSuffix(name, ".env")
	})
}

func readFiles(t testing.TB, dir string, keep func(string) bool) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(d.Name()) {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil {
			files[path] = data
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// tricky are inputs that exercise compose-go's corner cases.
var tricky = []string{
	"",
	"\n\n",
	"A=1",
	"A=1\n",
	"A=1\r\nB=2\r\n",
	"\uFEFFA=1\n",
	"\uFEFF",
	"export A=1\n",
	"export\tA=1\n",
	"export\vA=1\n",
	"export=1\n",
	"export\nA=1\n",
	"export \n",
	"export ",
	"export",
	"exportA=1\n",
	"A: 1\nB :2\n",
	"A = 1 \n",
	"A=\nB=\r\n",
	"A= # comment\n",
	"A=#x\n",
	"A=a #b\n",
	"A=a\t#b\n",
	"A=a#b\n",
	"A='a #b'\n",
	"A=\"a #b\"\n",
	"A=\"a\" # c\n",
	"A=\"a\"#c\n",
	"A=\"a\" b\n",
	"A=\"a\"b=c\n",
	"A='it's'\n",
	"A=it's\n",
	"A=`x`\n",
	"A=\"unterminated\n",
	"A='unterminated\nB=1\n",
	"A=\"multi\nline\"\n",
	"A='multi\r\nline'\r\n",
	"A=\"a\\nb\\tc\\\\d\\\"e\\$f\\0101\\0999\\0\\c\\x\"\n",
	"A='a\\nb\\'c'\n",
	"A=\"\\0377\\0400\\01\\012\\01234\"\n",
	"A=\"trailing\\\\\"\n",
	"A=\"esc\\\"\n",
	"A=1\nB=${A}\nC=$A\nD=${A:-x}\nE=${NOPE:-def}\nF=${NOPE-def}\nG=${A:+alt}\nH=${A+alt}\n",
	"A=1\nB='${A}'\nC=\"${A}\"\nD=$$A\nE=\"\\$A\"\n",
	"B=${A}\n",
	"B=${HOME}/x\n",
	"X=${NOPE:?must be set}\n",
	"X=${NOPE?}\n",
	"X=${EMPTY:?empty}\n",
	"X=${EMPTY?}\n",
	"X=${\n",
	"X=${A\n",
	"X=$\n",
	"X=${A:-${B:-c}}\n",
	"X=${A:-}}\n",
	"VAR_TO_BE_LOADED_FROM_OS_ENV\nVARIABLE_NOT_FOUND\n",
	"VAR_TO_BE_LOADED_FROM_OS_ENV\r\n",
	"A\n",
	"A",
	"A B",
	"A #c",
	"HOME",
	"A=1\nA\n",
	"HOME=x\nHOME\n",
	"A B=1\n",
	"A B\n",
	"A\tB=1\n",
	"A\u00a0B=1\n",
	"A$=1\n",
	"A\xff=1\n",
	"%!(EXTRA string)=foo\n",
	"=1\n",
	":1\n",
	"a[1]=c\na.b=d\n\u00e1rv\u00edzt\u0171r\u0151-T=1\n",
	"# comment\nA=1 # c\n  # indented\n",
	"\u2028A=1\n",
	"A=\u00a0x\u00a0\n",
	"A=x\u2003\n",
	"A=1\nA=2\nA=${A}3\n",
	"A=\"x\"\"y\"\n",
	"A=''\nB=\"\"\n",
	"A=\"a\" 'b'\n",
	"A=\"x\" B=\"y\n",
	"456 = ABC\n",
	"A=1 #c\n#B=2\n",
	"A=http://h:80/p?q=1#frag\n",
	"A=${A}\n",
	"EMPTY\nA=${EMPTY-d}\n",
	// compose-go v2.17.0: a key on the last line without a line break is
	// looked up, a statement without a key is refused
	"A=1\nHOME",
	"HOME  ",
	"A=1\r\nHOME\r",
	"export HOME",
	"A\tB",
	"A\u00a0",
	"=\"value\"",
	"=",
	"  =value",
	"export =value",
	"A=1\n\n# comment\n=2\nB=3",
	"A\n=1",
	"A  \n=1",
	"export \n=1",
	"A=\"x\" =y\n",
	"A='x\ny' : z\n",
}

func TestComposeTricky(t *testing.T) {
	for i, in := range tricky {
		checkAgainstCompose(t, fmt.Sprintf("tricky[%d]", i), []byte(in))
	}
}

func TestComposeFixtures(t *testing.T) {
	files := composeFixtures(t)
	if len(files) == 0 {
		t.Fatal("no compose-go fixtures found")
	}
	for name, data := range files {
		checkAgainstCompose(t, name, data)
	}
}

func TestComposeCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) == 0 {
		t.Skip("no corpus (set REACHLINT_CORPUS)")
	}
	for name, data := range files {
		checkAgainstCompose(t, name, data)
	}
}

// fragments are pieces of .env syntax that random inputs are built from.
var fragments = []string{
	"A", "B", "HOME", "EMPTY", "export ", "export", "=", ":", " ", "\t", "\n", "\r\n", "\r",
	"#", " #", "'", "\"", "`", "\\", "\\n", "\\\"", "\\'", "\\$", "\\0101", "$", "${", "}", "${A}", "$A",
	"${NOPE:-d}", "${A:?}", "${NOPE?x}", ":-", "x", "1", "-", ".", "[0]", "é", "\u00a0", "\u2028", "\xff", "\uFEFF",
	"A=", "B=", "A='", "B=\"", "\nA=", "\nB ", " =", "#c\n", "é=1\n",
}

func TestComposeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	accepted := 0
	for i := range n {
		b.Reset()
		for range 1 + rng.IntN(12) {
			b.WriteString(fragments[rng.IntN(len(fragments))])
		}
		if checkAgainstCompose(t, fmt.Sprintf("random[%d]", i), []byte(b.String())) {
			accepted++
		}
		if t.Failed() {
			return
		}
	}
	// Both outcomes must be well represented for the comparison to mean
	// something.
	if accepted < n/10 || accepted > n*9/10 {
		t.Errorf("compose-go accepted %d of %d random inputs; adjust the fragments", accepted, n)
	}
}
