package schema

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCompile measures what the first Validate in a process pays.
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
	Validate(p.doc, p.locate) // build (and, for an invalid document, compile) outside the loop
	b.ResetTimer()
	for b.Loop() {
		Validate(p.doc, p.locate)
	}
}

func BenchmarkValidateValid(b *testing.B)   { benchValidate(b, "valid-basic") }
func BenchmarkValidateInvalid(b *testing.B) { benchValidate(b, "many-errors") }

// BenchmarkCompileChecked compiles the way compose-go does, with the
// meta-schema check, for comparison with BenchmarkCompile.
func BenchmarkCompileChecked(b *testing.B) {
	for b.Loop() {
		if _, _, err := compileAt(checkedURL); err != nil {
			b.Fatal(err)
		}
	}
}
