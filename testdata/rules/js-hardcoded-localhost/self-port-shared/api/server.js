const express = require("express");
const app = express();
app.get("/users", async (req, res) => {
  const r = await fetch("http://localhost:3000/users/list");
  res.json(await r.json());
});
app.listen(3000, "0.0.0.0");
