// The shop's web frontend: serves the page and forwards /api/* to the gateway and /v1/traces
// (spans from the browser) to the Collector's OTLP/HTTP receiver.
// Knobs: PORT (8080), HOST (0.0.0.0), GATEWAY_URL (http://127.0.0.1:8081),
// COLLECTOR_OTLP_HTTP_URL (http://127.0.0.1:4318).
import { tracekit } from '@tracekit/express';
import express from 'express';
import { fileURLToPath } from 'node:url';
import { forward } from './proxy.mjs';
import { tracekitScript } from './tracekit-script.mjs';

const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8081';
const collectorUrl = process.env.COLLECTOR_OTLP_HTTP_URL ?? 'http://127.0.0.1:4318';
const app = express();

// First: names the server span of each request and answers with `traceresponse` and
// `Server-Timing: traceparent;desc=…`, which the page's @tracekit/web reads to continue the
// page's trace in the browser.
app.use(tracekit());
app.get('/healthz', (_req, res) => res.send('ok'));
// A route, not a mount, so the server span is named by its template: `GET /api/*path`.
app.all('/api/*path', (req, res) => forward(req, res, `${gatewayUrl}${req.originalUrl}`));
app.post('/v1/traces', (req, res) => forward(req, res, `${collectorUrl}/v1/traces`));
app.use('/tracekit', tracekitScript());
app.use(express.static(fileURLToPath(new URL('../public/', import.meta.url))));

const server = app.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '0.0.0.0', () => {
  console.log(`LISTENING ${server.address().port}`);
});
process.on('SIGTERM', () => server.close());
