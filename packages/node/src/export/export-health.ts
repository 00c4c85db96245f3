import type { ExportFailure } from './export-outcome.js';

/** Why spans did not reach the Collector. */
export type DropReason = 'queueFull' | 'notRetryable' | 'retriesExhausted' | 'exportTimeout' | 'shutdown';
export const DROP_REASONS: readonly DropReason[] = ['queueFull', 'notRetryable', 'retriesExhausted', 'exportTimeout', 'shutdown'];

const DROP_REASON_TEXT: Readonly<Record<DropReason, string>> = {
  queueFull: 'the export queue was full (OTEL_BSP_MAX_QUEUE_SIZE)',
  notRetryable: 'export failed in a way that is not retried (the Collector rejected them, or a TLS error)',
  retriesExhausted: 'export kept failing until OTEL_EXPORTER_OTLP_TIMEOUT (Collector unreachable, not answering or throttling)',
  exportTimeout: 'the exporter did not finish within OTEL_BSP_EXPORT_TIMEOUT',
  shutdown: 'the process stopped before they were sent',
};

export type DroppedSpans = Readonly<Record<DropReason, number>>;

/** Export counters of one exporter, for tests and for a health endpoint. */
export interface ExportStats {
  /** Where spans go (URL credentials redacted) or `the console`. */
  readonly target: string;
  /** Spans the exporter delivered. */
  readonly exportedSpans: number;
  /** Spans in batches the exporter could not deliver (`notRetryable + retriesExhausted + exportTimeout`). */
  readonly failedSpans: number;
  /** Spans lost, by reason; `droppedSpans.total` is their sum. */
  readonly droppedSpans: DroppedSpans & { readonly total: number };
  /** Spans waiting in the queue or in the export in flight. */
  readonly queuedSpans: number;
  /** True from a failed export until the next successful one. */
  readonly failing: boolean;
}

export const exportMessages = {
  failing: (target: string, reason: string) =>
    `exporting spans to ${target} is failing (${reason}); spans are kept in the queue up to its limit and export is retried. This is reported once until export recovers.`,
  rejected: (target: string, reason: string) =>
    `the Collector at ${target} rejected spans (${reason}); such batches are dropped, not retried. This is reported once until export works again.`,
  recovered: (target: string, dropped: number) =>
    `exporting spans to ${target} works again${dropped > 0 ? ` (${spans(dropped)} lost while it failed)` : ''}.`,
  dropped: (target: string, seconds: number, counts: Partial<Record<DropReason, number>>) =>
    `dropped ${spans(sum(counts))} bound for ${target} in the last ${seconds} s: ${describeCounts(counts)}.`,
  droppedAtExit: (target: string, counts: Partial<Record<DropReason, number>>) =>
    `dropped ${spans(sum(counts))} bound for ${target} since the last report: ${describeCounts(counts)}.`,
} as const;

function spans(count: number): string {
  return count === 1 ? '1 span' : `${count} spans`;
}

function sum(counts: Partial<Record<DropReason, number>>): number {
  return Object.values(counts).reduce((total, count) => total + (count ?? 0), 0);
}

function describeCounts(counts: Partial<Record<DropReason, number>>): string {
  return DROP_REASONS.filter((reason) => (counts[reason] ?? 0) > 0)
    .map((reason) => `${counts[reason]} because ${DROP_REASON_TEXT[reason]}`)
    .join('; ');
}

export interface HealthReporter {
  warn(message: string): void;
  info(message: string): void;
}

/** How often dropped spans are reported (only when some were dropped). */
export const DEFAULT_DROP_REPORT_INTERVAL_MILLIS = 60_000;

/**
 * Counts what happened to the spans of one exporter and tells the user about it without
 * flooding the log: one warning when export starts failing, one message when it recovers
 * (never one per batch), and a periodic count of dropped spans with the reasons.
 */
export class ExportHealth {
  private exported = 0;
  private readonly dropped: Record<DropReason, number> = { queueFull: 0, notRetryable: 0, retriesExhausted: 0, exportTimeout: 0, shutdown: 0 };
  private readonly reported: Record<DropReason, number> = { ...this.dropped };
  private failedDuringOutage = 0;
  private isFailing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly target: string,
    private readonly reporter: HealthReporter,
    private readonly reportIntervalMillis = DEFAULT_DROP_REPORT_INTERVAL_MILLIS,
  ) {
    this.timer = setInterval(() => this.reportDrops(), reportIntervalMillis);
    this.timer.unref();
  }

  get failing(): boolean {
    return this.isFailing;
  }

  stats(queuedSpans: number): ExportStats {
    const { notRetryable, retriesExhausted, exportTimeout } = this.dropped;
    return {
      target: this.target,
      exportedSpans: this.exported,
      failedSpans: notRetryable + retriesExhausted + exportTimeout,
      droppedSpans: { ...this.dropped, total: sum(this.dropped) },
      queuedSpans,
      failing: this.isFailing,
    };
  }

  exportSucceeded(count: number): void {
    this.exported += count;
    if (!this.isFailing) return;
    this.isFailing = false;
    this.reporter.info(exportMessages.recovered(this.target, this.failedDuringOutage));
    this.failedDuringOutage = 0;
  }

  exportFailed(count: number, failure: ExportFailure | 'timeout'): void {
    const reason: DropReason = failure === 'timeout' ? 'exportTimeout' : failure.retryable ? 'retriesExhausted' : 'notRetryable';
    this.dropped[reason] += count;
    this.failedDuringOutage += count;
    if (this.isFailing) return;
    this.isFailing = true;
    if (failure === 'timeout') this.reporter.warn(exportMessages.failing(this.target, 'no answer within OTEL_BSP_EXPORT_TIMEOUT'));
    else if (failure.retryable) this.reporter.warn(exportMessages.failing(this.target, failure.description));
    else this.reporter.warn(exportMessages.rejected(this.target, failure.description));
  }

  spansDropped(reason: 'queueFull' | 'shutdown', count = 1): void {
    this.dropped[reason] += count;
  }

  /** Prints the drops since the last report, if any. */
  reportDrops(final = false): void {
    const fresh: Partial<Record<DropReason, number>> = {};
    for (const reason of DROP_REASONS) {
      const count = this.dropped[reason] - this.reported[reason];
      if (count > 0) fresh[reason] = count;
      this.reported[reason] = this.dropped[reason];
    }
    if (sum(fresh) === 0) return;
    this.reporter.warn(
      final
        ? exportMessages.droppedAtExit(this.target, fresh)
        : exportMessages.dropped(this.target, Math.round(this.reportIntervalMillis / 1000), fresh),
    );
  }

  /** Stops the periodic report and prints what is left to report. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.reportDrops(true);
  }
}
