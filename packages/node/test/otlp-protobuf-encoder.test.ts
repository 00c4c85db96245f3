/**
 * tracekit's OTLP protobuf request encoder against upstream's serializer: spans made by the real
 * SDK (random names, attributes of every type, events, links, status, trace state, remote and
 * local parents, several scopes and resources) are encoded by both, and both requests decode to
 * the same message. The encoder leaves out fields at their default value (proto3 allows it), so
 * both decodings are compared with defaults removed.
 */
import { createRequire } from 'node:module';
import { type Attributes, type AttributeValue, type Link, ROOT_CONTEXT, type SpanContext, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, type ReadableSpan, TracerProvider } from '@opentelemetry/sdk-trace';
import { decodeExportRequest } from '@tracekit/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTraceRequest } from '../src/export/otlp-protobuf/trace-request-encoder.js';
import { RecordingSpan } from '../src/trace/recording-span.js';
import { TracekitTracerProvider } from '../src/trace/tracer-provider.js';

const { ProtobufTraceSerializer } = createRequire(import.meta.url)('@opentelemetry/otlp-transformer') as typeof import('@opentelemetry/otlp-transformer');

/** Drops what proto3 treats as absent: 0, "0", "", false, empty lists and empty messages. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value !== null && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const cleaned = withoutDefaults(inner);
      const isDefault =
        cleaned === 0 || cleaned === '0' || cleaned === '' || cleaned === false || cleaned === undefined || cleaned === null ||
        (Array.isArray(cleaned) && cleaned.length === 0) ||
        (typeof cleaned === 'object' && !Array.isArray(cleaned) && Object.keys(cleaned as object).length === 0);
      if (!isDefault) kept[key] = cleaned;
    }
    return kept;
  }
  return value;
}

type SpanSource = 'sdk' | 'tracekit';
type AnyTracerProvider = TracerProvider | TracekitTracerProvider;

/** Spans from the SDK's tracer, or from tracekit's (RecordingSpan, which the encoder reads its own way). */
function collectSpans(build: (providers: AnyTracerProvider[]) => void, source: SpanSource = 'sdk'): ReadableSpan[] {
  const ended: ReadableSpan[] = [];
  const collector = { onStart() {}, onEnd: (span: ReadableSpan) => ended.push(span), forceFlush: async () => {}, shutdown: async () => {} };
  const resources = [
    resourceFromAttributes({ 'service.name': 'encoder-a', 'process.pid': 42 }),
    resourceFromAttributes({ 'service.name': 'encoder-b', 'k8s.pod.name': 'pöd-1' }),
  ];
  const providers = resources.map((resource) =>
    source === 'sdk'
      ? new TracerProvider({ resource, spanProcessors: [collector] })
      : new TracekitTracerProvider({ resource, sampler: new AlwaysOnSampler(), spanLimits: {}, spanProcessors: [collector] }),
  );
  build(providers);
  return ended;
}

