package endpoint

import "strings"

// backingPorts are words of variable names that name a kind of backing
// service, with the port its server listens on by default: REDIS_HOST
// means Redis's 6379 unless a port variable says otherwise.
var backingPorts = map[string]int{
	"POSTGRES": 5432, "POSTGRESQL": 5432, "PG": 5432, "PGSQL": 5432, "PSQL": 5432,
	"MYSQL": 3306, "MARIADB": 3306,
	"REDIS": 6379, "VALKEY": 6379,
	"MONGO": 27017, "MONGODB": 27017,
	"RABBITMQ": 5672, "RABBIT": 5672, "AMQP": 5672,
	"ELASTICSEARCH": 9200, "ELASTIC": 9200, "OPENSEARCH": 9200, "ES": 9200,
	"KAFKA": 9092, "MEMCACHED": 11211, "MEMCACHE": 11211,
	"ZOOKEEPER": 2181, "ZK": 2181, "NATS": 4222, "MSSQL": 1433, "CASSANDRA": 9042,
	"INFLUXDB": 8086, "MQTT": 1883, "OLLAMA": 11434, "QDRANT": 6333, "NEO4J": 7687,
}

// backingNames are the display names of backingPorts' words.
var backingNames = map[int]string{
	5432: "PostgreSQL", 3306: "MySQL", 6379: "Redis", 27017: "MongoDB", 5672: "RabbitMQ",
	9200: "Elasticsearch", 9092: "Kafka", 11211: "Memcached", 2181: "ZooKeeper", 4222: "NATS",
	1433: "SQL Server", 9042: "Cassandra", 8086: "InfluxDB", 1883: "MQTT", 11434: "Ollama",
	6333: "Qdrant", 7687: "Neo4j",
}

// BackingPort returns the default port of the backing service that the
// words of a name's stem designate (["SPRING", "DATA", "REDIS"] -> 6379),
// or 0.
func BackingPort(stem []string) int {
	p, _ := Backing(stem)
	return p
}

// Backing is BackingPort with the backing service's display name.
func Backing(stem []string) (int, string) {
	for i := len(stem) - 1; i >= 0; i-- {
		if p := backingPorts[stem[i]]; p != 0 {
			return p, backingNames[p]
		}
	}
	return 0, ""
}

// isGluedHostKey: PGHOST, REDISHOST (a backing service's name with the
// host word glued on, as libpq and some platforms spell them).
func isGluedHostKey(words []string) bool {
	if len(words) == 0 {
		return false
	}
	w := words[len(words)-1]
	for _, suf := range hostVarSuffixes {
		if stem, ok := strings.CutSuffix(w, suf); ok && backingPorts[stem] != 0 {
			return true
		}
	}
	return false
}

// hostVarSuffixes are the endings of a host variable's name, longest first
// so that DB_HOSTNAME is not read as DB_HOST + "NAME".
var hostVarSuffixes = []string{"CONTACT_POINTS", "SENTINELS", "HOSTNAME", "ADDRESSES", "ADDRESS", "SERVERS", "SERVER", "HOSTS", "HOST", "NODES", "SEEDS", "ADDR"}

// HostVar is a variable that holds the host of another program, without
// its port: DB_HOST, PGHOST, APP_db__host, spring.data.redis.host.
type HostVar struct {
	// Stem is the name's words before the host word: ["DB"], ["PG"]
	// (read only: shared).
	Stem []string
	// PortKey is the name of the variable that holds the port, spelled
	// like the host variable: DB_PORT, PGPORT, APP_db__port, redisPort.
	PortKey string
}

// ParseHostVar recognises a host variable of another program. A name that
// is only a host word (HOST, SERVER_ADDRESS) is the service's own listen
// address, not another program's, and is not one. Stem is shared between
// callers: do not modify it.
func ParseHostVar(key string) (HostVar, bool) {
	a := hostVars.Get(key, parseHostVar)
	return a.v, a.ok
}

type hostVarAnswer struct {
	v  HostVar
	ok bool
}

var hostVars NameMemo[hostVarAnswer]

func parseHostVar(key string) hostVarAnswer {
	v, ok := hostVarOf(key)
	return hostVarAnswer{v, ok}
}

func hostVarOf(key string) (HostVar, bool) {
	up := strings.ToUpper(key)
	for _, suf := range hostVarSuffixes {
		if !strings.HasSuffix(up, suf) {
			continue
		}
		stemText := key[:len(key)-len(suf)]
		words := KeyWords(stemText)
		if len(words) == 0 {
			return HostVar{}, false
		}
		// The stem must end at a word boundary (DB_HOST, redisHost) or
		// be a backing service's name glued on (PGHOST, REDISHOST).
		last := stemText[len(stemText)-1]
		written := key[len(stemText):]
		glued := !(last == '_' || last == '-' || last == '.' || isLower(last) && isUpper(written[0]))
		if glued && backingPorts[words[len(words)-1]] == 0 {
			return HostVar{}, false
		}
		if bindKeys[strings.Join(append(append([]string(nil), words...), suf), "_")] {
			return HostVar{}, false
		}
		port := "PORT"
		switch {
		case isLower(written[0]):
			port = "port"
		case len(written) > 1 && isLower(written[1]):
			port = "Port"
		}
		return HostVar{Stem: words, PortKey: stemText + port}, true
	}
	return HostVar{}, false
}
