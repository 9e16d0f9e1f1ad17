import Fastify from "fastify";
import Redis from "ioredis";

const redis = new Redis(6379, "localhost");
const app = Fastify({ logger: true });
app.get("/health", async () => ({ ok: true }));
await app.listen({ port: 4000, host: "0.0.0.0" });
