package endpoint

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// short renders an endpoint as "scheme host:port @HostStart" ("-" for no
// scheme, ":d80" for a default port, "L=NAME " for a Kafka listener).
func short(e Endpoint) string {
	var b strings.Builder
	if e.Listener != "" {
		b.WriteString("L=" + e.Listener + " ")
	}
	if e.Scheme == "" {
		b.WriteString("-")
	} else {
		b.WriteString(e.Scheme)
	}
	b.WriteString(" " + e.Host)
	switch {
	case e.Port != 0:
		fmt.Fprintf(&b, ":%d", e.Port)
	case e.DefaultPort != 0:
		fmt.Fprintf(&b, ":d%d", e.DefaultPort)
	}
	fmt.Fprintf(&b, " @%d", e.HostStart)
	return b.String()
}

// checkInvariants holds for every endpoint of every extractor.
func checkInvariants(t *testing.T, value string, e Endpoint) {
	t.Helper()
	if e.Start < 0 || e.Start > e.End || e.End > len(value) {
		t.Fatalf("%q: bad range [%d,%d)", value, e.Start, e.End)
	}
	if e.HostStart < e.Start || e.HostStart > e.HostEnd || e.HostEnd > e.End {
		t.Fatalf("%q: host range [%d,%d) outside [%d,%d)", value, e.HostStart, e.HostEnd, e.Start, e.End)
	}
	if !strings.EqualFold(value[e.HostStart:e.HostEnd], e.Host) || e.Host != strings.ToLower(e.Host) {
		t.Fatalf("%q: host %q but text %q", value, e.Host, value[e.HostStart:e.HostEnd])
	}
	if (e.PortStart < 0) != (e.PortEnd < 0) {
		t.Fatalf("%q: half a port range %d,%d", value, e.PortStart, e.PortEnd)
	}
	if e.PortStart >= 0 {
		if e.PortStart > e.PortEnd || e.PortEnd > len(value) {
			t.Fatalf("%q: bad port range", value)
		}
		if p, err := strconv.Atoi(value[e.PortStart:e.PortEnd]); err != nil || p != e.Port {
			t.Fatalf("%q: port %d but text %q", value, e.Port, value[e.PortStart:e.PortEnd])
		}
	} else if e.Port != 0 {
		t.Fatalf("%q: port %d without text", value, e.Port)
	}
	if e.Port != 0 && e.DefaultPort != 0 {
		t.Fatalf("%q: both port and default port", value)
	}
	if e.Port < 0 || e.Port > 65535 {
		t.Fatalf("%q: port %d", value, e.Port)
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		key, value string
		role       Role
		want       []string
	}{
		// URLs of many schemes.
		{"API_BASE_URL", "http://localhost:3000", Connect, []string{"http localhost:3000 @7"}},
		{"API_URL", "https://API.example.com/v1", Connect, []string{"https api.example.com:d443 @8"}},
		{"WS_URL", "ws://realtime:4000/socket", Connect, []string{"ws realtime:4000 @5"}},
		{"DATABASE_URL", "postgres://app:s3cr3t@localhost:5432/app", Connect, []string{"postgres localhost:5432 @22"}},
		{"DATABASE_URL", "postgresql://db/app?sslmode=disable", Connect, []string{"postgresql db:d5432 @13"}},
		{"DB_URL", "mysql://root:pw@mysql:3306/x", Connect, []string{"mysql mysql:3306 @16"}},
		{"DB_URL", "mariadb://mariadb/x", Connect, []string{"mariadb mariadb:d3306 @10"}},
		{"REDIS_URL", "redis://:pass@redis:6379/0", Connect, []string{"redis redis:6379 @14"}},
		{"REDIS_URL", "rediss://cache", Connect, []string{"rediss cache:d6379 @9"}},
		{"AMQP_URL", "amqp://guest:guest@rabbitmq:5672/", Connect, []string{"amqp rabbitmq:5672 @19"}},
		{"AMQP_URL", "amqps://mq", Connect, []string{"amqps mq:d5671 @8"}},
		{"MONGO_URL", "mongodb://u:p@a:27017,b,c:27019/db?replicaSet=rs", Connect, []string{"mongodb a:27017 @14", "mongodb b:d27017 @22", "mongodb c:27019 @24"}},
		{"MONGO_URL", "mongodb+srv://user:pw@cluster0.abc.mongodb.net/db", Connect, []string{"mongodb+srv cluster0.abc.mongodb.net @22"}},
		{"NATS_URL", "nats://a:4222,nats://b:4223", Connect, []string{"nats a:4222 @7", "nats b:4223 @21"}},
		{"KAFKA_URL", "kafka://broker:9092", Connect, []string{"kafka broker:9092 @8"}},
		{"SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/app", Connect, []string{"jdbc:postgresql db:5432 @18"}},
		{"JDBC", "jdbc:mysql://mysql/app?useSSL=false", Connect, []string{"jdbc:mysql mysql:d3306 @13"}},
		{"JDBC", "jdbc:sqlserver://mssql:1433;databaseName=x", Connect, []string{"jdbc:sqlserver mssql:1433 @17"}},
		{"OTEL_EXPORTER_OTLP_ENDPOINT", "grpc://collector:4317", Connect, []string{"grpc collector:4317 @7"}},
		{"TARGET", "tcp://proxy:8080", Connect, []string{"tcp proxy:8080 @6"}},
		{"URL", "http://[::1]:8080/x", Connect, []string{"http ::1:8080 @8"}},
		{"URL", "http://[fe80::1%25eth0]/x", Connect, []string{"http fe80::1%25eth0:d80 @8"}},
		{"URL", "HTTP://LocalHost:80", Connect, []string{"http localhost:80 @7"}},
		{"URL", "see http://api:3000/health and http://web", Connect, []string{"http api:3000 @11", "http web:d80 @38"}},
		{"URL", `"http://api:3000"`, Connect, []string{"http api:3000 @8"}},
		{"URL", "http://auth/login?next=http://localhost:3000/cb", Connect, []string{"http auth:d80 @7"}},
		{"URL", "http://user@mail.example.com@host:81", Connect, []string{"http host:81 @29"}},
		// Not network URLs, or not hosts.
		{"S3", "s3://bucket/key", Connect, nil},
		{"DOCKER_HOST", "unix:///var/run/docker.sock", Connect, nil},
		{"FILE", "file:///etc/passwd", Connect, nil},
		{"URL", "http://${API_HOST}:3000", Connect, nil},
		{"URL", "http://api:99999", Connect, nil},
		{"URL", "http://api:3000x", Connect, nil},
		{"URL", "://nohost", Connect, nil},
		// host:port and lists.
		{"REDIS", "redis:6379", Connect, []string{"- redis:6379 @0"}},
		{"UPSTREAM", "api:3000,worker:3001", Connect, []string{"- api:3000 @0", "- worker:3001 @9"}},
		{"PEER", "[::1]:8080", Connect, []string{"- ::1:8080 @1"}},
		{"X", "127.0.0.1:5432", Connect, []string{"- 127.0.0.1:5432 @0"}},
		{"CMD", "wait-for db:5432 -- npm start", Connect, []string{"- db:5432 @9"}},
		{"X", "user:pw@db:5432", Connect, []string{"- db:5432 @8"}},
		// Look-alikes that are not endpoints.
		{"IMAGE", "redis:7-alpine", Connect, nil},
		{"IMAGE", "node:20", Connect, nil},
		{"IMAGE", "postgres:16", Connect, nil},
		{"IMAGE", "ghcr.io/org/app:1234", Connect, nil},
		{"TIME", "10:30", Connect, nil},
		{"TIME", "12:30:00", Connect, nil},
		{"RATIO", "16:9", Connect, nil},
		{"VERSION", "1.2.3", Connect, nil},
		{"VERSION", "1.2.3:4", Connect, nil},
		{"PORTS", "8080:80", Connect, nil},
		{"PORTS", "127.0.0.1:8080:80", Connect, nil},
		{"DEBUG", "true", Connect, nil},
		{"MAIL_FROM", "noreply@example.com", Connect, nil},
		{"NAME", "postgres", Connect, nil},
		{"VOLUME", "./data:/var/lib/postgresql/data", Connect, nil},
		{"APP", "main:app", Connect, nil},
		{"HASH", "sha256:abcdef", Connect, nil},
		{"MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", Connect, nil},
		{"X", "a:b:c:1", Connect, nil},
		{"X", "*.example.com:443", Connect, nil},
		{"X", "-host:80", Connect, nil},
		// Bare hosts when the key names a host.
		{"DB_HOST", "db", Connect, []string{"- db @0"}},
		{"POSTGRES_HOSTNAME", "Postgres.internal", Connect, []string{"- postgres.internal @0"}},
		{"REDIS_ADDR", "redis:6379", Connect, []string{"- redis:6379 @0"}},
		{"SMTP_SERVER", "mail:25", Connect, []string{"- mail:25 @0"}},
		{"KAFKA_BROKERS", "k1:9092, k2:9092", Connect, []string{"- k1:9092 @0", "- k2:9092 @9"}},
		{"BOOTSTRAP_SERVERS", "kafka:29092", Connect, []string{"- kafka:29092 @0"}},
		{"MEMCACHED_SERVERS", "m1 m2", Connect, []string{"- m1 @0", "- m2 @3"}},
		{"S3_ENDPOINT", "minio:9000", Connect, []string{"- minio:9000 @0"}},
		{"ELASTIC_HOSTS", "es01", Connect, []string{"- es01 @0"}},
		{"DB_HOST", "::1", Connect, []string{"- ::1 @0"}},
		{"DB_HOST", "[::1]", Connect, []string{"- ::1 @1"}},
		{"dbHost", "db", Connect, []string{"- db @0"}},
		{"DB_HOST", "true", Connect, nil},
		{"DB_HOST", "", Connect, nil},
		{"DB_HOST", "/var/run/postgresql", Connect, nil},
		{"DB_HOST", "db name", Connect, nil},
		{"ZOO_SERVERS", "server.1=zoo1:2888:3888;2181", Connect, nil},
		{"DB_NAME", "db", Connect, nil},
		{"DB_PORT", "5432", Connect, nil},
		// Roles.
		{"HOST", "0.0.0.0", Bind, []string{"- 0.0.0.0 @0"}},
		{"HOSTNAME", "127.0.0.1", Bind, []string{"- 127.0.0.1 @0"}},
		{"hostname", "localhost", Self, []string{"- localhost @0"}}, // an app's own domain setting (forte)
		{"http.host", "0.0.0.0", Bind, []string{"- 0.0.0.0 @0"}},
		{"BIND_ADDRESS", "localhost", Bind, []string{"- localhost @0"}},
		{"MYSQL_BIND_ADDRESS", "0.0.0.0", Bind, []string{"- 0.0.0.0 @0"}},
		{"LISTEN", "127.0.0.1:8080", Bind, []string{"- 127.0.0.1:8080 @0"}},
		{"GRPC_LISTEN_ADDR", ":9000", Bind, nil},
		{"LISTEN_ADDR", "[::]:9000", Bind, []string{"- :::9000 @1"}},
		{"NEXT_PUBLIC_API_URL", "http://api:3000", Browser, []string{"http api:3000 @7"}},
		{"VITE_BACKEND", "http://localhost:8000", Browser, []string{"http localhost:8000 @7"}},
		{"REACT_APP_API", "http://backend:5000/api", Browser, []string{"http backend:5000 @7"}},
		{"CORS_ORIGINS", "http://localhost:3000,http://localhost:5173", Self, []string{"http localhost:3000 @7", "http localhost:5173 @29"}},
		{"ALLOWED_HOSTS", "localhost,127.0.0.1", Self, []string{"- localhost @0", "- 127.0.0.1 @10"}},
		{"VIRTUAL_HOST", "app.example.com", Self, []string{"- app.example.com @0"}},
		{"NEXTAUTH_URL", "http://localhost:3000", Self, []string{"http localhost:3000 @7"}},
		{"NO_PROXY", "localhost,db", Self, nil},
		{"ADDRESS", "0.0.0.0:8000", Bind, []string{"- 0.0.0.0:8000 @0"}},
		{"PROMETHEUS_ENDPOINT", "0.0.0.0:8000", Bind, []string{"- 0.0.0.0:8000 @0"}},
		{"http.host", "0.0.0.0", Bind, []string{"- 0.0.0.0 @0"}},
		{"ASPNETCORE_URLS", "http://localhost:5000;http://+:5001", Bind, []string{"http localhost:5000 @7"}},
		{"FRONTEND_URL", "http://localhost:3000", Self, []string{"http localhost:3000 @7"}},
		{"FRONTEND_HOST", "frontend", Connect, []string{"- frontend @0"}},
		// What a JMX server writes into its stubs for clients.
		{"KAFKA_JMX_HOSTNAME", "host.docker.internal", Advertise, []string{"- host.docker.internal @0"}},
		{"JAVA_RMI_SERVER_HOSTNAME", "localhost", Advertise, []string{"- localhost @0"}},
		{"JMX_PORT", "9999", Connect, nil},
		// The browser app's address in an API's CORS settings and links.
		{"UI_URL", "http://localhost:5173", Self, []string{"http localhost:5173 @7"}},
		{"WEBAPP_URL", "http://localhost:3000", Self, []string{"http localhost:3000 @7"}},
		{"FRONT_ORIGIN", "http://localhost:8080", Self, []string{"http localhost:8080 @7"}},
		{"UI_HOST", "ui", Connect, []string{"- ui @0"}},
		{"ADMIN_UI_URL", "http://localhost:3001", Self, []string{"http localhost:3001 @7"}},
		// Plane's and Cal.com's public address of their web app, for links;
		// a browser automation endpoint is a connection.
		{"WEB_URL", "http://localhost", Self, []string{"http localhost:d80 @7"}},
		{"WEB_APP_URL", "http://localhost:3000", Self, []string{"http localhost:3000 @7"}},
		{"BROWSER_WEB_URL", "http://localhost:9222", Connect, []string{"http localhost:9222 @7"}},
		// Redash's base URL, written into links of e-mails and alerts.
		{"REDASH_HOST", "http://localhost:5001", Self, []string{"http localhost:5001 @7"}},
		{"OLLAMA_BASE_URL", "${OLLAMA_BASE_URL:-http://host.docker.internal:11434}", Connect, []string{"http host.docker.internal:11434 @26"}},
		{"OLLAMA_BASE_URL", "${OLLAMA_BASE_URL-http://ollama:11434}", Connect, []string{"http ollama:11434 @25"}},
		{"DB_URL", "postgres://${U:-app}:${P:-pw}@db:5432/${DB:-app}", Connect, []string{"postgres db:5432 @30"}},
		{"PIHOLE_HOST_IP", "192.168.178.X", Connect, nil},
		{"API_URL", "http://0.0.0.0:3000", Connect, []string{"http 0.0.0.0:3000 @7"}},
		// Kafka listeners.
		{"KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092", Advertise,
			[]string{"L=PLAINTEXT - kafka:29092 @12", "L=PLAINTEXT_HOST - localhost:9092 @41"}},
		{"KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://0.0.0.0:9093", Bind,
			[]string{"L=PLAINTEXT - :9092 @12", "L=CONTROLLER - 0.0.0.0:9093 @31"}},
		{"KAFKA_CFG_LISTENERS", "INTERNAL://[::]:9092", Bind, []string{"L=INTERNAL - :::9092 @12"}},
		{"SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081", Bind, []string{"L=http http 0.0.0.0:8081 @7"}},
		{"KAFKA_ADVERTISED_HOST_NAME", "localhost", Advertise, []string{"- localhost @0"}},
		// What a server hands its clients under other words (Hatchet, Redis Sentinel).
		{"SERVER_GRPC_BROADCAST_ADDRESS", "localhost:7077", Advertise, []string{"- localhost:7077 @0"}},
		{"REDIS_SENTINEL_ANNOUNCE_IP", "127.0.0.1", Advertise, []string{"- 127.0.0.1 @0"}},
		{"KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT", Connect, nil},
		{"KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093", Connect, []string{"- kafka:9093 @2"}},
		// Keyword DSNs.
		{"PG_DSN", "host=db port=5433 user=app dbname=app", Connect, []string{"postgres db:5433 @5"}},
		{"PG_DSN", "host = localhost user=app", Connect, []string{"postgres localhost:d5432 @7"}},
		{"PG_DSN", "host=a,b port=5432,5433 password='x y'", Connect, []string{"postgres a:5432 @5", "postgres b:5433 @7"}},
		{"PG_DSN", "host=/tmp user=x", Connect, nil},
		{"PG_DSN", "hostaddr=10.0.0.5", Connect, []string{"postgres 10.0.0.5:d5432 @9"}},
		{"X", "host=db port=x user=", Connect, []string{"postgres db:d5432 @5"}},
		{"X", "some text host=db", Connect, nil},
		{"CONN", "Server=tcp:mssql,1433;Database=x;User Id=sa", Connect, []string{"- mssql:1433 @11"}},
		{"CONN", "Host=postgres;Port=5432;Database=app;Username=u", Connect, []string{"- postgres:5432 @5"}},
		{"CONN", "Data Source=sql\\SQLEXPRESS;Initial Catalog=x", Connect, []string{"- sql @12"}},
		{"CONN", "a;b", Connect, nil},
	}
	for _, tc := range tests {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			eps := FromEnv(tc.key, tc.value, nil)
			var got []string
			for _, e := range eps {
				checkInvariants(t, tc.value, e)
				if e.Role != tc.role {
					t.Errorf("role %v, want %v", e.Role, tc.role)
				}
				got = append(got, short(e))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("FromEnv(%q, %q)\n got %q\nwant %q", tc.key, tc.value, got, tc.want)
			}
		})
	}
}

