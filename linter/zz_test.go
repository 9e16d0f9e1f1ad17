package linter

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/reachlint/reachlint/internal/testenv"
	"github.com/reachlint/reachlint/internal/testfs"
)

func BenchmarkZZCorpusMem(b *testing.B) {
	abs, _ := filepath.Abs(testenv.CorpusDir())
	o := Options{Cwd: abs, Paths: []string{"./..."}, Workers: 1, FS: testfs.Snapshot(b, abs)}
	Run(o)
	for b.Loop() {
		Run(o)
	}
}

func BenchmarkZZExampleMem(b *testing.B) {
	f := exampleFile(b)
	o := Options{Cwd: filepath.Dir(f), Files: []string{f}, Workers: 1, FS: testfs.Snapshot(b, filepath.Dir(f))}
	Run(o)
	for b.Loop() {
		Run(o)
	}
}

func BenchmarkZZThousandMem(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{}
	for i := range 1000 {
		files[fmt.Sprintf("p%04d/compose.yaml", i)] = fmt.Sprintf(`services:
  api:
    build: ./api
    ports: ["%d:3000"]
    environment:
      PORT: "3000"
      DATABASE_URL: postgres://app:secret@db:5432/app
  db:
    image: postgres:16
  web:
    build: ./web
    environment:
      API_URL: http://localhost:3000
`, 10000+i)
	}
	testfs.WriteFiles(b, dir, files)
	o := Options{Cwd: dir, Paths: []string{"./..."}, Workers: 1, FS: testfs.Snapshot(b, dir)}
	Run(o)
	for b.Loop() {
		Run(o)
	}
}
