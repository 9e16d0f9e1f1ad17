// Package mysql is a stub of github.com/go-sql-driver/mysql.
package mysql

type Config struct {
	User   string
	Passwd string
	Net    string
	Addr   string
	DBName string
}

func NewConfig() *Config                   { return &Config{} }
func (c *Config) FormatDSN() string        { return "" }
func ParseDSN(dsn string) (*Config, error) { return nil, nil }
