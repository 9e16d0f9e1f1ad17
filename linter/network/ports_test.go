package network

import (
	"slices"
	"strings"
	"testing"

	"github.com/reachlint/reachlint/linter/endpoint"
)

// FuzzMayBind: the shortcut skips only pairs in which FromEnv finds no
// listen address with a port.
func FuzzMayBind(f *testing.F) {
	for _, kv := range [][2]string{
		{"HOST", "0.0.0.0"}, {"BIND_ADDRESS", "0.0.0.0:8080"}, {"API_URL", "http://api:3000"},
		{"LISTEN", "[::]:80"}, {"ADDR", ":8080"}, {"SERVER", "0.0.0.0:9000"}, {"UPSTREAM", "0:0:0:0:0:0:0:0:80"},
		{"KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092"}, {"NEXT_PUBLIC_API", "0.0.0.0:3000"}, {"X", "[::ffff:0.0.0.0]:1"},
		{"DB", "host=0.0.0.0 port=5432"}, {"ALLOWED_HOSTS", "0.0.0.0:1,::"},
	} {
		f.Add(kv[0], kv[1])
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		var ports []int // what FromEnv says, unaided
		for _, ep := range endpoint.FromEnv(key, value, nil) {
			if ep.Role == endpoint.Bind && ep.Port > 0 {
				ports = append(ports, ep.Port)
			}
		}
		if len(ports) > 0 && !mayBind(endpoint.ParseKey(key), value) {
			t.Fatalf("%s=%q binds ports %v, but mayBind says it cannot", key, value, ports)
		}
		memo := map[string][]int{}
		if got := bindPorts(key, value, memo); !slices.Equal(got, ports) {
			t.Fatalf("%s=%q: bindPorts %v, FromEnv %v", key, value, got, ports)
		}
	})
}

// FuzzOwnPortKey: the shortcut on the name's end turns away only names
// the upper-cased comparison turns away.
func FuzzOwnPortKey(f *testing.F) {
	for _, kv := range [][2]string{{"PORT", "api"}, {"api_port", "api"}, {"API_PORT", "web"}, {"WEB-PORT", "web"},
		{"x_pOrT", "x"}, {"DB_PORT", "api"}, {"port", ""}, {"\u017fport", "s"}, {"ORT", "o"}} {
		f.Add(kv[0], kv[1])
	}
	f.Fuzz(func(t *testing.T, key, service string) {
		up := strings.ToUpper(key)
		want := false
		switch up {
		case "PORT", "SERVER_PORT", "HTTP_PORT", "APP_PORT", "LISTEN_PORT", "WEB_PORT", "APPLICATION_PORT":
			want = true
		default:
			base, ok := strings.CutSuffix(up, "_PORT")
			want = ok && base != "" && NamesService(base, service) && !strings.Contains(base, "_")
		}
		if got := ownPortKey(key, service); got != want {
			t.Fatalf("ownPortKey(%q, %q) = %v, want %v", key, service, got, want)
		}
	})
}
