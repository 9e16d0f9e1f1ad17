package main

import (
	"net"
	"os"
)

func main() {
	net.Dial("tcp", "localhost:3000")
	net.Dial("tcp", os.Getenv("API_ADDR"))
	net.Listen("tcp", "127.0.0.1:8080")
}
