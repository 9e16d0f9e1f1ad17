const express = require("express");
const { Pool } = require("pg");
const mongoose = require("mongoose");
const { chat } = require("./lib/llm");

const pool = new Pool({ host: "localhost", port: 5432, user: "app" });
// Set by compose: the fallback only serves `node index.js` on a laptop.
mongoose.connect(process.env.MONGO_URL || "mongodb://localhost:27017/app");

const app = express();
app.get("/", async (req, res) => res.json({ rows: (await pool.query("select 1")).rows, chat: await chat(req.body) }));
console.log("listening on http://localhost:3000");
app.listen(3000, "127.0.0.1");