func TestFromEnvOffsets(t *testing.T) {
	v := "postgres://app:pw@[::1]:5432/app"
	eps := FromEnv("DATABASE_URL", v, nil)
	if len(eps) != 1 {
		t.Fatalf("got %d endpoints", len(eps))
	}
	e := eps[0]
	if v[e.HostStart-1:e.HostEnd+1] != "[::1]" || v[e.PortStart:e.PortEnd] != "5432" || e.Start != 0 || e.End != len(v) {
		t.Errorf("ranges host %q port %q whole %q", v[e.HostStart:e.HostEnd], v[e.PortStart:e.PortEnd], v[e.Start:e.End])
	}
	// A fix replacing the host range yields the corrected URL.
	fixed := v[:e.HostStart-1] + "db" + v[e.HostEnd+1:]
	if fixed != "postgres://app:pw@db:5432/app" {
		t.Errorf("fixed = %q", fixed)
	}
	// The whole range of a URL in a list stops at the comma.
	v = "http://a:1/x,http://b:2/y"
	eps = FromString(v)
	if len(eps) != 2 || v[eps[0].Start:eps[0].End] != "http://a:1/x" || v[eps[1].Start:eps[1].End] != "http://b:2/y" {
		t.Errorf("ranges: %+v", eps)
	}
}

