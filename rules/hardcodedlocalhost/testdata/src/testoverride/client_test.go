package testoverride

import (
	"net/http/httptest"
	"testing"
)

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(nil)
	defer srv.Close()
	baseURL = srv.URL
	Fetch()
}
