// Package network is the project's network as its containers see it, built
// once per project and only read afterwards: which networks each service
// joins, the namespaces services share (network_mode service:x), the names
// each service resolves and to what, the ports each listens on and
// publishes (from ports, expose, commands, variables and image knowledge),
// and every endpoint written in the configuration (Occurrence), with its
// role, the services that use it and the exact place it is written. Rules,
// and anything else that reasons about who reaches whom, read it.
package network
