package schema

import (
	"sync"

	"github.com/reachlint/reachlint/linter/diag"
)

// Shared is a Mapping that several documents of a run may hold as the
// same value: a service that the overrides of a directory's variants leave
// alone is one definition in each of them. A Memo checks it once against
// each part of the schema that meets it. Implementations must be pointers
// (the Memo compares them by identity) and must not change.
type Shared interface {
	Mapping
	SharedMapping()
}

// Memo remembers the shared mappings the fast path accepted in the
// documents of one run. The zero value is ready; safe for concurrent use.
type Memo struct {
	mu       sync.Mutex
	accepted map[memoKey]int // the greatest depth each was accepted at
}

// memoKey is a shared mapping checked against a schema node (nil: found
// plain).
type memoKey struct {
	n *node
	v Shared
}

// Validate is Validate, remembering in m the shared mappings it accepts
// and taking those it accepted before as they were.
func (m *Memo) Validate(doc any, locate func(path []string, key bool) diag.Range) []diag.Diagnostic {
	if doc == nil {
		return nil
	}
	if (checker{memo: m}).valid(doc) {
		return nil
	}
	return validateFull(asMaps(doc), locate)
}

// isAccepted reports whether v was accepted against n at depth or deeper: a
// depth leaves less room below it, so what held deeper holds here.
func (m *Memo) isAccepted(n *node, v Shared, depth int) bool {
	m.mu.Lock()
	d, ok := m.accepted[memoKey{n, v}]
	m.mu.Unlock()
	return ok && d >= depth
}

// accept records that v holds against n at depth.
func (m *Memo) accept(n *node, v Shared, depth int) {
	m.mu.Lock()
	if m.accepted == nil {
		m.accepted = map[memoKey]int{}
	}
	if d, ok := m.accepted[memoKey{n, v}]; !ok || depth > d {
		m.accepted[memoKey{n, v}] = depth
	}
	m.mu.Unlock()
}
