// Package fallbacks: loopback defaults of environment variables, flags and
// struct tags. The analyzer reports none of them (no expectations); with
// Config.Fallbacks it returns them for the CLI to match against services.
package fallbacks

import (
	"cmp"
	"flag"
	"net"
	"net/http"
	"os"
)

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func calls() {
	http.Get(getenv("API_URL", "http://localhost:3000") + "/users")
	http.Get(cmp.Or(os.Getenv("SEARCH_URL"), "http://127.0.0.1:9200"))

	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "localhost:6379"
	}
	net.Dial("tcp", addr)

	target := "localhost:5432"
	if v := os.Getenv("DB_ADDR"); v != "" {
		target = v
	}
	net.Dial("tcp", target)

	http.Get(getenv("PUBLIC_URL", "http://localhost:8080"))           // for browsers: never a fallback finding
	http.Get(getenv("API_URL_2", "http://api:3000"))                  // a service name
	_ = getenv("LOG_LEVEL", "debug")                                  // not an address
	http.ListenAndServe(getenv("LISTEN_ADDR", "127.0.0.1:8080"), nil) // a loopback bind default
}

var (
	natsURL = flag.String("nats-url", "nats://localhost:4222", "NATS server")
	name    = flag.String("name", "localhost", "display name") // a bare host, and the name is no address: not a fallback
	workers = flag.Int("workers", 4, "workers")
	dbHost  = flag.String("db-host", "localhost", "database host") // a bare host named as one
)

func flagVar() {
	var amqp string
	flag.StringVar(&amqp, "amqp", "amqp://guest:guest@127.0.0.1:5672/", "broker")
}

type Config struct {
	Redis    string `env:"REDIS_URL" envDefault:"redis://localhost:6379/0"`
	Mongo    string `envconfig:"MONGO_URI" default:"mongodb://localhost:27017"`
	Kafka    string `env:"KAFKA_BROKERS, default=localhost:9092"`
	Port     int    `env:"PORT" envDefault:"8080"`
	Upstream string `env:"UPSTREAM" envDefault:"http://upstream:80"`
	Redis2   string `long:"redis_addr" env:"REDIS_ADDR" default:"127.0.0.1:6379"`
}

// Cache mimics umputun/remark42: a default read only when another setting
// selects its back end is dead unless that setting is chosen.
type Cache struct {
	Type      string `long:"type" env:"CACHE_TYPE" default:"mem"`
	RedisAddr string `long:"redis_addr" env:"CACHE_REDIS_ADDR" default:"127.0.0.1:6379"` // read only under case "redis_pub_sub"
	QueueAddr string `env:"QUEUE_ADDR" envDefault:"localhost:5672"`                      // read only when Queue is on
	Queue     bool   `env:"QUEUE" envDefault:"false"`
	Cluster   string `env:"CLUSTER_ADDR" envDefault:"localhost:7000"` // read only when Mode is "cluster"
	Mode      string `env:"MODE" envDefault:"single"`
	SearchURL string `env:"CACHE_SEARCH_URL" envDefault:"http://localhost:9200"` // guarded by itself: live
	StatsAddr string `env:"STATS_ADDR" envDefault:"localhost:8125"`              // read once under a switch, once outside: live
}

func useCache(c Cache) {
	switch c.Type {
	case "redis_pub_sub":
		http.Get(c.RedisAddr)
		http.Get(c.StatsAddr)
	case "mem":
	}
	if c.Queue {
		http.Get(c.QueueAddr)
	}
	if c.Mode == "cluster" {
		http.Get(c.Cluster)
	}
	if c.SearchURL != "" {
		http.Get(c.SearchURL)
	}
	http.Get(c.StatsAddr)
}

// os.LookupEnv: the default is taken when the variable is unset.
func lookups() {
	addr, ok := os.LookupEnv("CACHE_ADDR")
	if !ok {
		addr = "localhost:6380"
	}
	net.Dial("tcp", addr)
	url, found := os.LookupEnv("QUEUE_URL")
	if !found {
		url = "amqp://queue:5672" // a service name
	}
	net.Dial("tcp", url)
}
