// Package app calls another package's wrapper.
package app

import "wrappers/clients"

func start() {
	clients.NewCache("localhost:6379") // want `^"localhost:6379" reaches net\.Dial through NewCache; `
	clients.NewCache(clients.DefaultAddr)
}
