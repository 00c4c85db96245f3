/**
 * The HTTP server instrumentation in process, against real servers and a real client: a request
 * that one server hands on to another (`other.emit('request', req, res)`, as a proxying front
 * does) gets one server span, and that span is ended and exported.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServerInstrumentation } from '../../src/http/server-instrumentation.js';
import { TracekitTracerProvider } from '../../src/trace/tracer-provider.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tracedServers(): { started: ReadableSpan[]; ended: ReadableSpan[] } {
  const started: ReadableSpan[] = [];
  const ended: ReadableSpan[] = [];
  const provider = new TracekitTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'server-instrumentation-test' }),
    sampler: new AlwaysOnSampler(),
    spanLimits: {},
    spanProcessors: [{ onStart: (span: ReadableSpan) => started.push(span), onEnd: (span: ReadableSpan) => ended.push(span), forceFlush: async () => {}, shutdown: async () => {} }],
  });
  const instrumentation = new HttpServerInstrumentation(provider.getTracer('test'), () => false);
  instrumentation.enable();
  cleanups.push(() => instrumentation.disable());
  return { started, ended };
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('HttpServerInstrumentation', () => {
  it('gives a request handed from one server to another one server span, and ends it', async () => {
    const { started, ended } = tracedServers();
    const inner = http.createServer((_request, response) => response.end('from inner'));
    const outer = http.createServer((request, response) => inner.emit('request', request, response));
    const port = await listen(outer);

    expect(await get(port, '/handed-on')).toBe(200);
    await until(() => ended.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(ended.map((span) => [span.kind, span.attributes['url.path'], span.attributes['http.response.status_code']])).toEqual([
      [SpanKind.SERVER, '/handed-on', 200],
    ]);
    expect(started).toEqual(ended);
  });

  it('ends one span per request on a keep-alive connection', async () => {
    const { ended } = tracedServers();
    const server = http.createServer((request, response) => response.end(request.url));
    const port = await listen(server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    for (const path of ['/one', '/two', '/three']) {
      await new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path, agent }, (response) => response.resume().on('end', () => resolve())).on('error', reject);
      });
    }
    await until(() => ended.length >= 3);
    expect(ended.map((span) => span.attributes['url.path']).sort()).toEqual(['/one', '/three', '/two']);
  });
});
