package endpoint

import (
	"strings"
	"testing"
)

func TestParseHostVar(t *testing.T) {
	tests := []struct {
		key, stem, port string // stem "" means not a host variable
	}{
		{"DB_HOST", "DB", "DB_PORT"},
		{"DB_HOSTNAME", "DB", "DB_PORT"},
		{"POSTGRES_HOST", "POSTGRES", "POSTGRES_PORT"},
		{"PGHOST", "PG", "PGPORT"},
		{"REDISHOST", "REDIS", "REDISPORT"},
		{"SPRING_DATA_REDIS_HOST", "SPRING DATA REDIS", "SPRING_DATA_REDIS_PORT"},
		{"spring.data.redis.host", "SPRING DATA REDIS", "spring.data.redis.port"},
		{"APP_db__host", "APP DB", "APP_db__port"},
		{"redisHost", "REDIS", "redisPort"},
		{"SMTP_SERVER", "SMTP", "SMTP_PORT"},
		{"REDIS_ADDR", "REDIS", "REDIS_PORT"},
		{"CASSANDRA_CONTACT_POINTS", "CASSANDRA", "CASSANDRA_PORT"},
		{"MEMCACHED_SERVERS", "MEMCACHED", "MEMCACHED_PORT"},
		// The service's own listen address, or no host word at all.
		{"HOST", "", ""},
		{"HOSTNAME", "", ""},
		{"SERVER_ADDRESS", "", ""},
		{"HTTP_HOST", "", ""},
		{"GHOST", "", ""},
		{"DB_TYPE", "", ""},
		{"CACHE_DRIVER", "", ""},
	}
	for _, tt := range tests {
		hv, ok := ParseHostVar(tt.key)
		if ok != (tt.stem != "") {
			t.Errorf("%s: host variable %v, want %v", tt.key, ok, !ok)
			continue
		}
		if !ok {
			continue
		}
		if got := strings.Join(hv.Stem, " "); got != tt.stem || hv.PortKey != tt.port {
			t.Errorf("%s: stem %q port %q, want %q %q", tt.key, got, hv.PortKey, tt.stem, tt.port)
		}
	}
}

func TestBacking(t *testing.T) {
	for stem, want := range map[string]int{"SPRING DATA REDIS": 6379, "PG": 5432, "APP MONGO": 27017, "DB": 0, "SMTP": 0, "WORDPRESS DB": 0} {
		if got := BackingPort(strings.Fields(stem)); got != want {
			t.Errorf("BackingPort(%s) = %d, want %d", stem, got, want)
		}
	}
}

func TestDestinationZeroAddress(t *testing.T) {
	// 0.0.0.0 is a destination where the name says so, a listen address
	// elsewhere.
	for key, want := range map[string]Role{
		"API_URL": Connect, "DB_HOST": Connect, "KAFKA_BROKERS": Connect,
		"PROMETHEUS_ENDPOINT": Bind, "GRPC_ADDR": Bind, "HOST": Bind, "LISTEN_ADDR": Bind,
	} {
		eps := FromEnv(key, "0.0.0.0:3000", nil)
		if len(eps) != 1 || eps[0].Role != want {
			t.Errorf("%s=0.0.0.0:3000: %v, want role %v", key, eps, want)
		}
	}
}

func TestLoopbackSpellings(t *testing.T) {
	for _, h := range []string{"localhost", "LocalHost", "localhost.", "app.localhost", "localhost.localdomain", "localhost6", "ip6-localhost",
		"ip6-loopback", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "0.0.0.0", "::", "[::]"} {
		if !IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = false", h)
		}
	}
	for _, h := range []string{"127.0.0.11", "localhost-api", "mylocalhost", "10.0.0.1", "api", "::2"} {
		if IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = true", h)
		}
	}
}
