package schema

// Mapping is a mapping Validate reads in the order it was written, without
// a Go map: Len entries, the i-th of which Entry returns; keys are unique.
// Validate takes one wherever it takes a map[string]any (the loader builds
// its documents this way: a Go map per mapping was most of the cost of
// handing a project to the validator).
type Mapping interface {
	Len() int
	Entry(i int) (key string, value any)
}

// lookup returns the value of key in m.
func lookup(m Mapping, key string) (any, bool) {
	for i := range m.Len() {
		if k, v := m.Entry(i); k == key {
			return v, true
		}
	}
	return nil, false
}

// asMaps returns v with every Mapping in it replaced by a map[string]any
// (containers are copied), for the paths that compare values or report
// them: equality, and the full evaluation of a document the fast path did
// not accept.
func asMaps(v any) any {
	switch v := v.(type) {
	case Mapping:
		out := make(map[string]any, v.Len())
		for i := range v.Len() {
			k, e := v.Entry(i)
			out[k] = asMaps(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = asMaps(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = asMaps(e)
		}
		return out
	case *[]any:
		return asMaps(*v)
	case *string:
		return *v
	}
	return v
}

// text returns the string v holds: a string, or a *string, which Validate
// takes wherever it takes a string, as it takes a *[]any for a []any (the
// loader hands them by pointer: a pointer in an interface costs no
// allocation, a string or a slice does).
func text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case *string:
		return *v, true
	}
	return "", false
}
