package endpoint

// SchemePort is the well-known port of a lower-cased URL scheme
// ("mysqlx" -> 33060, "jdbc:mysql:loadbalance" -> 3306), or 0.
func SchemePort(scheme string) int { return defaultPort(scheme) }
