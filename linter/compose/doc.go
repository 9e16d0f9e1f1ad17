package compose

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reachlint/reachlint/linter/diag"
)

// casts are the paths whose string values compose-go converts after
// interpolation ("*" matches any key or index); everything else interpolated
// stays a string. Kept in step with compose-go's loader by the differential
// schema test.
var casts = map[string]string{
	"networks.*.external": "bool", "networks.*.internal": "bool", "networks.*.attachable": "bool",
	"networks.*.enable_ipv4": "bool", "networks.*.enable_ipv6": "bool",
	"volumes.*.external": "bool", "secrets.*.external": "bool", "configs.*.external": "bool",
	"services.*.cpu_count": "int", "services.*.cpu_percent": "float", "services.*.cpu_period": "int",
	"services.*.cpu_quota": "int", "services.*.cpu_rt_period": "int", "services.*.cpu_rt_runtime": "int",
	"services.*.cpus": "float", "services.*.cpu_shares": "int", "services.*.init": "bool",
	"services.*.networks.*.use_service_name_alias": "bool", "services.*.oom_kill_disable": "bool",
	"services.*.oom_score_adj": "int", "services.*.pids_limit": "int", "services.*.privileged": "bool",
	"services.*.read_only": "bool", "services.*.umask": "uint", "services.*.ulimits.*": "int",
	"services.*.ulimits.*.hard": "int", "services.*.ulimits.*.soft": "int",
	"services.*.volumes.*.read_only": "bool", "services.*.volumes.*.volume.nocopy": "bool",
	"services.*.depends_on.*.required": "bool", "services.*.depends_on.*.restart": "bool",
	"services.*.healthcheck.retries": "int", "services.*.healthcheck.disable": "bool",
	"services.*.ports.*.target": "int", "services.*.stdin_open": "bool", "services.*.tty": "bool",
	"services.*.deploy.replicas": "int", "services.*.deploy.update_config.parallelism": "int",
	"services.*.deploy.update_config.max_failure_ratio":   "float",
	"services.*.deploy.rollback_config.parallelism":       "int",
	"services.*.deploy.rollback_config.max_failure_ratio": "float",
	"services.*.deploy.restart_policy.max_attempts":       "int",
	"services.*.deploy.placement.max_replicas_per_node":   "int", "services.*.scale": "int",
}

// castLeaves are the last keys of casts' paths: most scalars end in none
// of them and need no lookup.
var castLeaves = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for k := range casts {
		m[k[strings.LastIndexByte(k, '.')+1:]] = true
	}
	return m
})

func castKind(path []string) string {
	if len(path) < 2 || !castLeaves()[path[len(path)-1]] && (len(path) != 4 || path[2] != "ulimits") {
		return ""
	}
	g := make([]string, len(path))
	copy(g, path)
	g[1] = "*"
	if len(g) > 3 && (g[2] == "networks" || g[2] == "ulimits" || g[2] == "depends_on" || g[2] == "volumes" || g[2] == "ports") {
		g[3] = "*"
	}
	if len(g) > 2 && g[0] == "services" && g[2] == "pre_start" && len(g) > 3 {
		g = append([]string{g[0], "*"}, g[4:]...)
	}
	return casts[strings.Join(g, ".")]
}

// Doc converts the merged document into the plain values compose-go
// validates: YAML-typed scalars, and interpolated strings cast where
// compose-go casts them. Mappings are schema.Mapping values in written
// order (a Go map each was most of the cost of validating), and a string
// scalar is a *string to its node's Value, a list a *[]any (a string or a
// slice in an interface is an allocation, a pointer is not): read the
// document before the nodes change.
//
// With a cache, the projects of a run share the Doc of each service
// definition they share (the variants of a directory, over the services
// their overrides leave alone): a SharedMapping the validator checks once.
func (p *Project) Doc() any {
	if p.docs == nil || p.Root == nil || p.Root.Kind != Map {
		return toAny(p.Root, make([]string, 0, 16))
	}
	// The root without the services' definitions, then each of them.
	var size docSize
	size.countRoot(p.Root)
	b := newDocBuilder(size)
	b.memo = p.docs
	return b.value(p.Root, make([]string, 0, 16))
}

// SharesDocs reports whether Doc shares the conversion of some service
// definitions with other projects of the run (schema.Shared values).
func (p *Project) SharesDocs() bool { return p.docs != nil }

// toAny converts n, found at path, as Doc does.
func toAny(n *Node, path []string) any {
	var size docSize
	size.count(n)
	b := newDocBuilder(size)
	return b.value(n, path)
}

func newDocBuilder(size docSize) docBuilder {
	return docBuilder{maps: make([]docMap, size.maps), entries: make([]docEntry, size.entries),
		lists: make([][]any, size.lists), items: make([]any, size.items)}
}

