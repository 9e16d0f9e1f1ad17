const express = require("express");
const Redis = require("ioredis");
const { createClient } = require("redis");
const { Pool } = require("pg");
const mysql = require("mysql2");

// Every client is given its address, or reads it (pg: PGHOST).
const a = new Redis(process.env.REDIS_URL);
const b = createClient({ url: process.env.REDIS_URL });
const c = new Pool({ user: "app", database: "app" });
const d = mysql.createConnection({ host: process.env.DB_HOST, user: "root", database: "app" });
const e = new Redis({ host: "cache", port: 6379 });
const opts = { socket: { host: "cache" } };
const f = createClient(opts);
const app = express();
app.listen(3000);
