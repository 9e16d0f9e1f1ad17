package extrasinks

import "example.com/nats"

func connect() {
	nats.Connect("nats://localhost:4222")          // want `"nats://localhost:4222" reaches nats\.Connect; .*os\.Getenv\("SERVICE_ADDR"\)`
	_ = nats.Options{URL: "nats://127.0.0.1:4222"} // want `reaches nats\.Options\.URL`
	nats.Connect("nats://nats:4222")
}
