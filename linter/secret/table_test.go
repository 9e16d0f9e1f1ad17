package secret

import (
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/endpoint"
)

// TestKeyPatterns checks every entry of the key catalogue on its own
// examples: each has at least one name it makes secret and each look-alike
// stays visible.
func TestKeyPatterns(t *testing.T) {
	for _, p := range KeyPatterns {
		if len(p.Secret) == 0 {
			t.Errorf("key pattern %s has no example", p.Word)
		}
		for _, k := range p.Secret {
			words := endpoint.KeyWords(k)
			if !p.matches(words, k, p.Match == PairName) {
				t.Errorf("key pattern %s does not match its example %q", p.Word, k)
			}
			secret := IsSecretKey(k)
			if p.Match == PairName {
				secret = isPairSecret(k)
			}
			if !secret {
				t.Errorf("%q (example of %s) is not secret", k, p.Word)
			}
		}
		for _, k := range p.NotSecret {
			if IsSecretKey(k) {
				t.Errorf("%q (look-alike of %s) is secret", k, p.Word)
			}
		}
	}
}

// TestValuePatterns checks every entry of the value catalogue on its own
// examples, alone (Find) and through MaskText.
func TestValuePatterns(t *testing.T) {
	for _, p := range ValuePatterns {
		if len(p.Masked) == 0 || len(p.Kept) == 0 {
			t.Errorf("value pattern %s needs masked and kept examples", p.Name)
		}
		for _, ex := range p.Masked {
			if len(p.Find(ex[0])) == 0 {
				t.Errorf("%s finds nothing in %q", p.Name, ex[0])
			}
			if got := MaskText(ex[0]); got != ex[1] {
				t.Errorf("%s: MaskText(%q)\n got %q\nwant %q", p.Name, ex[0], got, ex[1])
			}
		}
		for _, k := range p.Kept {
			if sp := p.Find(k); len(sp) > 0 {
				t.Errorf("%s masks %q in %q", p.Name, k[sp[0].start:sp[0].end], k)
			}
		}
	}
}

func TestMaskerKnownValues(t *testing.T) {
	m := NewMasker([]string{"S3NTINEL-pw", "postgres", "ab", "${DB_PASSWORD}", "5432", "0.0.0.0"})
	for _, in := range []string{
		`key "DB_PASSWORD S3NTINEL-pw" cannot contain a space`,
		`type error: cannot use "S3NTINEL-pw" (untyped string)`,
	} {
		if got := m.Text(in); strings.Contains(got, "S3NTINEL") {
			t.Errorf("Text(%q) = %q", in, got)
		}
	}
	if got := m.Text(`service "postgres" image postgres:16, ab, db:5432`); got != `service "postgres" image postgres:16, ab, db:5432` {
		t.Errorf("common words and short values must stay: %q", got)
	}
	// SECRET_LOCAL_HOSTNAME=0.0.0.0 does not hide the address findings are about.
	if got := m.Text(`the server listens on "0.0.0.0"`); got != `the server listens on "0.0.0.0"` {
		t.Errorf("a bind-all address must stay: %q", got)
	}
	src := "A: |\n  S3NTINEL-pw\n  ünï\nB: x\n"
	got := string(m.Source([]byte(src), [][2]int{{strings.Index(src, "ünï"), strings.Index(src, "ünï") + len("ünï")}}))
	if want := "A: |\n  ***********\n  ***\nB: x\n"; got != want {
		t.Errorf("Source:\n got %q\nwant %q", got, want)
	}
	var nilM *Masker
	if nilM.Text("postgres://u:pw@h") != "postgres://u:****@h" {
		t.Error("nil masker must still mask patterns")
	}
}

// TestCodeIsNotAnAssignment: a line of source code that starts with a word
// the detector knows ("private") is not "KEY value".
func TestCodeIsNotAnAssignment(t *testing.T) {
	if got := Find(`  private readonly http = axios.create({ baseURL: "http://localhost:3000" })`); len(got) != 0 {
		t.Errorf("found %q", got)
	}
	if got := Find("DB_PASSWORD hunter2"); len(got) != 1 || got[0] != "hunter2" {
		t.Errorf("a malformed env line still hides its value: %q", got)
	}
}

// TestSelfEvidentMaskedWithoutFind: what Find leaves out because its
// pattern recognises it anywhere is still masked where it reappears.
func TestSelfEvidentMaskedWithoutFind(t *testing.T) {
	for _, p := range ValuePatterns {
		if !p.SelfEvident {
			continue
		}
		for _, ex := range p.Masked {
			m := NewMasker(Find(ex[0]))
			if got := m.Text("again: " + ex[0]); got != "again: "+ex[1] {
				t.Errorf("%s: %q reappearing is shown as %q", p.Name, ex[0], got)
			}
			if got := m.Line(ex[0]); strings.Contains(got, strings.TrimPrefix(ex[0], "token ")) {
				t.Errorf("%s: line %q masked as %q", p.Name, ex[0], got)
			}
		}
	}
}
