import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { otlpJsonBodies, otlpSpan, utf8Length } from '../src/otlp-json.js';

export function makeSpans(build: (provider: TracerProvider) => void): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop-web' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  build(provider);
  return exporter.getFinishedSpans();
}

describe('OTLP/HTTP JSON', () => {
  it('follows the protobuf JSON mapping: hex ids, kind + 1, nanosecond strings, typed values', () => {
    const [child, parent] = makeSpans((provider) => {
      const tracer = provider.getTracer('scope-a', '1.0.0');
      const root = tracer.startSpan('click', { startTime: [1_700_000_000, 5] });
      const ctx = trace.setSpan(ROOT_CONTEXT, root);
      const span = tracer.startSpan('GET', { kind: SpanKind.CLIENT, attributes: { s: 'x', i: 200, d: 0.5, b: true, list: ['a', 'b'] } }, ctx);
      span.addEvent('fetchStart', { n: 1 });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      span.end();
      root.end([1_700_000_001, 0]);
    });
    const json = otlpSpan(child!) as Record<string, unknown>;
    expect(json).toMatchObject({
      traceId: parent!.spanContext().traceId,
      spanId: child!.spanContext().spanId,
      parentSpanId: parent!.spanContext().spanId,
      name: 'GET',
      kind: 3,
      status: { code: 2, message: 'boom' },
      flags: 1,
    });
    expect(json.attributes).toEqual([
      { key: 's', value: { stringValue: 'x' } },
      { key: 'i', value: { intValue: '200' } },
      { key: 'd', value: { doubleValue: 0.5 } },
      { key: 'b', value: { boolValue: true } },
      { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
    ]);
    expect((json.events as { name: string; attributes: unknown }[])[0]).toMatchObject({ name: 'fetchStart', attributes: [{ key: 'n', value: { intValue: '1' } }] });
    const root = otlpSpan(parent!) as Record<string, unknown>;
    expect(root.kind).toBe(1);
    expect(root.parentSpanId).toBeUndefined();
    expect(root.startTimeUnixNano).toBe('1700000000000000005');
    expect(root.endTimeUnixNano).toBe('1700000001000000000');
  });

  it('groups spans by resource and scope', () => {
    const spans = makeSpans((provider) => {
      provider.getTracer('a').startSpan('one').end();
      provider.getTracer('b', '2').startSpan('two').end();
      provider.getTracer('a').startSpan('three').end();
    });
    const [body, ...more] = otlpJsonBodies(spans, 60_000);
    expect(more).toEqual([]);
    const parsed = JSON.parse(body!);
    expect(parsed.resourceSpans).toHaveLength(1);
    expect(parsed.resourceSpans[0].resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'shop-web' } });
    const scopes = parsed.resourceSpans[0].scopeSpans.map((scope: { scope: { name: string; version: string }; spans: { name: string }[] }) => [
      scope.scope.name,
      scope.scope.version,
      scope.spans.map((span) => span.name),
    ]);
    expect(scopes).toEqual([
      ['a', '', ['one', 'three']],
      ['b', '2', ['two']],
    ]);
  });

  it('splits into bodies that fit the keepalive budget', () => {
    const spans = makeSpans((provider) => {
      const tracer = provider.getTracer('a');
      for (let i = 0; i < 100; i++) tracer.startSpan(`span ${i}`, { attributes: { padding: 'x'.repeat(1000) } }).end();
    });
    const bodies = otlpJsonBodies(spans, 20_000);
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(utf8Length(body)).toBeLessThanOrEqual(20_000);
    const names = bodies.flatMap((body) => JSON.parse(body).resourceSpans[0].scopeSpans[0].spans.map((span: { name: string }) => span.name));
    expect(names).toEqual(spans.map((span) => span.name));
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('a😀é€')).toBe(new TextEncoder().encode('a😀é€').length);
  });
});
