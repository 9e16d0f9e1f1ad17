// Package byname: a client the sink table does not know is covered by the
// names of its parameters and fields.
package byname

import (
	"os"

	"example.org/acme/queue"
	"github.com/pkg/browser"
)

// Options is this module's own type: its fields are not matched by name.
type Options struct{ Addr string }

func connect(addr string) {}

func unknownClients() {
	queue.NewClient("localhost:5555", 3)                            // want `^"localhost:5555" reaches queue\.NewClient; .*read the address from os\.Getenv\("QUEUE_ADDR"\)`
	queue.Connect("queue:1", "127.0.0.1:5556")                      // want `"127\.0\.0\.1:5556" reaches queue\.Connect`
	_ = queue.Options{BaseURL: "http://localhost:8080", Timeout: 1} // want `"http://localhost:8080" reaches queue\.Options\.BaseURL; .*os\.Getenv\("QUEUE_URL"\)`
	o := &queue.Options{Name: "localhost"}                          // Name is not an address
	o.Brokers = []string{"localhost:9092"}                          // want `"localhost:9092" reaches queue\.Options\.Brokers`
	queue.StartServer("127.0.0.1:7000")                             // want `"127\.0\.0\.1:7000" reaches queue\.StartServer; listen on ":7000"`
	queue.NewClient("queue:5555", 3)                                // a service name
	queue.NewClient(os.Getenv("QUEUE_ADDR"), 3)                     // from the environment
	new(queue.Client).Publish("events", "localhost:1")              // payload and topic are not addresses

	_ = Options{Addr: "localhost:1"}                                // this module's own type
	connect("localhost:2")                                          // this module's own function
	browser.OpenURL("http://localhost:3000")                        // opens the user's browser, on the host
	new(queue.Context).Redirect(302, "http://localhost:3000/login") // sends the browser there
}
