import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { tracekit, tracekitErrorHandler } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

describe.each(EXPRESS_MAJORS)('%s: layer spans', (_, express) => {
  function app(layerSpans: boolean) {
    const instance = express();
    instance.use(function before(_req, _res, next) {
      next();
    });
    instance.use(tracekit({ layerSpans }));
    instance.use(express.json());
    instance.use(function authenticate(_req, _res, next) {
      setTimeout(next, 5);
    });
    const api = express.Router();
    api.get('/users/:id', function loadUser(_req, _res, next) {
      next();
    }, (_req, res) => {
      res.send('ok');
    });
    api.get('/fail', () => {
      throw new Error('nope');
    });
    instance.use('/api', api);
    instance.use(tracekitErrorHandler());
    return instance;
  }

  it('creates only the server span by default', async () => {
    const served = await serve(app(false));
    await get(served.url('/api/users/1'));
    const spans = await tracing.spans(1);
    expect(spans.map((span) => span.name)).toEqual(['GET /api/users/:id']);
  });

  it('with layerSpans, adds a child span per middleware and route handler after tracekit()', async () => {
    const served = await serve(app(true));
    await get(served.url('/api/users/1'));
    const spans = await tracing.spans(5);
    const server = spans.find((span) => span.name === 'GET /api/users/:id')!;
    const children = spans.filter((span) => span !== server);
    expect(children.map((span) => span.name).sort()).toEqual([
      'middleware - authenticate',
      'middleware - jsonParser',
      'request handler - /api/users/:id',
      'request handler - /api/users/:id',
    ]);
    for (const child of children) {
      expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(server.spanContext().traceId);
    }
    const authenticate = children.find((span) => span.name === 'middleware - authenticate')!;
    expect(authenticate.attributes).toEqual({ 'express.type': 'middleware', 'express.name': 'authenticate' });
    // A layer's span ends when it hands over with next(), not when the response ends.
    expect(endMillis(authenticate)).toBeLessThanOrEqual(endMillis(server));
  });

  it('marks the failing layer span as an error', async () => {
    const served = await serve(app(true));
    await get(served.url('/api/fail'));
    const spans = await tracing.spans(4);
    const handler = spans.find((span) => span.name === 'request handler - /api/fail')!;
    expect(handler.status).toEqual({ code: SpanStatusCode.ERROR, message: 'nope' });
    expect(handler.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('leaves layers alone for ignored requests', async () => {
    const instance = express();
    instance.use(tracekit({ layerSpans: true }));
    instance.get('/healthz', (_req, res) => res.send('ok'));
    instance.get('/x', (_req, res) => res.send('ok'));
    const served = await serve(instance);
    await get(served.url('/x'));
    await tracing.spans(2);
    await get(served.url('/healthz'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(2);
  });
});

function endMillis(span: { endTime: [number, number] }): number {
  return span.endTime[0] * 1000 + span.endTime[1] / 1e6;
}
