const express = require('express');
const { createClient } = require('redis');
const client = createClient({ url: process.env.REDIS_URL || 'redis://redis:6379' });
const app = express();
app.get('/', (req, res) => res.send('ok'));
app.listen(3000, '0.0.0.0');
