// Package wrappers hands addresses to sinks through its own functions.
package wrappers

import (
	"database/sql"
	"fmt"
	"net"

	"github.com/IBM/sarama"
	"net/http"
	"net/url"
	"os"
)

func dial(addr string) (net.Conn, error) { return net.Dial("tcp", addr) }

// A wrapper of a wrapper.
func connectCache(addr string) { dial(addr) }

func get(base, path string) { http.Get(base) }

// The parameter is replaced before it reaches the sink: not the caller's.
func getOr(url string) {
	if v := os.Getenv("URL"); v != "" {
		url = v
	}
	http.Get(url)
}

func serve(addr string) { http.ListenAndServe(addr, nil) }

func main() {
	dial("localhost:6379")                   // want `^"localhost:6379" reaches net\.Dial through dial; `
	connectCache("127.0.0.1:11211")          // want `^"127\.0\.0\.1:11211" reaches net\.Dial through dial through connectCache; `
	get("http://localhost:9000/items", "/x") // want `^"http://localhost:9000/items" reaches http\.Get through get; `
	get("http://api:9000/items", "localhost")
	getOr("http://localhost:9000/")
	serve("127.0.0.1:8080") // want `^"127\.0\.0\.1:8080" reaches http\.ListenAndServe through serve; listen on ":8080"`
	dial(os.Getenv("CACHE_ADDR"))
}

// A list of addresses held in a variable assigned once.
func brokers() {
	addrs := []string{"localhost:9092", "kafka:9092"} // want `^"localhost:9092" reaches sarama\.NewClient \(wrappers\.go:\d+\); `
	sarama.NewClient(addrs, nil)
	more := []string{"kafka:9092"}
	more = append(more, "localhost:9093") // assigned twice: not followed
	sarama.NewClient(more, nil)
}

// DSNs formatted with fmt.Sprintf.
func formatted(user, pass string) {
	dsn := fmt.Sprintf("postgres://%s:%s@localhost:5432/app", user, pass) // want `^"postgres://…:…@localhost:5432/app" reaches sql\.Open`
	sql.Open("postgres", dsn)
	audit := fmt.Sprintf("host=%s port=%d user=%s", "localhost", 5432, user) // want `^"localhost" reaches sql\.Open`
	sql.Open("postgres", audit)
	ok := fmt.Sprintf("postgres://%s:%s@db:5432/app", user, pass)
	sql.Open("postgres", ok)
	withHost := fmt.Sprintf("postgres://app@%s:5432/app", os.Getenv("DB_HOST"))
	sql.Open("postgres", withHost)
}

// Settings are the program's own addresses.
type Settings struct {
	InventoryURL string
	PublicURL    string
}

type client struct{ base string }

func settings() Settings {
	return Settings{
		InventoryURL: "http://localhost:9000", // want `^"http://localhost:9000" reaches http\.Get through Settings\.InventoryURL`
		PublicURL:    "http://localhost:3000", // only printed
	}
}

func fields() {
	s := settings()
	http.Get(s.InventoryURL)
	fmt.Println(s.PublicURL)
	c := &client{}
	c.base = "http://127.0.0.1:9100" // want `^"http://127\.0\.0\.1:9100" reaches http\.Get through client\.base`
	http.Get(c.base)
	other := Settings{InventoryURL: os.Getenv("INVENTORY_URL")}
	http.Get(other.InventoryURL)
}

func cacheAddr() string { return "localhost:6391" } // want `^"localhost:6391" reaches net\.Dial \(wrappers\.go:`

func cacheFromEnv() string { return os.Getenv("CACHE") }

func returned() {
	net.Dial("tcp", cacheAddr())
	net.Dial("tcp", cacheFromEnv())
}

// A field or parameter that starts a concatenation brings the host; so
// does a variable holding the bare host, and a url.URL's Host.
type api struct{ base string }

func (a *api) items() { http.Get(a.base + "/v1/items") }

func fetch(base string) { http.Get(base + "/health") }

func prefixes() {
	a := &api{base: "http://localhost:8001"} // want `^"http://localhost:8001" reaches http\.Get through api\.base`
	a.items()
	b := &api{base: "http://api:8001"}
	b.items()
	fetch("http://127.0.0.1:8002") // want `^"http://127\.0\.0\.1:8002" reaches http\.Get through fetch`
	fetch("http://api:8002")
	host := "localhost" // want `^"localhost" reaches http\.Get \(wrappers\.go:\d+\)`
	http.Get("http://" + host + ":9204/z")
	svc := "api"
	http.Get("http://" + svc + ":9204/z")
	u := url.URL{Scheme: "http", Host: "localhost:9205", Path: "/q"} // want `^"localhost:9205" reaches http\.Get through url\.URL\.Host`
	http.Get(u.String())
	v := &url.URL{Scheme: "http", Host: "api:9205"}
	http.Get(v.String())
}

// A function with parameters whose one return statement holds the host.
func dsnFor(db string) string { return fmt.Sprintf("postgres://app@localhost:5432/%s", db) } // want `^"postgres://app@localhost:5432/…" reaches sql\.Open \(wrappers\.go:\d+\)`

func dsnAt(host string) string { return fmt.Sprintf("postgres://app@%s:5432/app", host) }

func withParams() {
	sql.Open("postgres", dsnFor("orders"))
	sql.Open("postgres", dsnAt("db"))
}
