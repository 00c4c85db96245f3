/** Visibility: one message per outage and per recovery, a periodic count of dropped spans with reasons. */
import { afterEach, describe, expect, it } from 'vitest';
import { ExportHealth, exportMessages } from '../../src/export/export-health.js';
import { recordingReporter } from './helpers/spans.js';

const TARGET = 'http://collector:4318/v1/traces';
const retryable = { retryable: true, description: 'ECONNREFUSED: connect ECONNREFUSED' } as const;
const rejected = { retryable: false, description: 'HTTP 400 Bad Request' } as const;

let health: ExportHealth | undefined;
afterEach(() => health?.stop());

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('ExportHealth', () => {
  it('warns once when export starts failing and tells once when it recovers, however many batches fail', () => {
    const reporter = recordingReporter();
    health = new ExportHealth(TARGET, reporter);
    for (let i = 0; i < 50; i++) health.exportFailed(512, retryable);
    health.exportSucceeded(512);
    health.exportSucceeded(512);
    health.exportFailed(10, rejected);
    expect(reporter.warnings).toEqual([
      exportMessages.failing(TARGET, retryable.description),
      exportMessages.rejected(TARGET, rejected.description),
    ]);
    expect(reporter.infos).toEqual([exportMessages.recovered(TARGET, 50 * 512)]);
  });

  it('reports dropped spans periodically, with the reasons, only when there are new ones', async () => {
    const reporter = recordingReporter();
    health = new ExportHealth(TARGET, reporter, 20);
    health.spansDropped('queueFull', 7);
    health.exportFailed(512, retryable);
    await until(() => reporter.warnings.length === 2);
    expect(reporter.warnings[1]).toBe(exportMessages.dropped(TARGET, 0, { queueFull: 7, retriesExhausted: 512 }));
    expect(reporter.warnings[1]).toContain('7 because the export queue was full (OTEL_BSP_MAX_QUEUE_SIZE)');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reporter.warnings).toHaveLength(2);
    health.spansDropped('queueFull', 1);
    await until(() => reporter.warnings.length === 3);
    expect(reporter.warnings[2]).toBe(exportMessages.dropped(TARGET, 0, { queueFull: 1 }));
  });

  it('stop() prints what was not reported yet, once', () => {
    const reporter = recordingReporter();
    health = new ExportHealth(TARGET, reporter);
    health.spansDropped('shutdown', 3);
    health.stop();
    health.stop();
    expect(reporter.warnings).toEqual([exportMessages.droppedAtExit(TARGET, { shutdown: 3 })]);
    expect(reporter.warnings[0]).toBe(
      `dropped 3 spans bound for ${TARGET} since the last report: 3 because the process stopped before they were sent.`,
    );
  });

  it('exposes the counters', () => {
    health = new ExportHealth(TARGET, recordingReporter());
    health.exportSucceeded(100);
    health.exportFailed(10, retryable);
    health.exportFailed(5, rejected);
    health.exportFailed(2, 'timeout');
    health.spansDropped('queueFull', 4);
    expect(health.stats(12)).toEqual({
      target: TARGET,
      exportedSpans: 100,
      failedSpans: 17,
      droppedSpans: { queueFull: 4, notRetryable: 5, retriesExhausted: 10, exportTimeout: 2, shutdown: 0, total: 21 },
      queuedSpans: 12,
      failing: true,
    });
  });
});
