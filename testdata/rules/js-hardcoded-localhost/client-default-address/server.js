const express = require("express");
const Redis = require("ioredis");
const { createClient } = require("redis");
const { Pool } = require("pg");
const mysql = require("mysql2");
const amqp = require("amqplib");

const a = new Redis();
const b = createClient();
const c = new Pool({ user: "app", database: "app" });
const d = mysql.createConnection({ user: "root", database: "app" });
const e = new Redis(6379);
const f = amqp.connect({ username: "guest", password: "guest" });
const app = express();
app.listen(3000);