function expectSameMessage(spans: ReadableSpan[]): void {
  const ours = decodeExportRequest(encodeTraceRequest(spans));
  const upstream = decodeExportRequest(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
  expect(withoutDefaults(ours)).toEqual(withoutDefaults(upstream));
}

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`)).filter((id) => /[1-9a-f]/.test(id));
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('x'.repeat(20_000)));
const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 32, -(2 ** 32) - 1, 2 ** 53 - 1, 1e300, 0.5),
);
const attributeValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.array(text, { maxLength: 5 }),
  fc.array(number, { maxLength: 5 }),
  fc.array(fc.boolean(), { maxLength: 5 }),
);
const attributes: fc.Arbitrary<Attributes> = fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), attributeValue, { maxKeys: 12 });
const spanContext: fc.Arbitrary<SpanContext> = fc.record({
  traceId: hex(32),
  spanId: hex(16),
  traceFlags: fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED, 3),
  isRemote: fc.option(fc.boolean(), { nil: undefined }),
  traceState: fc.option(fc.constantFrom('vendor=value', 'a=1,b=2', 'rojo=00f067aa0ba902b7'), { nil: undefined }).map((state) => (state ? new TraceState(state) : undefined)),
});
const link: fc.Arbitrary<Link> = fc.record({ context: spanContext, attributes: fc.option(attributes, { nil: undefined }) });
const spanPlan = fc.record({
  provider: fc.integer({ min: 0, max: 1 }),
  scope: fc.constantFrom(['http'], ['http', '1.2.3'], ['db', undefined, 'https://opentelemetry.io/schemas/1.28.0'], ['ünïcode', '0']),
  name: text,
  kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
  attributes,
  parent: fc.option(spanContext, { nil: undefined }),
  links: fc.array(link, { maxLength: 3 }),
  events: fc.array(fc.record({ name: text, attributes: fc.option(attributes, { nil: undefined }), at: fc.integer({ min: 0, max: 2 ** 42 }) }), { maxLength: 3 }),
  status: fc.oneof(
    fc.constant({ code: SpanStatusCode.UNSET }),
    fc.constant({ code: SpanStatusCode.OK }),
    fc.record({ code: fc.constant(SpanStatusCode.ERROR), message: fc.option(text, { nil: undefined }) }),
  ),
  start: fc.integer({ min: 0, max: 2 ** 42 }),
  duration: fc.integer({ min: 0, max: 10 ** 7 }),
});

describe('encodeTraceRequest', () => {
  it.each<SpanSource>(['sdk', 'tracekit'])('encodes random spans (%s tracer) as the same message as upstream serializer', (source) => {
    fc.assert(
      fc.property(fc.array(spanPlan, { minLength: 1, maxLength: 20 }), (plans) => {
        const spans = collectSpans((providers) => {
          for (const plan of plans) {
            const [scopeName, version, schemaUrl] = plan.scope;
            const tracer = providers[plan.provider]!.getTracer(scopeName!, version, schemaUrl ? { schemaUrl } : undefined);
            const parentContext = plan.parent ? trace.setSpanContext(ROOT_CONTEXT, plan.parent) : ROOT_CONTEXT;
            const span = tracer.startSpan(plan.name, { kind: plan.kind, attributes: plan.attributes, links: plan.links, startTime: plan.start }, parentContext);
            for (const event of plan.events) span.addEvent(event.name, event.attributes, event.at);
            span.setStatus(plan.status);
            span.end(plan.start + plan.duration);
          }
        }, source);
        if (source === 'tracekit') expect(spans.every((span) => span instanceof RecordingSpan)).toBe(true);
        expectSameMessage(spans);
      }),
      { numRuns: 300 },
    );
  });

  it.each<SpanSource>(['sdk', 'tracekit'])('writes given timestamps (%s tracer) as exact nanoseconds, beyond 2^53', (source) => {
    const spans = collectSpans(([provider]) => {
      const span = provider!.getTracer('t').startSpan('s', { startTime: [1_700_000_000, 123_456_789] });
      span.end([4_102_444_800, 999_999_999]);
    }, source);
    const request = decodeExportRequest(encodeTraceRequest(spans)) as {
      resourceSpans: { scopeSpans: { spans: { startTimeUnixNano: string; endTimeUnixNano: string }[] }[] }[];
    };
    const span = request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span.startTimeUnixNano).toBe('1700000000123456789');
    expect(span.endTimeUnixNano).toBe('4102444800999999999');
  });

  it.each<SpanSource>(['sdk', 'tracekit'])('writes an epoch-zero start (%s tracer) as 0, not as a negative number', (source) => {
    const spans = collectSpans(([provider]) => {
      provider!.getTracer('t').startSpan('s', { startTime: [0, 0] }).end([0, 5]);
    }, source);
    const request = decodeExportRequest(encodeTraceRequest(spans)) as {
      resourceSpans: { scopeSpans: { spans: { startTimeUnixNano?: string; endTimeUnixNano: string }[] }[] }[];
    };
    const span = request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span.startTimeUnixNano ?? '0').toBe('0');
    expect(span.endTimeUnixNano).toBe('5');
  });

  it('keeps each resource and each scope in one group, whatever the span order', () => {
    const spans = collectSpans(([a, b]) => {
      for (let i = 0; i < 6; i++) {
        const provider = i % 2 === 0 ? a! : b!;
        provider.getTracer(i % 3 === 0 ? 'one' : 'two').startSpan(`span-${i}`).end();
      }
    });
    const request = decodeExportRequest(encodeTraceRequest(spans)) as {
      resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string }[] }[] }[];
    };
    const layout = request.resourceSpans.map((resourceSpans) =>
      resourceSpans.scopeSpans.map((scopeSpans) => `${scopeSpans.scope.name}: ${scopeSpans.spans.map((span) => span.name).join(' ')}`),
    );
    expect(layout).toEqual([
      ['one: span-0', 'two: span-2 span-4'],
      ['two: span-1 span-5', 'one: span-3'],
    ]);
  });

  it('returns a copy that the next encoding does not overwrite', () => {
    const first = collectSpans(([provider]) => provider!.getTracer('t').startSpan('first').end());
    const second = collectSpans(([provider]) => provider!.getTracer('t').startSpan('second').end());
    const bytes = encodeTraceRequest(first);
    const snapshot = Buffer.from(bytes).toString('hex');
    encodeTraceRequest(second);
    expect(Buffer.from(bytes).toString('hex')).toBe(snapshot);
  });

  it('keeps the message well-formed when a link carries a malformed id, as upstream does', () => {
    // Odd lengths, too long, empty, and not hex at all (what its bytes are is then meaningless,
    // for upstream as for us, so only the shape of the message is compared for that one).
    const malformed = ['abc', 'a'.repeat(300), '', 'zz'.repeat(8)];
    const spans = collectSpans(([provider]) => {
      for (const id of malformed) {
        provider!
          .getTracer('t')
          .startSpan('with a bad link', { links: [{ context: { traceId: id, spanId: id, traceFlags: TraceFlags.SAMPLED } }] })
          .end();
      }
    });
    const withoutNonHex = (request: unknown) =>
      JSON.parse(JSON.stringify(withoutDefaults(request)).replaceAll('"7373737373737373"', '"<non-hex>"').replaceAll('"3333333333333333"', '"<non-hex>"'));
    const ours = decodeExportRequest(encodeTraceRequest(spans));
    const upstream = decodeExportRequest(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
    expect(withoutNonHex(ours)).toEqual(withoutNonHex(upstream));
  });

  it('does not keep a buffer grown by a batch of huge attributes', () => {
    const huge = collectSpans(([provider]) => {
      for (let i = 0; i < 4; i++) provider!.getTracer('t').startSpan('big', { attributes: { blob: 'x'.repeat(1024 * 1024) } }).end();
    });
    const small = collectSpans(([provider]) => provider!.getTracer('t').startSpan('small').end());
    expect(encodeTraceRequest(huge).length).toBeGreaterThan(4 * 1024 * 1024);
    // The next small batch is still encoded right after the big one was let go.
    expect(withoutDefaults(decodeExportRequest(encodeTraceRequest(small)))).toEqual(
      withoutDefaults(decodeExportRequest(ProtobufTraceSerializer.serializeRequest(small) as Uint8Array)),
    );
  });
});

