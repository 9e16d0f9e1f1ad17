package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestMain(t *testing.T) {
	srv := httptest.NewServer(nil)
	defer srv.Close()
	metricsURL = srv.URL // must not hide the production finding
	http.Get("http://localhost:8000/test-only")
}
