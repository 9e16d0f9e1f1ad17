// Package testoverride: a test that points a base URL at its test server
// does not hide the production finding.
package testoverride

import "net/http"

var baseURL = "http://localhost:3000" // want `^"http://localhost:3000" reaches http\.Get \(client\.go:11\);`

var timeoutURL = "http://localhost:3001" // assigned again below: not one constant

func Fetch() { http.Get(baseURL + "/users") }

func Slow() {
	timeoutURL = pick()
	http.Get(timeoutURL)
}

func pick() string { return "" }
