// Package clients: the client libraries of the sink table beyond the
// standard library, one call each, and their true negatives.
package clients

import (
	"context"
	"os"
	"strings"

	"github.com/IBM/sarama"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	elasticsearch "github.com/elastic/go-elasticsearch/v8"
	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/minio/minio-go/v7"
	"github.com/nats-io/nats.go"
	opensearch "github.com/opensearch-project/opensearch-go/v2"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.temporal.io/sdk/client"
	"golang.org/x/oauth2"
	"gopkg.in/DataDog/dd-trace-go.v1/ddtrace/tracer"
)

func databases(ctx context.Context) {
	pgx.Connect(ctx, "postgres://app@localhost:5432/app")   // want `^"postgres://app@localhost:5432/app" reaches pgx\.Connect; .*os\.Getenv\("DATABASE_URL"\)`
	pgx.ParseConfig("host=127.0.0.1 user=app")              // want `reaches pgx\.ParseConfig`
	pgxpool.New(ctx, "postgres://localhost/app")            // want `reaches pgxpool\.New;`
	pgxpool.ParseConfig("postgresql://[::1]:5432/app")      // want `reaches pgxpool\.ParseConfig`
	cfg := mysql.Config{Net: "tcp", Addr: "127.0.0.1:3306"} // want `^"127\.0\.0\.1:3306" reaches mysql\.Config\.Addr; .*os\.Getenv\("MYSQL_ADDR"\)`
	cfg.Addr = "localhost:3306"                             // want `reaches mysql\.Config\.Addr`
	options.Client().ApplyURI("mongodb://localhost:27017")  // want `reaches \(\*options\.ClientOptions\)\.ApplyURI; .*read the URI`
	options.Client().ApplyURI("mongodb://mongo:27017")      // a service name
	pgx.Connect(ctx, os.Getenv("DATABASE_URL"))             // from the environment
	pgxpool.New(ctx, "postgres://db:5432/app?host=/tmp")    // a service name
	_ = cfg
	pc, _ := pgx.ParseConfig(os.Getenv("DATABASE_URL"))
	pc.Host = "localhost" // want `^"localhost" reaches pgconn\.Config\.Host; .*os\.Getenv\("PGHOST"\)`
	pc.Host = "postgres"  // a service name
	pp, _ := pgxpool.ParseConfig(os.Getenv("DATABASE_URL"))
	pp.ConnConfig.Host = "127.0.0.1"                                        // want `reaches pgconn\.Config\.Host`
	options.Client().SetHosts([]string{"mongo-0:27017", "localhost:27018"}) // want `^"localhost:27018" reaches \(\*options\.ClientOptions\)\.SetHosts`
	options.Client().SetHosts([]string{"mongo-0:27017", "mongo-1:27017"})   // service names
}

// oauth: the server calls the token endpoint; the browser follows the
// authorization and redirect URLs, which may well be on localhost.
var oauth = oauth2.Config{
	RedirectURL: "http://localhost:8080/callback",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "http://localhost:8180/auth",
		TokenURL: "http://localhost:8180/token", // want `"http://localhost:8180/token" reaches oauth2\.Endpoint\.TokenURL; .*os\.Getenv\("OAUTH_TOKEN_URL"\)`
	},
}

var oauthInCompose = oauth2.Config{Endpoint: oauth2.Endpoint{TokenURL: "http://keycloak:8080/token"}} // a service name

