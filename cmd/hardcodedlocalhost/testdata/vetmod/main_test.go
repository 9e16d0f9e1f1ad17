package main

import (
	"net/http"
	"testing"
)

func TestHealth(t *testing.T) {
	http.Get("http://localhost:3000/test")
}
