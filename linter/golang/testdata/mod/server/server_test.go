package server

import (
	"net/http"
	"testing"
)

// Not the port the package listens on: reported with -include-tests.
func TestStart(t *testing.T) { http.Get("http://localhost:9090/") }
