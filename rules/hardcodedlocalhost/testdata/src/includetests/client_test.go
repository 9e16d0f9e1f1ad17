package includetests

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) {
	http.Get("http://localhost:8000/test") // want `"http://localhost:8000/test" reaches http\.Get`
}
