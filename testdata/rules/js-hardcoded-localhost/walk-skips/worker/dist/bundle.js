// Build output is never linted.
const Redis = require("ioredis");

module.exports = new Redis({ host: "localhost" });
