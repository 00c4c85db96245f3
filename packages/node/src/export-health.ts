import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { redactUrlCredentials } from './config/redact.js';

export const exportMessages = {
  failing: (target: string, reason: string) =>
    `exporting spans to ${target} is failing (${reason}); spans are kept in the queue up to its limit and export is retried. This is reported once until export recovers.`,
  recovered: (target: string, dropped: number) =>
    `exporting spans to ${target} works again${dropped > 0 ? ` (${dropped} spans were lost while it failed)` : ''}.`,
} as const;

export interface ExportStats {
  readonly exportedSpans: number;
  readonly failedSpans: number;
  readonly failing: boolean;
}

/**
 * Wraps an exporter to report failures once per outage instead of once per batch, and to
 * tell shutdown whether the Collector is currently reachable.
 */
export class HealthReportingExporter implements SpanExporter {
  private exported = 0;
  private failed = 0;
  private failedDuringOutage = 0;
  private isFailing = false;

  constructor(
    private readonly inner: SpanExporter,
    private readonly target: string,
    private readonly report: { warn(message: string): void; info(message: string): void },
  ) {}

  get stats(): ExportStats {
    return { exportedSpans: this.exported, failedSpans: this.failed, failing: this.isFailing };
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.onSuccess(spans.length);
      else this.onFailure(spans.length, result.error);
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private onSuccess(count: number): void {
    this.exported += count;
    if (!this.isFailing) return;
    this.isFailing = false;
    this.report.info(exportMessages.recovered(this.target, this.failedDuringOutage));
    this.failedDuringOutage = 0;
  }

  private onFailure(count: number, error: Error | undefined): void {
    this.failed += count;
    this.failedDuringOutage += count;
    if (this.isFailing) return;
    this.isFailing = true;
    this.report.warn(exportMessages.failing(this.target, redactUrlCredentials(describeError(error))));
  }
}

function describeError(error: Error | undefined): string {
  if (!error) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
