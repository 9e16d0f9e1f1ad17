package rules

import (
	"strconv"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
)

// imagePorts are the ports well-known images listen on by default, keyed by
// the image's repository name without registry or tag.
var imagePorts = map[string][]int{
	"postgres": {5432}, "postgis/postgis": {5432}, "timescale/timescaledb": {5432},
	"mysql": {3306}, "mariadb": {3306}, "percona": {3306},
	"redis": {6379}, "valkey/valkey": {6379}, "bitnami/redis": {6379}, "redis/redis-stack": {6379, 8001},
	"mongo": {27017}, "bitnami/mongodb": {27017},
	"rabbitmq": {5672, 15672}, "bitnami/rabbitmq": {5672, 15672},
	"elasticsearch": {9200, 9300}, "docker.elastic.co/elasticsearch/elasticsearch": {9200, 9300},
	"opensearchproject/opensearch": {9200},
	"kafka":                        {9092}, "confluentinc/cp-kafka": {9092}, "bitnami/kafka": {9092}, "apache/kafka": {9092},
	"zookeeper": {2181}, "confluentinc/cp-zookeeper": {2181}, "bitnami/zookeeper": {2181},
	"memcached": {11211}, "nginx": {80}, "httpd": {80}, "traefik": {80},
	"minio/minio": {9000, 9001}, "nats": {4222}, "consul": {8500},
	"jaegertracing/all-in-one": {16686, 4317, 4318}, "grafana/grafana": {3000},
	"prom/prometheus": {9090}, "mailhog/mailhog": {1025, 8025}, "axllent/mailpit": {1025, 8025},
	"clickhouse/clickhouse-server": {8123, 9000}, "qdrant/qdrant": {6333, 6334},
	"ollama/ollama": {11434}, "neo4j": {7474, 7687}, "cassandra": {9042},
	"confluentinc/cp-schema-registry": {8081}, "mcr.microsoft.com/mssql/server": {1433},
}

// imageName strips the registry's default prefixes and the tag or digest.
func imageName(image string) string {
	s := strings.ToLower(image)
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "docker.io/")
	s = strings.TrimPrefix(s, "library/")
	return s
}

// listenPorts returns the container ports a service listens on, as far as
// the configuration tells: ports, expose, its image's default ports and a
// PORT variable.
func listenPorts(s *compose.Service, extra map[string][]int) map[int]bool {
	out := map[int]bool{}
	for _, p := range s.Ports {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out[t] = true
		}
	}
	for _, p := range s.Expose {
		for t := p.Target; t <= p.TargetEnd && t-p.Target < 1024; t++ {
			out[t] = true
		}
	}
	img := imageName(s.Image)
	for _, p := range imagePorts[img] {
		out[p] = true
	}
	for sub, ports := range extra {
		if sub != "" && strings.Contains(strings.ToLower(s.Image), strings.ToLower(sub)) {
			for _, p := range ports {
				out[p] = true
			}
		}
	}
	for _, e := range s.Env {
		if e.Key == "PORT" && e.Value != nil {
			if n, err := strconv.Atoi(strings.TrimSpace(e.Value.Value)); err == nil {
				out[n] = true
			}
		}
	}
	return out
}

// publishedBy returns the container port that host port hp maps to.
func publishedBy(s *compose.Service, hp int) (int, bool) {
	for _, p := range s.Ports {
		if p.Published != 0 && hp >= p.Published && hp <= p.PublishedEnd {
			return p.Target + (hp - p.Published), true
		}
	}
	return 0, false
}
