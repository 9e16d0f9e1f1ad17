package rules

import "github.com/reachlint/reachlint/linter/diag"

// GoAnalyzerName is the Go analyzer's rule name; it runs through the Go
// toolchain's package loader, not on compose projects.
const GoAnalyzerName = "hardcodedlocalhost"

var goAnalyzer = &Rule{RuleInfo: diag.RuleInfo{
	Name: GoAnalyzerName, Title: "HardcodedLoopbackHost", Severity: diag.Warning, Enabled: true,
	Summary:    "a hardcoded loopback address reaches a network call in Go code",
	What:       "Reports a constant localhost, 127.0.0.0/8, ::1 or 0.0.0.0 address that reaches a network call (http.Get, net.Dial, sql.Open, grpc.NewClient, redis, pgx, MongoDB, RabbitMQ, NATS, Kafka, Elasticsearch, MinIO, AWS SDK endpoints, OTLP exporters, Datadog, Temporal, ..., OAuth token endpoints, and by name an Addr, URL, DSN or Brokers field or parameter of another module's client), also through the program's own functions, struct fields, variables and url.URL values, at the literal to edit; an address that names no host, where the client dials this machine (redis.Dial(\"tcp\", \":6379\"), a MySQL DSN \"app:pw@/app\" without tcp(host:port), options written without their address: redis.NewClient(&redis.Options{}) dials localhost:6379, a mysql.Config without Addr formatted with FormatDSN 127.0.0.1:3306); and servers that listen on loopback (in code a compose service runs, only on a port the service publishes or exposes or another service connects to: net/http/pprof's localhost:6060 stays inside on purpose). The program a service's healthcheck runs (test: [\"CMD\", \"/healthcheck\"], built from a directory of that name) probes its own container: not reported. Code no compose service runs (cmd/seed beside the cmd/api a Dockerfile builds, scripts/, a program that runs docker, code no service builds or mounts while the compose projects run images, code under scripts/, tools/, hack/ or examples/ that services hold only in their build context, as a database image built from the repository's root does) is meant for the host: info, and silent for a server listening on loopback there. Of the services whose build context holds a package, those whose Dockerfile's go commands build it run it. A loopback default of an environment variable or a flag (an os.Getenv fallback, flag.String) is reported for the services that run the code without setting the variable or passing the flag; a flag of a subcommand (defined on flag.NewFlagSet(\"evaluate\", ...) or as a cobra command's local flag) only for the services whose command names that subcommand.",
	Why:        "In a container, localhost is the container itself: the dial is refused, and a server bound to 127.0.0.1 cannot be reached through published ports or from other containers.",
	Example:    "resp, err := http.Get(\"http://localhost:8000/users\")",
	UseInstead: "base := os.Getenv(\"API_BASE_URL\") // e.g. http://api:8000\nresp, err := http.Get(base + \"/users\")",
}}
