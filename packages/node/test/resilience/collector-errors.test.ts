/**
 * The app against a Collector that answers errors: retryable ones are retried (Retry-After
 * honoured) and the spans arrive; non-retryable ones drop the batch at once, each span is sent
 * once, and the drop is counted and reported once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, stopAllFixtures, type OtlpReceiver, type ReceiverResponse } from '@tracekit/test-utils';
import { countOccurrences, sendRequests, startResilienceApp, waitForStats } from './helpers/app.js';

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await stopAllFixtures();
  await receiver?.close();
  receiver = undefined;
});

/** A receiver answering `first` to the first `times` requests, then success; it records the span ids of every request. */
async function erringReceiver(first: ReceiverResponse, times: number) {
  const spanIdsPerRequest: string[][] = [];
  let answered = 0;
  receiver = await startOtlpReceiver({
    respond: (request) => {
      spanIdsPerRequest.push(request.spans.map((span) => span.spanId));
      answered += 1;
      return answered <= times ? first : undefined;
    },
  });
  return { receiver, spanIdsPerRequest };
}

describe('a Collector answering errors', () => {
  it('HTTP 400: each batch is sent once and dropped, counted as not retryable, reported once', async () => {
    const { receiver, spanIdsPerRequest } = await erringReceiver({ httpStatus: 400 }, Infinity);
    const app = await startResilienceApp({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpEndpoint, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10' });
    const statuses = await sendRequests(app.url('/work'), 60);
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
    const stats = await waitForStats(app, (s) => s.droppedSpans.notRetryable === 60);
    expect(stats).toMatchObject({ exportedSpans: 0, failing: true, droppedSpans: { total: 60 } });
    const sent = spanIdsPerRequest.flat();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(60);
    expect(countOccurrences(app.stderr(), 'rejected spans (HTTP 400')).toBe(1);
  });

  it('HTTP 503 with Retry-After: retried after the delay, every span arrives', async () => {
    const { receiver, spanIdsPerRequest } = await erringReceiver({ httpStatus: 503, retryAfterSeconds: 1 }, 1);
    const app = await startResilienceApp({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpEndpoint, OTEL_EXPORTER_OTLP_TIMEOUT: '5000' });
    await sendRequests(app.url('/work'), 20);
    await receiver.waitForSpans(20);
    expect(spanIdsPerRequest[1]).toEqual(spanIdsPerRequest[0]);
    expect(await waitForStats(app, (s) => s.exportedSpans === 20)).toMatchObject({ failing: false, droppedSpans: { total: 0 } });
    expect(app.stderr()).toBe('');
  });

  it('gRPC UNAVAILABLE: retried, every span arrives', async () => {
    const { receiver, spanIdsPerRequest } = await erringReceiver({ grpcCode: 14 }, 2);
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.grpcEndpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
    });
    await sendRequests(app.url('/work'), 20);
    await receiver.waitForSpans(20);
    expect(spanIdsPerRequest[2]).toEqual(spanIdsPerRequest[0]);
    expect(await waitForStats(app, (s) => s.exportedSpans === 20)).toMatchObject({ failing: false, droppedSpans: { total: 0 } });
  });

  it('gRPC RESOURCE_EXHAUSTED without RetryInfo: not retried, dropped and counted', async () => {
    const { receiver, spanIdsPerRequest } = await erringReceiver({ grpcCode: 8 }, Infinity);
    const app = await startResilienceApp({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.grpcEndpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    await sendRequests(app.url('/work'), 20);
    await waitForStats(app, (s) => s.droppedSpans.notRetryable === 20);
    const sent = spanIdsPerRequest.flat();
    expect(new Set(sent).size).toBe(sent.length);
    expect(countOccurrences(app.stderr(), 'rejected spans (gRPC RESOURCE_EXHAUSTED')).toBe(1);
  });
});
