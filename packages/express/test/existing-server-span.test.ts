import type http from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { RPCType, getRPCMetadata, setRPCMetadata, suppressTracing, type RPCMetadata } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { tracekit, tracekitErrorHandler } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

/**
 * Stands in for OpenTelemetry's HTTP instrumentation (what @tracekit/node runs): a SERVER span
 * per request, active with RPC metadata in the handler's context, renamed from the metadata's
 * route and ended when the response closes.
 */
function likeHttpInstrumentation(app: http.RequestListener, mode: 'rpc-metadata' | 'active-span' | 'suppressed'): http.RequestListener {
  return (req, res) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    if (mode === 'suppressed') {
      context.with(suppressTracing(parent), () => app(req, res));
      return;
    }
    const span = trace.getTracer('http-instrumentation').startSpan(req.method!, { kind: SpanKind.SERVER }, parent);
    let ctx = trace.setSpan(parent, span);
    if (mode === 'rpc-metadata') ctx = setRPCMetadata(ctx, { type: RPCType.HTTP, span });
    res.on('close', () => {
      const route = (getRPCMetadata(ctx) as (RPCMetadata & { route?: string }) | undefined)?.route;
      if (route !== undefined) span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(ctx, () => app(req, res));
  };
}

describe.each(EXPRESS_MAJORS)('%s: under an HTTP instrumentation', (_, express) => {
  function appWithRoutes() {
    const app = express();
    const orders = express.Router();
    orders.get('/:orderId', (_req, res) => res.send('ok'));
    orders.get('/:orderId/fail', () => {
      throw new Error('broken');
    });
    app.use(tracekit({ requestHeaders: ['x-request-id'], requestAttributes: () => ({ 'app.enriched': true }) }));
    app.use('/shops/:shop/orders', orders);
    app.use(tracekitErrorHandler());
    return app;
  }

  it.each(['rpc-metadata', 'active-span'] as const)('enriches the existing server span (found by %s) instead of starting one', async (mode) => {
    const served = await serve(likeHttpInstrumentation(appWithRoutes(), mode));
    const answer = await get(served.url('/shops/s1/orders/9'), { headers: { 'x-request-id': 'r-1' } });
    const spans = await tracing.spans(1);
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span!.instrumentationScope.name).toBe('http-instrumentation');
    expect(span!.name).toBe('GET /shops/:shop/orders/:orderId');
    expect(span!.attributes).toMatchObject({
      'http.route': '/shops/:shop/orders/:orderId',
      'http.request.header.x-request-id': ['r-1'],
      'app.enriched': true,
    });
    expect(answer.headers.get('traceresponse')).toBe(`00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`);
  });

  it('records errors on the existing server span', async () => {
    const served = await serve(likeHttpInstrumentation(appWithRoutes(), 'rpc-metadata'));
    expect((await get(served.url('/shops/s1/orders/9/fail'))).status).toBe(500);
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('GET /shops/:shop/orders/:orderId/fail');
    // The HTTP instrumentation sets the status again from the status code when it ends the span.
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('clears a route another instrumentation guessed for a request no route matched', async () => {
    const app = express();
    app.use(tracekit());
    app.use((_req, _res, next) => {
      const rpc = getRPCMetadata(context.active()) as (RPCMetadata & { route?: string }) | undefined;
      if (rpc) rpc.route = '/shops';
      next();
    });
    const served = await serve(likeHttpInstrumentation(app, 'rpc-metadata'));
    expect((await get(served.url('/shops/nothing'))).status).toBe(404);
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('GET');
  });

  it('starts nothing for a request the HTTP instrumentation suppressed', async () => {
    const served = await serve(likeHttpInstrumentation(appWithRoutes(), 'suppressed'));
    const answer = await get(served.url('/shops/s1/orders/9'));
    expect(answer.headers.get('traceresponse')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('answers with flags 00 and starts no span of its own for an unsampled server span', async () => {
    const served = await serve(likeHttpInstrumentation(appWithRoutes(), 'rpc-metadata'));
    const answer = await get(served.url('/shops/s1/orders/9'), {
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' },
    });
    expect(answer.headers.get('traceresponse')).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
    expect(answer.headers.get('traceresponse')).not.toContain('b7ad6b7169203331');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(0);
  });
});

