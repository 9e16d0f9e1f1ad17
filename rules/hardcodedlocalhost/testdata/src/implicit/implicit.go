// Package implicit: endpoints that name no host, where the client dials
// this machine (redigo's README writes redis.Dial("tcp", ":6379")).
package implicit

import (
	"database/sql"
	"os"

	oldredis "github.com/garyburd/redigo/redis"
	"github.com/go-pg/pg/v10"
	"github.com/go-sql-driver/mysql"
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

// A mysql.Config set once and only read, formatted without an address.
func formatted() {
	cfg := mysql.Config{User: "app", Passwd: os.Getenv("DB_PASSWORD"), DBName: "app"} // want `^mysql\.Config without Addr reaches \(\*mysql\.Config\)\.FormatDSN \(implicit\.go:43\); set Addr from os\.Getenv\("MYSQL_ADDR"\)$`
	sql.Open("mysql", cfg.FormatDSN())

	tcp := mysql.Config{User: "app", Net: "tcp", DBName: "app"} // want `mysql\.Config without Addr reaches`
	sql.Open("mysql", tcp.FormatDSN())

	sock := mysql.Config{User: "app", Net: "unix", DBName: "app"} // a socket
	sql.Open("mysql", sock.FormatDSN())

	later := mysql.Config{User: "app", DBName: "app"} // given its address below
	later.Addr = os.Getenv("DB_ADDR")
	sql.Open("mysql", later.FormatDSN())

	passed := mysql.Config{User: "app"} // handed to code that may set it
	configure(&passed)
	sql.Open("mysql", passed.FormatDSN())

	full := mysql.Config{User: "app", Addr: "db:3306"} // an address
	sql.Open("mysql", full.FormatDSN())
}

func configure(c *mysql.Config) { c.Addr = os.Getenv("DB_ADDR") }
