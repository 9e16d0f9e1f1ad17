const express = require("express");

const app = express();
app.post("/notify", async (_req, res) => {
  const r = await fetch("http://localhost:3002/broadcast", { method: "POST" });
  res.sendStatus(r.status);
});
app.listen(3000, "0.0.0.0");
