// Package pgconn is a stub of github.com/jackc/pgx/v5/pgconn.
package pgconn

type Config struct {
	Host     string
	Port     uint16
	Database string
}
