// Moved from @tracekit/express: @tracekit/node depends on it, so the integration test lives here.
import { describe, expect, it } from 'vitest';
import { expectTraceTree, type FixtureHandle } from '@tracekit/test-utils';
import { exportTo, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

// An app run with `--import @tracekit/node/register` that also uses tracekit(): the HTTP
// instrumentation starts the server span, the middleware enriches it. One span per request:
//
//   GET /shops/:shop/orders/:orderId  SERVER  (no children: Express layer spans are off)

const receiver = useOtlpReceiver();

function startApp(major: 'express4' | 'express5', env: Record<string, string> = {}): Promise<FixtureHandle> {
  return startTracedApp({
    fixture: 'express-shop-app.mjs',
    expressMajor: major,
    env: { ...exportTo(receiver), OTEL_SERVICE_NAME: 'shop', OTEL_LOG_LEVEL: 'debug', ...env },
  });
}

describe.each(['express4', 'express5'] as const)('%s under @tracekit/node/register', (major) => {
  it('exports exactly one server span per request, named by the route template and enriched', async () => {
    const app = await startApp(major);
    expect(app.stdout()).toMatch(/instrumentation loaded: express/);
    const answer = await fetch(app.url('/shops/s1/orders/42'), { headers: { 'x-request-id': 'r-9', 'x-user': 'ada' } });
    const logFields = (await answer.json()) as Record<string, string>;
    await fetch(app.url('/shops/s1/orders/42/fail')).then((response) => response.arrayBuffer());
    await fetch(app.url('/shops/s1/nowhere')).then((response) => response.arrayBuffer());
    await fetch(app.url('/healthz')).then((response) => response.arrayBuffer());
    await app.stop();

    const spans = receiver.spans;
    expect(spans.map((span) => span.name).sort()).toEqual(['GET', 'GET /shops/:shop/orders/:orderId', 'GET /shops/:shop/orders/:orderId/fail']);
    const ok = expectTraceTree(spans, {
      name: 'GET /shops/:shop/orders/:orderId',
      kind: 'SERVER',
      exactChildren: true,
      children: [],
      attributes: {
        'http.route': '/shops/:shop/orders/:orderId',
        'http.response.status_code': 200,
        'url.path': '/shops/s1/orders/42',
        'http.request.header.x-request-id': ['r-9'],
        'enduser.id': 'ada',
      },
      resource: { 'service.name': 'shop' },
    }).span;
    expect(answer.headers.get('traceresponse')).toBe(`00-${ok.traceId}-${ok.spanId}-01`);
    expect(answer.headers.get('server-timing')).toBe(`traceparent;desc="00-${ok.traceId}-${ok.spanId}-01"`);
    expect(logFields).toEqual({ trace_id: ok.traceId, span_id: ok.spanId, trace_flags: '01' });

    const failed = expectTraceTree(spans, { name: 'GET /shops/:shop/orders/:orderId/fail', kind: 'SERVER', exactChildren: true, children: [] }).span;
    expect(failed.status.code).toBe('ERROR');
    expect(failed.attributes['error.type']).toBe('500');
    expect(failed.events.map((event) => event.name)).toEqual(['exception']);

    const unmatched = expectTraceTree(spans, { name: 'GET', kind: 'SERVER', attributes: { 'http.response.status_code': 404 } }).span;
    expect(unmatched.attributes).not.toHaveProperty('http.route');
  });

  it('adds its layer spans under the instrumentation server span when layerSpans is on', async () => {
    const app = await startApp(major, { FIXTURE_LAYER_SPANS: '1' });
    await fetch(app.url('/shops/s1/orders/42')).then((response) => response.arrayBuffer());
    await app.stop();
    //   GET /shops/:shop/orders/:orderId  SERVER
    //   └─ request handler - /shops/:shop/orders/:orderId
    expectTraceTree(receiver.spans, {
      name: 'GET /shops/:shop/orders/:orderId',
      kind: 'SERVER',
      exactChildren: true,
      children: [{ name: 'request handler - /shops/:shop/orders/:orderId', kind: 'INTERNAL', scope: '@tracekit/express' }],
    });
    expect(receiver.spans).toHaveLength(2);
  });
});
