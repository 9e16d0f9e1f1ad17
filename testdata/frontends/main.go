// Command frontends is the fixture that the reachlint CLI, the vet tool and
// the golangci-lint plugin must report alike.
package main

import (
	"net"
	"net/http"
	"os"

	"example.com/frontends/store"
)

const apiBase = "http://localhost:3000"

var metricsURL = "http://127.0.0.1:9090/metrics"

func main() {
	http.Get(apiBase + "/users")
	http.Post(apiBase+"/orders", "application/json", nil)
	http.Get(metricsURL)
	port := os.Getenv("PORT")
	http.Get("http://localhost:" + port + "/health")
	http.Get(os.Getenv("API_URL"))
	store.Open()
	net.Dial("tcp", store.CacheAddr)
	http.ListenAndServe("127.0.0.1:8081", nil)
}
