package secret

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzMask builds a URL around a sentinel password and checks that no
// masking function lets it through, whatever text surrounds the URL.
func FuzzMask(f *testing.F) {
	f.Add("app", "hunter2", "db", "DATABASE_URL=", "/app?sslmode=disable")
	f.Add("", "p:w", "redis", "a://b,", "")
	f.Add("u", "pa/ss", "h.example", `"`, `"`)
	f.Add("x-access-token", "ghp_1", "github.com", "git clone https://", "/o/r.git")
	f.Fuzz(func(t *testing.T, user, pass, host, prefix, suffix string) {
		const tag = "Zq9"
		pw := tag + pass
		if strings.ContainsAny(pw, " \t\n\r\v\f\"'`<>@?#/") ||
			strings.ContainsAny(user, ":@/?# \t\n\r\v\f\"'`<>") ||
			host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "" ||
			strings.Contains(prefix+suffix+user+host, tag) {
			return
		}
		s := prefix + "postgres://" + user + ":" + pw + "@" + host + suffix
		for name, out := range map[string]string{
			"MaskURLs": MaskURLs(s), "MaskText": MaskText(s), "MaskValue": MaskValue("URL", s), "MaskLine": MaskLine("X=" + s),
		} {
			if strings.Contains(out, pw) {
				t.Fatalf("%s(%q) = %q leaks %q", name, s, out, pw)
			}
		}
	})
}

// FuzzMaskLine: any line, no panic; the width in runes never changes.
func FuzzMaskLine(f *testing.F) {
	if fh, err := os.Open("../../testdata/endpoint/env.txt"); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			f.Add(sc.Text())
		}
		fh.Close()
	}
	f.Add("      - DATABASE_URL=postgres://app:pw@db/app")
	f.Fuzz(func(t *testing.T, line string) {
		out := MaskLine(line)
		if len([]rune(out)) != len([]rune(line)) {
			t.Fatalf("MaskLine(%q) = %q changes the width", line, out)
		}
		_ = MaskValue("API_KEY", line)
		// A secret key's plain value is hidden in every line form.
		if v := strings.TrimSpace(line); v != "" && strings.Trim(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == "" && len(v) >= 4 {
			for _, l := range []string{"API_KEY=" + v, "  API_KEY: " + v, `  - "API_KEY=` + v + `"`, "export API_KEY=" + v} {
				if strings.Contains(MaskLine(l), v) {
					t.Fatalf("MaskLine(%q) leaks", l)
				}
			}
			if strings.Contains(MaskValue("API_KEY", v), v) {
				t.Fatalf("MaskValue leaks %q", v)
			}
		}
	})
}

func BenchmarkMaskLine(b *testing.B) {
	line := `      - DATABASE_URL=postgres://app:s3cret@db:5432/app?sslmode=disable # POSTGRES_PASSWORD=x`
	b.ReportAllocs()
	for b.Loop() {
		MaskLine(line)
	}
}

func BenchmarkMaskURLs(b *testing.B) {
	s := strings.Repeat("see postgres://u:p@db/x and http://host/x?e=a@b ", 1000)
	for b.Loop() {
		MaskURLs(s)
	}
}

// BenchmarkMaskLong guards against quadratic scans: many URLs, no blanks.
func BenchmarkMaskLong(b *testing.B) {
	s := strings.Repeat("a://u:p@h,", 20000)
	for b.Loop() {
		MaskText(s)
	}
}

// No token prefix may be shorter than minTokenLen, which lets prefixedTokens
// pass texts without a run that long.
func TestMinTokenLen(t *testing.T) {
	for _, tp := range tokenPrefixes {
		if tp.min < minTokenLen {
			t.Errorf("%s: min %d < minTokenLen %d", tp.prefix, tp.min, minTokenLen)
		}
	}
	if s := "x ghp_" + strings.Repeat("a1", 10); len(prefixedTokens(s)) != 1 {
		t.Errorf("prefixedTokens(%q) = %v", s, prefixedTokens(s))
	}
}

// FuzzMayBeSecret: the shortcut turns away only names secretName calls
// no secret, as a variable or as a pair's name.
func FuzzMayBeSecret(f *testing.F) {
	for _, p := range KeyPatterns {
		for _, n := range append(append([]string{p.Word}, p.Secret...), p.NotSecret...) {
			f.Add(n)
		}
	}
	for _, n := range []string{"image", "environment", "ſecret", "db_paſſword", "KEY", "api-key", "x.y.z", ""} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if mayBeSecret(name) {
			return
		}
		if secretName(name, false) || secretName(name, true) {
			t.Fatalf("%q is secret, but mayBeSecret turned it away", name)
		}
	})
}

// FuzzMaskerStarts: a masker that skips the replacers on texts where no
// value can start masks as one that always runs them.
func FuzzMaskerStarts(f *testing.F) {
	f.Add("hunter22", "s3cr3t-token", "the password hunter22 is in http://u:s3cr3t-token@db")
	f.Add("Zq9é", "ąbcd", "xZq9éy ąbc ąbcd")
	f.Add("abcd", "abcd ", "ab\ncd abcd")
	f.Fuzz(func(t *testing.T, v1, v2, text string) {
		m := NewMasker([]string{v1, v2})
		for _, line := range []string{text, strings.ReplaceAll(text, v1, "<"+v1+">")} {
			wantText, wantLine := MaskText(line), MaskLine(line)
			if len(m.values) > 0 {
				wantText, wantLine = MaskText(m.replacer(textReplacer).Replace(line)), MaskLine(m.replacer(widthReplacer).Replace(line))
			}
			if got := m.Text(line); got != wantText {
				t.Fatalf("values %q: Text(%q) = %q, want %q", m.values, line, got, wantText)
			}
			if got := m.Line(line); got != wantLine {
				t.Fatalf("values %q: Line(%q) = %q, want %q", m.values, line, got, wantLine)
			}
		}
	})
}

// A masker of thousands of values (a table as large as it gets) finds each
// wherever it is, and passes texts without one untouched.
func TestMaskerManyValues(t *testing.T) {
	var values []string
	for i := range 5000 {
		values = append(values, fmt.Sprintf("Sv%05dx", i*7919%100000))
	}
	m := NewMasker(values)
	if len(m.starts)*64 != 1<<16 {
		t.Errorf("%d bits for %d values", len(m.starts)*64, len(values))
	}
	for _, v := range values {
		if got := m.Text("value " + v + " here"); got != "value "+Mask+" here" {
			t.Fatalf("Text hides %q as %q", v, got)
		}
	}
	if got := m.Text("nothing to hide, Sv1 here"); got != "nothing to hide, Sv1 here" {
		t.Errorf("Text changed a text without a value: %q", got)
	}
}
