const express = require("express");
require("./db");

const app = express();
app.get("/health", (_req, res) => res.send("ok"));
app.listen(3000, "127.0.0.1");
