/** A tracer provider wired to one exporter, with no global registration. */
import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';

export interface TestTracing {
  tracer: Tracer;
  provider: TracerProvider;
}

export function createTracing(exporter: SpanExporter, serviceName = 'receiver-test'): TestTracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  return { provider, tracer: provider.getTracer('test-scope', '1.2.3') };
}
