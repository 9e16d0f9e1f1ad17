const express = require("express");
const { Pool } = require("pg");
const mongoose = require("mongoose");
const mysql = require("mysql2/promise");
const { prices } = require("./lib/prices");
const { chat, proxy, proxy2 } = require("./lib/llm");

const pool = new Pool({ host: process.env.PGHOST || "localhost", port: 5432, user: "app" });
mongoose.connect(process.env.MONGO_URL || "mongodb://localhost:27017/app");
const legacy = mysql.createPool({ host: "mysql", user: "app" });

const app = express();
app.get("/", async (req, res) => res.json({ rows: (await pool.query("select 1")).rows, prices: await prices(), legacy: !!legacy, chat: await chat(req.body), p: [proxy(), proxy2()] }));
console.log("listening on http://localhost:3000");
app.listen(3000, "0.0.0.0");
