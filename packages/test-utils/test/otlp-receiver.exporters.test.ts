/**
 * The receiver decodes what the real upstream OTLP exporters send, over each protocol.
 *
 *   GET /orders SERVER ERROR
 *   └─ SELECT orders CLIENT   (with an event and a link)
 */
import { Metadata } from '@grpc/grpc-js';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { expectTraceTree, startOtlpReceiver, type OtlpProtocol, type OtlpReceiver } from '../src/index.js';
import { createTracing } from './helpers/tracing.js';

interface ExporterCase {
  name: string;
  protocol: OtlpProtocol;
  gzip: boolean;
  create(receiver: OtlpReceiver): SpanExporter;
}

const compression = (gzip: boolean): CompressionAlgorithm =>
  gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;

function grpcMetadata(): Metadata {
  const metadata = new Metadata();
  metadata.set('X-Test-Header', 'grpc-value');
  return metadata;
}

const cases: ExporterCase[] = [false, true].flatMap((gzip): ExporterCase[] => [
  {
    name: `exporter-trace-otlp-grpc${gzip ? ' with gzip' : ''}`,
    protocol: 'grpc',
    gzip,
    create: (receiver) =>
      new GrpcExporter({ url: receiver.grpcEndpoint, metadata: grpcMetadata(), compression: compression(gzip) }),
  },
  {
    name: `exporter-trace-otlp-proto${gzip ? ' with gzip' : ''}`,
    protocol: 'http/protobuf',
    gzip,
    create: (receiver) =>
      new ProtoExporter({
        url: receiver.tracesUrl,
        headers: { 'X-Test-Header': 'proto-value' },
        compression: compression(gzip),
      }),
  },
  {
    name: `exporter-trace-otlp-http (JSON)${gzip ? ' with gzip' : ''}`,
    protocol: 'http/json',
    gzip,
    create: (receiver) =>
      new JsonExporter({
        url: receiver.tracesUrl,
        headers: { 'X-Test-Header': 'json-value' },
        compression: compression(gzip),
      }),
  },
]);

let receiver: OtlpReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe.each(cases)('$name', ({ protocol, gzip, create }) => {
  it('decodes parent and child spans with attributes, events, links, status, resource and scope', async () => {
    receiver = await startOtlpReceiver();
    const { tracer, provider } = createTracing(create(receiver), 'orders-service');

    const linked = tracer.startSpan('linked-span');
    linked.end();
    const parent = tracer.startSpan('GET /orders', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 500,
        'test.double': 1.5,
        'test.bool': true,
        'test.strings': ['a', 'b'],
        'test.ints': [1, 2, 3],
        'test.bools': [true, false],
        'test.doubles': [0.25, 0.5],
      },
    });
    const child = tracer.startSpan(
      'SELECT orders',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql' },
        links: [{ context: linked.spanContext(), attributes: { 'link.reason': 'batch' } }],
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('rows fetched', { 'db.rows': 42, 'db.cached': false });
    child.end();
    parent.setStatus({ code: SpanStatusCode.ERROR, message: 'database exploded' });
    parent.recordException(new Error('database exploded'));
    parent.end();
    await provider.forceFlush();

    const spans = await receiver.waitForSpans(3);
    await provider.shutdown();

    const root = expectTraceTree(spans, {
      name: 'GET /orders',
      kind: 'SERVER',
      status: 'ERROR',
      resource: { 'service.name': 'orders-service', 'deployment.environment.name': 'test' },
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': 500 },
      children: [{ name: 'SELECT orders', kind: 'CLIENT', attributes: { 'db.system.name': 'postgresql' } }],
      exactChildren: true,
    });

    const server = root.span;
    expect(server.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(server.traceId).toBe(parent.spanContext().traceId);
    expect(server.spanId).toBe(parent.spanContext().spanId);
    expect(server).not.toHaveProperty('parentSpanId');
    expect(server.protocol).toBe(protocol);
    expect(server.status).toEqual({ code: 'ERROR', message: 'database exploded' });
    expect(server.scope).toEqual({ name: 'test-scope', version: '1.2.3' });
    expect(server.attributes).toEqual({
      'http.request.method': 'GET',
      'http.response.status_code': 500,
      'test.double': 1.5,
      'test.bool': true,
      'test.strings': ['a', 'b'],
      'test.ints': [1, 2, 3],
      'test.bools': [true, false],
      'test.doubles': [0.25, 0.5],
    });
    expect(typeof server.startTimeUnixNano).toBe('bigint');
    expect(server.endTimeUnixNano).toBeGreaterThanOrEqual(server.startTimeUnixNano);
    // Within a minute of now: the nanosecond timestamps were decoded, not truncated.
    const nowNanos = BigInt(Date.now()) * 1_000_000n;
    expect(nowNanos - server.startTimeUnixNano).toBeLessThan(60_000_000_000n);
    expect(server.events).toHaveLength(1);
    expect(server.events[0]?.name).toBe('exception');
    expect(server.events[0]?.attributes['exception.message']).toBe('database exploded');

    const client = root.children[0]?.span;
    expect(client?.parentSpanId).toBe(server.spanId);
    expect(client?.events).toEqual([
      { name: 'rows fetched', timeUnixNano: expect.any(BigInt), attributes: { 'db.rows': 42, 'db.cached': false } },
    ]);
    expect(client?.links).toEqual([
      {
        traceId: linked.spanContext().traceId,
        spanId: linked.spanContext().spanId,
        attributes: { 'link.reason': 'batch' },
        ...(client?.links[0]?.flags === undefined ? {} : { flags: expect.any(Number) }),
      },
    ]);

    const [request] = receiver.requests;
    expect(request?.protocol).toBe(protocol);
    expect(request?.accepted).toBe(true);
    expect(request?.headers['x-test-header']).toMatch(/-value$/);
    expect(request?.headers['user-agent']).toMatch(/OTel-OTLP-Exporter-JavaScript/);
    // grpc-js keeps grpc-encoding from the application, so only HTTP shows the compression.
    if (gzip && protocol !== 'grpc') expect(request?.headers['content-encoding']).toBe('gzip');
    expect(receiver.requests.reduce((sum, r) => sum + r.spanCount, 0)).toBe(3);
  });
});
