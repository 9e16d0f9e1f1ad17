package hardcodedlocalhost

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says how an endpoint is used.
type Kind int

const (
	// Dial: a client connects to the endpoint, so loopback is the client's
	// own container.
	Dial Kind = iota
	// Listen: a server binds the address, so loopback is unreachable from
	// other containers and through published ports.
	Listen
)

// Sink is a function, method or struct field whose argument or value is a
// network endpoint. Name is the callee's types.Func.FullName, such as
// "net/http.Get" or "(*net/http.Client).Get", or for a field
// "import/path.Type.Field". Arg is the index of the endpoint argument (unused
// for fields); for a variadic parameter it is the first variadic index.
type Sink struct {
	Name  string
	Arg   int
	Kind  Kind
	Field bool
	What  string // "URL", "address", "DSN", "target": how the message names the value
	Env   string // a variable name to suggest, e.g. "API_BASE_URL"
}

// DefaultSinks are the endpoints of the standard library, gRPC and go-redis.
// Add an entry here to teach the analyzer a new client library.
var DefaultSinks = []Sink{
	// net
	{Name: "net.Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.DialTimeout", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*net.Dialer).Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*net.Dialer).DialContext", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.JoinHostPort", Arg: 0, What: "host", Env: "SERVICE_HOST"},
	{Name: "crypto/tls.Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "crypto/tls.DialWithDialer", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*crypto/tls.Dialer).Dial", Arg: 1, What: "address", Env: "SERVICE_ADDR"},
	{Name: "(*crypto/tls.Dialer).DialContext", Arg: 2, What: "address", Env: "SERVICE_ADDR"},
	{Name: "net.Listen", Arg: 1, Kind: Listen},
	{Name: "net.ListenPacket", Arg: 1, Kind: Listen},
	{Name: "(*net.ListenConfig).Listen", Arg: 2, Kind: Listen},
	{Name: "(*net.ListenConfig).ListenPacket", Arg: 2, Kind: Listen},
	{Name: "crypto/tls.Listen", Arg: 1, Kind: Listen},

	// net/http
	{Name: "net/http.Get", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Head", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Post", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.PostForm", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.NewRequest", Arg: 1, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.NewRequestWithContext", Arg: 2, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Get", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Head", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).Post", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "(*net/http.Client).PostForm", Arg: 0, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http.Request.URL", Field: true, What: "URL", Env: "API_BASE_URL"},
	{Name: "net/http/httputil.NewSingleHostReverseProxy", Arg: 0, What: "URL", Env: "UPSTREAM_URL"},
	{Name: "net/http.ListenAndServe", Arg: 0, Kind: Listen},
	{Name: "net/http.ListenAndServeTLS", Arg: 0, Kind: Listen},
	{Name: "net/http.Server.Addr", Field: true, Kind: Listen},

	// database/sql
	{Name: "database/sql.Open", Arg: 1, What: "DSN", Env: "DATABASE_URL"},

	// gRPC
	{Name: "google.golang.org/grpc.Dial", Arg: 0, What: "target", Env: "GRPC_TARGET"},
	{Name: "google.golang.org/grpc.DialContext", Arg: 1, What: "target", Env: "GRPC_TARGET"},
	{Name: "google.golang.org/grpc.NewClient", Arg: 0, What: "target", Env: "GRPC_TARGET"},

	// go-redis (v9 and the older import path)
	{Name: "github.com/redis/go-redis/v9.Options.Addr", Field: true, What: "address", Env: "REDIS_ADDR"},
	{Name: "github.com/redis/go-redis/v9.ClusterOptions.Addrs", Field: true, What: "address", Env: "REDIS_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.UniversalOptions.Addrs", Field: true, What: "address", Env: "REDIS_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.FailoverOptions.SentinelAddrs", Field: true, What: "address", Env: "REDIS_SENTINEL_ADDRS"},
	{Name: "github.com/redis/go-redis/v9.ParseURL", Arg: 0, What: "URL", Env: "REDIS_URL"},
	{Name: "github.com/go-redis/redis/v8.Options.Addr", Field: true, What: "address", Env: "REDIS_ADDR"},
}

// ParseSink reads a user-supplied sink: "import/path.Func#N" or
// "(*import/path.Type).Method#N" for the N-th argument of a call, or
// "import/path.Type.Field" for a struct field. A "listen:" prefix marks a
// server address.
func ParseSink(s string) (Sink, error) {
	s = strings.TrimSpace(s)
	sk := Sink{What: "address", Env: "SERVICE_ADDR"}
	if rest, ok := strings.CutPrefix(s, "listen:"); ok {
		sk.Kind, s = Listen, rest
	}
	name, arg, isCall := strings.Cut(s, "#")
	if name == "" || !strings.Contains(name, ".") {
		return Sink{}, fmt.Errorf("sink %q: want import/path.Func#N, (*import/path.Type).Method#N or import/path.Type.Field", s)
	}
	sk.Name = name
	if !isCall {
		sk.Field = true
		return sk, nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 {
		return Sink{}, fmt.Errorf("sink %q: argument index %q is not a non-negative number", s, arg)
	}
	sk.Arg = n
	return sk, nil
}
