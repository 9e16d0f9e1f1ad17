package localfields

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"os"
)

type Config struct {
	DBHost string
	DBPort string
	Cache  string
}

// A local struct literal whose fields are only read: the host reaches the
// DSN through fmt.Sprintf (from AleksK1NG's db_conn.go pattern).
func open() {
	cfg := Config{DBHost: "localhost", DBPort: "3306"} // want `^"localhost" reaches sql\.Open \(localfields\.go:22\)`
	dsn := fmt.Sprintf("%s:%s@tcp(%s:%s)/%s", "user", "pw", cfg.DBHost, cfg.DBPort, "app")
	sql.Open("mysql", dsn)
}

// Overwritten by the environment: the literal is a default, not the value.
func overwritten() {
	cfg := Config{DBHost: "localhost", DBPort: "3306"}
	if h := os.Getenv("DB_HOST"); h != "" {
		cfg.DBHost = h
	}
	sql.Open("mysql", fmt.Sprintf("tcp(%s:%s)/app", cfg.DBHost, cfg.DBPort))
}

// Filled from a configuration file: the literal holds defaults.
func loaded(data []byte) {
	cfg := Config{Cache: "localhost:6379"}
	json.Unmarshal(data, &cfg)
	net.Dial("tcp", fmt.Sprintf("%s", cfg.Cache))
}

// A pointer that a method may change.
func (c *Config) fill() { c.Cache = os.Getenv("CACHE") }

func methods() {
	cfg := &Config{Cache: "localhost:6379"}
	cfg.fill()
	net.Dial("tcp", fmt.Sprintf("%s", cfg.Cache))
}
