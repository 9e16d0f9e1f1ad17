package fix

import (
	"bytes"
	"flag"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

func edit(start, end int, text string) diag.TextEdit {
	return diag.TextEdit{Range: diag.Range{File: "f", Start: diag.Pos{Line: 1, Col: 1, Offset: start}, End: diag.Pos{Line: 1, Col: 1, Offset: end}}, NewText: text}
}

func TestApplyOverlaps(t *testing.T) {
	data := []byte("0123456789")
	out, skipped, err := Apply(data, []diag.TextEdit{
		edit(2, 4, "ab"),
		edit(3, 5, "XX"), // overlaps the first: skipped
		edit(8, 8, "<"),
		edit(8, 8, ">"),  // different insertion at the same offset: skipped
		edit(2, 4, "ab"), // duplicate of the first: applied once, not reported
		edit(0, 0, "^"),
		edit(4, 6, "--"), // adjacent to the first: fine
		edit(8, 10, "!"), // insertion at its start goes before it
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "^01ab--67<!"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(skipped) != 2 || skipped[0].NewText != "XX" || skipped[1].NewText != ">" {
		t.Errorf("skipped = %+v", skipped)
	}
	if _, _, err := Apply(data, []diag.TextEdit{edit(5, 11, "")}); err == nil {
		t.Error("out-of-range edit accepted")
	}
	if _, _, err := Apply(data, []diag.TextEdit{edit(-1, 2, "")}); err == nil {
		t.Error("unknown offset accepted")
	}
}

func TestApplyFixesAllOrNothing(t *testing.T) {
	data := []byte("abcdef")
	out, applied, err := ApplyFixes(data, []diag.Fix{
		{Edits: []diag.TextEdit{edit(0, 1, "A")}},
		{Edits: []diag.TextEdit{edit(5, 6, "F"), edit(0, 1, "Z")}}, // second edit conflicts: whole fix skipped
		{Edits: []diag.TextEdit{edit(2, 3, "C")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "AbCdef" || len(applied) != 2 || applied[0] != 0 || applied[1] != 2 {
		t.Errorf("got %q applied %v", out, applied)
	}
}

// relint is a stand-in rule: every "localhost" in a "_URL=" line becomes
// "api". Its edits come from scanning the current content, as the real
// --fix loop re-lints before fixing.
func relint(data []byte) []diag.TextEdit {
	f := source.New("f", data)
	var edits []diag.TextEdit
	for n := 1; n <= f.LineCount(); n++ {
		line := f.Line(n)
		if !strings.Contains(line, "_URL=") {
			continue
		}
		if i := strings.Index(line, "localhost"); i >= 0 {
			start := f.Offset(n, 1) + i
			edits = append(edits, diag.TextEdit{Range: f.Range(start, start+len("localhost")), NewText: "api"})
		}
	}
	return edits
}

func TestFixTwiceIsIdempotentAndPreservesBytes(t *testing.T) {
	// CRLF endings, a BOM-free non-ASCII comment, tabs and odd quoting must
	// survive untouched.
	in := []byte("# café ☕ config\r\nAPI_URL=http://localhost:3000 # naïve\r\n\tOTHER='x'\r\nWS_URL=\"ws://localhost:9\"\r\nlast=ü")
	once, _, err := Apply(in, relint(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("# café ☕ config\r\nAPI_URL=http://api:3000 # naïve\r\n\tOTHER='x'\r\nWS_URL=\"ws://api:9\"\r\nlast=ü")
	if !bytes.Equal(once, want) {
		t.Fatalf("first fix:\n%q\nwant\n%q", once, want)
	}
	twice, _, err := Apply(once, relint(once))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(twice, once) {
		t.Errorf("second fix changed the file:\n%q", twice)
	}
	if d := UnifiedDiff("x.env", once, twice); d != "" {
		t.Errorf("diff after second fix: %q", d)
	}
}

func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "compose.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o751); err != nil { // odd bits the umask would drop
		t.Fatal(err)
	}
	if err := WriteAtomic(p, []byte("new\r\n"), dir); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o751 {
		t.Errorf("mode = %v, want 0751", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(p); string(b) != "new\r\n" {
		t.Errorf("content = %q", b)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left behind: %v", ents)
	}
}

func TestWriteAtomicSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	target := filepath.Join(root, "real.yaml")
	os.WriteFile(target, []byte("a"), 0o644)
	inLink := filepath.Join(root, "link.yaml")
	if err := os.Symlink("real.yaml", inLink); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := WriteAtomic(inLink, []byte("b"), root); err != nil {
		t.Fatalf("link inside root: %v", err)
	}
	if fi, _ := os.Lstat(inLink); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "b" {
		t.Errorf("target = %q", b)
	}
	if err := WriteAtomic(inLink, []byte("c"), ""); err == nil {
		t.Error("wrote through a link without a root")
	}

	secret := filepath.Join(outside, "secret")
	os.WriteFile(secret, []byte("keep"), 0o600)
	outLink := filepath.Join(root, "escape.yaml")
	os.Symlink(secret, outLink)
	if err := WriteAtomic(outLink, []byte("pwned"), root); err == nil {
		t.Error("wrote through a link that leaves the root")
	}
	if b, _ := os.ReadFile(secret); string(b) != "keep" {
		t.Errorf("outside file changed: %q", b)
	}
	// A directory link that leaves the root is refused too.
	os.Symlink(outside, filepath.Join(root, "sub"))
	if err := WriteAtomic(filepath.Join(root, "sub", "secret"), []byte("x"), root); err == nil {
		t.Error("wrote through a directory link that leaves the root")
	}
}

func TestUnifiedDiffGolden(t *testing.T) {
	cases := []struct{ name, old, new string }{
		{"change-middle", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n"},
		{"two-hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nFIFTEEN\n16\n"},
		{"merged-hunks", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n"},
		{"insert-top", "a\nb\n", "new\na\nb\n"},
		{"delete-all", "a\nb\n", ""},
		{"from-empty", "", "a\n"},
		{"no-newline", "a\nb", "a\nc"},
		{"add-newline", "a\nb", "a\nb\n"},
		{"crlf", "x: 1\r\ny: localhost\r\n", "x: 1\r\ny: api\r\n"},
	}
	var all strings.Builder
	for _, c := range cases {
		all.WriteString("== " + c.name + "\n")
		all.WriteString(UnifiedDiff("dir/"+c.name+".yaml", []byte(c.old), []byte(c.new)))
	}
	golden := filepath.Join("..", "..", "testdata", "fix", "diff.golden")
	if *update {
		os.WriteFile(golden, []byte(all.String()), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if all.String() != string(want) {
		t.Errorf("diff output differs from %s (-update to rewrite):\n%s", golden, all.String())
	}
}

// TestUnifiedDiffApplies checks our diffs against a real consumer: git apply
// must turn old into new exactly, for random edits too.
func TestUnifiedDiffApplies(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	rng := rand.New(rand.NewSource(1))
	words := []string{"a\n", "b\n", "c\r\n", "é\n", "d\n", "", "x"}
	randText := func() string {
		var sb strings.Builder
		for i := rng.Intn(30); i > 0; i-- {
			sb.WriteString(words[rng.Intn(len(words)-2)])
		}
		sb.WriteString(words[len(words)-2+rng.Intn(2)])
		return sb.String()
	}
	for i := 0; i < 60; i++ {
		old := randText()
		var new string
		if rng.Intn(4) > 0 {
			new = mutate(rng, old)
		} else {
			new = randText()
		}
		d := UnifiedDiff("f.txt", []byte(old), []byte(new))
		if old == new {
			if d != "" {
				t.Fatalf("diff of equal inputs: %q", d)
			}
			continue
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "f.txt"), []byte(old), 0o644)
		os.WriteFile(filepath.Join(dir, "p.diff"), []byte(d), 0o644)
		cmd := exec.Command("git", "apply", "--whitespace=nowarn", "p.diff")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git apply failed: %v\n%s\nold %q\nnew %q\ndiff:\n%s", err, out, old, new, d)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "f.txt"))
		if string(got) != new {
			t.Fatalf("applied diff gives %q, want %q\ndiff:\n%s", got, new, d)
		}
	}
}

func mutate(rng *rand.Rand, s string) string {
	lines := splitLines([]byte(s))
	for n := rng.Intn(4) + 1; n > 0; n-- {
		i := rng.Intn(len(lines) + 1)
		switch rng.Intn(3) {
		case 0:
			lines = append(lines[:i], append([]string{"new\n"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		default:
			if i < len(lines) {
				lines[i] = "changed\n"
			}
		}
	}
	return strings.Join(lines, "")
}

func FuzzUnifiedDiff(f *testing.F) {
	f.Add("a\nb\n", "a\nc\n")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := UnifiedDiff("p", []byte(old), []byte(new))
		if (d == "") != (old == new) {
			t.Fatalf("empty diff mismatch for %q -> %q", old, new)
		}
		// Rebuild both sides from the edit script.
		ops := diffLines(splitLines([]byte(old)), splitLines([]byte(new)))
		a, b := splitLines([]byte(old)), splitLines([]byte(new))
		var ra, rb strings.Builder
		for _, o := range ops {
			if o.kind != opIns {
				ra.WriteString(a[o.ai])
			}
			if o.kind != opDel {
				rb.WriteString(b[o.bi])
			}
		}
		if ra.String() != old || rb.String() != new {
			t.Fatalf("edit script does not rebuild the inputs")
		}
	})
}
