package silent

import (
	"net/http"
	"testing"
)

func TestServer(t *testing.T) {
	http.Get("http://localhost:8000/test")
	http.ListenAndServe("127.0.0.1:0", nil)
}
