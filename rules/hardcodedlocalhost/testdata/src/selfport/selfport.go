// Package selfport is a program that runs its server and, as its image's
// HEALTHCHECK, pings it on its own port.
package selfport

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"

	"selfport/config"
	"selfport/server"
)

func main() {
	cfg := &config.Conf{}
	if len(os.Args) > 1 && os.Args[1] == "--ping" {
		// The program's own port, in the same container: localhost is right.
		http.Get("http://localhost:" + cfg.Core.Port + "/healthz")
		return
	}
	// Another port of the configuration, which this program never listens on.
	http.Get("http://localhost:" + cfg.Core.Admin + "/stats") // want `"http://localhost:…/stats" reaches http\.Get`
	server.Run(cfg)
}

// local: a port the same function listens on and dials.
func local() {
	port := strconv.Itoa(8080)
	go http.ListenAndServe(":"+port, nil)
	http.Get(fmt.Sprintf("http://127.0.0.1:%s/ready", port))
	net.Dial("tcp", "localhost:"+strconv.Itoa(9090)) // want `"localhost:…" reaches net\.Dial`
}
