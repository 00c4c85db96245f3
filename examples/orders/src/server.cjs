// Orders service. GET /orders/:id answers an order; id "fail" answers 500, id "slow" waits
// SLOW_MS (default 300 ms). Knobs: PORT (default 8081), SLOW_MS.
const express = require('express');

const slowMillis = Number(process.env.SLOW_MS ?? 300);
const app = express();

app.get('/healthz', (_req, res) => res.send('ok'));

app.get('/orders/:id', async (req, res) => {
  const { id } = req.params;
  if (id === 'fail') return res.status(500).json({ error: 'order store unavailable' });
  if (id === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMillis));
  res.json({ id, items: [{ sku: 'tea-001', quantity: 2 }], status: 'confirmed' });
});

const server = app.listen(Number(process.env.PORT ?? 8081), '127.0.0.1', () => {
  console.log(`LISTENING ${server.address().port}`);
});
