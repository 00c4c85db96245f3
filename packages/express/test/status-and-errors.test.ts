import http from 'node:http';
import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ERROR_TYPE_ABORTED, tracekit, tracekitErrorHandler } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

class PaymentDeclined extends Error {}

function exceptionEvents(span: { events: { name: string; attributes?: Record<string, unknown> }[] }) {
  return span.events.filter((event) => event.name === 'exception').map((event) => event.attributes);
}

describe.each(EXPRESS_MAJORS)('%s: status and errors', (_, express) => {
  it('leaves 2xx and 4xx UNSET, without error.type', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/ok', (_req, res) => res.send('ok'));
    app.get('/missing/:id', (_req, res) => res.status(404).send('no such thing'));
    const served = await serve(app);
    await get(served.url('/ok'));
    await get(served.url('/missing/1'));
    const spans = await tracing.spans(2);
    for (const span of spans) {
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes).not.toHaveProperty('error.type');
    }
    expect(spans.map((span) => span.attributes['http.response.status_code'])).toEqual([200, 404]);
  });

  it('marks a 5xx answer as an error, error.type the status code', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/busy', (_req, res) => res.status(503).send('later'));
    const served = await serve(app);
    await get(served.url('/busy'));
    const [span] = await tracing.spans(1);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(span!.attributes).toMatchObject({ 'error.type': '503', 'http.response.status_code': 503, 'http.route': '/busy' });
  });

  it('records a thrown error as an exception event and an error status', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/pay/:id', () => {
      throw new PaymentDeclined('card declined');
    });
    app.use(tracekitErrorHandler());
    const served = await serve(app);
    expect((await get(served.url('/pay/1'))).status).toBe(500);
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('GET /pay/:id');
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'card declined' });
    expect(span!.attributes['error.type']).toBe('500');
    expect(exceptionEvents(span!)).toEqual([
      expect.objectContaining({ 'exception.type': 'Error', 'exception.message': 'card declined', 'exception.stacktrace': expect.any(String) }),
    ]);
  });

  it('records next(err) and lets the app own error handler answer', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/x', (_req, _res, next) => next(new TypeError('bad input')));
    app.use(tracekitErrorHandler());
    app.use((_error: unknown, _req: unknown, res: http.ServerResponse, _next: unknown) => {
      res.statusCode = 502;
      res.end('upstream');
    });
    const served = await serve(app);
    const answer = await get(served.url('/x'));
    expect(answer).toMatchObject({ status: 502, body: 'upstream' });
    const [span] = await tracing.spans(1);
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(exceptionEvents(span!)).toHaveLength(1);
  });

  it('keeps a thrown error answered 4xx UNSET but records the exception', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/item/:id', () => {
      throw Object.assign(new Error('not found'), { status: 404 });
    });
    app.use(tracekitErrorHandler());
    const served = await serve(app);
    expect((await get(served.url('/item/1'))).status).toBe(404);
    const [span] = await tracing.spans(1);
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    expect(span!.attributes).not.toHaveProperty('error.type');
    expect(exceptionEvents(span!)).toHaveLength(1);
  });

  it('marks an error the app answered with 200 as an error, error.type the class', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/soft', (_req, _res, next) => next(new PaymentDeclined('declined')));
    app.use(tracekitErrorHandler());
    app.use((_error: unknown, _req: unknown, res: http.ServerResponse, _next: unknown) => {
      res.end('fallback page');
    });
    const served = await serve(app);
    await get(served.url('/soft'));
    const [span] = await tracing.spans(1);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'declined' });
    expect(span!.attributes['error.type']).toBe('PaymentDeclined');
  });

  it('marks a response that never completed as aborted', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/slow', (req) => {
      setTimeout(() => req.socket.destroy(), 10);
    });
    const served = await serve(app);
    await new Promise<void>((resolve) => http.get(served.url('/slow')).on('error', () => resolve()));
    const [span] = await tracing.spans(1);
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes['error.type']).toBe(ERROR_TYPE_ABORTED);
    expect(span!.attributes).not.toHaveProperty('http.response.status_code');
  });
});

describe('express 5: rejected promises', () => {
  const [, express5] = EXPRESS_MAJORS[1]!;
  it('records the rejection of an async handler', async () => {
    const app = express5();
    app.use(tracekit());
    app.get('/async/:id', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new RangeError('out of stock');
    });
    app.use(tracekitErrorHandler());
    const served = await serve(app);
    expect((await get(served.url('/async/1'))).status).toBe(500);
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('GET /async/:id');
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'out of stock' });
    expect(exceptionEvents(span!)).toEqual([expect.objectContaining({ 'exception.type': 'RangeError' })]);
  });
});
