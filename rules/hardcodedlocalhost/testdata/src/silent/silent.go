package silent

import (
	"cmp"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
)

// Constants that reach no sink.
const (
	defaultAPI   = "http://localhost:8000"
	defaultRedis = "127.0.0.1:6379"
)

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func envFallbacks() {
	http.Get(getenv("API_BASE_URL", "http://localhost:8000") + "/users")
	http.Get(getenv("API_BASE_URL", defaultAPI))
	http.Get(cmp.Or(os.Getenv("API_BASE_URL"), "http://localhost:8000"))

	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	redis.NewClient(&redis.Options{Addr: addr})

	target := defaultRedis
	if v := os.Getenv("TARGET"); v != "" {
		target = v
	}
	net.Dial("tcp", target)

	var listen string
	if listen = os.Getenv("LISTEN"); listen == "" {
		listen = "127.0.0.1:8080"
	}
	http.ListenAndServe(listen, nil)
}

func messages(err error) error {
	log.Printf("could not reach http://localhost:8000: %v", err)
	log.Println("listening on 127.0.0.1:8080")
	slog.Info("dialing", "addr", "localhost:6379")
	fmt.Println("open http://localhost:3000 in your browser")
	fmt.Fprintf(os.Stderr, "redis at %s\n", defaultRedis)
	_ = errors.New("cannot connect to localhost:5432")
	return fmt.Errorf("dial localhost:6379: %w", err)
}

func pointerEscapes() {
	u := "http://localhost:8000"
	override(&u)
	http.Get(u)
}

func override(p *string) { *p = os.Getenv("U") }

func parameters(url string) {
	http.Get(url)
}

func paramFallback(addr string) {
	if addr == "" {
		addr = "localhost:6379"
	}
	net.Dial("tcp", addr)
}

func resultFallback() (addr string) {
	if addr = os.Getenv("ADDR"); addr == "" {
		addr = "localhost:6379"
	}
	net.Dial("tcp", addr)
	return
}
