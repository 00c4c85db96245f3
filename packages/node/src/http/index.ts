import type { TracerProvider } from '@opentelemetry/api';
import { HttpClientInstrumentation } from './client-instrumentation.js';
import { HttpServerInstrumentation, type IgnoreIncoming } from './server-instrumentation.js';

export const HTTP_SCOPE_NAME = '@tracekit/node/http';

/** Server and client spans for Node's `http` and `https`, as one switchable unit. */
export class HttpInstrumentation {
  private readonly server: HttpServerInstrumentation;
  private readonly client: HttpClientInstrumentation;

  constructor(
    tracerProvider: TracerProvider,
    private readonly version: string,
    ignore: IgnoreIncoming,
  ) {
    const tracer = tracerProvider.getTracer(HTTP_SCOPE_NAME, version);
    this.server = new HttpServerInstrumentation(tracer, ignore);
    this.client = new HttpClientInstrumentation(tracer);
    this.server.enable();
    this.client.enable();
  }

  setTracerProvider(tracerProvider: TracerProvider): void {
    const tracer = tracerProvider.getTracer(HTTP_SCOPE_NAME, this.version);
    this.server.setTracer(tracer);
    this.client.setTracer(tracer);
  }

  disable(): void {
    this.server.disable();
    this.client.disable();
  }
}
