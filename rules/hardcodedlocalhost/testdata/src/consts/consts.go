// Package consts exports endpoints used by other packages.
package consts

const BaseURL = "http://localhost:8000"

const Remote = "http://api:8000"
