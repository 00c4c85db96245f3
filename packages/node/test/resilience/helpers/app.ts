import type { FixtureHandle } from '@tracekit/test-utils';
import type { ExportStats } from '../../../src/index.js';
import { startTracedApp } from '../../helpers/traced-app.js';

export interface AppHealth {
  exportStats: ExportStats[];
  eventLoopDelayMaxMs: number;
  eventLoopDelayP99Ms: number;
  rssAtStart: number;
  maxRss: number;
}

/** Short OTLP timeout and batch delay, so faults show within a test's time. */
export const QUICK_EXPORT = {
  OTEL_BSP_SCHEDULE_DELAY: '50',
  OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
  TRACEKIT_SHUTDOWN_TIMEOUT: '2000',
};

export function startResilienceApp(env: Record<string, string | undefined>): Promise<FixtureHandle> {
  return startTracedApp({ fixture: 'resilience-app.mjs', env: { ...QUICK_EXPORT, ...env } });
}

export async function appHealth(app: FixtureHandle): Promise<AppHealth> {
  const response = await fetch(app.url('/healthz'));
  return (await response.json()) as AppHealth;
}

/** The first exporter's counters (the tests configure one). */
export async function exportStatsOf(app: FixtureHandle): Promise<ExportStats> {
  const stats = (await appHealth(app)).exportStats[0];
  if (!stats) throw new Error('the app reports no exporter');
  return stats;
}

/** Polls the app's counters until `condition` holds; fails with the last counters after `timeoutMs`. */
export async function waitForStats(
  app: FixtureHandle,
  condition: (stats: ExportStats) => boolean,
  timeoutMs = 20_000,
): Promise<ExportStats> {
  const started = Date.now();
  for (;;) {
    const stats = await exportStatsOf(app);
    if (condition(stats)) return stats;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the export counters did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(stats)}\nstderr: ${app.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends `count` requests, `concurrency` at a time; returns the HTTP statuses (0 for a network error). */
export async function sendRequests(url: string, count: number, concurrency = 8, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      try {
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        statuses.push(response.status);
      } catch {
        statuses.push(0);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

export function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

export function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}
