/**
 * tracekit's own OTLP/gRPC exporter (GrpcSpanExporter over grpc-transport.ts) against the real
 * OTLP receiver, in process: spans, metadata, compression, a down Collector, and recovery after
 * the Collector comes back. TLS and mutual TLS over gRPC are covered end to end in tls.test.ts.
 */
import { rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { startOtlpReceiver, type OtlpReceiver } from '@tracekit/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyExportError } from '../../src/export/export-outcome.js';
import { encodeTraceRequest } from '../../src/export/otlp-protobuf/trace-request-encoder.js';
import { GrpcSpanExporter, grpcExporterMessages, partialSuccessOf, type GrpcSpanExporterOptions } from '../../src/export/grpc-span-exporter.js';
import { GRPC_USER_AGENT, grpcTarget, TRACE_EXPORT_METHOD } from '../../src/export/grpc-transport.js';
import { portOf } from './helpers/app.js';
import { startFaultyCollector, type FaultyCollector } from './helpers/faulty-collector.js';
import { endedSpans } from './helpers/spans.js';

let receiver: OtlpReceiver | undefined;
let collector: FaultyCollector | undefined;
let exporter: GrpcSpanExporter | undefined;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  await exporter?.shutdown();
  await collector?.close();
  await receiver?.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  exporter = undefined;
  collector = undefined;
  receiver = undefined;
});

const serialize = encodeTraceRequest;

function grpcExporter(endpoint: string, options: Partial<GrpcSpanExporterOptions> = {}): GrpcSpanExporter {
  exporter = new GrpcSpanExporter({
    endpoint,
    headers: {},
    compression: 'none',
    plaintext: true,
    tls: {},
    timeoutMillis: 10_000,
    serialize,
    description: endpoint,
    warn: () => {},
    ...options,
  });
  return exporter;
}

function exportOnce(target: GrpcSpanExporter, spans: ReadableSpan[] = endedSpans(3)): Promise<ExportResult & { millis: number }> {
  const started = Date.now();
  return new Promise((resolve) => target.export(spans, (result) => resolve({ ...result, millis: Date.now() - started })));
}