func TestBrowserPrefixes(t *testing.T) {
	if r := KeyRole("MY_API_URL", []string{"MY_"}); r != Browser {
		t.Errorf("custom prefix: %v", r)
	}
	if r := KeyRole("VITE_API_URL", []string{"MY_"}); r != Connect {
		t.Errorf("prefix list replaces the default: %v", r)
	}
	if eps := FromEnv("next_public_api_url", "http://api:3000", nil); len(eps) != 1 || eps[0].Role != Browser {
		t.Errorf("lower-case key: %+v", eps)
	}
}

func TestFromArgs(t *testing.T) {
	type want struct {
		ep   string
		arg  int
		role Role
	}
	tests := []struct {
		args []string
		want []want
	}{
		{[]string{"uvicorn", "main:app", "--host", "127.0.0.1", "--port", "8000"}, []want{{"- 127.0.0.1:8000 @0", 3, Bind}}},
		{[]string{"uvicorn", "main:app", "--host=0.0.0.0"}, []want{{"- 0.0.0.0 @7", 2, Bind}}},
		{[]string{"next", "start", "-H", "localhost"}, []want{{"- localhost @0", 3, Bind}}},
		{[]string{"flask", "run", "--host", "'0.0.0.0'"}, []want{{"- 0.0.0.0 @1", 3, Bind}}},
		{[]string{"gunicorn", "-b", "127.0.0.1:8000", "app:app"}, []want{{"- 127.0.0.1:8000 @0", 2, Bind}}},
		{[]string{"gunicorn", "--bind=0.0.0.0:8000", "app:app"}, []want{{"- 0.0.0.0:8000 @7", 1, Bind}}},
		{[]string{"python", "manage.py", "runserver", "0.0.0.0:8000"}, []want{{"- 0.0.0.0:8000 @0", 3, Bind}}},
		{[]string{"php", "-S", "localhost:8000", "-t", "public"}, []want{{"- localhost:8000 @0", 2, Bind}}},
		{[]string{"jupyter", "lab", "--ip=0.0.0.0"}, []want{{"- 0.0.0.0 @5", 2, Bind}}},
		// A sed pattern (excalidraw's image rewritten at start-up): no address.
		{[]string{"sh", "-c", `sed -i 's|https://oss-collab\.excalidraw\.com|'$WS_URL'|g' app.js && curl -f http://api:8080/x`}, []want{{"http api:8080 @84", 2, Connect}}},
		{[]string{"redis-cli", "-h", "redis", "-p", "6380", "ping"}, []want{{"- redis:6380 @0", 2, Connect}}},
		{[]string{"pg_isready", "-h", "localhost", "-U", "postgres"}, []want{{"- localhost @0", 2, Connect}}},
		{[]string{"mysqladmin", "ping", "-h", "localhost", "-P", "3307", "-ppass"}, []want{{"- localhost:3307 @0", 3, Connect}}},
		{[]string{"mysqladmin", "ping", "-h", "db", "-p", "3307"}, []want{{"- db @0", 3, Connect}}},
		{[]string{"curl", "-f", "http://localhost:8080/health"}, []want{{"http localhost:8080 @7", 2, Connect}}},
		{[]string{"kafka-topics", "--bootstrap-server", "kafka:9092", "--list"}, []want{{"- kafka:9092 @0", 2, Connect}}},
		{[]string{"app", "--redis-host", "redis", "--db-url=postgres://db/x"}, []want{{"- redis @0", 2, Connect}, {"postgres db:d5432 @20", 3, Connect}}},
		{[]string{"java", "-Dspring.datasource.url=jdbc:postgresql://db:5432/x", "-jar", "app.jar"}, []want{{"jdbc:postgresql db:5432 @42", 1, Connect}}},
		{[]string{"redpanda", "start", "--advertise-kafka-addr", "internal://redpanda:9092,external://localhost:19092"},
			[]want{{"L=internal - redpanda:9092 @11", 3, Advertise}, {"L=external - localhost:19092 @36", 3, Advertise}}},
		{[]string{"redpanda start", "--kafka-addr PLAINTEXT://0.0.0.0:29092", "--pandaproxy-addr 0.0.0.0:8082"},
			[]want{{"L=PLAINTEXT - 0.0.0.0:29092 @25", 1, Bind}, {"- 0.0.0.0:8082 @18", 2, Bind}}},
		{[]string{"sh", "-c", "nc -z localhost 9092"}, []want{{"- localhost:9092 @6", 2, Connect}}},
		{[]string{"nc", "-z", "db", "5432"}, []want{{"- db:5432 @0", 2, Connect}}},
		{[]string{"sh", "-c", "until pg_isready -h localhost; do sleep 1; done"}, []want{{"- localhost @20", 2, Connect}}},
		{[]string{"bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000 && cat <&3"}, []want{{"- 127.0.0.1:9000 @17", 2, Connect}}},
		{[]string{"bash", "-c", "echo > /dev/tcp/localhost/$PORT"}, []want{{"- localhost @16", 2, Connect}}},
		{[]string{"sqlcmd", "-S", "localhost", "-U", "sa"}, []want{{"- localhost @0", 2, Connect}}},
		{[]string{"curl", "--fail", "localhost:9200/_cluster/health"}, []want{{"http localhost:9200 @0", 2, Connect}}},
		{[]string{"weed", "mini", "-ip.bind=0.0.0.0"}, []want{{"- 0.0.0.0 @9", 2, Bind}}},
		{[]string{"sh", "-c", "redis-cli -h redis ping && exec uvicorn app:app --host 0.0.0.0"},
			[]want{{"- redis @13", 2, Connect}, {"- 0.0.0.0 @55", 2, Bind}}},
		{[]string{"/bin/sh", "-ec", `HOST=127.0.0.1 node server.js; wget -qO- "http://api:3000/x"`},
			[]want{{"- 127.0.0.1 @5", 2, Bind}, {"http api:3000 @49", 2, Connect}}},
		{[]string{"bash", "-c", "wait-for-it db:5432 -- npm start"}, []want{{"- db:5432 @12", 2, Connect}}},
		// Negatives.
		{[]string{"npm", "run", "dev"}, nil},
		{[]string{"node", "--max-old-space-size=4096", "server.js"}, nil},
		{[]string{"vite", "--host"}, nil},
		{[]string{"vite", "--host", "--port", "5173"}, nil},
		{[]string{"celery", "-A", "proj", "worker", "-l", "info"}, nil},
		{[]string{"postgres", "-c", "max_connections=200"}, nil},
		{[]string{"redis-server", "--appendonly", "yes"}, nil},
		{[]string{"sh", "-c", "sleep 10:30"}, nil},
		{nil, nil},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			eps := FromArgs(tc.args)
			var got, wantS []string
			for _, e := range eps {
				if e.ArgIndex < 0 || e.ArgIndex >= len(tc.args) {
					t.Fatalf("arg index %d", e.ArgIndex)
				}
				ep := e.Endpoint
				if e.PortArg >= 0 {
					// Port text lives in another argument: check it there.
					pa := tc.args[e.PortArg]
					if pa[e.PortStart:e.PortEnd] != strconv.Itoa(e.Port) {
						t.Errorf("port text %q", pa[e.PortStart:e.PortEnd])
					}
					ep.PortStart, ep.PortEnd, ep.Port = -1, -1, 0
				} else if ep.PortStart >= 0 && ep.PortEnd > ep.End {
					ep.End = ep.PortEnd // -p in the same shell script
				}
				checkInvariants(t, tc.args[e.ArgIndex], ep)
				got = append(got, fmt.Sprintf("%s #%d %v", short(e.Endpoint), e.ArgIndex, e.Role))
			}
			for _, w := range tc.want {
				wantS = append(wantS, fmt.Sprintf("%s #%d %v", w.ep, w.arg, w.role))
			}
			if strings.Join(got, "\n") != strings.Join(wantS, "\n") {
				t.Errorf("FromArgs(%q)\n got %q\nwant %q", tc.args, got, wantS)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	yes := []string{"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0.0.0.0", "::", "[::]", "::ffff:127.0.0.1", "ip6-localhost", "localhost."}
	no := []string{"127.0.0.11", "db", "10.0.0.1", "host.docker.internal", "localhost.example.com", "mylocalhost", "", "::2", "128.0.0.1"}
	for _, h := range yes {
		if !IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = false", h)
		}
	}
	for _, h := range no {
		if IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = true", h)
		}
	}
	for h, want := range map[string]bool{"0.0.0.0": true, "::": true, "[::]": true, "127.0.0.1": false, "localhost": false, "": false} {
		if IsBindAll(h) != want {
			t.Errorf("IsBindAll(%q) != %v", h, want)
		}
	}
}

