package rules

// advertiser is one way an image tells others where to reach it after the
// first contact: the second hop of advertised-loopback. Adding an image is
// adding a line.
type advertiser struct {
	// Names are the variables and flags ("-" first) that hold the
	// advertised address. Flags match with one or two dashes, "--f v" and
	// "--f=v"; variables match case-insensitively.
	Names []string
	// Port is the port of the second hop when the advertised value names
	// none; 0 = the value's own port, or its listener's (Kafka).
	Port int
	// PortFrom are flags or variables of the same service that set Port.
	PortFrom []string
	// Followers are the variables and flags, in other services, that name
	// this one and then follow its advertised address (cluster seeds,
	// joins, routes). Empty = every service connecting to it by name on
	// the hop's port follows it, as Kafka clients do.
	Followers []string
	// Needs is a flag and its value without which the address is not
	// used ({"--cluster-enabled", "yes"}); empty = always used.
	Needs []string
}

// advertisers lists the advertised-address settings reachlint knows. A
// setting whose name has ADVERTISED or ADVERTISE in it and is not listed
// here is read like Kafka's (every client by name follows it).
var advertisers = []advertiser{
	// Kafka, Bitnami (KAFKA_CFG_), images without the prefix, Redpanda:
	// every client follows the advertised listener.
	{Names: []string{"KAFKA_ADVERTISED_LISTENERS", "KAFKA_CFG_ADVERTISED_LISTENERS", "ADVERTISED_LISTENERS"}},
	{Names: []string{"--advertise-kafka-addr", "--advertise-pandaproxy-addr"}},
	// etcd: clients only use the advertised client URLs when they sync the
	// member list, as Patroni does (etcdctl and most client libraries do
	// not: Milvus's etcd -advertise-client-urls=http://127.0.0.1:2379 works).
	{Names: []string{"--advertise-client-urls", "ETCD_ADVERTISE_CLIENT_URLS"}, Port: 2379,
		Followers: []string{"PATRONI_ETCD_HOSTS", "PATRONI_ETCD3_HOSTS", "PATRONI_ETCD_HOST", "PATRONI_ETCD3_HOST", "PATRONI_ETCD_URL", "PATRONI_ETCD3_URL"}},
	{Names: []string{"--initial-advertise-peer-urls", "ETCD_INITIAL_ADVERTISE_PEER_URLS"}, Port: 2380,
		Followers: []string{"--initial-cluster", "ETCD_INITIAL_CLUSTER"}},
	// NATS: servers routing to this one gossip its cluster address.
	{Names: []string{"--cluster_advertise"}, Port: 6222, Followers: []string{"--routes", "NATS_ROUTES"}},
	// Redis Cluster: MOVED and CLUSTER SLOTS replies carry the announced
	// address, so cluster clients reconnect there.
	{Names: []string{"--cluster-announce-ip"}, Port: 6379, PortFrom: []string{"--cluster-announce-port", "--port"},
		Needs: []string{"--cluster-enabled", "yes"}},
	// Cassandra: nodes seeding from this one gossip with its broadcast address.
	{Names: []string{"CASSANDRA_BROADCAST_ADDRESS"}, Port: 7000, Followers: []string{"CASSANDRA_SEEDS"}},
	// Consul: agents joining this one talk to its advertised address.
	{Names: []string{"-advertise"}, Port: 8301, Followers: []string{"-retry-join", "-join"}},
	// Elasticsearch: nodes discovering this one connect to its publish address.
	{Names: []string{"network.publish_host", "transport.publish_host"}, Port: 9300, Followers: []string{"discovery.seed_hosts"}},
}
