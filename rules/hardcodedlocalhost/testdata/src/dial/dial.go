package dial // want package:`pkgVars\(Exported\)`

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

const baseURL = "http://localhost:8000" // want `^"http://localhost:8000" reaches http\.NewRequest \(dial\.go:26\) and \(\*http\.Client\)\.Get \(dial\.go:28\); read the URL from os\.Getenv\("API_BASE_URL"\)$`

func httpCalls(ctx context.Context, c *http.Client, id string) {
	http.Get("http://localhost:8000/users")                           // want `^"http://localhost:8000/users" reaches http\.Get; read the URL from os\.Getenv\("API_BASE_URL"\)$`
	http.Head("http://127.0.0.1:8000/health")                         // want `"http://127\.0\.0\.1:8000/health" reaches http\.Head`
	http.Post("http://[::1]:8000/users", "application/json", nil)     // want `"http://\[::1\]:8000/users" reaches http\.Post; read the URL`
	http.PostForm("http://LOCALHOST:8000/form", nil)                  // want `reaches http\.PostForm`
	http.NewRequest("GET", baseURL+"/users", nil)                     // reported at baseURL
	http.NewRequestWithContext(ctx, "GET", "http://localhost/x", nil) // want `reaches http\.NewRequestWithContext`
	c.Get(baseURL + "/users/" + id)                                   // reported at baseURL
	c.Head("http://127.1.2.3/")                                       // want `reaches \(\*http\.Client\)\.Head`
	c.Post("http://0.0.0.0:8000/", "text/plain", nil)                 // want `^"http://0\.0\.0\.0:8000/" reaches \(\*http\.Client\)\.Post; read the URL`
	c.PostForm("http://app.localhost:8000/", nil)                     // want `reaches \(\*http\.Client\)\.PostForm`
	http.NewRequest("GÉT", "http://localhost:8000/ü", nil)            // want `"http://localhost:8000/ü" reaches http\.NewRequest`
	http.Get(strings.TrimSpace(baseURL))                              // not a constant
	http.Get("http://api:8000/users")                                 // a service name is fine
	http.Get("http://localhost.example.com/")                         // not loopback
	_ = &http.Request{URL: mustParse("http://localhost:8000")}        // not through url.Parse itself
	r, _ := http.NewRequest("GET", "http://api:8000", nil)
	r.URL, _ = url.Parse("http://localhost:9000") // want `"http://localhost:9000" reaches http\.Request\.URL through url\.Parse`
}

func mustParse(s string) *url.URL { u, _ := url.Parse(s); return u }

func urlParse() {
	u, err := url.Parse("http://localhost:8000/api") // want `"http://localhost:8000/api" reaches http\.Get through url\.Parse`
	if err != nil {
		return
	}
	http.Get(u.String())

	v, _ := url.Parse("http://localhost:8001") // want `reaches \(\*http\.Client\)\.Get through url\.Parse`
	http.DefaultClient.Get(v.JoinPath("x").String())

	w, _ := url.ParseRequestURI("http://localhost:8002") // want `reaches httputil\.NewSingleHostReverseProxy through url\.ParseRequestURI`
	httputil.NewSingleHostReverseProxy(w)

	unused, _ := url.Parse("http://localhost:8003") // parsed, never used for a request
	_ = unused.Host
}

var target = "localhost:7000" // want `"localhost:7000" reaches net\.Dial`

var Exported = "localhost:7001" // other packages may assign it

func netCalls(ctx context.Context, d *net.Dialer) {
	net.Dial("tcp", target)
	net.Dial("tcp", Exported)
	net.DialTimeout("tcp", "127.0.0.1:5432", time.Second)    // want `"127\.0\.0\.1:5432" reaches net\.DialTimeout; read the address from os\.Getenv\("SERVICE_ADDR"\)`
	d.Dial("tcp", "localhost:6379")                          // want `reaches \(\*net\.Dialer\)\.Dial;`
	d.DialContext(ctx, "tcp", "localhost:6379")              // want `reaches \(\*net\.Dialer\)\.DialContext`
	net.JoinHostPort("localhost", "8080")                    // want `"localhost" reaches net\.JoinHostPort; .*read the host from os\.Getenv\("SERVICE_HOST"\)`
	net.JoinHostPort("db", "5432")                           // fine
	tls.Dial("tcp", "localhost:443", nil)                    // want `reaches tls\.Dial`
	tls.DialWithDialer(d, "tcp", "localhost:443", nil)       // want `reaches tls\.DialWithDialer`
	(&tls.Dialer{}).DialContext(ctx, "tcp", "localhost:443") // want `reaches \(\*tls\.Dialer\)\.DialContext`
	net.Dial("unix", "/var/run/app.sock")                    // a socket path has no host

	addr := "localhost:7002" // want `"localhost:7002" reaches net\.Dial`
	net.Dial("tcp", addr)
}

