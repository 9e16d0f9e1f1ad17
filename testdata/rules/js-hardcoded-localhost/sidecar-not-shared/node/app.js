const express = require('express');
const app = express();
const daprPort = process.env.DAPR_HTTP_PORT || 3500;
const stateUrl = `http://localhost:${daprPort}/v1.0/state/statestore`;
app.get('/order', async (_req, res) => {
  const r = await fetch(`${stateUrl}/order`);
  res.send(await r.text());
});
app.listen(3000);
