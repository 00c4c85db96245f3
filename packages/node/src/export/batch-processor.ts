import { context, TraceFlags } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { BatchConfig } from '../types.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { ExportHealth } from './export-health.js';
import { classifyExportError } from './export-outcome.js';

/**
 * Batches ended spans into a bounded queue and exports them with at most one export in flight.
 *
 * Written here instead of using the SDK's BatchSpanProcessor (sdk-trace 3.1) because that one,
 * measured against an exporter that fails, holds up to 18 exports in flight at once (its
 * "exporting" flag is cleared by both a `finally` and a `catch`, so a failed export lets every
 * following span end start another one), flushes all queued batches concurrently on
 * forceFlush, logs a warning each time the queue overflows again, and does not expose its
 * drop counts. This one:
 * - keeps the queue at OTEL_BSP_MAX_QUEUE_SIZE and counts each span it drops, by reason;
 * - never has more than one export in flight, so a hanging Collector costs one socket;
 * - waits after an export that failed for a transient reason (the delay the Collector asked
 *   for, else about a second, jittered) before the next, so a throttling or failing Collector
 *   is not hammered, and export resumes within seconds once it recovers;
 * - starts exports outside the `span.end()` call that filled a batch, so no request pays for
 *   serializing a batch;
 * - hands unsent spans to the exit flush when the process exits before they were sent.
 */
export class BatchExportProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  /** The batch handed to the exporter and not settled yet. */
  private inFlight: ReadableSpan[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = 0;
  private immediate: NodeJS.Immediate | undefined;
  private pausedUntil = 0;
  private accepting = true;
  /** Set once the unsent spans were taken for the exit flush: nothing is exported any more. */
  private closed = false;
  /** Spans queued so far, and spans settled (exported or dropped) after being queued: FIFO. */
  private enqueued = 0;
  private settled = 0;
  private flushWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  private shuttingDown: Promise<void> | undefined;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: BatchConfig,
    private readonly health: ExportHealth,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Spans waiting in the queue or in the export in flight. */
  get pendingSpans(): number {
    return this.queue.length + (this.inFlight?.length ?? 0);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (!this.accepting || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.health.spansDropped('queueFull');
      return;
    }
    this.queue.push(span);
    this.enqueued += 1;
    this.schedule();
  }

  /** Resolves once every span ended before the call is exported or dropped. */
  forceFlush(): Promise<void> {
    const upTo = this.enqueued;
    if (this.closed || this.settled >= upTo) return Promise.resolve();
    return new Promise((resolve) => {
      this.flushWaiters.push({ upTo, resolve });
      this.schedule();
    });
  }

  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      this.accepting = false;
      await this.forceFlush();
      await this.exporter.shutdown();
    })();
    return this.shuttingDown;
  }

  /**
   * Takes every span not yet delivered (the queue and the unanswered export in flight) and
   * stops exporting, for a last synchronous send when the process exits. A batch in flight may
   * already have reached the Collector: sending it again can duplicate it, which OTLP allows
   * (at-least-once) and is better than losing the last requests of a process.
   */
  takeUnsent(): ReadableSpan[] {
    const unsent = [...(this.inFlight ?? []), ...this.queue];
    this.closed = true;
    this.accepting = false;
    this.inFlight = undefined;
    this.queue = [];
    this.settled = this.enqueued;
    this.clearTimers();
    this.resolveFlushWaiters();
    return unsent;
  }

  private schedule(): void {
    if (this.inFlight || this.closed || this.queue.length === 0) return;
    const now = Date.now();
    let due: number;
    if (this.flushWaiters.length > 0) due = now;
    else if (this.queue.length >= this.options.maxExportBatchSize) due = Math.max(now, this.pausedUntil);
    else due = Math.max(this.timer ? this.timerDue : now + this.options.scheduledDelayMillis, this.pausedUntil);

    if (due <= now) {
      this.clearTimer();
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        this.exportNext();
      });
      return;
    }
    if (this.timer && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.exportNext();
    }, due - now);
    // Export never keeps the process alive; exit hooks flush what is left.
    this.timer.unref();
  }

  private exportNext(): void {
    if (this.inFlight || this.closed || this.queue.length === 0) return;
    this.clearTimer();
    const batch = this.queue.splice(0, this.options.maxExportBatchSize);
    this.inFlight = batch;
    let finished = false;
    let guard: NodeJS.Timeout | undefined;
    const finish = (outcome: ExportResult | 'timeout') => {
      if (finished) return;
      finished = true;
      clearTimeout(guard);
      if (this.inFlight !== batch) return; // taken by the exit flush meanwhile
      this.inFlight = undefined;
      this.settled += batch.length;
      this.recordOutcome(batch.length, outcome);
      this.resolveFlushWaiters();
      this.schedule();
    };
    // The exporters time out by themselves (OTEL_EXPORTER_OTLP_TIMEOUT); this guard only
    // keeps a stuck exporter from stopping export for good.
    if (this.options.exportTimeoutMillis > 0) {
      guard = setTimeout(() => finish('timeout'), this.options.exportTimeoutMillis);
      guard.unref();
    }
    // Export traffic must not be traced itself (the http instrumentation would see it).
    context.with(suppressTracing(context.active()), () => {
      waitForResources(batch).then(
        () => {
          try {
            this.exporter.export(batch, finish);
          } catch (error) {
            finish({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
          }
        },
        (error: unknown) => finish({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
      );
    });
  }

  private recordOutcome(count: number, outcome: ExportResult | 'timeout'): void {
    if (outcome !== 'timeout' && outcome.code === ExportResultCode.SUCCESS) {
      this.pausedUntil = 0;
      this.health.exportSucceeded(count);
      return;
    }
    const failure = outcome === 'timeout' ? 'timeout' : classifyExportError(outcome.error);
    this.health.exportFailed(count, failure);
    // A rejected batch (not retryable) says nothing about the next one: no wait. A sick or
    // throttling Collector gets the delay it asked for, else a short jittered wait. The
    // exponential backoff itself runs inside each export's retries (the OTLP/HTTP exporter's,
    // RetryingExporter for gRPC), which already took up to OTEL_EXPORTER_OTLP_TIMEOUT: growing
    // this wait too would only make export resume later after the Collector is back (measured
    // with a Collector flapping every 3 s: a 5 s wait missed whole up phases).
    if (failure !== 'timeout' && !failure.retryable) return;
    const hinted = failure === 'timeout' ? undefined : failure.retryAfterMillis;
    this.pausedUntil = Date.now() + (hinted ?? backoffDelay(1, this.backoff));
  }

  private resolveFlushWaiters(): void {
    const waiting = this.flushWaiters;
    this.flushWaiters = [];
    for (const waiter of waiting) {
      if (this.closed || this.settled >= waiter.upTo) waiter.resolve();
      else this.flushWaiters.push(waiter);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private clearTimers(): void {
    this.clearTimer();
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
  }
}

/** Resources with asynchronously detected attributes must be complete before export. */
function waitForResources(spans: readonly ReadableSpan[]): Promise<unknown> {
  const pending = new Set<ReadableSpan['resource']>();
  for (const span of spans) if (span.resource.asyncAttributesPending && span.resource.waitForAsyncAttributes) pending.add(span.resource);
  return pending.size === 0 ? Promise.resolve() : Promise.all([...pending].map((resource) => resource.waitForAsyncAttributes?.()));
}
