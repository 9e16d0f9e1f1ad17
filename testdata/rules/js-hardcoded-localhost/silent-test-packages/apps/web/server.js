const express = require('express');
const app = express();
app.get('/api/health', (req, res) => res.send('ok'));
app.listen(3000);
