const express = require("express");

const app = express();
app.get("/state/:id", (req, res) => res.json({ id: req.params.id, items: [] }));
app.listen(4000);
