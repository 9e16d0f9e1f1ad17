// Package where: findings are reported at the literal to edit, once however
// many sinks it reaches, and values are shown as written.
package where

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

const apiBase = "http://localhost:3000" // want `^"http://localhost:3000" reaches http\.Get \(where\.go:21\), \(\*http\.Client\)\.Post \(where\.go:22\), http\.NewRequest \(where\.go:23\) and 1 more; read the URL from os\.Getenv\("API_BASE_URL"\)`

const (
	host = "localhost" // want `^"localhost" reaches net\.Dial \(where\.go:28\);`
	port = "6379"
	addr = host + ":" + port
)

func calls(c *http.Client) {
	http.Get(apiBase + "/users")
	c.Post(apiBase+"/orders", "application/json", nil)
	http.NewRequest("GET", apiBase, nil)
	http.Get(apiBase + "/again") // the same literal: still one finding
}

func concat() {
	net.Dial("tcp", addr)

	p := os.Getenv("PORT")
	http.Get("http://localhost:" + p + "/api")   // want `^"http://localhost:…/api" reaches http\.Get;`
	net.Dial("tcp", "127.0.0.1:"+p)              // want `^"127\.0\.0\.1:…" reaches net\.Dial;`
	http.Get("http://localhost:" + p + p + "/x") // want `^"http://localhost:…/x" reaches http\.Get;`

	u := fmt.Sprintf("http://localhost:%s/v1", p) // want `^"http://localhost:…/v1" reaches http\.Get \(where\.go:36\);`
	http.Get(u)
	http.Get(fmt.Sprintf("http://%s:8080", p)) // the host is not known
}
