// Package implicit: endpoints that name no host, where the client dials
// this machine (redigo's README writes redis.Dial("tcp", ":6379")).
package implicit

import (
	"database/sql"
	"os"

	oldredis "github.com/garyburd/redigo/redis"
	"github.com/gomodule/redigo/redis"
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
