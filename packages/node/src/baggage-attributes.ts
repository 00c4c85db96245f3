import { propagation, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Copies the listed baggage entries onto each span as it starts, so a value such as a tenant
 * id set once at the edge is searchable on every span of the trace without code in each service.
 */
export class BaggageAttributesSpanProcessor implements SpanProcessor {
  constructor(private readonly keys: readonly string[]) {}

  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    if (!baggage) return;
    for (const key of this.keys) {
      const entry = baggage.getEntry(key);
      if (entry !== undefined) span.setAttribute(key, entry.value);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
