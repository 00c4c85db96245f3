/**
 * Bad input from outside, end to end: oversized attribute values are capped by
 * OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT on the wire, and huge or malformed inbound trace headers
 * (every propagator on) never break a request. The in-process fuzzing of every OTEL_* variable
 * and every propagator's extract is in test/config/resolve-config.property.test.ts and
 * test/propagation/extract-robustness.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, stopAllFixtures, type FixtureHandle, type OtlpReceiver } from '@tracekit/test-utils';
import { exportTo } from '../helpers/traced-app.js';
import { startResilienceApp } from './helpers/app.js';

let receiver: OtlpReceiver;
let app: FixtureHandle;
const LIMIT = 32;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  app = await startResilienceApp({
    ...exportTo(receiver),
    OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: String(LIMIT),
    OTEL_PROPAGATORS: 'tracecontext,baggage,b3,b3multi,jaeger,xray,ottrace',
  });
});
afterAll(async () => {
  await stopAllFixtures();
  await receiver.close();
});

describe('oversized attribute values', () => {
  it('are cut to OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT before export, instrumentation attributes included', async () => {
    const longQuery = 'q='.concat('y'.repeat(5000));
    const response = await fetch(app.url(`/attr?size=1000000&${longQuery}`));
    expect(response.status).toBe(200);
    const spans = await receiver.waitForSpans((received) => received.some((span) => 'big' in span.attributes));
    const received = spans.find((span) => 'big' in span.attributes);
    expect(received?.attributes.big).toBe('x'.repeat(LIMIT));
    for (const value of Object.values(received?.attributes ?? {})) {
      if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(LIMIT);
    }
  });
});

/** What a client can put in a header value: no NUL, CR or LF, one byte per character. */
const headerCharacter = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0xff }),
  fc.constant(0x09),
).map((code) => String.fromCharCode(code));
// Up to 6 headers of at most 2400 bytes: together they stay under Node's 16 KiB header limit,
// past which Node itself answers 431 before any tracing code runs (the single-header cases
// above go up to 10 KB).
const MAX_GENERATED_HEADER_BYTES = 2400;
const headerValue = fc.oneof(
  fc.string({ unit: headerCharacter, maxLength: 200 }),
  fc.tuple(fc.constantFrom(',', '=', ';', '-', 'a=1,', '%', 'k=v;p', '00-'), fc.integer({ min: 1, max: 2000 })).map(([part, times]) =>
    part.repeat(times).slice(0, MAX_GENERATED_HEADER_BYTES),
  ),
);
const TRACE_HEADERS = [
  'traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled', 'x-b3-flags',
  'uber-trace-id', 'uberctx-user', 'x-amzn-trace-id', 'ot-tracer-traceid', 'ot-tracer-spanid', 'ot-tracer-sampled', 'ot-baggage-user',
];

async function expectServed(headers: Record<string, string>): Promise<void> {
  const response = await fetch(app.url('/echo-trace'), { headers });
  expect(response.status).toBe(200);
  // The request was traced: its server span has a valid trace id.
  expect(await response.text()).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
}

describe('huge and malformed inbound trace headers', () => {
  it.each<[string, Record<string, string>]>([
    ['a traceparent of 8 KB', { traceparent: `00-${'a'.repeat(8000)}` }],
    ['a traceparent with an unknown version and junk', { traceparent: 'ff-00000000000000000000000000000000-0000000000000000-zz' }],
    ['a tracestate of 1000 members', { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: Array.from({ length: 1000 }, (_, i) => `k${i}=v`).join(',') }],
    ['baggage of 10 KB with broken percent-encoding', { baggage: 'a=%E0%A4%A,'.repeat(900) }],
    ['a uber-trace-id of zeros and colons', { 'uber-trace-id': ':::'.repeat(2000) }],
    ['every header at once, each 700 bytes of latin-1', Object.fromEntries(TRACE_HEADERS.map((name) => [name, 'é\u00ff,;='.repeat(140)]))],
  ])('%s: the request is served and traced', async (_, headers) => {
    await expectServed(headers);
  });

  it('arbitrary values in every trace header never break a request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...TRACE_HEADERS), headerValue, { maxKeys: 6 }), async (headers) => {
        await expectServed(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.trim()])));
      }),
      { numRuns: 60 },
    );
    expect(app.stderr()).toBe('');
  });
});
