package hardcodedlocalhost

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says how an endpoint is used.
type Kind int

const (
	// Dial: a client connects to the endpoint, so loopback is the client's
	// own container.
	Dial Kind = iota
	// Listen: a server binds the address, so loopback is unreachable from
	// other containers and through published ports.
	Listen
)

// Sink is a function, method or struct field whose argument or value is a
// network endpoint. Name is the callee's types.Func.FullName, such as
// "net/http.Get" or "(*net/http.Client).Get", or for a field
// "import/path.Type.Field". Arg is the index of the endpoint argument (unused
// for fields); for a variadic parameter it is the first variadic index.
type Sink struct {
	Name  string
	Arg   int
	Kind  Kind
	Field bool
	What  string // "URL", "address", "DSN", "target": how the message names the value
	Env   string // a variable name to suggest, e.g. "API_BASE_URL"

	byName bool // the fallback by field or parameter name, not from the table
}

// DefaultSinks are the endpoints of the standard library and of the client
// libraries services use most. Add an entry here to teach the analyzer a new
// client library: one line, the name as -extra-sinks takes it. For a
// variadic parameter Arg is its index and every argument from there counts.
var DefaultSinks = []Sink{
	// net
	{Name: "net.Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.DialTimeout", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*net.Dialer).Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*net.Dialer).DialContext", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.JoinHostPort", Arg: 0, What: "host", Env: "SERVICE_HOST"},
	{Name: "crypto/tls.Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "crypto/tls.DialWithDialer", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*crypto/tls.Dialer).Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*crypto/tls.Dialer).DialContext", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.Listen", Arg: 1, Kind: Listen},
	{Name: "net.ListenPacket", Arg: 1, Kind: Listen},
	{Name: "(*net.ListenConfig).Listen", Arg: 2, Kind: Listen},
	{Name: "(*net.ListenConfig).ListenPacket", Arg: 2, Kind: Listen},
	{Name: "crypto/tls.Listen", Arg: 1, Kind: Listen},

	// net/http
	{Name: "net/http.Get", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Head", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Post", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.PostForm", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.NewRequest", Arg: 1, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.NewRequestWithContext", Arg: 2, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Get", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Head", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Post", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).PostForm", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Request.URL", Field: true, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http/httputil.NewSingleHostReverseProxy", Arg: 0, What: "URL", Env: "UPSTREAM_URL"},
	{Name: "net/http.ListenAndServe", Arg: 0, Kind: Listen},
	{Name: "net/http.ListenAndServeTLS", Arg: 0, Kind: Listen},
	{Name: "net/http.Server.Addr", Field: true, Kind: Listen},

	// database/sql
	{Name: "database/sql.Open", Arg: 1, What: "DSN", Env: "DATABASE_URL"},

	// gRPC
	{Name: "google.golang.org/grpc.Dial", Arg: 0, What: "target", Env: "GRPC_TARGET"},
	{Name: "google.golang.org/grpc.DialContext", Arg: 1, What: "target", Env: "GRPC_TARGET"},
	{Name: "google.golang.org/grpc.NewClient", Arg: 0, What: "target", Env: "GRPC_TARGET"},

	// go-redis (v9 and the older import path)
	{Name: "github.com/redis/go-redis/v9.Options.Addr", Field: true, What: "address", Env: "REDIS_ADDR"},
	{Name: "github.com/redis/go-redis/v9.ClusterOptions.Addrs", Field: true, What: "address", Env: "REDIS_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.UniversalOptions.Addrs", Field: true, What: "address", Env: "REDIS_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.FailoverOptions.SentinelAddrs", Field: true, What: "address", Env: "REDIS_SENTINEL_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.ParseURL", Arg: 0, What: "URL", Env: "REDIS_URL"},
	{Name: "github.com/go-redis/redis/v8.Options.Addr", Field: true, What: "address", Env: "REDIS_ADDR"},
	{Name: "github.com/go-redis/redis/v8.ClusterOptions.Addrs", Field: true, What: "address", Env: "REDIS_ADDRS"},
	{Name: "github.com/go-redis/redis/v8.ParseURL", Arg: 0, What: "URL", Env: "REDIS_URL"},
	{Name: "github.com/gomodule/redigo/redis.Dial", Arg: 1, What: "address", Env: "REDIS_ADDR"},
	{Name: "github.com/gomodule/redigo/redis.DialURL", Arg: 0, What: "URL", Env: "REDIS_URL"},
	{Name: "github.com/garyburd/redigo/redis.Dial", Arg: 1, What: "address", Env: "REDIS_ADDR"}, // redigo's former path
	{Name: "github.com/garyburd/redigo/redis.DialURL", Arg: 0, What: "URL", Env: "REDIS_URL"},

	// PostgreSQL: pgx and pgxpool (v5 and v4)
	{Name: "github.com/jackc/pgx/v5.Connect", Arg: 1, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v5.ParseConfig", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v5/pgxpool.New", Arg: 1, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v5/pgxpool.ParseConfig", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v4.Connect", Arg: 1, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v4.ParseConfig", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v4/pgxpool.Connect", Arg: 1, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v4/pgxpool.ParseConfig", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jackc/pgx/v5/pgconn.Config.Host", Field: true, What: "host", Env: "PGHOST"},
	{Name: "github.com/jackc/pgconn.Config.Host", Field: true, What: "host", Env: "PGHOST"},
	{Name: "gorm.io/driver/postgres.Open", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "gorm.io/driver/mysql.Open", Arg: 0, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jmoiron/sqlx.Connect", Arg: 1, What: "DSN", Env: "DATABASE_URL"},
	{Name: "github.com/jmoiron/sqlx.Open", Arg: 1, What: "DSN", Env: "DATABASE_URL"},

	// MySQL
	{Name: "github.com/go-sql-driver/mysql.Config.Addr", Field: true, What: "address", Env: "MYSQL_ADDR"},
	{Name: "github.com/go-sql-driver/mysql.ParseDSN", Arg: 0, What: "DSN", Env: "MYSQL_DSN"},

	// MongoDB (v1 and v2 drivers)
	{Name: "(*go.mongodb.org/mongo-driver/mongo/options.ClientOptions).ApplyURI", Arg: 0, What: "URI", Env: "MONGODB_URI"},
	{Name: "(*go.mongodb.org/mongo-driver/v2/mongo/options.ClientOptions).ApplyURI", Arg: 0, What: "URI", Env: "MONGODB_URI"},
	{Name: "(*go.mongodb.org/mongo-driver/mongo/options.ClientOptions).SetHosts", Arg: 0, What: "address", Env: "MONGODB_HOSTS"},
	{Name: "(*go.mongodb.org/mongo-driver/v2/mongo/options.ClientOptions).SetHosts", Arg: 0, What: "address", Env: "MONGODB_HOSTS"},

	// OAuth 2: the server itself calls the token endpoint (the browser
	// follows AuthURL and RedirectURL, where localhost may be right).
	{Name: "golang.org/x/oauth2.Endpoint.TokenURL", Field: true, What: "URL", Env: "OAUTH_TOKEN_URL"},
	{Name: "golang.org/x/oauth2/clientcredentials.Config.TokenURL", Field: true, What: "URL", Env: "OAUTH_TOKEN_URL"},

	// RabbitMQ
	{Name: "github.com/rabbitmq/amqp091-go.Dial", Arg: 0, What: "URL", Env: "AMQP_URL"},
	{Name: "github.com/rabbitmq/amqp091-go.DialConfig", Arg: 0, What: "URL", Env: "AMQP_URL"},
	{Name: "github.com/rabbitmq/amqp091-go.DialTLS", Arg: 0, What: "URL", Env: "AMQP_URL"},
	{Name: "github.com/streadway/amqp.Dial", Arg: 0, What: "URL", Env: "AMQP_URL"},

	// NATS
	{Name: "github.com/nats-io/nats.go.Connect", Arg: 0, What: "URL", Env: "NATS_URL"},
	{Name: "github.com/nats-io/nats.go.Options.Url", Field: true, What: "URL", Env: "NATS_URL"},
	{Name: "github.com/nats-io/nats.go.Options.Servers", Field: true, What: "URL", Env: "NATS_URL"},

	// Kafka: segmentio/kafka-go, sarama, franz-go
	{Name: "github.com/segmentio/kafka-go.ReaderConfig.Brokers", Field: true, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/segmentio/kafka-go.WriterConfig.Brokers", Field: true, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/segmentio/kafka-go.TCP", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/segmentio/kafka-go.Dial", Arg: 1, What: "broker address", Env: "KAFKA_BROKERS"},
	{Name: "github.com/segmentio/kafka-go.DialContext", Arg: 2, What: "broker address", Env: "KAFKA_BROKERS"},
	{Name: "github.com/segmentio/kafka-go.DialLeader", Arg: 2, What: "broker address", Env: "KAFKA_BROKERS"},
	{Name: "(*github.com/segmentio/kafka-go.Dialer).DialContext", Arg: 2, What: "broker address", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewClient", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewConsumer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewConsumerGroup", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewSyncProducer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewAsyncProducer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/IBM/sarama.NewClusterAdmin", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/Shopify/sarama.NewClient", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/Shopify/sarama.NewConsumer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/Shopify/sarama.NewConsumerGroup", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/Shopify/sarama.NewSyncProducer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/Shopify/sarama.NewAsyncProducer", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},
	{Name: "github.com/twmb/franz-go/pkg/kgo.SeedBrokers", Arg: 0, What: "broker list", Env: "KAFKA_BROKERS"},

	// Elasticsearch and OpenSearch
	{Name: "github.com/elastic/go-elasticsearch/v8.Config.Addresses", Field: true, What: "URL", Env: "ELASTICSEARCH_URL"},
	{Name: "github.com/elastic/go-elasticsearch/v7.Config.Addresses", Field: true, What: "URL", Env: "ELASTICSEARCH_URL"},
	{Name: "github.com/elastic/go-elasticsearch/v9.Config.Addresses", Field: true, What: "URL", Env: "ELASTICSEARCH_URL"},
	{Name: "github.com/olivere/elastic/v7.SetURL", Arg: 0, What: "URL", Env: "ELASTICSEARCH_URL"},
	{Name: "github.com/opensearch-project/opensearch-go/v2.Config.Addresses", Field: true, What: "URL", Env: "OPENSEARCH_URL"},
	{Name: "github.com/opensearch-project/opensearch-go/v4.Config.Addresses", Field: true, What: "URL", Env: "OPENSEARCH_URL"},

	// Object storage and AWS: MinIO, AWS SDK v2 endpoints
	{Name: "github.com/minio/minio-go/v7.New", Arg: 0, What: "endpoint", Env: "S3_ENDPOINT"},
	{Name: "github.com/aws/aws-sdk-go-v2/aws.Config.BaseEndpoint", Field: true, What: "endpoint", Env: "AWS_ENDPOINT_URL"},
	{Name: "github.com/aws/aws-sdk-go-v2/aws.Endpoint.URL", Field: true, What: "endpoint", Env: "AWS_ENDPOINT_URL"},
	{Name: "github.com/aws/aws-sdk-go-v2/config.WithBaseEndpoint", Arg: 0, What: "endpoint", Env: "AWS_ENDPOINT_URL"},
	{Name: "github.com/aws/aws-sdk-go-v2/service/s3.Options.BaseEndpoint", Field: true, What: "endpoint", Env: "AWS_ENDPOINT_URL_S3"},
	{Name: "github.com/aws/aws-sdk-go-v2/service/sqs.Options.BaseEndpoint", Field: true, What: "endpoint", Env: "AWS_ENDPOINT_URL_SQS"},
	{Name: "github.com/aws/aws-sdk-go-v2/service/dynamodb.Options.BaseEndpoint", Field: true, What: "endpoint", Env: "AWS_ENDPOINT_URL_DYNAMODB"},

	// OpenTelemetry OTLP exporters
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc.WithEndpointURL", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp.WithEndpointURL", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetricgrpc.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploggrpc.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	{Name: "go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp.WithEndpoint", Arg: 0, What: "endpoint", Env: "OTEL_EXPORTER_OTLP_ENDPOINT"},

	// Datadog
	{Name: "gopkg.in/DataDog/dd-trace-go.v1/ddtrace/tracer.WithAgentAddr", Arg: 0, What: "agent address", Env: "DD_AGENT_HOST"},
	{Name: "github.com/DataDog/dd-trace-go/v2/ddtrace/tracer.WithAgentAddr", Arg: 0, What: "agent address", Env: "DD_AGENT_HOST"},
	{Name: "github.com/DataDog/datadog-go/v5/statsd.New", Arg: 0, What: "agent address", Env: "DD_AGENT_HOST"},

	// Temporal
	{Name: "go.temporal.io/sdk/client.Options.HostPort", Field: true, What: "address", Env: "TEMPORAL_ADDRESS"},
}

// ParseSink reads a user-supplied sink: "import/path.Func#N" or
// "(*import/path.Type).Method#N" for the N-th argument of a call, or
// "import/path.Type.Field" for a struct field. A "listen:" prefix marks a
// server address.
func ParseSink(s string) (Sink, error) {
	s = strings.TrimSpace(s)
	sk := Sink{What: "address", Env: "SERVICE_ADDR"}
	if rest, ok := strings.CutPrefix(s, "listen:"); ok {
		sk.Kind, s = Listen, rest
	}
	name, arg, isCall := strings.Cut(s, "#")
	if name == "" || !strings.Contains(name, ".") {
		return Sink{}, fmt.Errorf("sink %q: want import/path.Func#N, (*import/path.Type).Method#N or import/path.Type.Field", s)
	}
	sk.Name = name
	if !isCall {
		sk.Field = true
		return sk, nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 {
		return Sink{}, fmt.Errorf("sink %q: argument index %q is not a non-negative number", s, arg)
	}
	sk.Arg = n
	return sk, nil
}
