// Package config is the configuration shared by a server and its tools.
package config

type Core struct {
	Address string
	Port    string
	Admin   string
}

type Conf struct {
	Core Core
}
