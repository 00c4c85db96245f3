import { describe, expect, it } from 'vitest';
import { exportTo, getJson, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

// GET /chain answers the headers its outbound call to /leaf carried.
const HEX32 = '[0-9a-f]{32}';
const HEX16 = '[0-9a-f]{16}';
const CASES: { propagators: string; expected: Record<string, RegExp>; absent?: string[] }[] = [
  { propagators: 'tracecontext', expected: { traceparent: new RegExp(`^00-${HEX32}-${HEX16}-03$`) } },
  { propagators: 'b3', expected: { b3: new RegExp(`^${HEX32}-${HEX16}-1$`) }, absent: ['traceparent'] },
  {
    propagators: 'b3multi',
    expected: { 'x-b3-traceid': new RegExp(`^${HEX32}$`), 'x-b3-spanid': new RegExp(`^${HEX16}$`), 'x-b3-sampled': /^1$/ },
    absent: ['traceparent', 'b3'],
  },
  { propagators: 'jaeger', expected: { 'uber-trace-id': new RegExp(`^${HEX32}:${HEX16}:0:01$`) }, absent: ['traceparent'] },
  { propagators: 'xray', expected: { 'x-amzn-trace-id': /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/ } },
  { propagators: 'ottrace', expected: { 'ot-tracer-traceid': /^[0-9a-f]{16,32}$/, 'ot-tracer-sampled': /^true$/ } },
  {
    propagators: 'tracecontext,baggage,b3multi,jaeger',
    expected: { traceparent: /^00-/, 'x-b3-traceid': /./, 'uber-trace-id': /./ },
  },
  { propagators: 'none', expected: {}, absent: ['traceparent', 'b3', 'uber-trace-id', 'x-b3-traceid'] },
];

const receiver = useOtlpReceiver();

describe('OTEL_PROPAGATORS', () => {
  it.each(CASES)('$propagators writes its headers on outgoing calls', async ({ propagators, expected, absent = [] }) => {
    const app = await startTracedApp({ fixture: 'http-app.cjs', env: { ...exportTo(receiver), OTEL_PROPAGATORS: propagators } });
    const headers = await getJson(app.url('/chain'));
    for (const [name, pattern] of Object.entries(expected)) expect(headers[name], name).toMatch(pattern);
    for (const name of absent) expect(headers, name).not.toHaveProperty(name);
    expect(app.stderr()).toBe('');
  });

  it('the outgoing trace id is the one of the exported spans (jaeger)', async () => {
    const app = await startTracedApp({ fixture: 'http-app.cjs', env: { ...exportTo(receiver), OTEL_PROPAGATORS: 'jaeger' } });
    const headers = await getJson(app.url('/chain'));
    const spans = await receiver.waitForSpans(3);
    const [traceId, spanId] = (headers['uber-trace-id'] ?? '').split(':');
    const client = spans.find((span) => span.kind === 'CLIENT');
    expect(traceId).toBe(client?.traceId);
    expect(spanId).toBe(client?.spanId);
  });

  it('continues a trace that arrives as B3 and carries baggage through', async () => {
    const traceId = '463ac35c9f6413ad48485a3953bb6124';
    const app = await startTracedApp({
      fixture: 'http-app.cjs',
      env: { ...exportTo(receiver), OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi' },
    });
    const headers = await getJson(app.url('/chain'), {
      'x-b3-traceid': traceId,
      'x-b3-spanid': 'a2fb4a1d1a96d312',
      'x-b3-sampled': '1',
      baggage: 'tenant=acme,plan=gold%20plus',
    });
    expect(headers['x-b3-traceid']).toBe(traceId);
    expect(headers.traceparent).toContain(traceId);
    expect(headers.baggage).toContain('tenant=acme');
    expect(headers.baggage).toContain('plan=gold%20plus');
  });
});

describe('TRACEKIT_BAGGAGE_ATTRIBUTES', () => {
  it('copies the listed baggage entries onto every span of the request', async () => {
    const app = await startTracedApp({
      fixture: 'http-app.mjs',
      env: { ...exportTo(receiver), TRACEKIT_BAGGAGE_ATTRIBUTES: 'tenant.id' },
    });
    await getJson(app.url('/chain'), { baggage: 'tenant.id=acme,secret=not-copied' });
    const spans = await receiver.waitForSpans(3);
    for (const span of spans) {
      expect(span.attributes['tenant.id'], span.name).toBe('acme');
      expect(span.attributes).not.toHaveProperty('secret');
    }
  });
});

describe('OTEL_TRACES_EXPORTER=none', () => {
  it('still creates and propagates spans, it only stops exporting them', async () => {
    const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), OTEL_TRACES_EXPORTER: 'none' } });
    const headers = await getJson(app.url('/chain'));
    expect(headers.traceparent).toMatch(new RegExp(`^00-${HEX32}-${HEX16}-03$`));
    await app.stop();
    expect(receiver.spans).toHaveLength(0);
    expect(receiver.requests).toHaveLength(0);
  });
});
