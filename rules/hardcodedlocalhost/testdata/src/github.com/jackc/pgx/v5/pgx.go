// Package pgx is a stub of github.com/jackc/pgx/v5.
package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

type Conn struct{}

// ConnConfig embeds pgconn.Config, as pgx does.
type ConnConfig struct {
	pgconn.Config
}

func Connect(ctx context.Context, connString string) (*Conn, error) { return nil, nil }
func ParseConfig(connString string) (*ConnConfig, error)            { return nil, nil }
