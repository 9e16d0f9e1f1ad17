const Redis = require("ioredis");

const redis = new Redis("redis://localhost:6379");
setInterval(() => redis.lpop("jobs"), 1000);
