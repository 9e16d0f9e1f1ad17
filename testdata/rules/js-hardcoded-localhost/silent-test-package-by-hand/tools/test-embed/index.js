'use strict';
// Hand-run demo page (node index.js from this directory, on the developer's machine)
const express = require('express');
const axios = require('axios');
const app = express();
app.get('/:panelId', async (req, res) => {
  const resp = await axios.get(`https://localhost:8445/api/embedded-panel/${req.params.panelId}`);
  res.json(resp.data);
});
app.listen(3001);
