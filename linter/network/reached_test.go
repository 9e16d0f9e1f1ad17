package network

import (
	"maps"
	"slices"
	"testing"
)

// TestReachedPorts: published and exposed container ports, the ports other
// services connect to by name, an owner's ports for its sidecar, and nil
// where a port entry cannot be read or a range is too wide.
func TestReachedPorts(t *testing.T) {
	m := loadModel(t, `services:
  web:
    image: web
    ports: ["8080:80", "127.0.0.1:9000-9002:9000-9002"]
    expose: ["3000"]
    environment:
      API_URL: http://api:4000/v1
  api:
    image: api
  side:
    image: envoy
    network_mode: service:api
  worker:
    image: worker
    command: ["wait-for", "side:9901"]
    environment:
      CACHE: redis://cache:6379
  cache:
    image: redis
  unread:
    image: x
    ports: ["7000:${UNSET_PORT}"]
  wide:
    image: x
    ports: ["10000-20000:10000-20000"]
  quiet:
    image: x
`)
	got := m.ReachedPorts()
	ports := func(name string) []int {
		ps := got[m.Service(name)]
		if ps == nil {
			return nil
		}
		return slices.Sorted(maps.Keys(ps))
	}
	for name, want := range map[string][]int{
		"web": {80, 3000, 9000, 9001, 9002}, "api": {4000}, "side": {4000},
		"cache": {6379}, "worker": {}, "quiet": {},
	} {
		if g := ports(name); !slices.Equal(g, want) {
			t.Errorf("%s: %v, want %v", name, g, want)
		}
	}
	for _, name := range []string{"unread", "wide"} {
		if ps := got[m.Service(name)]; ps != nil {
			t.Errorf("%s: %v, want nil (any port)", name, ps)
		}
	}
}
