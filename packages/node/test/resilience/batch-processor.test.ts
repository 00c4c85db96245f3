/**
 * The batch processor against an exporter the test answers by hand: one export in flight at
 * most, a bounded queue with counted drops, waits after failures, flush and exit semantics.
 */
import { TraceFlags } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMessages } from '../../src/export/export-health.js';
import { ControlledExporter, createProcessor, endedSpans, failed, FAST_BACKOFF, stopAllHealth, SUCCESS } from './helpers/spans.js';

afterEach(() => stopAllHealth());

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4318'), { code: 'ECONNREFUSED' });
const badRequest = () => Object.assign(new Error('Bad Request'), { code: 400 });

describe('BatchExportProcessor', () => {
  it('never has more than one export in flight, even while every export fails', async () => {
    const exporter = new ControlledExporter();
    const { processor, health } = createProcessor(exporter);
    for (const span of endedSpans(60)) processor.onEnd(span);
    for (let answered = 0; answered < 6; answered++) {
      await exporter.waitForCalls(answered + 1);
      // Spans keep ending while an export is in flight: no second export starts.
      for (const span of endedSpans(5)) processor.onEnd(span);
      await sleep(5);
      expect(exporter.inFlight).toBe(1);
      exporter.calls[answered]?.answer(failed(refused()));
    }
    expect(exporter.maxInFlight).toBe(1);
    expect(health.stats(processor.pendingSpans).droppedSpans.retriesExhausted).toBe(60);
  });

  it('keeps at most OTEL_BSP_MAX_QUEUE_SIZE spans and counts the others as dropped (queueFull)', () => {
    const exporter = new ControlledExporter();
    const { processor, health } = createProcessor(exporter, { maxQueueSize: 100 });
    for (const span of endedSpans(150)) processor.onEnd(span);
    const stats = health.stats(processor.pendingSpans);
    expect(stats.queuedSpans).toBe(100);
    expect(stats.droppedSpans).toMatchObject({ queueFull: 50, total: 50 });
  });

  it('exports a full batch without waiting for the schedule delay, outside span.end()', async () => {
    const exporter = new ControlledExporter();
    exporter.autoAnswer = SUCCESS;
    const { processor, health } = createProcessor(exporter, { scheduledDelayMillis: 60_000, maxExportBatchSize: 10 });
    for (const span of endedSpans(10)) processor.onEnd(span);
    expect(exporter.calls).toHaveLength(0);
    await exporter.waitForCalls(1);
    expect(exporter.calls[0]?.spans).toHaveLength(10);
    expect(health.stats(processor.pendingSpans).exportedSpans).toBe(10);
  });

  it('exports a partial batch once the schedule delay has passed', async () => {
    const exporter = new ControlledExporter();
    exporter.autoAnswer = SUCCESS;
    const { processor } = createProcessor(exporter, { scheduledDelayMillis: 30 });
    const started = Date.now();
    for (const span of endedSpans(3)) processor.onEnd(span);
    await exporter.waitForCalls(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(exporter.calls[0]?.spans).toHaveLength(3);
  });

  it('ignores spans that are not sampled', () => {
    const exporter = new ControlledExporter();
    const { processor } = createProcessor(exporter);
    const [span] = endedSpans(1);
    const unsampled = { ...span, spanContext: () => ({ ...span!.spanContext(), traceFlags: TraceFlags.NONE }) };
    processor.onEnd(unsampled as never);
    expect(processor.pendingSpans).toBe(0);
  });

  it('forceFlush exports everything queued, one batch after the other, ignoring the delay', async () => {
    const exporter = new ControlledExporter();
    exporter.autoAnswer = SUCCESS;
    const { processor, health } = createProcessor(exporter, { scheduledDelayMillis: 60_000, maxExportBatchSize: 10 });
    for (const span of endedSpans(35)) processor.onEnd(span);
    await processor.forceFlush();
    expect(exporter.calls.map((call) => call.spans.length)).toEqual([10, 10, 10, 5]);
    expect(exporter.maxInFlight).toBe(1);
    expect(health.stats(processor.pendingSpans)).toMatchObject({ exportedSpans: 35, queuedSpans: 0 });
  });

  it('counts failed batches by reason and warns once per outage, then once on recovery', async () => {
    const exporter = new ControlledExporter();
    const { processor, health, reporter } = createProcessor(exporter, { maxExportBatchSize: 10 });
    for (const span of endedSpans(30)) processor.onEnd(span);
    await exporter.waitForCalls(1);
    exporter.calls[0]?.answer(failed(refused()));
    await exporter.waitForCalls(2);
    exporter.calls[1]?.answer(failed(badRequest()));
    await exporter.waitForCalls(3);
    exporter.calls[2]?.answer(SUCCESS);
    await processor.forceFlush();

    const target = 'http://collector:4318/v1/traces';
    expect(reporter.warnings).toEqual([exportMessages.failing(target, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4318')]);
    expect(reporter.infos).toEqual([exportMessages.recovered(target, 20)]);
    expect(health.stats(processor.pendingSpans)).toMatchObject({
      exportedSpans: 10,
      failedSpans: 20,
      failing: false,
      droppedSpans: { retriesExhausted: 10, notRetryable: 10, total: 20 },
    });
  });

  it('waits (jittered) after a transiently failed export before starting the next', async () => {
    const exporter = new ControlledExporter();
    const { processor } = createProcessor(exporter, { maxExportBatchSize: 10 });
    for (const span of endedSpans(20)) processor.onEnd(span);
    await exporter.waitForCalls(1);
    const failedAt = Date.now();
    exporter.calls[0]?.answer(failed(refused()));
    await exporter.waitForCalls(2);
    // FAST_BACKOFF has no jitter: the wait is exactly its initial delay (timers may be late, never early).
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(FAST_BACKOFF.initialMillis - 2);
  });

  it('gives up on an exporter that never answers after OTEL_BSP_EXPORT_TIMEOUT and goes on', async () => {
    const exporter = new ControlledExporter();
    const { processor, health, reporter } = createProcessor(exporter, { exportTimeoutMillis: 30, maxExportBatchSize: 10 });
    for (const span of endedSpans(20)) processor.onEnd(span);
    await exporter.waitForCalls(2);
    expect(health.stats(processor.pendingSpans).droppedSpans.exportTimeout).toBe(10);
    expect(reporter.warnings).toHaveLength(1);
    // The late answer of the abandoned export changes nothing.
    exporter.calls[0]?.answer(SUCCESS);
    expect(health.stats(processor.pendingSpans).exportedSpans).toBe(0);
  });

  it('takeUnsent hands over the unanswered export and the queue, and stops exporting', async () => {
    const exporter = new ControlledExporter();
    const { processor } = createProcessor(exporter, { maxExportBatchSize: 10 });
    const spans = endedSpans(25);
    for (const span of spans) processor.onEnd(span);
    await exporter.waitForCalls(1);
    const flushed = processor.forceFlush();
    expect(processor.takeUnsent()).toEqual(spans);
    await flushed;
    exporter.calls[0]?.answer(SUCCESS);
    for (const span of endedSpans(20)) processor.onEnd(span);
    await sleep(20);
    expect(exporter.calls).toHaveLength(1);
    expect(processor.pendingSpans).toBe(0);
  });

  it('shutdown flushes, shuts the exporter down and ignores spans ended afterwards', async () => {
    const exporter = new ControlledExporter();
    exporter.autoAnswer = SUCCESS;
    const { processor, health } = createProcessor(exporter, { scheduledDelayMillis: 60_000 });
    for (const span of endedSpans(5)) processor.onEnd(span);
    await processor.shutdown();
    for (const span of endedSpans(5)) processor.onEnd(span);
    expect(exporter.shutdownCalls).toBe(1);
    expect(health.stats(processor.pendingSpans)).toMatchObject({ exportedSpans: 5, queuedSpans: 0 });
  });
});

describe('why tracekit has its own batch processor', () => {
  // A characterization of @opentelemetry/sdk-trace's BatchSpanProcessor (3.1): if this starts
  // failing after an upgrade, upstream may have fixed it and ours may no longer be needed.
  it('the SDK BatchSpanProcessor starts several exports at once while exports fail', async () => {
    const { BatchSpanProcessor, TracerProvider } = await import('@opentelemetry/sdk-trace');
    const exporter = new ControlledExporter();
    const provider = new TracerProvider({
      spanProcessors: [new BatchSpanProcessor({ exporter, maxExportBatchSize: 10, maxQueueSize: 100, scheduledDelayMillis: 5 })],
    });
    const tracer = provider.getTracer('test');
    const answerLater = setInterval(() => {
      for (const call of exporter.calls) call.answer(failed(refused()));
    }, 20);
    try {
      for (let round = 0; round < 40 && exporter.maxInFlight < 2; round++) {
        for (let i = 0; i < 10; i++) tracer.startSpan('s').end();
        await sleep(2);
      }
    } finally {
      clearInterval(answerLater);
    }
    expect(exporter.maxInFlight).toBeGreaterThan(1);
  });
});
