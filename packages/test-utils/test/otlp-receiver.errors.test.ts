/**
 * Bad input never crashes the receiver, and the `respond` hook makes it answer errors or slowly,
 * over HTTP and gRPC, the way a collector would.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRpcStatus, encodeExportRequest } from '../src/otlp-schema.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceiverResponse } from '../src/index.js';
import { callGrpcExport, postJson, postTraces } from './helpers/send.js';
import { createTracing } from './helpers/tracing.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b173';

function oneSpanJson(name = 'ok-span', traceId = TRACE_ID): unknown {
  return { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId, spanId: SPAN_ID, name }] }] }] };
}

const oneSpanProtobuf = (): Buffer =>
  encodeExportRequest({
    resourceSpans: [
      { scopeSpans: [{ spans: [{ traceId: Buffer.from(TRACE_ID, 'hex'), spanId: Buffer.from(SPAN_ID, 'hex'), name: 'grpc-span' }] }] },
    ],
  });

let receiver: OtlpReceiver;

afterEach(async () => {
  await receiver.close();
});

/** After every kind of bad input the receiver still takes a good request. */
async function expectStillWorking(): Promise<void> {
  const response = await postJson(receiver.tracesUrl, oneSpanJson('after-errors'));
  expect(response.status).toBe(200);
  const { error } = await callGrpcExport(receiver.grpcEndpoint, oneSpanProtobuf());
  expect(error).toBeNull();
  await receiver.waitForSpans((spans) => spans.length === 2, { timeoutMs: 5000 });
}

