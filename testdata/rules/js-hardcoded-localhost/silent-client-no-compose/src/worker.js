const IORedis = require("ioredis");
// no compose file and no Dockerfile anywhere in the repository: this runs on the host
const connection = new IORedis({ maxRetriesPerRequest: null });
module.exports = connection;
