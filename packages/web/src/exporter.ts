import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { messages } from './messages.js';
import { otlpJsonBodies, utf8Length } from './otlp-json.js';

/**
 * Browsers allow at most 64 KiB of request bodies in flight with `keepalive` (and through
 * `sendBeacon`) per page; keep some room for headers.
 */
export const KEEPALIVE_BUDGET_BYTES = 60_000;

export interface ExporterOptions {
  url: string;
  /** The page's own fetch, taken before the fetch instrumentation wraps it. */
  fetch: typeof fetch | undefined;
  sendBeacon?: ((url: string, data: Blob) => boolean) | undefined;
}

/**
 * OTLP/HTTP JSON to `url`. Every request uses `keepalive` while the page's keepalive budget
 * allows, so an export started as the tab closes still reaches the Collector; past the budget,
 * `sendBeacon` queues the body with the browser, and a plain fetch is the last resort.
 * No retries: a failed batch is reported through `diag` and dropped.
 */
export class OtlpJsonExporter implements SpanExporter {
  private inFlightBytes = 0;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: ExporterOptions) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    const sends = otlpJsonBodies(spans, KEEPALIVE_BUDGET_BYTES).map((body) => this.send(body));
    const all = Promise.all(sends).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: Error) => {
        diag.warn(messages.exportFailed(this.options.url, error.message));
        resultCallback({ code: ExportResultCode.FAILED, error });
      },
    );
    this.pending.add(all);
    void all.finally(() => this.pending.delete(all));
  }

  /** Sends one body; its request is issued before this returns (so it runs inside `pagehide`). */
  private send(body: string): Promise<void> {
    const { url, fetch: fetchApi, sendBeacon } = this.options;
    const bytes = utf8Length(body);
    const keepalive = this.inFlightBytes + bytes <= KEEPALIVE_BUDGET_BYTES;
    if (!keepalive && sendBeacon) {
      try {
        if (sendBeacon(url, new Blob([body], { type: 'application/json' }))) return Promise.resolve();
      } catch {
        // Not allowed here (cross-origin JSON): fall through to fetch.
      }
    }
    if (!fetchApi) return Promise.reject(new Error('no fetch in this browser'));
    if (keepalive) this.inFlightBytes += bytes;
    const release = () => {
      if (keepalive) this.inFlightBytes -= bytes;
    };
    return fetchApi(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, keepalive })
      .then(async (response) => {
        // Reading the body to its end is what returns the keepalive budget in Chromium.
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      })
      .finally(release);
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.forceFlush();
  }
}
