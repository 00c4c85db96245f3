import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { describe, expect, it, vi } from 'vitest';
import { KEEPALIVE_BUDGET_BYTES, OtlpJsonExporter } from '../src/index.js';
import { makeSpans } from './otlp-json.test.js';

const spans = (count: number, padding = 100) =>
  makeSpans((provider) => {
    const tracer = provider.getTracer('t');
    for (let i = 0; i < count; i++) tracer.startSpan(`s${i}`, { attributes: { padding: 'x'.repeat(padding) } }).end();
  });

const exportOnce = (exporter: OtlpJsonExporter, batch = spans(1)) =>
  new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));

describe('OtlpJsonExporter', () => {
  it('POSTs JSON with keepalive and succeeds on 2xx', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    const result = await exportOnce(new OtlpJsonExporter({ url: 'https://shop.example/v1/traces', fetch }));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(fetch).toHaveBeenCalledWith('https://shop.example/v1/traces', expect.objectContaining({ method: 'POST', keepalive: true }));
  });

  it('fails the batch on an error answer or a network error', async () => {
    const answer = await exportOnce(new OtlpJsonExporter({ url: '/v1/traces', fetch: async () => new Response('no', { status: 503 }) }));
    expect(answer.code).toBe(ExportResultCode.FAILED);
    expect(answer.error?.message).toBe('HTTP 503');
    const network = await exportOnce(new OtlpJsonExporter({ url: '/v1/traces', fetch: async () => Promise.reject(new TypeError('offline')) }));
    expect(network.code).toBe(ExportResultCode.FAILED);
  });

  it('past the keepalive budget, queues bodies with sendBeacon, and falls back to a plain fetch when the beacon is refused', async () => {
    const requests: RequestInit[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetch = vi.fn(async (_url: RequestInfo | URL, init: RequestInit = {}) => {
      requests.push(init);
      await held;
      return new Response('{}', { status: 200 });
    });
    const beacons: Blob[] = [];
    let acceptBeacon = true;
    const sendBeacon = vi.fn((_url: string, data: Blob) => {
      if (acceptBeacon) beacons.push(data);
      return acceptBeacon;
    });
    const exporter = new OtlpJsonExporter({ url: '/v1/traces', fetch, sendBeacon });
    // ~3 bodies of ~50 kB each: the first fits the budget, the others do not.
    const big = spans(150, 1000);
    const done = exportOnce(exporter, big);
    expect(requests.map((init) => init.keepalive)).toEqual([true]);
    expect(beacons.length).toBeGreaterThan(0);
    expect(beacons[0]!.type).toBe('application/json');
    acceptBeacon = false;
    const refused = exportOnce(exporter, spans(20, 3000));
    expect(requests.at(-1)!.keepalive, 'beacon refused: a plain fetch').toBe(false);
    release();
    expect((await done).code).toBe(ExportResultCode.SUCCESS);
    expect((await refused).code).toBe(ExportResultCode.SUCCESS);
    // The budget is returned once the answers are read.
    await exportOnce(exporter);
    expect(requests.at(-1)!.keepalive).toBe(true);
    expect(KEEPALIVE_BUDGET_BYTES).toBeLessThan(64 * 1024);
  });

  it('refuses to export after shutdown', async () => {
    const exporter = new OtlpJsonExporter({ url: '/v1/traces', fetch: async () => new Response('{}') });
    await exporter.shutdown();
    expect((await exportOnce(exporter)).code).toBe(ExportResultCode.FAILED);
  });
});
