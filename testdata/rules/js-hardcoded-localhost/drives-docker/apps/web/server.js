const express = require('express');
const app = express();
app.get('/api/search', async (req, res) => {
  const r = await fetch('http://localhost:7700/indexes/bookmarks/search');
  res.send(await r.text());
});
app.listen(3000);
