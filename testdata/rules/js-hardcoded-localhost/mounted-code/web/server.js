const express = require("express");

const API_URL = process.env.API_URL || "http://localhost:4000";
const app = express();
app.get("/items", async (_req, res) => res.json(await (await fetch(`${API_URL}/items`)).json()));
app.listen(3000, "0.0.0.0");