func TestEffectivePort(t *testing.T) {
	e := FromString("https://x.example")[0]
	if e.EffectivePort() != 443 {
		t.Errorf("EffectivePort = %d", e.EffectivePort())
	}
	e = FromString("https://x.example:8443")[0]
	if e.EffectivePort() != 8443 {
		t.Errorf("EffectivePort = %d", e.EffectivePort())
	}
}

// A memo answers every name but keeps only what fits its budget.
func TestNameMemoBounded(t *testing.T) {
	var m NameMemo[int]
	calls := 0
	f := func(s string) int { calls++; return len(s) }
	huge := strings.Repeat("k", maxMemoBytes+1)
	for range 2 {
		if got := m.Get(huge, f); got != len(huge) {
			t.Fatalf("Get = %d", got)
		}
	}
	if calls != 2 || m.size != 0 {
		t.Errorf("a name over the byte budget was kept (calls %d, names %d)", calls, m.size)
	}
	m.Get("DB_HOST", f)
	m.Get("DB_HOST", f)
	if calls != 3 || m.size != 1 {
		t.Errorf("a small name was not remembered (calls %d, names %d)", calls, m.size)
	}
}

// BenchmarkNameMemo is the look-up every variable name of a run pays:
// names already known, from both cores.
func BenchmarkNameMemo(b *testing.B) {
	var m NameMemo[Role]
	var names []string
	for i := range 3000 {
		names = append(names, fmt.Sprintf("SERVICE_%d_HOST", i*7919%3001))
	}
	for _, n := range names {
		m.Get(n, keyRole)
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Get(names[i%len(names)], keyRole)
			i++
		}
	})
}

