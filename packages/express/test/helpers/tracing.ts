import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach } from 'vitest';

export interface TestTracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: TracerProvider;
  /** Resolves once `count` spans ended (server spans end when the response closes). */
  spans(count: number, timeoutMs?: number): Promise<ReadableSpan[]>;
}

/**
 * An SDK for one test file: in-memory export, the AsyncLocalStorage context manager and the
 * W3C propagator installed as globals before each test and removed after it.
 */
export function useTestTracing(): TestTracing {
  let exporter = new InMemorySpanExporter();
  let provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  beforeEach(() => {
    // Fresh ones each time: shutting a provider down stops its exporter for good.
    exporter = new InMemorySpanExporter();
    provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  return {
    get exporter() {
      return exporter;
    },
    get provider() {
      return provider;
    },
    async spans(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (exporter.getFinishedSpans().length < count) {
        if (Date.now() > deadline) {
          const names = exporter.getFinishedSpans().map((span) => span.name);
          throw new Error(`expected ${count} spans, got ${names.length}: ${JSON.stringify(names)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // A little longer, so a test that expects exactly `count` sees any extra span.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return exporter.getFinishedSpans();
    },
  };
}
