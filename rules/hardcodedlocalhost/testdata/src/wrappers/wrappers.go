// Package wrappers hands addresses to sinks through its own functions.
package wrappers

import (
	"net"
	"net/http"
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
