package network

import (
	"slices"
	"strings"

	"github.com/reachlint/reachlint/linter/compose"
	"github.com/reachlint/reachlint/linter/endpoint"
)

// ImagePorts are the ports well-known images listen on by default, keyed by
// the image's repository name without registry or tag.
var ImagePorts = map[string][]int{
	"postgres": {5432}, "postgis/postgis": {5432}, "timescale/timescaledb": {5432},
	"mysql": {3306}, "mariadb": {3306}, "percona": {3306},
	"redis": {6379}, "valkey/valkey": {6379}, "bitnami/redis": {6379}, "redis/redis-stack": {6379, 8001}, "bitnami/redis-sentinel": {26379},
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

// Software returns what a service runs, for image knowledge: its image's
// name, or, for a service built without an image name, its own name when
// that is a well-known image's (a service "mysql" built from ./mysql).
func Software(s *compose.Service) string {
	if s.Image != "" {
		return ImageName(s.Image)
	}
	if n := strings.ToLower(s.Name); s.Build != nil && ImagePorts[n] != nil {
		return n
	}
	return ""
}

// KnownServer reports whether s runs a well-known server image (or one the
// configuration's image-ports names): a database or broker that reads
// only its own settings.
func (m *Model) KnownServer(s *compose.Service) bool {
	if ImagePorts[Software(s)] != nil {
		return true
	}
	img := strings.ToLower(s.Image)
	for sub := range m.imagePorts {
		if sub != "" && strings.Contains(img, strings.ToLower(sub)) {
			return true
		}
	}
	return false
}

// ImageName strips the registry's default prefixes and the tag or digest.
func ImageName(image string) string {
	s := strings.ToLower(image)
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "docker.io/")
	s = strings.TrimPrefix(s, "docker.swagger.io/") // Swagger's own mirror of Docker Hub
	s = strings.TrimPrefix(s, "library/")
	return s
}

// browserApps are images that serve a single-page app configured by their
// environment: the URLs there (Swagger UI's URL and API_URL, Redoc's
// SPEC_URL, Altair's SERVER_URL) are fetched by the browser, on the host.
var browserApps = map[string]bool{
	"swaggerapi/swagger-ui": true, "swaggerapi/swagger-editor": true, "redocly/redoc": true, "appwrite/altair": true,
}

// BrowserApp reports a service running one of browserApps.
func BrowserApp(s *compose.Service) bool { return s.Build == nil && browserApps[ImageName(s.Image)] }

// imagePortVars are the variables with which images move the port they
// listen on (ZOOKEEPER_CLIENT_PORT=32181 for Confluent's ZooKeeper).
var imagePortVars = map[string][]string{
	"confluentinc/cp-zookeeper": {"ZOOKEEPER_CLIENT_PORT"}, "zookeeper": {"ZOO_PORT"},
	"postgres": {"PGPORT"}, "postgis/postgis": {"PGPORT"}, "timescale/timescaledb": {"PGPORT"},
	"mysql": {"MYSQL_TCP_PORT"}, "mariadb": {"MYSQL_TCP_PORT", "MARIADB_TCP_PORT"}, "rabbitmq": {"RABBITMQ_NODE_PORT"},
	"redis/redis-stack": {"REDIS_PORT"}, "clickhouse/clickhouse-server": {"CLICKHOUSE_HTTP_PORT", "CLICKHOUSE_TCP_PORT"},
}

// imagePortVar reports a variable that sets the port the image named name
// (ImageName) listens on: one of imagePortVars, or Bitnami's *_PORT_NUMBER.
func imagePortVar(name, key string) bool {
	if strings.HasPrefix(name, "bitnami/") && strings.HasSuffix(key, "_PORT_NUMBER") {
		return true
	}
	return slices.Contains(imagePortVars[name], key)
}

// databaseImages are the images of database servers.
var databaseImages = map[string]bool{
	"postgres": true, "postgis/postgis": true, "timescale/timescaledb": true, "mysql": true, "mariadb": true,
	"percona": true, "mongo": true, "bitnami/mongodb": true, "mcr.microsoft.com/mssql/server": true,
	"bitnami/postgresql": true, "bitnami/mysql": true, "bitnami/mariadb": true,
}