// docMemo holds the Doc of the service definitions of a run, by node and
// name. Safe for concurrent use.
type docMemo struct {
	mu  sync.Mutex
	svc map[docKey]any
}

type docKey struct {
	n    *Node
	name string
}

// service returns the Doc of n, the definition of service name.
func (m *docMemo) service(n *Node, name string) any {
	k := docKey{n, name}
	m.mu.Lock()
	v, ok := m.svc[k]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = toAny(n, []string{"services", name})
	if d, ok := v.(*docMap); ok {
		v = (*sharedMap)(d)
	}
	m.mu.Lock()
	if m.svc == nil {
		m.svc = map[docKey]any{}
	}
	if w, ok := m.svc[k]; ok {
		v = w // made meanwhile: one value for all
	} else {
		m.svc[k] = v
	}
	m.mu.Unlock()
	return v
}

// sharedMap is a docMap several documents hold (docMemo): it implements
// schema.Shared.
type sharedMap docMap

func (m *sharedMap) Len() int                  { return len(*m) }
func (m *sharedMap) Entry(i int) (string, any) { return (*m)[i].key, (*m)[i].val }
func (m *sharedMap) SharedMapping()            {}

// docSize counts what a Doc of a tree holds, at most.
type docSize struct{ maps, entries, lists, items int }

// countRoot is count of a project's root without the services'
// definitions.
func (s *docSize) countRoot(root *Node) {
	s.maps++
	s.entries += len(root.Pairs)
	for _, pr := range root.Pairs {
		if v := pr.Val; pr.Key.Value == "services" && v != nil && v.Kind == Map && !v.fromList {
			s.maps++
			s.entries += len(v.Pairs)
			continue
		}
		s.count(pr.Val)
	}
}

func (s *docSize) count(n *Node) {
	if n == nil {
		return
	}
	switch n.Kind {
	case Null:
		if n.fromList {
			s.maps++
			s.entries += 2
		}
	case Map:
		s.maps++
		s.entries += len(n.Pairs)
		if n.fromList {
			s.lists++
			s.items += len(n.Pairs)
		}
		for _, pr := range n.Pairs {
			s.count(pr.Val)
		}
	case Seq:
		s.lists++
		s.items += len(n.Items)
		for _, it := range n.Items {
			s.count(it)
		}
	}
}

// docMap is a mapping of a Doc: schema.Mapping, in written order; a Doc
// holds *docMap.
type docMap []docEntry

// docBuilder hands out a Doc's mappings and lists, and the room for their
// entries and items, cut from blocks sized by docSize: a document costs
// four allocations rather than two for each mapping and list.
type docBuilder struct {
	memo    *docMemo // service definitions come from it
	maps    []docMap
	entries []docEntry
	lists   [][]any
	items   []any
}

// mapping returns a new mapping of n entries.
func (b *docBuilder) mapping(n int) *docMap {
	if len(b.maps) == 0 {
		b.maps = make([]docMap, 16)
	}
	if len(b.entries) < n {
		b.entries = make([]docEntry, max(n, 64))
	}
	m := &b.maps[0]
	b.maps = b.maps[1:]
	*m, b.entries = b.entries[:n:n], b.entries[n:]
	return m
}

// list returns a new list of n items.
func (b *docBuilder) list(n int) *[]any {
	if len(b.lists) == 0 {
		b.lists = make([][]any, 16)
	}
	if len(b.items) < n {
		b.items = make([]any, max(n, 64))
	}
	l := &b.lists[0]
	b.lists = b.lists[1:]
	*l, b.items = b.items[:n:n], b.items[n:]
	return l
}

type docEntry struct {
	key string
	val any
}

func (m docMap) Len() int                  { return len(m) }
func (m docMap) Entry(i int) (string, any) { return m[i].key, m[i].val }