/** A TCP proxy in front of the receiver that counts the bytes sent towards it. */
async function countingProxy(targetPort: number): Promise<{ endpoint: string; bytesToCollector(): number }> {
  let bytes = 0;
  const server = net.createServer((socket) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
    cleanups.push(() => {
      socket.destroy();
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { endpoint: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, bytesToCollector: () => bytes };
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

describe('OTLP/gRPC exporter: delivery', () => {
  it('sends the spans, which the receiver decodes, with the headers as metadata and tracekit as user agent', async () => {
    receiver = await startOtlpReceiver();
    const target = grpcExporter(receiver.grpcEndpoint, { headers: { 'x-api-key': 's3cret', tenant: 'blue' } });
    const spans = endedSpans(3, 'grpc');
    expect((await exportOnce(target, spans)).code).toBe(ExportResultCode.SUCCESS);
    expect(receiver.spans.map((span) => [span.name, span.spanId, span.protocol])).toEqual(
      spans.map((span) => [span.name, span.spanContext().spanId, 'grpc']),
    );
    const [request] = receiver.requests;
    expect(request?.headers).toMatchObject({ 'x-api-key': 's3cret', tenant: 'blue' });
    expect(request?.headers['user-agent']).toMatch(new RegExp(`^${GRPC_USER_AGENT} grpc-node-js/`));
  });

  it.each(['gzip', 'none'] as const)('compression %s: the spans arrive, and what goes over the wire is compressed or not', async (compression) => {
    receiver = await startOtlpReceiver();
    // grpc-js hides grpc-encoding from the server's handler, so the bytes on the wire tell.
    const proxy = await countingProxy(portOf(receiver.grpcEndpoint));
    const target = grpcExporter(proxy.endpoint, { compression });
    const spans = endedSpans(200, 'a-rather-repetitive-span-name');
    const payloadBytes = serialize(spans).byteLength;
    expect((await exportOnce(target, spans)).code).toBe(ExportResultCode.SUCCESS);
    expect(receiver.spans).toHaveLength(200);
    if (compression === 'gzip') expect(proxy.bytesToCollector()).toBeLessThan(payloadBytes / 2);
    else expect(proxy.bytesToCollector()).toBeGreaterThan(payloadBytes);
  });

  it('reaches a Collector on a unix: address', async () => {
    receiver = await startOtlpReceiver();
    const socketPath = path.join(tmpdir(), `tracekit-grpc-${process.pid}-${Date.now()}.sock`);
    const grpcPort = portOf(receiver.grpcEndpoint);
    const proxy = net.createServer((socket) => {
      const upstream = net.connect(grpcPort, '127.0.0.1');
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => proxy.listen(socketPath, resolve));
    cleanups.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())), () => rmSync(socketPath, { force: true }));
    expect((await exportOnce(grpcExporter(`unix://${socketPath}`))).code).toBe(ExportResultCode.SUCCESS);
    expect(receiver.spans).toHaveLength(3);
  });

  it('reports a partial success once, as a warning, and counts the batch as delivered', async () => {
    // ExportTraceServiceResponse { partial_success { rejected_spans: 2, error_message: "too old" } }
    const partialSuccess = Buffer.from([0x0a, 0x0b, 0x08, 0x02, 0x12, 0x07, ...Buffer.from('too old')]);
    const server = new grpc.Server();
    server.addService(
      {
        Export: {
          path: TRACE_EXPORT_METHOD,
          requestStream: false,
          responseStream: false,
          requestDeserialize: (bytes: Buffer) => bytes,
          responseSerialize: (bytes: Buffer) => bytes,
        },
      } as unknown as grpc.ServiceDefinition,
      { Export: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => callback(null, partialSuccess) },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    cleanups.push(() => server.forceShutdown());
    const warnings: string[] = [];
    const target = grpcExporter(`http://127.0.0.1:${port}`, { warn: (message) => warnings.push(message) });
    for (let i = 0; i < 3; i++) expect((await exportOnce(target)).code).toBe(ExportResultCode.SUCCESS);
    expect(warnings).toEqual([grpcExporterMessages.partialSuccess(`http://127.0.0.1:${port}`, 2, 'too old')]);
  });

  it('fails at once after shutdown', async () => {
    receiver = await startOtlpReceiver();
    const target = grpcExporter(receiver.grpcEndpoint);
    await target.shutdown();
    const result = await exportOnce(target);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('OTLP/gRPC exporter: a sick Collector', () => {
  it('a down Collector fails fast (not at the deadline), as retryable UNAVAILABLE', async () => {
    receiver = await startOtlpReceiver();
    collector = await startFaultyCollector(portOf(receiver.grpcEndpoint), 'down');
    const target = grpcExporter(collector.endpoint, { timeoutMillis: 10_000 });
    for (let i = 0; i < 5; i++) {
      const result = await exportOnce(target);
      expect(result.code).toBe(ExportResultCode.FAILED);
      expect(result.millis).toBeLessThan(1000);
      expect(classifyExportError(result.error)).toMatchObject({ retryable: true, description: expect.stringMatching(/^gRPC UNAVAILABLE/) });
    }
  });

  it('a Collector that never answers: after 5 deadlines in a row the exporter makes a new connection', async () => {
    receiver = await startOtlpReceiver();
    collector = await startFaultyCollector(portOf(receiver.grpcEndpoint), 'hanging');
    const target = grpcExporter(collector.endpoint, { timeoutMillis: 200 });
    for (let i = 0; i < 5; i++) {
      const result = await exportOnce(target);
      expect(classifyExportError(result.error).description).toMatch(/^gRPC DEADLINE_EXCEEDED/);
      expect(collector.acceptedConnections).toBe(1);
    }
    await exportOnce(target);
    expect(collector.acceptedConnections).toBe(2);
    // Back to normal: the hanging connection is cut, and the next attempt (≤ 1 s later) succeeds.
    await collector.setMode('up');
    const upAt = Date.now();
    while ((await exportOnce(target)).code !== ExportResultCode.SUCCESS) {
      expect(Date.now() - upAt).toBeLessThan(3000);
      await sleep(100);
    }
  });

  /**
   * The regression test for the 120 s reconnect backoff. Each cycle keeps the Collector down for
   * OUTAGE_MS while batches keep failing, then brings it back right after grpc-js's next
   * connection attempt, the worst moment: a whole backoff away from the next one. With grpc-js's
   * defaults (1 s, ×1.6, up to 120 s) that next attempt comes ≥ 13 s later after a 20 s outage
   * and later still after longer ones; with tracekit's channel options at most ~6 s later.
   */
  const OUTAGE_MS = 20_000;
  const RECOVERY_BOUND_MS = 10_000;
  const CYCLES = 3;
  it(
    `export resumes within ${RECOVERY_BOUND_MS / 1000} s after each of ${CYCLES} outages of ${OUTAGE_MS / 1000} s`,
    async () => {
      receiver = await startOtlpReceiver();
      collector = await startFaultyCollector(portOf(receiver.grpcEndpoint), 'up');
      const target = grpcExporter(collector.endpoint, { timeoutMillis: 1000 });
      expect((await exportOnce(target)).code).toBe(ExportResultCode.SUCCESS);
      const recoveries: number[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        await collector.setMode('refusing');
        const downAt = Date.now();
        let failed = 0;
        while (Date.now() - downAt < OUTAGE_MS) {
          const result = await exportOnce(target);
          if (result.code === ExportResultCode.FAILED) {
            failed += 1;
            expect(result.millis).toBeLessThan(1000);
            expect(classifyExportError(result.error).retryable).toBe(true);
          }
          await sleep(250);
        }
        expect(failed).toBeGreaterThan(10);
        const attempts = collector.acceptedConnections;
        while (collector.acceptedConnections === attempts) await sleep(5);
        await collector.setMode('up');
        const upAt = Date.now();
        for (;;) {
          const result = await exportOnce(target);
          if (result.code === ExportResultCode.SUCCESS) break;
          expect(Date.now() - upAt).toBeLessThan(RECOVERY_BOUND_MS);
          await sleep(100);
        }
        recoveries.push(Date.now() - upAt);
      }
      console.info(`OTLP/gRPC recovery after each outage: ${recoveries.join(', ')} ms`);
      expect(Math.max(...recoveries)).toBeLessThan(RECOVERY_BOUND_MS);
    },
    CYCLES * (OUTAGE_MS + 2 * RECOVERY_BOUND_MS) + 10_000,
  );
});

describe('grpcTarget: what grpc-js dials for an OTLP endpoint', () => {
  it.each([
    ['http://127.0.0.1:4317', '127.0.0.1:4317'],
    ['https://collector.example:4317/ignored/path?q=1', 'collector.example:4317'],
    ['http://user:pass@collector:4317', 'collector:4317'],
    ['http://collector', 'collector:80'],
    ['https://collector', 'collector:443'],
    ['collector:4317', 'collector:4317'],
    ['[::1]:4317', '[::1]:4317'],
    ['http://[::1]:4317', '[::1]:4317'],
    ['unix:///var/run/otel.sock', 'unix:///var/run/otel.sock'],
    ['unix:/var/run/otel.sock', 'unix:/var/run/otel.sock'],
  ])('%s → %s', (endpoint, target) => {
    expect(grpcTarget(endpoint)).toBe(target);
  });
});

describe('partialSuccessOf', () => {
  it('reads rejected spans and the message, and nothing from a full success or malformed bytes', () => {
    expect(partialSuccessOf(Buffer.from([0x0a, 0x05, 0x08, 0x07, 0x12, 0x01, 0x78]))).toEqual({ rejectedSpans: 7, errorMessage: 'x' });
    expect(partialSuccessOf(new Uint8Array())).toBeUndefined();
    expect(partialSuccessOf(Buffer.from([0x0a, 0x09, 0x08]))).toBeUndefined();
  });
});
