package main

import (
	"net/http"
	"os"
)

func main() {
	http.Get("http://localhost:3000/health")
	http.Get(os.Getenv("API_BASE_URL"))
	http.ListenAndServe("127.0.0.1:8080", nil)
}
