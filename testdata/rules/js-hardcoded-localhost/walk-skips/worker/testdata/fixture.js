// A fixture of the worker's tests: ./... skips testdata, as the Go tool does.
const Redis = require("ioredis");

module.exports = new Redis({ host: "localhost" });
