import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * Creates the real exporter on the first export instead of at start: loading an OTLP exporter
 * package (its transformer, protobuf writer, HTTP or gRPC client) is about 20 ms of the app's
 * start-up, and the first batch leaves seconds later anyway.
 */
export class LazySpanExporter implements SpanExporter {
  private inner: SpanExporter | undefined;

  constructor(private readonly create: () => SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner ??= this.create();
    this.inner.export(spans, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner?.shutdown() ?? Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return this.inner?.forceFlush?.() ?? Promise.resolve();
  }
}
