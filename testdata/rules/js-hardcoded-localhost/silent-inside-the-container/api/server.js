const express = require("express");
const app = express();
const admin = express();

// The public base URL handed to browsers in JSON responses.
const backendDomain = process.env.BACKEND_DOMAIN ?? "http://localhost";

app.get("/api/items", (req, res) => res.json([]));
app.get("/files/:id", (req, res) => res.json({ url: backendDomain + "/uploads/" + req.params.id }));
app.get("/", async (req, res) => {
  // Its own route, on the port only this service listens on.
  const r = await fetch("http://localhost:3000/api/items");
  res.json(await r.json());
});
app.listen(3000, "0.0.0.0");

// Metrics for a sidecar-less setup: read with docker exec, never published.
admin.get("/metrics", (req, res) => res.send(""));
admin.listen(9100, "127.0.0.1");
