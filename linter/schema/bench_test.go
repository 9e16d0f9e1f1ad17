package schema

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCompile measures what the first Validate of an invalid document
// in a process paid before reachlint had its own full evaluation:
// compiling the schema with jsonschema (now the tests' oracle).
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		if _, _, err := compile(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchValidate(b *testing.B, fixture string) {
	data, err := os.ReadFile(filepath.Join(goldenDir, fixture, "compose.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := parse("compose.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	Validate(p.doc, p.locate) // build the schema nodes outside the loop
	b.ResetTimer()
	for b.Loop() {
		Validate(p.doc, p.locate)
	}
}

func BenchmarkValidateValid(b *testing.B)   { benchValidate(b, "valid-basic") }
func BenchmarkValidateInvalid(b *testing.B) { benchValidate(b, "many-errors") }

// BenchmarkOracleInvalid is BenchmarkValidateInvalid the way it was
// validated before: jsonschema's error tree and the old report.go.
func BenchmarkOracleInvalid(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(goldenDir, "many-errors", "compose.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := parse("compose.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	oracleValidate(p.doc, p.locate)
	b.ResetTimer()
	for b.Loop() {
		oracleValidate(p.doc, p.locate)
	}
}

// BenchmarkCompileChecked compiles the way compose-go does, with the
// meta-schema check, for comparison with BenchmarkCompile.
func BenchmarkCompileChecked(b *testing.B) {
	for b.Loop() {
		if _, _, err := compileAt(checkedURL); err != nil {
			b.Fatal(err)
		}
	}
}
