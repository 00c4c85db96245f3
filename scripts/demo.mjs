// The main job: the shop's six services (Node, Go, Python, Java) on loopback with a real
// OpenTelemetry Collector and Jaeger, configured from the Kubernetes manifests. Sends a happy,
// a failing and a slow order through the frontend, then prints each trace as Jaeger stored it.
// Stays up until Ctrl-C; --exit stops after printing.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { jaegerClient } from './stack/backends/jaeger-api.mjs';
import { startStack } from './stack/stack.mjs';
import { renderWaterfall } from './stack/waterfall.mjs';

const exitAfterPrinting = process.argv.includes('--exit');
const log = (line) => console.log(`[demo] ${line}`);
const ORDERS = [
  { id: '42', what: 'happy path' },
  { id: 'fail', what: 'inventory fails' },
  { id: 'slow', what: 'pricing is slow' },
];
const EXPECTED_SERVICES = 6;

const stack = await startStack({ portBase: Number(process.env.TRACEKIT_DEMO_PORT_BASE ?? 18000), log });
const stopOnce = (() => {
  let stopping;
  return () => (stopping ??= stack.stop());
})();
try {
  const jaeger = jaegerClient(stack.backends.jaeger.queryUrl);
  for (const order of ORDERS) {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${stack.urls.frontend}/api/orders/${order.id}`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, baggage: 'tenant.id=demo-tenant' },
    });
    await response.arrayBuffer();
    console.log(`\nGET /api/orders/${order.id} (${order.what}) → ${response.status}`);
    // The failing order never reaches payments: five services.
    const expected = order.id === 'fail' ? EXPECTED_SERVICES - 1 : EXPECTED_SERVICES;
    const trace = await jaeger.waitForTrace(traceId, (found) => new Set(found.spans.map((span) => span.service)).size >= expected, 30_000);
    console.log(renderWaterfall(trace.spans));
  }
  console.log(`\nJaeger query API: ${stack.backends.jaeger.queryUrl}/api/traces/<trace id>  (shop frontend: ${stack.urls.frontend})`);
  if (!exitAfterPrinting) {
    console.log('Everything keeps running; press Ctrl-C to stop.');
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  }
} finally {
  await stopOnce();
}
