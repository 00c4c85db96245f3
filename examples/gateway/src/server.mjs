// The shop's public API. Forwards /api/orders to the orders service.
// Knobs: PORT (8080), HOST (0.0.0.0), ORDERS_URL (http://127.0.0.1:8082).
import express from 'express';
import { forwardJson } from './forward.mjs';

const ordersUrl = process.env.ORDERS_URL ?? 'http://127.0.0.1:8082';
const app = express();

app.get('/healthz', (_req, res) => res.send('ok'));

app.get('/api/orders/:id', async (req, res) => {
  const { status, body } = await forwardJson(`${ordersUrl}/orders/${encodeURIComponent(req.params.id)}`);
  res.status(status).json(body);
});

const server = app.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '0.0.0.0', () => {
  console.log(`LISTENING ${server.address().port}`);
});
process.on('SIGTERM', () => server.close());
