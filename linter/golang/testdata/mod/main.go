package main

import (
	"net/http"
	"os"

	"example.com/mod/server"
)

func main() {
	// A non-ASCII argument before the URL: columns count runes, offsets bytes.
	http.NewRequest("GÉT", "http://localhost:8000/ü", nil)
	http.Get(os.Getenv("API_BASE_URL"))
	server.Start()
}
