module example.com/frontends

go 1.26.0
