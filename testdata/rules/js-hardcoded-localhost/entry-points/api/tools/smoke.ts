import axios from "axios";

// No entry point reaches this file: a script someone runs by hand on the host.
axios.get("http://localhost:4000/health").then((r) => console.log(r.status));
