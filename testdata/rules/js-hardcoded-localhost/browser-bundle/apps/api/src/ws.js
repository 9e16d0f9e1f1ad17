require("http").createServer((_req, res) => res.end()).listen(3002, "0.0.0.0");
