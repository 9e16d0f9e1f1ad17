package network

import (
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/suggest"
)

// Named returns the services a variable name names (see NamesService), in
// project order, through the index of service-name words.
func (m *Model) Named(key string) []*compose.Service {
	kt := strings.Split(strings.ToLower(key), "_")
	var out []*compose.Service
	for i := range kt {
		for j := i + 1; j <= len(kt); j++ {
			out = append(out, m.byWords.get(strings.Join(kt[i:j], "_"))...)
		}
	}
	slices.SortFunc(out, func(a, b *compose.Service) int { return strings.Compare(a.Name, b.Name) })
	return slices.Compact(out)
}

// serviceWords splits a service name into the words a variable name
// would spell it with.
func serviceWords(service string) []string {
	return strings.FieldsFunc(strings.ToLower(service), isWordSep)
}

func isWordSep(r rune) bool { return r == '-' || r == '_' || r == '.' }

// wordsKey is serviceWords joined by "_" ("Order-Service" -> order_service),
// the key of byWords; a name already so written is its own key.
func wordsKey(service string) string {
	plain := true
	for i := 0; i < len(service) && plain; i++ {
		c := service[i]
		plain = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' && i > 0 && i < len(service)-1 && service[i-1] != '_'
	}
	if plain {
		return service
	}
	return strings.Join(serviceWords(service), "_")
}

// NamesService reports whether a variable name contains a service's name
// as whole words: API_BASE_URL names "api", ORDER_SERVICE_URL names
// "order-service".
func NamesService(key, service string) bool {
	kt := strings.Split(strings.ToLower(key), "_")
	st := serviceWords(service)
	if len(st) == 0 {
		return false
	}
	for i := 0; i+len(st) <= len(kt); i++ {
		match := true
		for j := range st {
			if kt[i+j] != st[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// GeneratedService matches a container name Compose generates for a
// service: project-service-1 (v2) or project_service_1 (v1), and returns
// the service and the project prefix.
func (m *Model) GeneratedService(host string) (*compose.Service, string, bool) {
	i := strings.LastIndexAny(host, "-_")
	if i < 0 || i == len(host)-1 || strings.Trim(host[i+1:], "0123456789") != "" {
		return nil, "", false
	}
	rest := host[:i]
	// Try every split of rest into project + separator + service, longest
	// service name first, looking the candidate up by name.
	for j := 0; j < len(rest); j++ {
		sep := rest[j]
		if (sep != '-' && sep != '_') || j == 0 || j == len(rest)-1 {
			continue
		}
		cand := rest[j+1:]
		t := m.byName.get(cand)
		if t == nil {
			t = m.under.get(cand)
		}
		if t == nil {
			continue
		}
		return t, rest[:j], host[i] == '-' && sep == '-'
	}
	return nil, "", false
}

// Generated reports a container name Compose v2 itself gives a service in
// this project (project-service-1), which resolves like container_name.
func (m *Model) Generated(host string) bool {
	t, prefix, v2 := m.GeneratedService(host)
	return t != nil && v2 && strings.EqualFold(prefix, m.p.Name)
}

// Suggest returns the defined name closest to host, or "".
func (m *Model) Suggest(host string) string {
	// A Compose v1 container name (project_db_1), or one of another
	// project name: the service name is what resolves everywhere.
	if t, _, _ := m.GeneratedService(host); t != nil {
		return t.Name
	}
	m.suggestOnce.Do(func() { m.suggestIdx = suggest.NewIndex(m.allNames) })
	return m.suggestIdx.Closest(host)
}
