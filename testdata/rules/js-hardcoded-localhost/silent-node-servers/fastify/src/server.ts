import Fastify from "fastify";
import Redis from "ioredis";

const redis = new Redis(6379, process.env.REDIS_HOST ?? "localhost");
const app = Fastify({ logger: true });
app.get("/prices", async () => JSON.parse((await redis.get("prices")) ?? "[]"));
await app.listen({ port: 4000, host: "0.0.0.0" });
