package includetests

import "net/http"

func Fetch() { http.Get("http://localhost:1/x") } // want `reaches http\.Get`
