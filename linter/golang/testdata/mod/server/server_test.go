package server

import (
	"net/http"
	"testing"
)

func TestStart(t *testing.T) { http.Get("http://localhost:8080/") }
