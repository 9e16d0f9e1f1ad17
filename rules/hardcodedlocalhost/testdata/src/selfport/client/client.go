// Package client is another program of the module: it does not run the
// server, so its localhost is not the server's container.
package client

import (
	"net/http"

	"selfport/config"
)

func Ping(cfg *config.Conf) {
	http.Get("http://localhost:" + cfg.Core.Port + "/healthz") // want `"http://localhost:…/healthz" reaches http\.Get`
}
