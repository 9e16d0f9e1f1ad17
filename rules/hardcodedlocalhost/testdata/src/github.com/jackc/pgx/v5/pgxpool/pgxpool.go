// Package pgxpool is a stub of github.com/jackc/pgx/v5/pgxpool.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
)

type Pool struct{}
type Config struct {
	ConnConfig *pgx.ConnConfig
}

func New(ctx context.Context, connString string) (*Pool, error) { return nil, nil }
func ParseConfig(connString string) (*Config, error)            { return nil, nil }
