const app = require("express")();
app.get("/items", (req, res) => res.json([]));
app.listen(4000, "0.0.0.0");