func databases() {
	sql.Open("postgres", "postgres://user:pw@localhost:5432/app?sslmode=disable") // want `reaches sql\.Open; .*read the DSN from os\.Getenv\("DATABASE_URL"\)`
	sql.Open("postgres", "host=localhost port=5432 user=app dbname=app")          // want `"host=localhost port=5432 user=app dbname=app" reaches sql\.Open`
	sql.Open("mysql", "app:pw@tcp(127.0.0.1:3306)/app")                           // want `reaches sql\.Open`
	sql.Open("mongo", "mongodb://db1:27017,localhost:27018/app")                  // want `reaches sql\.Open`
	sql.Open("sqlite3", "file:app.db?cache=shared")                               // a file, no host
	sql.Open("postgres", "host=db port=5432")                                     // fine
}

// Endpoints that name no host: the client dials this machine.
func implicitHosts(ctx context.Context, d *net.Dialer, db, port string) {
	net.Dial("tcp", ":6379")                                      // want `^":6379" reaches net\.Dial; read the address from os\.Getenv\("SERVICE_ADDR"\)$`
	d.DialContext(ctx, "tcp", "db:6379,:6380")                    // want `reaches \(\*net\.Dialer\)\.DialContext`
	sql.Open("mysql", "root:secret@/app?parseTime=true")          // want `^"root:secret@/app\?parseTime=true" reaches sql\.Open; read the DSN from os\.Getenv\("DATABASE_URL"\)$`
	sql.Open("mysql", "root@tcp/app")                             // want `"root@tcp/app" reaches sql\.Open`
	sql.Open("mysql", "app:pw@tcp(:3306)/app")                    // want `"app:pw@tcp\(:3306\)/app" reaches sql\.Open`
	sql.Open("mysql", "app:"+port+"@/"+db)                        // want `"app:…@/…" reaches sql\.Open`
	sql.Open("mysql", fmt.Sprintf("%s:%s@/%s", db, port, "app"))  // want `"…:…@/…" reaches sql\.Open`
	sql.Open("mysql", "app:pw@tcp(db:3306)/app")                  // fine
	sql.Open("mysql", "app:pw@tcp("+db+")/app")                   // the address comes at run time
	sql.Open("mysql", "app:pw@unix(/run/mysqld/mysqld.sock)/app") // a socket
	sql.Open("sqlite3", "/data/app.db")                           // a path
	sql.Open("sqlite3", "file:/data/me@x/app.db")                 // a path with an @
	sql.Open("postgres", "user=app dbname=app sslmode=disable")   // libpq reads PGHOST when no host is written
	net.Dial("tcp", ":"+port)                                     // a port known at run time: maybe its own
	net.Dial("tcp", "db:6379")                                    // fine
}

func grpcCalls(ctx context.Context) {
	grpc.Dial("localhost:50051")                 // want `"localhost:50051" reaches grpc\.Dial; .*read the target from os\.Getenv\("GRPC_TARGET"\)`
	grpc.DialContext(ctx, "127.0.0.1:50051")     // want `reaches grpc\.DialContext`
	grpc.NewClient("dns:///localhost:50051")     // want `"dns:///localhost:50051" reaches grpc\.NewClient`
	grpc.NewClient("passthrough:///[::1]:50051") // want `reaches grpc\.NewClient`
	grpc.NewClient("unix:///var/run/grpc.sock")  // a socket
	grpc.NewClient("orders:50051")               // fine
}

func redisClients() {
	redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // want `"localhost:6379" reaches redis\.Options\.Addr; .*os\.Getenv\("REDIS_ADDR"\)`
	opts := redis.Options{Password: "x"}
	opts.Addr = "127.0.0.1:6379" // want `reaches redis\.Options\.Addr`
	_ = redis.ClusterOptions{Addrs: []string{
		"redis-1:7000",
		"localhost:7001", // want `"localhost:7001" reaches redis\.ClusterOptions\.Addrs`
	}}
	_ = &redis.FailoverOptions{SentinelAddrs: []string{"localhost:26379"}} // want `reaches redis\.FailoverOptions\.SentinelAddrs`
	_ = redis.UniversalOptions{Addrs: []string{"cache:6379"}}
	redis.ParseURL("redis://localhost:6379/0") // want `reaches redis\.ParseURL`
	redis.NewClient(&redis.Options{Addr: "cache:6379"})
}