// certainPorts are the complete sets of ports images listen on when run as
// they are (their default command and configuration), client port first.
// Only images whose every default listener is known belong here: connecting
// to any other port of theirs is refused for sure. Images whose listeners
// come from their configuration (Kafka, Traefik, MinIO's console) or vary
// by tag (RabbitMQ's management plugin) are absent.
var certainPorts = map[string][]int{
	"postgres": {5432}, "postgis/postgis": {5432}, "timescale/timescaledb": {5432},
	"mysql": {3306, 33060}, "percona": {3306, 33060}, "mariadb": {3306},
	"redis": {6379}, "valkey/valkey": {6379}, "bitnami/redis": {6379},
	"mongo": {27017}, "bitnami/mongodb": {27017},
	"memcached": {11211}, "nginx": {80}, "httpd": {80},
	"elasticsearch": {9200, 9300}, "docker.elastic.co/elasticsearch/elasticsearch": {9200, 9300},
	"nats":            {4222, 6222, 8222}, // the image's nats-server.conf: clients, cluster, monitoring
	"zookeeper":       {2181, 2888, 3888, 8080},
	"cassandra":       {9042, 7000, 7001, 7199, 9160},
	"consul":          {8500, 8300, 8301, 8302, 8600},
	"grafana/grafana": {3000}, "prom/prometheus": {9090},
	"mailhog/mailhog": {1025, 8025}, "axllent/mailpit": {1025, 8025},
	"ollama/ollama": {11434}, "confluentinc/cp-schema-registry": {8081}, "mcr.microsoft.com/mssql/server": {1433},
}

// configExts are extensions of mounted files that can be configuration.
var configExts = []string{".conf", ".cnf", ".cfg", ".ini", ".yml", ".yaml", ".json", ".toml", ".properties", ".xml", ".hcl"}

// portKnobWords are words of variable names whose values can move or add
// a listener (KAFKA_LISTENERS, TRAEFIK_ENTRYPOINTS_WEB_ADDRESS,
// CONSUL_LOCAL_CONFIG, ZOO_CFG_EXTRA, ...).
var portKnobWords = map[string]bool{
	"PORT": true, "PORTS": true, "LISTEN": true, "LISTENERS": true, "BIND": true, "ADDRESS": true, "ADDR": true,
	"ADVERTISED": true, "ENTRYPOINTS": true, "CONFIG": true, "CFG": true, "CONF": true, "EXTRA": true,
}

// CertainPorts returns every port t listens on when that is known for
// sure: a well-known image with a complete port list, run as it is (no
// build, command or entrypoint, no variable that could move or add a
// port, no mounted configuration, no ports or expose of other ports, no
// sidecar in its namespace); else nil.
func (m *Model) CertainPorts(t *compose.Service) []int {
	known := certainPorts[ImageName(t.Image)]
	if len(known) == 0 || t.Build != nil || len(t.Command) > 0 || len(t.Entrypoint) > 0 || len(m.Namespace(t)) > 1 {
		return nil
	}
	if v := t.Node.Get("volumes"); v != nil {
		for _, it := range v.Items {
			spec := it.Value
			if it.Kind == compose.Map {
				spec = it.Get("source").Str() + ":" + it.Get("target").Str()
			}
			if strings.Contains(spec, "/docker-entrypoint-initdb.d") {
				continue // init scripts run once; they do not move the server
			}
			if strings.Contains(spec, "/etc/") || strings.Contains(spec, "conf") {
				return nil // a mounted configuration may move the port
			}
			for _, part := range strings.Split(spec, ":") {
				for _, ext := range configExts {
					if strings.HasSuffix(strings.ToLower(part), ext) {
						return nil
					}
				}
			}
		}
	}
	for _, e := range t.Env {
		for _, w := range endpoint.KeyWords(e.Key) {
			if portKnobWords[w] || strings.Contains(w, "PORT") {
				return nil
			}
		}
		if e.Value != nil && strings.Contains(strings.ToLower(e.Value.Value), "port") {
			return nil // options such as "-Dcassandra.native_transport_port=9043"
		}
	}
	for _, p := range m.Listen(t) {
		if !slices.Contains(known, p) {
			return nil // ports or expose name another port: it was moved
		}
	}
	return known
}
