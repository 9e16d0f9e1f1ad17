package listen

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
)

const debugAddr = "localhost:6060" // want `"localhost:6060" reaches http\.ListenAndServe \(listen\.go:23\)`

func servers(ctx context.Context, port string) {
	http.ListenAndServe("127.0.0.1:8080", nil)                      // want `^"127\.0\.0\.1:8080" reaches http\.ListenAndServe; listen on ":8080"$`
	http.ListenAndServeTLS("localhost:8443", "c.pem", "k.pem", nil) // want `reaches http\.ListenAndServeTLS; .*listen on ":8443"`
	net.Listen("tcp", "[::1]:9000")                                 // want `reaches net\.Listen`
	net.ListenPacket("udp", "127.0.0.1:53")                         // want `reaches net\.ListenPacket`
	var lc net.ListenConfig
	lc.Listen(ctx, "tcp", "127.0.0.1:"+port)    // want `"127\.0\.0\.1:…" reaches \(\*net\.ListenConfig\)\.Listen`
	tls.Listen("tcp", "localhost:8443", nil)    // want `reaches tls\.Listen`
	srv := &http.Server{Addr: "localhost:8080"} // want `"localhost:8080" reaches http\.Server\.Addr`
	srv.Addr = "127.0.0.1:8081"                 // want `reaches http\.Server\.Addr`
	// No fix for a named constant: it may be used elsewhere.
	http.ListenAndServe(debugAddr, nil) // reported at debugAddr
	net.Listen("tcp", "localhost")      // want `listen on ":<port>"`

	http.ListenAndServe(":8080", nil)        // all interfaces
	http.ListenAndServe("0.0.0.0:8080", nil) // all interfaces
	net.Listen("tcp", "[::]:9000")           // all interfaces
	_ = &http.Server{Addr: "api:8080"}       // a name
	net.Listen("tcp", "127.0.0.1:0")         // a free port, for a test's mock server: nothing publishes it
	http.Get("http://0.0.0.0:8080/")         // want `^"http://0\.0\.0\.0:8080/" reaches http\.Get; read the URL`
}
