import type { Request } from 'express';
import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { tracekit } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

describe.each(EXPRESS_MAJORS)('%s: server span attributes', (_, express) => {
  it('sets the stable HTTP server span attributes', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/search/:kind', (_req, res) => res.status(201).send('ok'));
    const served = await serve(app);
    const port = Number(new URL(served.url('/')).port);
    await get(served.url('/search/books?q=otel&sig=secret'), { headers: { 'user-agent': 'test-agent/1.0' } });
    const [span] = await tracing.spans(1);
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.instrumentationScope.name).toBe('@tracekit/express');
    expect(span!.attributes).toEqual({
      'http.request.method': 'GET',
      'url.path': '/search/books',
      'url.query': 'q=otel&sig=REDACTED',
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'server.port': port,
      'client.address': '127.0.0.1',
      'network.peer.address': '127.0.0.1',
      'network.peer.port': expect.any(Number),
      'network.protocol.version': '1.1',
      'user_agent.original': 'test-agent/1.0',
      'http.route': '/search/:kind',
      'http.response.status_code': 201,
    });
  });

  it('takes the original host, scheme and client from proxy headers', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/'), {
      headers: { forwarded: 'for="[2001:db8::17]:4711";proto=https;host=shop.example:8443, for=10.0.0.1', 'x-forwarded-for': '1.2.3.4' },
    });
    const [span] = await tracing.spans(1);
    expect(span!.attributes).toMatchObject({
      'server.address': 'shop.example',
      'server.port': 8443,
      'url.scheme': 'https',
      'client.address': '2001:db8::17',
      'network.peer.address': '127.0.0.1',
    });
  });

  it('falls back to X-Forwarded-Host, -Proto and -For', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/'), { headers: { 'x-forwarded-host': 'api.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.2.3.4, 10.0.0.2' } });
    const [span] = await tracing.spans(1);
    expect(span!.attributes).toMatchObject({ 'server.address': 'api.example', 'url.scheme': 'https', 'client.address': '1.2.3.4' });
    expect(span!.attributes).not.toHaveProperty('server.port');
  });

  it('adds configured request headers and the attributes of requestAttributes, computed after auth ran', async () => {
    const app = express();
    app.use(
      tracekit<Request & { user?: { id: string } }>({
        requestHeaders: ['X-Request-Id'],
        requestAttributes: (req) => ({ 'enduser.id': req.user?.id, 'app.tenant': req.params.tenant }),
      }),
    );
    app.use((req: Request & { user?: { id: string } }, _res, next) => {
      req.user = { id: 'u-7' };
      next();
    });
    app.get('/t/:tenant', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/t/acme'), { headers: { 'x-request-id': 'req-123' } });
    const [span] = await tracing.spans(1);
    expect(span!.attributes).toMatchObject({
      'http.request.header.x-request-id': ['req-123'],
      'enduser.id': 'u-7',
      'app.tenant': 'acme',
    });
  });

  it('keeps answering when requestAttributes throws, and leaves its attributes out', async () => {
    const app = express();
    app.use(
      tracekit({
        requestAttributes: () => {
          throw new Error('no user');
        },
      }),
    );
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    expect((await get(served.url('/'))).status).toBe(200);
    const [span] = await tracing.spans(1);
    expect(span!.attributes['http.route']).toBe('/');
  });

  it('continues the caller trace from traceparent', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/'), { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    const [span] = await tracing.spans(1);
    expect(span!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('uses an injected tracer provider instead of the global one', async () => {
    const { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } = await import('@opentelemetry/sdk-trace');
    const exporter = new InMemorySpanExporter();
    const app = express();
    app.use(tracekit({ tracerProvider: new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }) }));
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/'));
    await expect.poll(() => exporter.getFinishedSpans().length).toBe(1);
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(0);
  });
});
