import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { vi } from 'vitest';
import { init } from '../src/index.js';
import type { TracekitWeb, TracekitWebOptions } from '../src/types.js';

export interface Sent {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
}

/**
 * Starts tracing with a fake `fetch` (recording what the page and the exporter send) and an
 * in-memory exporter beside the real one. Call `stop()` after each test: it shuts the SDK
 * down and restores the globals.
 */
export function startTracing(options: Partial<TracekitWebOptions> = {}) {
  const sent: Sent[] = [];
  const originalFetch = globalThis.fetch;
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, requestInit: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = Object.fromEntries([...new Headers(input instanceof Request ? input.headers : requestInit.headers).entries()].map(([name, value]) => [name.toLowerCase(), value]));
    sent.push({ url: new URL(url, location.href).href, init: requestInit, headers });
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const memory = new InMemorySpanExporter();
  const web: TracekitWeb = init({
    serviceName: 'test-web',
    documentLoad: false,
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
    ...options,
  });
  return {
    web,
    sent,
    /** The page's own requests, without the exporter's. */
    pageRequests: () => sent.filter((request) => !request.url.endsWith('/v1/traces')),
    exports: () => sent.filter((request) => request.url.endsWith('/v1/traces')),
    spans: (): ReadableSpan[] => memory.getFinishedSpans(),
    async stop() {
      await web.shutdown();
      globalThis.fetch = originalFetch;
    },
  };
}

export const settle = (ms = 350) => new Promise((resolve) => setTimeout(resolve, ms));
