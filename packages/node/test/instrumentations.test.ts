import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectTraceTree, startOtlpReceiver, stopAllFixtures, type OtlpReceiver } from '@tracekit/test-utils';
import { exportTo, getJson, startTracedApp } from './helpers/traced-app.js';

let receiver: OtlpReceiver;
let echo: http.Server;
let echoUrl: string;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // An untraced server that answers the headers it received.
  echo = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  echo.close();
  await receiver.close();
});
afterEach(async () => {
  await stopAllFixtures();
  receiver.clear();
});

describe('instrumentations', () => {
  it('traces fetch (undici) calls and propagates context on them', async () => {
    const app = await startTracedApp({ fixture: 'clients-app.cjs', env: exportTo(receiver) });
    const headers = await getJson(app.url(`/fetch?url=${encodeURIComponent(echoUrl)}`));
    const spans = await receiver.waitForSpans(2);
    const tree = expectTraceTree(spans, {
      name: 'GET /fetch',
      kind: 'SERVER',
      children: [{ name: 'GET', kind: 'CLIENT', attributes: { 'url.full': echoUrl } }],
    });
    const client = tree.children[0]!.span;
    expect(headers.traceparent).toBe(`00-${client.traceId}-${client.spanId}-03`);
  });

  it('adds trace_id and span_id to pino and winston log lines', async () => {
    const app = await startTracedApp({ fixture: 'clients-app.cjs', env: exportTo(receiver) });
    await getJson(app.url(`/fetch?url=${encodeURIComponent(echoUrl)}`));
    const [server] = (await receiver.waitForSpans(2)).filter((span) => span.kind === 'SERVER');
    const lines = app
      .stdout()
      .split('\n')
      .filter((line) => line.includes('fetched with'))
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ trace_id: server!.traceId, span_id: server!.spanId });
  });

  it('loads an instrumentation only when the app loads the library it patches', async () => {
    const app = await startTracedApp({ fixture: 'clients-app.cjs', env: { ...exportTo(receiver), OTEL_LOG_LEVEL: 'debug' } });
    const loaded = [...app.stdout().matchAll(/instrumentation loaded: (\w+)/g)].map((match) => match[1]);
    expect(new Set(loaded)).toEqual(new Set(['http', 'undici', 'express', 'pino', 'winston']));
  });

  it('OTEL_NODE_DISABLED_INSTRUMENTATIONS leaves a library unpatched', async () => {
    const app = await startTracedApp({
      fixture: 'clients-app.cjs',
      env: { ...exportTo(receiver), OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici,pino,winston' },
    });
    const headers = await getJson(app.url(`/fetch?url=${encodeURIComponent(echoUrl)}`));
    expect(headers).not.toHaveProperty('traceparent');
    await app.stop();
    expect(receiver.spans.map((span) => span.kind)).toEqual(['SERVER']);
    expect(app.stdout()).not.toContain('trace_id');
  });
});
