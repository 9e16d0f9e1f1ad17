module example.com/netmod

go 1.26.0
