import type { Context, TextMapPropagator } from '@opentelemetry/api';

/** Propagates nothing: what `OTEL_PROPAGATORS=none` asks for. */
export class NoopTextMapPropagator implements TextMapPropagator {
  inject(): void {}

  extract(context: Context): Context {
    return context;
  }

  fields(): string[] {
    return [];
  }
}
