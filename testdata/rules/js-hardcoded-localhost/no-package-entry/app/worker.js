const http = require("http");
http.get("http://localhost:3000/jobs", (res) => res.resume());
