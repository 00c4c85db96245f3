/**
 * Retries against a real OTLP receiver, in process: which outcomes are retried, after how
 * long, and what is dropped at once. gRPC goes through tracekit's RetryingExporter around its
 * own gRPC exporter (which makes one attempt per batch); HTTP relies on the upstream exporter's
 * own retries, which are checked here too so an upgrade that changes them is noticed.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { startOtlpReceiver, type OtlpReceiver, type ReceiverResponse } from '@tracekit/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyExportError } from '../../src/export/export-outcome.js';
import { createHttpProtobufExporter } from '../../src/export/otlp-protobuf/http-protobuf-exporter.js';
import { encodeTraceRequest } from '../../src/export/otlp-protobuf/trace-request-encoder.js';
import { GrpcSpanExporter } from '../../src/export/grpc-span-exporter.js';
import { RetryingExporter } from '../../src/export/grpc-retry.js';
import { endedSpans, FAST_BACKOFF } from './helpers/spans.js';

const UNAVAILABLE = 14;
const RESOURCE_EXHAUSTED = 8;
const INVALID_ARGUMENT = 3;

let receiver: OtlpReceiver | undefined;
let exporter: SpanExporter | undefined;
afterEach(async () => {
  await exporter?.shutdown();
  await receiver?.close();
  exporter = undefined;
  receiver = undefined;
});

/** Answers the given responses in turn, then success; records when each request arrived. */
async function receiverAnswering(answers: ReceiverResponse[]): Promise<{ receiver: OtlpReceiver; arrivals: number[] }> {
  const arrivals: number[] = [];
  const queue = [...answers];
  receiver = await startOtlpReceiver({
    respond: () => {
      arrivals.push(Date.now());
      return queue.shift();
    },
  });
  return { receiver, arrivals };
}

/** tracekit's gRPC exporter alone: one attempt per batch. */
function singleAttemptGrpcExporter(endpoint: string, timeoutMillis = 10_000): GrpcSpanExporter {
  return new GrpcSpanExporter({
    endpoint,
    headers: {},
    compression: 'none',
    plaintext: true,
    tls: {},
    timeoutMillis,
    serialize: encodeTraceRequest,
    description: endpoint,
    warn: () => {},
  });
}

function grpcExporter(endpoint: string, timeoutMillis = 10_000): SpanExporter {
  exporter = new RetryingExporter(singleAttemptGrpcExporter(endpoint, timeoutMillis), { timeoutMillis, backoff: FAST_BACKOFF });
  return exporter;
}

function exportOnce(target: SpanExporter, count = 3): Promise<ExportResult> {
  return new Promise((resolve) => target.export(endedSpans(count), resolve));
}

/** The span ids of every request the receiver saw, accepted or not, in order. */
function spanIdsPerRequest(spans: ReturnType<typeof endedSpans>): string[] {
  return spans.map((span) => span.spanContext().spanId);
}

