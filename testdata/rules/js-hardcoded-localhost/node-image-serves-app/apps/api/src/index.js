const http = require("node:http");
http.createServer((req, res) => res.end("ok")).listen(1337, "0.0.0.0");
