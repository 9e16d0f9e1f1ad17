package network

// smallMap is a map that stays a list while it holds few entries: most
// projects have a handful of services, and a Go map for each of the
// model's indexes was most of what a small project's model allocated.
type smallMap[K comparable, V any] struct {
	list []smallEntry[K, V]
	m    map[K]V // past smallMapMax entries
}

type smallEntry[K comparable, V any] struct {
	k K
	v V
}

// smallMapMax is the most entries a smallMap holds as a list.
const smallMapMax = 8

// newSmallMap returns a smallMap for about n entries.
func newSmallMap[K comparable, V any](n int) smallMap[K, V] {
	if n > smallMapMax {
		return smallMap[K, V]{m: make(map[K]V, n)}
	}
	return smallMap[K, V]{list: make([]smallEntry[K, V], 0, n)}
}

// lookup returns the value of k.
func (s *smallMap[K, V]) lookup(k K) (V, bool) {
	if s.m != nil {
		v, ok := s.m[k]
		return v, ok
	}
	for i := range s.list {
		if s.list[i].k == k {
			return s.list[i].v, true
		}
	}
	var zero V
	return zero, false
}

// get returns the value of k, or the zero value.
func (s *smallMap[K, V]) get(k K) V {
	v, _ := s.lookup(k)
	return v
}

// set makes v the value of k.
func (s *smallMap[K, V]) set(k K, v V) {
	if s.m != nil {
		s.m[k] = v
		return
	}
	for i := range s.list {
		if s.list[i].k == k {
			s.list[i].v = v
			return
		}
	}
	if len(s.list) < smallMapMax {
		s.list = append(s.list, smallEntry[K, V]{k, v})
		return
	}
	s.m = make(map[K]V, 2*smallMapMax)
	for _, e := range s.list {
		s.m[e.k] = e.v
	}
	s.m[k] = v
	s.list = nil
}
