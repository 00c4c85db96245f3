import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { BatchExportProcessor } from '../../../src/export/batch-processor.js';
import { ExportHealth, type HealthReporter } from '../../../src/export/export-health.js';
import type { BatchConfig } from '../../../src/types.js';

/** A few ended spans from a private tracer provider (nothing global is touched). */
export function endedSpans(count: number, name = 'span'): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  const provider = new TracerProvider({
    spanProcessors: [{ onStart() {}, onEnd: (span) => spans.push(span), forceFlush: async () => {}, shutdown: async () => {} }],
  });
  const tracer = provider.getTracer('test');
  for (let i = 0; i < count; i++) tracer.startSpan(`${name}-${i}`).end();
  return spans;
}

/** An exporter the test answers by hand; it records how many exports were ever in flight at once. */
export class ControlledExporter implements SpanExporter {
  readonly calls: Array<{ spans: ReadableSpan[]; answer: (result: ExportResult) => void }> = [];
  inFlight = 0;
  maxInFlight = 0;
  shutdownCalls = 0;
  /** When set, every export is answered with it at once. */
  autoAnswer: ExportResult | undefined;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let answered = false;
    const answer = (result: ExportResult) => {
      if (answered) return;
      answered = true;
      this.inFlight -= 1;
      resultCallback(result);
    };
    this.calls.push({ spans, answer });
    if (this.autoAnswer) answer(this.autoAnswer);
  }

  async shutdown(): Promise<void> {
    this.shutdownCalls += 1;
  }

  /** Waits until `count` exports were started (polls; no timing assumptions). */
  async waitForCalls(count: number): Promise<void> {
    while (this.calls.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const SUCCESS: ExportResult = { code: ExportResultCode.SUCCESS };
export const failed = (error: Error): ExportResult => ({ code: ExportResultCode.FAILED, error });

export function recordingReporter(): HealthReporter & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (message) => warnings.push(message), info: (message) => infos.push(message) };
}

export const FAST_BATCH: BatchConfig = {
  scheduledDelayMillis: 10,
  exportTimeoutMillis: 30_000,
  maxQueueSize: 100,
  maxExportBatchSize: 10,
};

/** Short waits after failed exports, so tests do not sit out the real backoff. */
export const FAST_BACKOFF = { initialMillis: 20, maxMillis: 40, multiplier: 2, jitter: 0 };

const created: ExportHealth[] = [];

/** Stops the report timers of every health object made by createProcessor (call in afterEach). */
export function stopAllHealth(): void {
  for (const health of created.splice(0)) health.stop();
}

export function createProcessor(exporter: SpanExporter, batch: Partial<BatchConfig> = {}, reportIntervalMillis = 60_000) {
  const reporter = recordingReporter();
  const health = new ExportHealth('http://collector:4318/v1/traces', reporter, reportIntervalMillis);
  created.push(health);
  const processor = new BatchExportProcessor(exporter, { ...FAST_BATCH, ...batch }, health, FAST_BACKOFF);
  return { processor, health, reporter };
}
