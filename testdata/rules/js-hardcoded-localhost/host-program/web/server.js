const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: "postgres://app@localhost:5432/app" });
const app = express();
app.get("/items", async (_req, res) => res.json((await pool.query("select 1")).rows));
app.listen(3000, "127.0.0.1");