describe('malformed requests', () => {
  it.each([
    ['a body that is not JSON', '{"resourceSpans": [', /not JSON/],
    ['JSON that is not an object', '[1, 2]', /request must be an object/],
    ['resourceSpans that is not an array', '{"resourceSpans": {}}', /resourceSpans must be an array/],
    [
      'a trace id of the wrong length',
      JSON.stringify(oneSpanJson('x', 'abcd')),
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.traceId must be 16 bytes, got 2/,
    ],
    [
      'a base64 trace id instead of hex',
      JSON.stringify(oneSpanJson('x', 'W47/95gDgQPSabYzgT/GDA==')),
      /traceId must be 16 bytes as hex/,
    ],
    [
      'a span without a span id',
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE_ID }] }] }] }),
      /spanId is required/,
    ],
  ])('answers 400 to %s', async (_name, body, message) => {
    receiver = await startOtlpReceiver();
    const response = await postTraces(receiver.tracesUrl, body, { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    const status = JSON.parse(response.body.toString()) as { code: number; message: string };
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.message).toMatch(message);
    expect(receiver.requests).toEqual([
      expect.objectContaining({ protocol: 'http/json', accepted: false, spanCount: 0, error: expect.stringMatching(message) }),
    ]);
    await expectStillWorking();
  });

  it('answers 400 with a google.rpc.Status to a body that is not protobuf', async () => {
    receiver = await startOtlpReceiver();
    const response = await postTraces(receiver.tracesUrl, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), {
      'content-type': 'application/x-protobuf',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeRpcStatus(response.body)).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expectStillWorking();
  });

  it('answers 400 to a body that is not gzip although it says so', async () => {
    receiver = await startOtlpReceiver();
    const response = await postTraces(receiver.tracesUrl, '{}', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(400);
    await expectStillWorking();
  });

  it('answers INVALID_ARGUMENT to a gRPC message that is not protobuf', async () => {
    receiver = await startOtlpReceiver();
    const { error } = await callGrpcExport(receiver.grpcEndpoint, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/malformed OTLP request/);
    expect(receiver.requests).toEqual([expect.objectContaining({ protocol: 'grpc', accepted: false })]);
    await expectStillWorking();
  });

  it('answers 404, 405 and 415 to the wrong path, method and content type', async () => {
    receiver = await startOtlpReceiver();
    const json = { 'content-type': 'application/json' };
    expect((await postTraces(`${receiver.httpEndpoint}/v1/metrics`, '{}', json)).status).toBe(404);
    expect((await postTraces(receiver.tracesUrl, '', {}, 'GET')).status).toBe(405);
    expect((await postTraces(receiver.tracesUrl, '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postTraces(receiver.tracesUrl, '{}', { ...json, 'content-encoding': 'br' })).status).toBe(400);
    await expectStillWorking();
  });
});

describe('body size limit', () => {
  it('answers 413 to a gzip body that inflates beyond 16 MiB', async () => {
    receiver = await startOtlpReceiver();
    const bomb = gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x20));
    const response = await postTraces(receiver.tracesUrl, bomb, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(413);
    await expectStillWorking();
  });

  it('answers 413 as soon as Content-Length announces more than 16 MiB', async () => {
    receiver = await startOtlpReceiver();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(receiver.tracesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', 'content-length': String(17 * 1024 * 1024) },
      });
      request.on('response', (response) => {
        resolve(response.statusCode);
        request.destroy();
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(status).toBe(413);
    await expectStillWorking();
  });

  it('answers 413 to a body streamed beyond 16 MiB without Content-Length', async () => {
    receiver = await startOtlpReceiver();
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(receiver.tracesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      request.on('response', (response) => {
        resolve(response.statusCode);
        request.destroy();
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        // The server may close while chunks are still being written; the answer came first.
        if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
      });
      let sent = 0;
      const write = (): void => {
        while (sent < 17 && !request.destroyed) {
          sent += 1;
          if (!request.write(chunk)) {
            request.once('drain', write);
            return;
          }
        }
      };
      write();
    });
    expect(status).toBe(413);
    await expectStillWorking();
  });
});

describe('the respond hook', () => {
  it('answers an HTTP error with Retry-After and a google.rpc.Status, recording no spans', async () => {
    receiver = await startOtlpReceiver({ respond: () => ({ httpStatus: 503, retryAfterSeconds: 2 }) });
    const response = await postTraces(receiver.tracesUrl, oneSpanProtobuf(), { 'content-type': 'application/x-protobuf' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(decodeRpcStatus(response.body)).toEqual({
      code: grpc.status.UNAVAILABLE,
      message: 'rejected by the test receiver',
      retryAfterSeconds: 2,
    });
    expect(receiver.spans).toEqual([]);
    expect(receiver.requests).toEqual([
      expect.objectContaining({ protocol: 'http/protobuf', spanCount: 1, accepted: false }),
    ]);
  });

  it('answers a gRPC error with RetryInfo in grpc-status-details-bin', async () => {
    receiver = await startOtlpReceiver({
      respond: () => ({ grpcCode: grpc.status.RESOURCE_EXHAUSTED, retryAfterSeconds: 1.5 }),
    });
    const { error } = await callGrpcExport(receiver.grpcEndpoint, oneSpanProtobuf());
    expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    const [details] = error?.metadata.get('grpc-status-details-bin') ?? [];
    expect(details).toBeInstanceOf(Buffer);
    expect(decodeRpcStatus(details as Buffer)).toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
      retryAfterSeconds: 1.5,
    });
  });

  it('derives the gRPC code from an HTTP status and the other way round', async () => {
    const responses: ReceiverResponse[] = [{ httpStatus: 503 }, { grpcCode: grpc.status.UNAUTHENTICATED }];
    receiver = await startOtlpReceiver({ respond: () => responses.shift() });
    expect((await callGrpcExport(receiver.grpcEndpoint, oneSpanProtobuf())).error?.code).toBe(grpc.status.UNAVAILABLE);
    expect((await postJson(receiver.tracesUrl, oneSpanJson())).status).toBe(401);
    expect((await postJson(receiver.tracesUrl, oneSpanJson())).status).toBe(200);
  });

  it('sees the protocol, headers and spans of each request', async () => {
    const seen: string[] = [];
    receiver = await startOtlpReceiver({
      respond: (request) => {
        seen.push(`${request.protocol} ${request.headers['x-tenant']} ${request.spans.map((span) => span.name).join()}`);
        return undefined;
      },
    });
    await postTraces(receiver.tracesUrl, JSON.stringify(oneSpanJson('first')), {
      'content-type': 'application/json',
      'X-Tenant': 'acme',
    });
    const metadata = new grpc.Metadata();
    metadata.set('x-tenant', 'globex');
    await callGrpcExport(receiver.grpcEndpoint, oneSpanProtobuf(), metadata);
    expect(seen).toEqual(['http/json acme first', 'grpc globex grpc-span']);
  });

  it('answers 500 / INTERNAL when the hook throws', async () => {
    receiver = await startOtlpReceiver({
      respond: () => {
        throw new Error('hook bug');
      },
    });
    const response = await postJson(receiver.tracesUrl, oneSpanJson());
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ code: grpc.status.INTERNAL, message: 'the respond hook threw: hook bug' });
    expect((await callGrpcExport(receiver.grpcEndpoint, oneSpanProtobuf())).error?.code).toBe(grpc.status.INTERNAL);
  });

  it('delays the answer by delayMs', async () => {
    receiver = await startOtlpReceiver({ respond: () => ({ delayMs: 300 }) });
    const started = performance.now();
    expect((await postJson(receiver.tracesUrl, oneSpanJson())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(receiver.spans).toHaveLength(1);
  });

  it('does not keep close() waiting on a delayed answer', async () => {
    receiver = await startOtlpReceiver({ respond: () => ({ delayMs: 60_000 }) });
    const pending = postJson(receiver.tracesUrl, oneSpanJson()).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await receiver.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await pending;
  });

  it.each([
    ['exporter-trace-otlp-proto', (r: OtlpReceiver) => new ProtoExporter({ url: r.tracesUrl })],
    ['exporter-trace-otlp-http', (r: OtlpReceiver) => new JsonExporter({ url: r.tracesUrl })],
  ])('lets %s retry after HTTP 503 and deliver once', async (_name, createExporter) => {
    let calls = 0;
    receiver = await startOtlpReceiver({ respond: () => (++calls === 1 ? { httpStatus: 503 } : undefined) });
    const { tracer, provider } = createTracing(createExporter(receiver));
    tracer.startSpan('retried').end();
    const spans = await receiver.waitForSpans(1, { timeoutMs: 8000 });
    await provider.shutdown();
    expect(spans.map((span) => span.name)).toEqual(['retried']);
    expect(receiver.requests.map((request) => request.accepted)).toEqual([false, true]);
  });

  it('makes exporter-trace-otlp-grpc report the failure', async () => {
    receiver = await startOtlpReceiver({ respond: () => ({ grpcCode: grpc.status.UNAVAILABLE }) });
    const memory = new InMemorySpanExporter();
    const { tracer, provider } = createTracing(memory);
    tracer.startSpan('refused').end();
    const finished = memory.getFinishedSpans();
    await provider.shutdown();

    const exporter = new GrpcExporter({ url: receiver.grpcEndpoint });
    const result = await new Promise<ExportResult>((resolve) => exporter.export(finished, resolve));
    await exporter.shutdown();
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as grpc.ServiceError | undefined)?.code).toBe(grpc.status.UNAVAILABLE);
    expect(receiver.spans).toEqual([]);
    expect(receiver.requests).toEqual([expect.objectContaining({ protocol: 'grpc', spanCount: 1, accepted: false })]);
  });
});
