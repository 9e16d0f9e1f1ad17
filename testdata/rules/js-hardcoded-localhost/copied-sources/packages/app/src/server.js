const express = require('express');
const app = express();
const API = process.env.SERVER_URL || 'http://127.0.0.1:8000';
app.get('/api/*', async (req, res) => {
  const r = await fetch(`${API}${req.path}`);
  res.status(r.status).send(await r.text());
});
app.listen(3000);
