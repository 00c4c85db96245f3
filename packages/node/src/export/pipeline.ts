import type { DiagLogger } from '@opentelemetry/api';
import type { ResolvedConfig } from '../types.js';
import { BatchExportProcessor } from './batch-processor.js';
import { DEFAULT_DROP_REPORT_INTERVAL_MILLIS, ExportHealth, type ExportStats } from './export-health.js';
import { createExportTargets } from './exporters.js';

/** One exporter with its queue and its health: configured exporter → batch processor → health. */
export interface ExportPipeline {
  readonly processor: BatchExportProcessor;
  stats(): ExportStats;
  /**
   * Ends the pipeline once shutdown is over or its deadline passed: what is still unsent is
   * counted as dropped, and the drops not reported yet are printed.
   */
  finish(): void;
  /**
   * For an `exit` listener: sends what is still unsent synchronously, blocking at most
   * `timeoutMillis` (skipped while export is failing), then prints the last report.
   */
  flushBeforeExit(timeoutMillis: number): void;
}

export interface PipelineOptions {
  /** How often dropped spans are reported; tests make it short. */
  readonly reportIntervalMillis?: number;
}

export function createExportPipelines(config: ResolvedConfig, logger: DiagLogger, options: PipelineOptions = {}): ExportPipeline[] {
  const warn = (message: string) => logger.warn(message);
  const reporter = { warn, info: (message: string) => logger.info(message) };
  return createExportTargets(config, warn).map((target) => {
    const health = new ExportHealth(target.description, reporter, options.reportIntervalMillis ?? DEFAULT_DROP_REPORT_INTERVAL_MILLIS);
    const processor = new BatchExportProcessor(target.exporter, config.batch, health);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const unsent = processor.takeUnsent().length;
      if (unsent > 0) health.spansDropped('shutdown', unsent);
      health.stop();
    };
    return {
      processor,
      stats: () => health.stats(processor.pendingSpans),
      finish,
      flushBeforeExit(timeoutMillis) {
        if (finished) return;
        const unsent = processor.takeUnsent();
        if (unsent.length > 0) {
          let sent = false;
          if (!health.failing) {
            try {
              sent = target.sendBeforeExit(unsent, timeoutMillis);
            } catch {
              sent = false;
            }
          }
          if (sent) health.exportSucceeded(unsent.length);
          else health.spansDropped('shutdown', unsent.length);
        }
        finish();
      },
    };
  });
}
