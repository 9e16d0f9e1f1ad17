// Package implicit: endpoints that name no host, where the client dials
// this machine (redigo's README writes redis.Dial("tcp", ":6379")).
package implicit

import (
	"database/sql"
	"os"

	oldredis "github.com/garyburd/redigo/redis"
	"github.com/go-pg/pg/v10"
	"github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"
)

func connect() {
	redis.Dial("tcp", ":6379")                        // want `^":6379" reaches redis\.Dial; read the address from os\.Getenv\("REDIS_ADDR"\)$`
	oldredis.Dial("tcp", ":6379")                     // want `^":6379" reaches redis\.Dial; read the address from os\.Getenv\("REDIS_ADDR"\)$`
	oldredis.DialURL("redis://localhost:6379/0")      // want `reaches redis\.DialURL`
	redis.Dial("tcp", os.Getenv("REDIS_ADDR"))        // from the environment
	redis.Dial("tcp", "cache:6379")                   // a service
	sql.Open("mysql", "root:@/darwin")                // want `^"root:@/darwin" reaches sql\.Open; read the DSN`
	sql.Open("mysql", "root:@tcp(mysql:3306)/darwin") // a service
}

// Options written in the call without an address: the client's default.
func defaults(opts *goredis.Options) {
	goredis.NewClient(&goredis.Options{})                              // want `^redis\.Options without Addr reaches redis\.NewClient; set Addr from os\.Getenv\("REDIS_ADDR"\)$`
	goredis.NewClient(&goredis.Options{Password: "", DB: 0})           // want `^redis\.Options without Addr reaches redis\.NewClient`
	pg.Connect(&pg.Options{User: "postgres", Database: "app"})         // want `^pg\.Options without Addr reaches pg\.Connect; set Addr from os\.Getenv\("DATABASE_ADDR"\)$`
	goredis.NewClient(&goredis.Options{Addr: os.Getenv("REDIS_ADDR")}) // an address
	goredis.NewClient(&goredis.Options{Network: "unix"})               // a socket
	goredis.NewClient(&goredis.Options{Dialer: nil, Password: "x"})    // its own dialer
	goredis.NewClient(opts)                                            // built elsewhere
	o := &goredis.Options{}
	o.Addr = os.Getenv("REDIS_ADDR")
	goredis.NewClient(o) // given its address later
}
