// Orders service (Node, CommonJS, Express 4). GET /orders/:id looks the order up, then asks
// inventory (Go) for stock, pricing (Python) for the price and payments (Java) to authorize.
// Order "fail" asks for the sku "broken", which inventory cannot serve (error path); order
// "slow" asks for the sku "slow", which pricing answers late (slow path).
// Knobs: PORT (8080), HOST (0.0.0.0), INVENTORY_URL, PRICING_URL, PAYMENTS_URL.
const express = require('express');
const { getJson } = require('./downstream.cjs');
const { findOrder } = require('./catalog.cjs');

const inventoryUrl = process.env.INVENTORY_URL ?? 'http://127.0.0.1:8083';
const pricingUrl = process.env.PRICING_URL ?? 'http://127.0.0.1:8084';
const paymentsUrl = process.env.PAYMENTS_URL ?? 'http://127.0.0.1:8085';
const app = express();

app.get('/healthz', (_req, res) => res.send('ok'));

app.get('/orders/:id', async (req, res) => {
  const order = findOrder(req.params.id);
  const [stock, price] = await Promise.all([
    getJson(`${inventoryUrl}/inventory/${encodeURIComponent(order.sku)}`),
    getJson(`${pricingUrl}/price/${encodeURIComponent(order.sku)}`),
  ]);
  if (!stock.ok) return res.status(502).json({ error: `inventory answered ${stock.status}`, order: order.id });
  if (!price.ok) return res.status(502).json({ error: `pricing answered ${price.status}`, order: order.id });
  const amount = (price.body.price * order.quantity).toFixed(2);
  const payment = await getJson(`${paymentsUrl}/payments/authorize?amount=${amount}`);
  if (!payment.ok) return res.status(502).json({ error: `payments answered ${payment.status}`, order: order.id });
  res.json({ id: order.id, sku: order.sku, quantity: order.quantity, amount, payment: payment.body, status: 'confirmed' });
});

const server = app.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '0.0.0.0', () => {
  console.log(`LISTENING ${server.address().port}`);
});
process.on('SIGTERM', () => server.close());