describe('OTLP/gRPC retries (RetryingExporter)', () => {
  it('retries UNAVAILABLE with backoff until the Collector accepts', async () => {
    const { receiver, arrivals } = await receiverAnswering([{ grpcCode: UNAVAILABLE }, { grpcCode: UNAVAILABLE }]);
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(arrivals).toHaveLength(3);
    expect(receiver.requests.map((request) => request.accepted)).toEqual([false, false, true]);
    expect(receiver.spans).toHaveLength(3);
    // Backoff grows: the second wait is at least the first one's base delay times the multiplier.
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(FAST_BACKOFF.initialMillis * FAST_BACKOFF.multiplier - 2);
  });

  it('does not retry RESOURCE_EXHAUSTED without RetryInfo: the batch is dropped at once', async () => {
    const { receiver } = await receiverAnswering([{ grpcCode: RESOURCE_EXHAUSTED }]);
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(1);
    expect(classifyExportError(result.error)).toMatchObject({ retryable: false, description: expect.stringMatching(/^gRPC RESOURCE_EXHAUSTED/) });
  });

  it('retries RESOURCE_EXHAUSTED with RetryInfo after the delay the Collector asked for', async () => {
    const { receiver, arrivals } = await receiverAnswering([{ grpcCode: RESOURCE_EXHAUSTED, retryAfterSeconds: 1 }]);
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(990);
  });

  it('gives up when the Collector asks for a delay beyond the OTLP timeout, and says how long', async () => {
    const { receiver } = await receiverAnswering([{ grpcCode: UNAVAILABLE, retryAfterSeconds: 30 }]);
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint, 2000));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(1);
    // The batch processor waits that long before the next export (throttling honoured).
    expect(classifyExportError(result.error)).toMatchObject({ retryable: true, retryAfterMillis: 30_000 });
  });

  it('does not retry INVALID_ARGUMENT', async () => {
    const { receiver } = await receiverAnswering([{ grpcCode: INVALID_ARGUMENT }]);
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(1);
    expect(classifyExportError(result.error).retryable).toBe(false);
  });

  it('stops retrying at the OTLP timeout when the Collector stays unavailable', async () => {
    const { receiver } = await receiverAnswering(Array.from({ length: 100 }, () => ({ grpcCode: UNAVAILABLE })));
    const result = await exportOnce(grpcExporter(receiver.grpcEndpoint, 150));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(classifyExportError(result.error).retryable).toBe(true);
    // 150 ms allow a few retries at 20-40 ms, never the 100 answers queued.
    expect(receiver.requests.length).toBeGreaterThan(1);
    expect(receiver.requests.length).toBeLessThan(10);
  });

  it('shutdown makes the last attempt of a batch waiting for its retry, and it reaches the Collector', async () => {
    const { receiver, arrivals } = await receiverAnswering([{ grpcCode: UNAVAILABLE }]);
    const retrying = new RetryingExporter(singleAttemptGrpcExporter(receiver.grpcEndpoint), {
      timeoutMillis: 10_000,
      backoff: { initialMillis: 5_000, maxMillis: 5_000, multiplier: 1, jitter: 0 },
    });
    exporter = retrying;
    const spans = endedSpans(2);
    const result = new Promise<ExportResult>((resolve) => retrying.export(spans, resolve));
    while (arrivals.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await retrying.shutdown();
    expect((await result).code).toBe(ExportResultCode.SUCCESS);
    expect(arrivals).toHaveLength(2);
    expect(receiver.spans.map((span) => span.spanId)).toEqual(spanIdsPerRequest(spans));
  });

  it('the gRPC exporter alone makes one attempt: retrying is the wrapper\'s job', async () => {
    const { receiver } = await receiverAnswering([{ grpcCode: UNAVAILABLE }]);
    exporter = singleAttemptGrpcExporter(receiver.grpcEndpoint);
    const result = await exportOnce(exporter);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('OTLP/HTTP retries (upstream transport, tracekit encoder)', () => {
  it.each([429, 503])('retries HTTP %i after Retry-After, then delivers', async (httpStatus) => {
    const { receiver, arrivals } = await receiverAnswering([{ httpStatus, retryAfterSeconds: 1 }]);
    exporter = httpExporter(receiver.tracesUrl);
    const spans = endedSpans(3);
    const result = await new Promise<ExportResult>((resolve) => exporter?.export(spans, resolve));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(990);
    expect(receiver.spans.map((span) => span.spanId)).toEqual(spanIdsPerRequest(spans));
  });

  it('does not retry HTTP 400: the batch is dropped and classified as not retryable', async () => {
    const { receiver } = await receiverAnswering([{ httpStatus: 400 }]);
    exporter = httpExporter(receiver.tracesUrl);
    const result = await exportOnce(exporter);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests).toHaveLength(1);
    expect(classifyExportError(result.error)).toMatchObject({ retryable: false, description: expect.stringMatching(/^HTTP 400/) });
  });

  it('classifies a 503 whose retries ran out as retryable (retries exhausted)', async () => {
    const { receiver } = await receiverAnswering(Array.from({ length: 20 }, () => ({ httpStatus: 503 })));
    exporter = httpExporter(receiver.tracesUrl, 300);
    const result = await exportOnce(exporter);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(classifyExportError(result.error).retryable).toBe(true);
  });
});

function httpExporter(url: string, timeoutMillis = 10_000) {
  return createHttpProtobufExporter({ url, headers: {}, timeoutMillis, compression: 'none' });
}

describe('classifyExportError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4318'), { code: 'ECONNREFUSED' }), true],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    [new Error('Request timed out'), true],
    [Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), false],
    [Object.assign(new Error('Unauthorized'), { code: 401 }), false],
    [Object.assign(new Error('Bad Gateway'), { code: 502 }), true],
    [undefined, false],
  ])('%s → retryable %s', (error, retryable) => {
    expect(classifyExportError(error).retryable).toBe(retryable);
  });

  it('never shows URL credentials', () => {
    const error = new Error('getaddrinfo ENOTFOUND http://user:s3cret@collector.example:4318/v1/traces');
    expect(classifyExportError(Object.assign(error, { code: 'ENOTFOUND' })).description).not.toContain('s3cret');
  });
});