// Names asked for from several goroutines, while copies are published,
// get f's answer, and each is kept once.
func TestNameMemoConcurrent(t *testing.T) {
	var m NameMemo[int]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 5000 {
				name := fmt.Sprintf("N%d", (i*(g+1))%1500)
				if got := m.Get(name, func(s string) int { return len(s) * 7 }); got != len(name)*7 {
					t.Errorf("Get(%s) = %d", name, got)
					return
				}
			}
		})
	}
	wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	kept := len(m.recent)
	if known := m.known.Load(); known != nil {
		kept += len(*known)
	}
	if m.size != 1500 || kept != 1500 {
		t.Errorf("size %d, kept %d; want 1500 names", m.size, kept)
	}
}

// What the memos keep of a name does not point into the text the name
// was cut from (a whole file, which must not stay in memory for it).
func TestMemosKeepNoSliceOfTheText(t *testing.T) {
	text := strings.Repeat("x", 1<<16) + " UNIQUE_MEMO_TEST_HOST=db"
	name := text[1<<16+1 : len(text)-3]
	within := func(s string) bool {
		if s == "" {
			return false
		}
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
		return p >= lo && p < lo+uintptr(len(text))
	}
	k := ParseKey(name)
	for _, w := range append(append(append([]string{k.Name}, k.Words...), k.HostVar.Stem...), KeyWords(name)...) {
		if within(w) {
			t.Fatalf("%q, remembered for %q, is a slice of the text it came from", w, name)
		}
	}
}
