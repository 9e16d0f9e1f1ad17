import redisClient from 'redis';
const redis = redisClient.createClient();

import express from 'express';
const app = express();
app.get('/', (req, res) => redis.get('nepse', (err, v) => res.send(v)));
app.listen(3000);
