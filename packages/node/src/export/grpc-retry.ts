import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { classifyExportError } from './export-outcome.js';

export interface RetryOptions {
  /** The OTLP timeout: no retry starts after this long since the export began. */
  readonly timeoutMillis: number;
  readonly backoff?: BackoffPolicy;
  /** At most this many retries per batch (the upstream HTTP exporter's number). */
  readonly maxRetries?: number;
}

const DEFAULT_MAX_RETRIES = 5;

/**
 * Retries an exporter's failed batches when the failure is retryable, with exponential backoff
 * and jitter, or after the delay the server asked for (gRPC RetryInfo), within the OTLP
 * timeout. tracekit's OTLP/gRPC exporter (grpc-span-exporter.ts) makes one attempt per batch
 * and relies on this for the retries the OTLP specification asks for (UNAVAILABLE and the
 * like); the upstream HTTP exporters retry themselves, so only gRPC is wrapped. One attempt
 * runs at a time, so there is never more than one request in flight.
 */
export class RetryingExporter implements SpanExporter {
  /** Scheduled retries, so shutdown can run them at once instead of waiting out the backoff. */
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;
  /** Attempts sent and not answered yet, so shutdown closes the channel only after them. */
  private attemptsInFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly inner: SpanExporter,
    private readonly options: RetryOptions,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const deadline = Date.now() + this.options.timeoutMillis;
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const attempt = (retry: number) => {
      this.attemptsInFlight += 1;
      this.inner.export(spans, (result) => {
        this.attemptsInFlight -= 1;
        if (this.attemptsInFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (result.code === ExportResultCode.SUCCESS || this.stopped || retry >= maxRetries) return resultCallback(result);
        const failure = classifyExportError(result.error);
        if (!failure.retryable) return resultCallback(result);
        const delay = failure.retryAfterMillis ?? backoffDelay(retry + 1, this.options.backoff ?? DEFAULT_BACKOFF);
        if (Date.now() + delay > deadline) return resultCallback(result);
        const retryNow = () => {
          clearTimeout(timer);
          this.pending.delete(timer);
          attempt(retry + 1);
        };
        const timer = setTimeout(retryNow, delay);
        // A retry never keeps the process alive on its own: shutdown decides how long to wait,
        // and spans still unsent at exit are sent by the exit flush.
        timer.unref();
        this.pending.set(timer, retryNow);
      });
    };
    attempt(0);
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    // One last attempt for batches waiting to be retried; their result ends the batch. The
    // channel closes once every attempt is answered (each is bounded by the OTLP timeout, and
    // the SDK's shutdown by tracekit's flush deadline), not under them.
    for (const retryNow of [...this.pending.values()]) retryNow();
    if (this.attemptsInFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
