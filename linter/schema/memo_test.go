package schema

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/reachlint/reachlint/linter/diag"
)

// sharedService is a Shared mapping that counts the entries read.
type sharedService struct {
	entries []struct {
		k string
		v any
	}
	mu    sync.Mutex
	reads int
}

func newShared(kv ...any) *sharedService {
	s := &sharedService{}
	for i := 0; i < len(kv); i += 2 {
		s.entries = append(s.entries, struct {
			k string
			v any
		}{kv[i].(string), kv[i+1]})
	}
	return s
}

func (s *sharedService) Len() int { return len(s.entries) }
func (s *sharedService) Entry(i int) (string, any) {
	s.mu.Lock()
	s.reads++
	s.mu.Unlock()
	return s.entries[i].k, s.entries[i].v
}
func (s *sharedService) SharedMapping() {}

func (s *sharedService) read() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

func servicesDoc(svcs ...any) any {
	m := map[string]any{}
	for i := 0; i < len(svcs); i += 2 {
		m[svcs[i].(string)] = svcs[i+1]
	}
	return map[string]any{"services": m}
}

func noRange([]string, bool) diag.Range { return diag.Range{} }

// A shared definition the memo accepted is not read again in another
// document; an invalid one is never taken as accepted, and each document
// gets the findings Validate gives it.
func TestMemoChecksSharedOnce(t *testing.T) {
	api := newShared("image", "node:20", "ports", []any{"3000:3000"})
	bad := newShared("image", "node:20", "ports", "3000") // ports must be a list
	var m Memo
	first := m.Validate(servicesDoc("api", api, "web", map[string]any{"image": "nginx"}), noRange)
	if len(first) != 0 {
		t.Fatalf("a valid document: %v", first)
	}
	n := api.read()
	if n == 0 {
		t.Fatal("the shared definition was not read at all")
	}
	if got := m.Validate(servicesDoc("api", api, "web", map[string]any{"image": "nginx:1"}), noRange); len(got) != 0 {
		t.Fatalf("a valid document: %v", got)
	}
	if api.read() != n {
		t.Errorf("the memo read the accepted definition again (%d reads, then %d)", n, api.read())
	}
	for i := range 2 {
		doc := servicesDoc("api", api, "bad", bad)
		got, want := m.Validate(doc, noRange), Validate(doc, noRange)
		if len(got) == 0 || !slices.EqualFunc(got, want, func(a, b diag.Diagnostic) bool { return a.Message == b.Message }) {
			t.Errorf("pass %d: the memo finds %v, Validate %v", i, got, want)
		}
	}
	// A nil memo is Validate.
	var none *Memo
	if got := none.Validate(servicesDoc("bad", bad), noRange); len(got) == 0 {
		t.Error("a nil memo accepts an invalid definition")
	}
}

// What was accepted at a depth holds at any shallower one (more room below
// it), not deeper.
func TestMemoDepth(t *testing.T) {
	var m Memo
	s := newShared("image", "x")
	n := fast().root
	m.accept(n, s, 5)
	for depth, want := range map[int]bool{0: true, 5: true, 6: false} {
		if got := m.isAccepted(n, s, depth); got != want {
			t.Errorf("accepted at 5, asked at %d: %v", depth, got)
		}
	}
	if m.isAccepted(nil, s, 0) || m.isAccepted(n, newShared("image", "x"), 0) {
		t.Error("accepted for another node or another value")
	}
	m.accept(n, s, 2) // a shallower acceptance keeps the deeper one
	if !m.isAccepted(n, s, 5) {
		t.Error("a later, shallower acceptance lost the deeper one")
	}
}

// Documents checked with one memo, at once and in turn, get the findings
// Validate gives each (run with -race).
func TestMemoAgreesConcurrently(t *testing.T) {
	shared := []any{
		newShared("image", "node:20"),
		newShared("image", "node:20", "ports", "80"),
		newShared("build", ".", "environment", []any{"A=1", "A=1"}), // a repeated item
		newShared("image", "x", "healthcheck", map[string]any{"retries": "three"}),
	}
	var docs []any
	for i := range 16 {
		docs = append(docs, servicesDoc("a", shared[i%len(shared)], "b", shared[(i/2)%len(shared)], "c", map[string]any{"image": fmt.Sprint(i)}))
	}
	var m Memo
	var wg sync.WaitGroup
	got := make([][]diag.Diagnostic, len(docs))
	for i, d := range docs {
		wg.Go(func() { got[i] = m.Validate(d, noRange) })
	}
	wg.Wait()
	for i, d := range docs {
		want := Validate(d, noRange)
		again := m.Validate(d, noRange)
		if !slices.EqualFunc(got[i], want, sameDiag) || !slices.EqualFunc(again, want, sameDiag) {
			t.Errorf("document %d: with the memo %v then %v, Validate %v", i, got[i], again, want)
		}
	}
}

func sameDiag(a, b diag.Diagnostic) bool { return a.Message == b.Message && a.Range == b.Range }
