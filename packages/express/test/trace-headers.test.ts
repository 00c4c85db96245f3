import { context, propagation, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { tracekit, traceResponseValue } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/;

describe.each(EXPRESS_MAJORS)('%s: traceresponse and Server-Timing', (_, express) => {
  it('answers with the server span context in traceresponse and Server-Timing', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    const answer = await get(served.url('/'), { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    const [span] = await tracing.spans(1);
    const expected = `00-0af7651916cd43dd8448eb211c80319c-${span!.spanContext().spanId}-01`;
    expect(answer.headers.get('traceresponse')).toBe(expected);
    expect(answer.headers.get('server-timing')).toBe(`traceparent;desc="${expected}"`);
  });

  it('appends to a Server-Timing header the app set', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => {
      res.setHeader('Server-Timing', 'db;dur=53');
      res.send('ok');
    });
    const served = await serve(app);
    const header = (await get(served.url('/'))).headers.get('server-timing');
    expect(header).toMatch(/^db;dur=53, traceparent;desc="00-[0-9a-f]{32}-[0-9a-f]{16}-01"$/);
  });

  it('appends to a Server-Timing given to writeHead, keeping the app headers', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => {
      res.setHeader('Server-Timing', 'overwritten;dur=1');
      res.writeHead(200, { 'server-timing': ['cache;desc=hit'], 'content-type': 'text/plain' });
      res.end('ok');
    });
    const served = await serve(app);
    const answer = await get(served.url('/'));
    expect(answer.headers.get('server-timing')).toMatch(/^cache;desc=hit, traceparent;desc="00-[0-9a-f]{32}-[0-9a-f]{16}-01"$/);
    expect(answer.headers.get('content-type')).toBe('text/plain');
    expect(answer.headers.get('traceresponse')).toMatch(TRACEPARENT);
  });

  it('sends flags 00 for an unsampled trace', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    const answer = await get(served.url('/'), { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' } });
    expect(answer.headers.get('traceresponse')).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('sends no trace headers when traceResponseHeaders is false', async () => {
    const app = express();
    app.use(tracekit({ traceResponseHeaders: false }));
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    const answer = await get(served.url('/'));
    expect(answer.headers.get('traceresponse')).toBeNull();
    expect(answer.headers.get('server-timing')).toBeNull();
    await tracing.spans(1);
  });

  it('sends no trace headers without an SDK, and never echoes the caller context back', async () => {
    trace.disable();
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    const plain = await get(served.url('/'));
    const withParent = await get(served.url('/'), { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    for (const answer of [plain, withParent]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('traceresponse')).toBeNull();
      expect(answer.headers.get('server-timing')).toBeNull();
    }
  });
});

describe('traceResponseValue', () => {
  it('formats a local span context and refuses a remote or invalid one', () => {
    const local = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 3 };
    expect(traceResponseValue(local)).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03');
    expect(traceResponseValue({ ...local, isRemote: true })).toBeUndefined();
    expect(traceResponseValue({ ...local, traceId: '0'.repeat(32) })).toBeUndefined();
  });

  it('is what a W3C propagator would inject for the same context', () => {
    const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpanContext(context.active(), spanContext), carrier);
    expect(traceResponseValue(spanContext)).toBe(carrier.traceparent);
  });
});