func queues() {
	amqp.Dial("amqp://guest:guest@localhost:5672/")                                  // want `reaches amqp091\.Dial; .*os\.Getenv\("AMQP_URL"\)`
	amqp.DialConfig("amqp://127.0.0.1", amqp.Config{})                               // want `reaches amqp091\.DialConfig`
	nats.Connect("nats://localhost:4222")                                            // want `reaches nats\.Connect; .*os\.Getenv\("NATS_URL"\)`
	nats.Connect(nats.DefaultURL)                                                    // want `"nats://127\.0\.0\.1:4222" reaches nats\.Connect`
	_ = nats.Options{Servers: []string{"nats://nats:4222", "nats://localhost:4223"}} // want `"nats://localhost:4223" reaches nats\.Options\.Servers`
	nats.Connect("nats://nats:4222")                                                 // a service name

	kafka.NewReader(kafka.ReaderConfig{Brokers: []string{"localhost:9092"}})     // want `reaches kafka\.ReaderConfig\.Brokers; .*read the broker list`
	_ = &kafka.Writer{Addr: kafka.TCP("kafka:9092", "localhost:9093")}           // want `"localhost:9093" reaches kafka\.TCP`
	kafka.Dial("tcp", "127.0.0.1:9092")                                          // want `reaches kafka\.Dial`
	sarama.NewClient([]string{"localhost:9092"}, nil)                            // want `reaches sarama\.NewClient`
	sarama.NewSyncProducer(strings.Split("kafka:9092,localhost:9092", ","), nil) // want `reaches sarama\.NewSyncProducer`
	kgo.NewClient(kgo.SeedBrokers("kafka:9092", "localhost:19092"))              // want `"localhost:19092" reaches kgo\.SeedBrokers`
	kgo.NewClient(kgo.SeedBrokers("kafka:9092"))                                 // a service name
	brokers := strings.Split(os.Getenv("KAFKA_BROKERS"), ",")
	sarama.NewClient(brokers, nil) // from the environment
}

func search() {
	elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{"http://localhost:9200"}}) // want `reaches elasticsearch\.Config\.Addresses`
	opensearch.NewClient(opensearch.Config{Addresses: []string{"https://127.0.0.1:9200"}})      // want `reaches opensearch\.Config\.Addresses`
	elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{"http://elasticsearch:9200"}})
}

func storageAndCloud() {
	minio.New("localhost:9000", &minio.Options{})                      // want `reaches minio\.New; .*read the endpoint`
	_ = aws.Config{BaseEndpoint: aws.String("http://localhost:4566")}  // want `"http://localhost:4566" reaches aws\.Config\.BaseEndpoint`
	_ = config.WithBaseEndpoint("http://127.0.0.1:4566")               // want `reaches config\.WithBaseEndpoint`
	_ = s3.Options{BaseEndpoint: aws.String("http://localstack:4566")} // a service name
	o := s3.Options{UsePathStyle: true}
	o.BaseEndpoint = aws.String("http://localhost:4566") // want `reaches s3\.Options\.BaseEndpoint`
	minio.New("minio:9000", nil)                         // a service name
}

func telemetry() {
	otlptracegrpc.WithEndpoint("localhost:4317")                     // want `reaches otlptracegrpc\.WithEndpoint; .*os\.Getenv\("OTEL_EXPORTER_OTLP_ENDPOINT"\)`
	otlptracehttp.WithEndpoint("127.0.0.1:4318")                     // want `reaches otlptracehttp\.WithEndpoint`
	otlptracehttp.WithEndpointURL("http://localhost:4318/v1/traces") // want `reaches otlptracehttp\.WithEndpointURL`
	otlptracegrpc.WithEndpoint("otel-collector:4317")                // a service name
	tracer.Start(tracer.WithAgentAddr("localhost:8126"))             // want `reaches tracer\.WithAgentAddr; .*os\.Getenv\("DD_AGENT_HOST"\)`
	tracer.Start(tracer.WithAgentAddr("datadog-agent:8126"))         // a service name
}

func workflows() {
	client.Dial(client.Options{HostPort: "localhost:7233"}) // want `reaches client\.Options\.HostPort; .*os\.Getenv\("TEMPORAL_ADDRESS"\)`
	client.Dial(client.Options{HostPort: "temporal:7233"})  // a service name
	client.Dial(client.Options{Namespace: "localhost"})     // not an address field
}
