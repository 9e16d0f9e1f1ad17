const Redis = require('ioredis');
const express = require('express');
const redis = new Redis();
const app = express();
app.get('/', async (req, res) => res.send(String(await redis.incr('hits'))));
app.listen(3000);
