package renamed

import (
	"context"
	sqldb "database/sql"
	stdnet "net"
	nethttp "net/http"

	"consts"

	goredis "github.com/redis/go-redis/v9"
	rpc "google.golang.org/grpc"
)

// Aliases of sink types and functions.
type (
	Client  = nethttp.Client
	Opts    = goredis.Options
	Dialer  = stdnet.Dialer
	Server  = nethttp.Server
	AddrStr = string
)

var get = nethttp.Get // a function value is not followed

const api AddrStr = "http://localhost:9000" // want `"http://localhost:9000" reaches http\.Get \(renamed\.go:45\)`

// wrapper embeds a sink type, so its fields are promoted.
type wrapper struct {
	*nethttp.Server
	name string
}

func calls(ctx context.Context, c *Client, d *Dialer) {
	nethttp.Get("http://localhost:8000/users")       // want `reaches http\.Get`
	c.Get(consts.BaseURL + "/users")                 // want `"http://localhost:8000" reaches \(\*http\.Client\)\.Get`
	c.Get(consts.Remote + "/users")                  // a service name
	d.DialContext(ctx, "tcp", "localhost:1")         // want `reaches \(\*net\.Dialer\)\.DialContext`
	sqldb.Open("pgx", "postgres://localhost/app")    // want `reaches sql\.Open`
	rpc.NewClient("localhost:50051")                 // want `reaches grpc\.NewClient`
	goredis.NewClient(&Opts{Addr: "localhost:6379"}) // want `reaches redis\.Options\.Addr`
	_ = Server{Addr: "127.0.0.1:80"}                 // want `reaches http\.Server\.Addr`
	w := wrapper{Server: &nethttp.Server{}}
	w.Addr = "localhost:8080" // want `reaches http\.Server\.Addr`
	nethttp.Get(string(api))  // reported at api
	get("http://localhost:8000/users")
}
