const express = require("express");
const app = express();
app.get("/api/items", (req, res) => res.json([]));
app.listen(process.env.PORT || 3000, "0.0.0.0");
