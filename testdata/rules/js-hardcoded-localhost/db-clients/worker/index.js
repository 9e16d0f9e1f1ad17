const mysql = require("mysql2/promise");
const { Pool } = require("pg");
const Redis = require("ioredis");
const amqp = require("amqplib");
const { MongoClient } = require("mongodb");
const knex = require("knex");

const REDIS_PORT = Number(process.env.REDIS_PORT || 6379);

async function main() {
  const db = await mysql.createConnection({ host: "127.0.0.1", user: "app", database: "app" });
  // The host's published port: inside the network pg listens on 5432.
  const pool = new Pool({ host: "localhost", port: 5433 });
  // Two redis services listen on 6379: which one is meant is not known.
  const redis = new Redis({ host: "localhost", port: REDIS_PORT });
  const q = knex({ client: "pg", connection: { host: "localhost", user: "app" } });
  const ch = await (await amqp.connect({ hostname: "localhost" })).createChannel();
  const mongo = new MongoClient("mongodb://localhost/app");
  return { db, pool, redis, q, ch, mongo };
}
main();
