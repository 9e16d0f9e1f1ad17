// Package sentinel helps the tests that prove no output prints a secret: it
// writes each rule's documented example with a secret variable beside it,
// and puts that secret into every field of every finding.
package sentinel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

// Value is the secret. It must never appear in any output.
const Value = "S3NT1NEL-x9Qw"

// SecretLine is the line that defines Value in the project's .env.
const SecretLine = "ZZ_DB_PASSWORD=" + Value

// WriteExample writes a rule's example into dir as the docs test does (a
// compose file, a standalone .env, or "# file: NAME" parts) with SecretLine
// added to the .env the project reads, and returns the path to lint and
// the file holding the secret (relative to dir).
func WriteExample(t testing.TB, dir, example string) (target, secretFile string) {
	t.Helper()
	files := map[string]string{}
	target = "compose.yaml"
	if strings.HasPrefix(example, "# file: ") {
		for _, part := range strings.Split(example, "# file: ")[1:] {
			n, body, _ := strings.Cut(part, "\n")
			files[n] = body
		}
		target = "."
		for n := range files {
			if ext := filepath.Ext(n); ext == ".js" || ext == ".ts" || ext == ".tsx" || ext == ".jsx" {
				target = "./..." // source code is read by the walk
			}
		}
	} else {
		if !strings.Contains(example, "services:") && !strings.Contains(example, "include:") {
			target = "app.env"
		}
		files[target] = example
	}
	secretFile = ".env"
	if target == "app.env" {
		secretFile = "app.env"
	}
	files[secretFile] = SecretLine + "\n" + files[secretFile]
	for n, body := range files {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return target, secretFile
}

// Inject returns ds with Value in every text field (message, explanation,
// related messages, fix description and replacement text), plus for each finding a
// twin located on the secret's line, so snippets and fingerprints read it.
func Inject(ds []diag.Diagnostic, secretFile string) []diag.Diagnostic {
	at := diag.Range{File: secretFile, Start: diag.Pos{Line: 1, Col: 1, Offset: 0},
		End: diag.Pos{Line: 1, Col: len(SecretLine) + 1, Offset: len(SecretLine)}}
	out := make([]diag.Diagnostic, 0, 2*len(ds))
	for _, d := range ds {
		d.Message += `; key "ZZ_DB_PASSWORD ` + Value + `" cannot contain a space`
		d.Why += "; its value " + Value + " is read"
		d.Related = append(append([]diag.Related(nil), d.Related...), diag.Related{Range: at, Message: "value " + Value})
		f := diag.Fix{Description: "replace it with " + Value}
		if d.Fix != nil {
			f.Edits = append(f.Edits, d.Fix.Edits...)
		}
		f.Edits = append(f.Edits, diag.TextEdit{Range: at, NewText: Value})
		d.Fix = &f
		twin := d
		twin.Range = at
		out = append(out, d, twin)
	}
	return out
}