// uniqueKeys reports pairs without a repeated key (a file that repeats one
// has a yaml-syntax error and is not validated, so this only guards).
func uniqueKeys(pairs []Pair) bool {
	if len(pairs) <= 16 {
		for i := range pairs {
			for j := range i {
				if pairs[i].Key.Value == pairs[j].Key.Value {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[string]bool, len(pairs))
	for _, p := range pairs {
		if seen[p.Key.Value] {
			return false
		}
		seen[p.Key.Value] = true
	}
	return true
}

func (b *docBuilder) value(n *Node, path []string) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Null:
		if n.fromList && len(path) == 4 && path[0] == "services" && path[2] == "depends_on" {
			// A list entry merged into a mapping: Compose turns it into
			// the condition the short form means before it merges.
			m := b.mapping(2)
			(*m)[0], (*m)[1] = docEntry{"condition", "service_started"}, docEntry{"required", true}
			return m
		}
		return nil
	case Map:
		if n.fromList && len(path) == 4 && path[0] == "services" && path[2] == "depends_on" {
			// A listed name merged with a mapping: its condition applies
			// to what the mapping leaves out.
			m := docMap{{"condition", "service_started"}, {"required", true}}
			for _, pr := range n.Pairs {
				e := docEntry{pr.Key.Value, b.value(pr.Val, append(path, pr.Key.Value))}
				if i := slices.IndexFunc(m, func(d docEntry) bool { return d.key == e.key }); i >= 0 {
					m[i] = e
				} else {
					m = append(m, e)
				}
			}
			return &m
		}
		if n.fromList {
			s := b.list(len(n.Pairs))
			for i, pr := range n.Pairs {
				(*s)[i] = &pr.Key.Value
				if pr.Val != nil && pr.Val.Kind != Null {
					(*s)[i] = pr.Key.Value + "=" + pr.Val.Value
				}
			}
			return s
		}
		// path is one buffer for the whole walk: castKind only reads it.
		if uniqueKeys(n.Pairs) {
			m := b.mapping(len(n.Pairs))
			services := b.memo != nil && len(path) == 1 && path[0] == "services"
			for i, pr := range n.Pairs {
				if services {
					(*m)[i] = docEntry{pr.Key.Value, b.memo.service(pr.Val, pr.Key.Value)}
					continue
				}
				(*m)[i] = docEntry{pr.Key.Value, b.value(pr.Val, append(path, pr.Key.Value))}
			}
			return m
		}
		m := make(map[string]any, len(n.Pairs)) // the last of a repeated key wins
		for _, pr := range n.Pairs {
			m[pr.Key.Value] = b.value(pr.Val, append(path, pr.Key.Value))
		}
		return m
	case Seq:
		s := b.list(len(n.Items))
		for i, it := range n.Items {
			(*s)[i] = b.value(it, append(path, index(i)))
		}
		return s
	}
	if n.Segs != nil || n.Quoted || n.Tag == "!!str" {
		if v, ok := cast(castKind(path), n.Value); ok {
			return v
		}
		return &n.Value
	}
	return typed(n)
}

// index is strconv.Itoa(i), without allocating for small i.
func index(i int) string {
	if i < len(smallIndexes) {
		return smallIndexes[i]
	}
	return strconv.Itoa(i)
}

var smallIndexes = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"}

func cast(kind, s string) (any, bool) {
	switch kind {
	case "bool":
		switch strings.ToLower(s) {
		case "true", "y", "yes", "on":
			return true, true
		case "false", "n", "no", "off":
			return false, true
		}
	case "int":
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			return v, true
		}
	case "uint":
		if v, err := strconv.ParseUint(s, 0, 32); err == nil {
			return v, true
		}
	case "float":
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, true
		}
	}
	return nil, false
}

// typed decodes a plain scalar by its YAML tag.
func typed(n *Node) any {
	s := n.Value
	switch n.Tag {
	case "!!int":
		t := strings.ReplaceAll(s, "_", "")
		if v, err := strconv.ParseInt(t, 0, 64); err == nil {
			return int(v)
		}
		if v, err := strconv.ParseUint(t, 0, 64); err == nil {
			return v
		}
		if strings.HasPrefix(t, "0o") {
			if v, err := strconv.ParseInt(t[2:], 8, 64); err == nil {
				return int(v)
			}
		}
	case "!!float":
		switch strings.ToLower(s) {
		case ".inf", "+.inf":
			return math.Inf(1)
		case "-.inf":
			return math.Inf(-1)
		case ".nan":
			return math.NaN()
		}
		if v, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil {
			return v
		}
	case "!!bool":
		switch strings.ToLower(s) {
		case "true":
			return true
		case "false":
			return false
		}
	}
	return s
}

// Locate maps a document path (keys and list indices) to the node's range,
// or the key's range when key is set; it is what schema validation reports
// against.
func (p *Project) Locate(path []string, key bool) diag.Range {
	n := p.Root
	var lastKey *Node
	for _, seg := range path {
		switch n.Kind {
		case Map:
			if n.fromList {
				if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Pairs) {
					lastKey, n = nil, n.Pairs[i].Key
					continue
				}
			}
			pr, ok := n.GetPair(seg)
			if !ok {
				return n.Range
			}
			lastKey, n = pr.Key, pr.Val
		case Seq:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Items) {
				return n.Range
			}
			lastKey, n = nil, n.Items[i]
		default:
			return n.Range
		}
	}
	if key && lastKey != nil && lastKey.File != nil {
		return lastKey.Range
	}
	return n.Range
}

// CastKind returns what compose-go converts a string at path to ("bool",
// "int", "uint", "float"), or "" when it stays a string. path starts at the
// top level: services, NAME, privileged.
func CastKind(path []string) string { return castKind(path) }
