// Package literal listens on a port written as a number, and its health
// check (the image's HEALTHCHECK runs the same binary) probes that port.
package literal

import (
	"net"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-healthcheck" {
		http.Get("http://localhost:8080/healthz")      // its own port: silent
		http.Get("http://127.0.0.1:8080/ready?full=1") // its own port: silent
		http.Get("http://localhost:9090/metrics")      // want `"http://localhost:9090/metrics" reaches http\.Get`
		http.Get("http://0.0.0.0:8080/healthz")        // want `"http://0\.0\.0\.0:8080/healthz" reaches http\.Get`
		net.Dial("tcp", ":8080")                       // its own port, no host written: silent
		net.Dial("tcp", ":9090")                       // want `^":9090" reaches net\.Dial; read the address`
		return
	}
	http.ListenAndServe(":8080", nil)
}
