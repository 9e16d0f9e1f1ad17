package vfs

import (
	"os"
	"path/filepath"
	"testing"
)

// A StatMemo answers each question once for the run: a file removed after
// the first Stat is still there to it, a listing handed out can be changed
// by its caller, and reads still reach the disk.
func TestStatMemo(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := NewStatMemo(OS{})
	if _, err := m.Stat(a); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Fatalf("missing file: %v", err)
	}
	ents, err := m.ReadDir(dir)
	if err != nil || len(ents) != 2 {
		t.Fatalf("ReadDir: %v %v", ents, err)
	}
	ents[0] = nil
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "missing"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Stat(a); err != nil {
		t.Errorf("Stat asked the disk again: %v", err)
	}
	if _, err := m.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("a remembered absence was asked again: %v", err)
	}
	if again, _ := m.ReadDir(dir); len(again) != 2 || again[0] == nil {
		t.Errorf("a caller's change reached the remembered listing: %v", again)
	}
	if _, err := m.ReadFile(a); !os.IsNotExist(err) {
		t.Errorf("ReadFile did not reach the disk: %v", err)
	}
	if data, err := ReadLimit(m, b, 10); err != nil || string(data) != "x" {
		t.Errorf("ReadLimit through the memo: %q %v", data, err)
	}
}
