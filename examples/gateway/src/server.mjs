// The shop's public API. Forwards /api/orders to the orders service.
// Knobs: PORT (default 8080), ORDERS_URL (default http://127.0.0.1:8081).
import express from 'express';
import { forwardJson } from './forward.mjs';

const ordersUrl = process.env.ORDERS_URL ?? 'http://127.0.0.1:8081';
const app = express();

app.get('/healthz', (_req, res) => res.send('ok'));

app.get('/api/orders/:id', async (req, res) => {
  const { status, body } = await forwardJson(`${ordersUrl}/orders/${encodeURIComponent(req.params.id)}`);
  res.status(status).json(body);
});

const server = app.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  console.log(`LISTENING ${server.address().port}`);
});
