const Redis = require("ioredis");

const redis = new Redis({ host: "localhost" });
module.exports = redis;
