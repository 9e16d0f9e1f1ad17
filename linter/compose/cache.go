package compose

import (
	"reflect"
	"slices"
	"sync"

	"github.com/reachlint/reachlint/linter/diag"
	"github.com/reachlint/reachlint/linter/dotenv"
	"github.com/reachlint/reachlint/linter/source"
	"github.com/reachlint/reachlint/linter/vfs"
)

// Cache shares what the projects of one run read: each file is read and
// parsed once, however many projects include it (a directory's base is
// part of every variant over it; its siblings are consulted by all of
// them). Loading interpolates and merges nodes in place, so a load gets
// its own copy of the parsed nodes, except the last load the plan expects
// for the file (Expect), which takes the nodes themselves. Safe for
// concurrent use. Files must not change during the run, and the loaders
// sharing a cache must read the same file system with the same working
// directory and limits (Share ignores a loader that does not).
type Cache struct {
	mu      sync.Mutex
	key     *cacheKey
	entries map[string]*cacheEntry
	docs    docMemo
}

type cacheKey struct {
	fs      vfs.FS
	cwd     string
	maxSize int64
	limits  Limits
}

type cacheEntry struct {
	readOnce  sync.Once
	file      loadedFile
	parseOnce sync.Once
	probs     []Problem
	anchors   bool     // some document has an anchor: nodes may be shared
	names     []string // the services, networks, secrets and configs the file defines

	mu     sync.Mutex
	interp *interpolated     // the documents as a load interpolated them, for loads with the same variables
	loads  int               // projects that list the file (Expect)
	env    *dotenv.File      // the file parsed as a project's first env file
	proc   map[string]string // the process environment it was parsed with
	docs   []*Node           // as parsed
	left   int               // expected loads yet to come
	lent   bool              // docs went to the last expected load: gone
	// copying is held for reading while docs are copied or viewed; the
	// last load takes it for writing before it may change them.
	copying sync.RWMutex
}

// Share makes l read and parse through c. It reports whether l matches
// the loaders already sharing c.
func (l *Loader) Share(c *Cache) bool {
	k := cacheKey{fs: l.fs, cwd: l.cwd, maxSize: l.maxSize, limits: l.limits}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == nil {
		c.key = &k
	}
	if *c.key != k {
		return false
	}
	l.cache = c
	return true
}

// Expect records that a project of the run lists these files. Call it for
// every project before loading any: a file one project lists is handed to
// that project's load without a copy.
func (c *Cache) Expect(files []string) {
	for _, f := range files {
		e := c.entry(f)
		e.mu.Lock()
		e.loads++
		e.left++
		e.mu.Unlock()
	}
}

// entry is the cache's entry for abs. A loader asks about one file
// several times in a row (read, parse, share): the last answer is kept.
func (l *Loader) entry(abs string) *cacheEntry {
	if l.lastEntry == nil || l.lastAbs != abs {
		l.lastAbs, l.lastEntry = abs, l.cache.entry(abs)
	}
	return l.lastEntry
}

// entry is abs's entry, created on first use.
func (c *Cache) entry(abs string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*cacheEntry{}
	}
	e := c.entries[abs]
	if e == nil {
		e = &cacheEntry{}
		c.entries[abs] = e
	}
	return e
}

// parsed returns the documents of src, the file at abs, for a load to
// modify: a copy, or the parse itself for the file's last expected load
// (after that, a new parse).
func (l *Loader) parsed(abs string, src *source.File) ([]*Node, []Problem) {
	if l.cache == nil {
		return parseYAML(src, l.limits)
	}
	e := l.entry(abs).parse(src, l.limits)
	e.mu.Lock()
	switch {
	case e.lent:
		e.mu.Unlock()
		docs, _ := parseYAML(src, l.limits)
		return docs, e.probs
	case e.loads > 0 && e.left <= 1:
		docs := e.docs
		e.docs, e.left, e.lent = nil, 0, true
		e.mu.Unlock()
		e.copying.Lock() // copies begun before are finished
		e.copying.Unlock()
		return docs, e.probs
	}
	if e.left > 0 {
		e.left--
	}
	docs := e.docs
	e.copying.RLock()
	e.mu.Unlock()
	defer e.copying.RUnlock()
	return cloneDocs(docs, e.anchors), e.probs
}

// view returns the documents of the file at abs as parsed, not
// interpolated, for reading only; nil when it cannot be read or parsed.
func (l *Loader) view(abs string) []*Node {
	src, err := l.read(abs)
	if err != nil {
		return nil
	}
	if l.cache == nil {
		if l.views == nil {
			l.views = map[string][]*Node{}
		}
		docs, ok := l.views[abs]
		if !ok {
			docs, _ = parseYAML(src, l.limits)
			l.views[abs] = docs
		}
		return docs
	}
	e := l.entry(abs).parse(src, l.limits)
	e.mu.Lock()
	switch {
	case e.lent:
		e.mu.Unlock()
		docs, _ := parseYAML(src, l.limits)
		return docs
	case e.loads > 0:
		// A load may take and change the nodes while they are read.
		docs := e.docs
		e.copying.RLock()
		e.mu.Unlock()
		defer e.copying.RUnlock()
		return cloneDocs(docs, e.anchors)
	}
	defer e.mu.Unlock()
	return e.docs
}

