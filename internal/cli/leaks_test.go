package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/internal/testfs"
	"github.com/reachlint/reachlint/linter"
	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/output"
	"github.com/reachlint/reachlint/rules"
)

// TestLeakPaths covers each way issue 12's review got a secret printed, with
// the secret written as that attack wrote it. Every format, all rules on.
func TestLeakPaths(t *testing.T) {
	const s = "Zk8-leak-S3NT"
	cases := map[string]map[string]string{
		"env-syntax message with a space in the key": {
			"compose.yaml": "services:\n  a:\n    image: x\n", ".env": "DB_PASSWORD " + s + "\n"},
		"env-syntax message with a bad character": {
			"compose.yaml": "services:\n  a:\n    image: x\n", ".env": "DB_PASSWORD!" + s + "=1\nAPI_TOKEN@=" + s + "\n"},
		"interpolation-syntax raw value": {
			"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: \"" + s + "${\"\n      OTHER: \"${" + s + "\"\n"},
		"env-quoting dropped comment": {
			"compose.yaml": "services:\n  a:\n    image: x\n", ".env": "DB_PASSWORD=abc #" + s + "\n"},
		"compose-schema under a secret key": {
			"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: [" + s + "]\n    healthcheck:\n      retries: " + s + "\n"},
		"folded scalar and backticks": {
			"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      DB_PASSWORD: >-\n        " + s + "\n      API_URL: http://localhost:3000\n",
			".env":         "API_SECRET=`" + s + "`\nOTHER_TOKEN=\"" + s + "\n"},
		"separate argument, header, signed URL, connection string": {
			"compose.yaml": "services:\n  db:\n    image: postgres\n  a:\n    image: x\n    command: [\"app\", \"--db-password\", \"" + s + "\", \"--db\", \"postgres://localhost:5432/x\"]\n" +
				"    healthcheck:\n      test: [\"CMD\", \"curl\", \"-H\", \"Authorization: Bearer " + s + "\", \"http://localhost:9/x?X-Amz-Signature=" + s + "\"]\n" +
				"    environment:\n      - CONN=Server=localhost;Database=x;Pwd=" + s + ";\n      - SIGNED=http://localhost:80/f?sv=1&sig=" + s + "\n      - DB_PW=" + s + "\n"},
		"'#' and '?' in URL passwords": {
			"compose.yaml": "services:\n  db:\n    image: postgres\n  a:\n    image: x\n    environment:\n      A_URL: postgres://u:p#" + s + "@localhost:5432/x\n      B_URL: postgres://u:p?" + s + "@localhost:5432/x\n"},
		"secret named in other spellings": {
			"compose.yaml": "services:\n  a:\n    image: x\n    environment:\n      SMTP_PASSWD: " + s + "\n      SIGNING_SALT: " + s + "\n      WEBHOOK_HMAC: " + s + "\n      X_AUTHORIZATION: " + s + "\n      unused: ${NOPE:?" + s + "}\n"},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.WriteFiles(t, dir, files)
			for _, f := range output.Formats {
				out, errOut, _ := run(t, dir, "--no-env", "--enable", "all", "--fail-level", "info", "--format", f, ".")
				if strings.Contains(out+errOut, s) {
					t.Errorf("--format %s prints the secret:\n%s\n%s", f, out, errOut)
					break
				}
			}
		})
	}
}

// TestGoMessagesMasked: Go findings and Go loader errors pass the same
// masking step: a MySQL DSN in a message or on stderr shows no password.
func TestGoMessagesMasked(t *testing.T) {
	const pw = "Gq7-dsn-S3NT"
	dir := t.TempDir()
	testfs.WriteFiles(t, dir, map[string]string{"go.mod": "module m\n", "main.go": "package main\n\nvar dsn = \"root:" + pw + "@tcp(localhost:3306)/app\"\n"})
	goLint := func(roots, dirs []string, services []linter.GoService) ([]diag.Diagnostic, error) {
		return []diag.Diagnostic{{Rule: rules.GoAnalyzerName, Severity: diag.Error,
				Range:   diag.Range{File: "main.go", Start: diag.Pos{Line: 3, Col: 12, Offset: 25}, End: diag.Pos{Line: 3, Col: 20, Offset: 33}},
				Message: "sql.Open dials \"root:" + pw + "@tcp(localhost:3306)/app\", the container itself"}},
			errors.New("main.go:3:11: cannot use \"root:" + pw + "@tcp(localhost:3306)/app\" (untyped string constant) as int value")
	}
	for _, f := range output.Formats {
		var out, errb bytes.Buffer
		Main([]string{"--no-env", "--format", f, "./..."}, &Env{Stdout: &out, Stderr: &errb, Cwd: dir, goLint: goLint})
		if strings.Contains(out.String()+errb.String(), pw) {
			t.Errorf("--format %s prints the DSN password:\n%s%s", f, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), "main.go") {
			t.Errorf("--format %s: the Go finding is missing:\n%s%s", f, out.String(), errb.String())
		}
	}
}