// holdsNothing reports a file that parses without error into no mapping
// at all: empty, comments only, or null. Layered over a base it changes
// nothing (a fork's extension seam).
func (l *Loader) holdsNothing(abs string) bool {
	src, err := l.read(abs)
	if err != nil {
		return false
	}
	nothing := func(docs []*Node, probs []Problem) bool {
		return len(probs) == 0 && !slices.ContainsFunc(docs, func(d *Node) bool { return d.Kind != Null })
	}
	if l.cache == nil {
		return nothing(parseYAML(src, l.limits))
	}
	e := l.entry(abs).parse(src, l.limits)
	e.mu.Lock()
	defer e.mu.Unlock()
	return !e.lent && nothing(e.docs, e.probs)
}

// parsedEnv parses src, the env file at abs, with lookup. A project's first
// env file reads only the process environment besides itself, so the
// projects of a directory share one parse of their .env.
func (l *Loader) parsedEnv(abs string, src *source.File, process map[string]string, first bool, lookup func(string) (string, bool)) *dotenv.File {
	if l.cache == nil || !first {
		return dotenv.Parse(src.Path, src.Data, lookup)
	}
	e := l.entry(abs)
	e.mu.Lock()
	if e.env != nil && sameMap(e.proc, process) {
		df := e.env
		e.mu.Unlock()
		return df
	}
	e.mu.Unlock()
	df := dotenv.Parse(src.Path, src.Data, lookup)
	e.mu.Lock()
	if e.env == nil {
		e.env, e.proc = df, process
	}
	e.mu.Unlock()
	return df
}

// sameMap reports whether a and b are the same map (not equal contents).
func sameMap(a, b map[string]string) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// parse parses src, the content of e's file, once per run, and notes what
// the file defines before any load can change the nodes.
func (e *cacheEntry) parse(src *source.File, lim Limits) *cacheEntry {
	e.parseOnce.Do(func() {
		docs, probs, anchors := parseDocs(src, lim)
		e.probs = probs
		e.anchors = anchors
		e.names = namesOf(docs)
		e.mu.Lock()
		e.docs = docs
		e.mu.Unlock()
	})
	return e
}

// cloneDocs copies parsed documents deeply. In a document with anchors a
// node may be reached more than once (through aliases and merge keys):
// each is then copied once, so the copy shares nodes as the original does.
func cloneDocs(docs []*Node, anchors bool) []*Node {
	var memo map[*Node]*Node
	if anchors {
		memo = map[*Node]*Node{}
	}
	var nodes slab
	var clone func(n *Node) *Node
	clone = func(n *Node) *Node {
		if n == nil {
			return nil
		}
		// Only a node below an anchor can be reached twice (parsing marks
		// it anchored).
		if n.anchored {
			if c, ok := memo[n]; ok {
				return c
			}
		}
		c := nodes.node()
		*c = *n
		if memo != nil && n.anchored {
			memo[n] = c
		}
		if n.Pairs != nil {
			c.Pairs = make([]Pair, len(n.Pairs))
			for i, p := range n.Pairs {
				c.Pairs[i] = Pair{Key: clone(p.Key), Val: clone(p.Val)}
			}
		}
		if n.Items != nil {
			c.Items = make([]*Node, len(n.Items))
			for i, it := range n.Items {
				c.Items[i] = clone(it)
			}
		}
		return c
	}
	out := make([]*Node, len(docs))
	for i, d := range docs {
		out[i] = clone(d)
	}
	return out
}

// interpolated is a file's documents as one load interpolated them, with
// what that load learnt doing so. Interpolation is the only change a load
// makes to a file's nodes (merges, extends and includes copy what they
// change), so a later load whose variables answer as this load's did takes
// the same documents without a copy: the variants of a directory share
// their base file.
type interpolated struct {
	docs     []*Node
	mu       sync.Mutex
	canon    []*Node // canonical of each of docs, made on first use
	probs    []Problem
	lookups  []lookupAnswer // every variable the interpolation looked up, once
	uses     []VarRef
	required []RequiredVar
	diags    []diag.Diagnostic
}

type lookupAnswer struct {
	name, value string
	src         *VarSource
	ok          bool
}

// canonical returns canonical(doc) for doc, one of r's documents, made
// once for every load sharing r: loads copy what they change.
func (r *interpolated) canonical(doc *Node) *Node {
	i := slices.Index(r.docs, doc)
	if i < 0 {
		return canonical(doc)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.canon == nil {
		r.canon = make([]*Node, len(r.docs))
	}
	if r.canon[i] == nil {
		r.canon[i] = canonical(doc)
	}
	return r.canon[i]
}

// answers reports whether lookup gives every recorded variable the value
// and the source it had.
func (r *interpolated) answers(lookup Lookup) bool {
	for _, a := range r.lookups {
		v, src, ok := lookup(a.name)
		if v != a.value || ok != a.ok || (src == nil) != (a.src == nil) || src != nil && *src != *a.src {
			return false
		}
	}
	return true
}

// sharable reports whether other loads of the run may load the file at
// abs: it is not the file of one project alone (Expect).
func (l *Loader) sharable(abs string) bool {
	if l.cache == nil {
		return false
	}
	e := l.entry(abs)
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.loads != 1
}

// shared returns the interpolated documents of the file at abs when a load
// whose variables answer as lookup does made them.
func (l *Loader) shared(abs string, lookup Lookup) *interpolated {
	if l.cache == nil {
		return nil
	}
	e := l.entry(abs)
	e.mu.Lock()
	r := e.interp
	e.mu.Unlock()
	if r == nil || !r.answers(lookup) {
		return nil
	}
	return r
}

// share offers r to the later loads of the file at abs; the first offer
// stays.
func (l *Loader) share(abs string, r *interpolated) {
	if l.cache == nil {
		return
	}
	e := l.entry(abs)
	e.mu.Lock()
	if e.interp == nil {
		e.interp = r
	}
	e.mu.Unlock()
}
