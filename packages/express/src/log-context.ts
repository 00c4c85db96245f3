import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { LogContext } from './types.js';

/**
 * The active span's ids (inside a request: its server span, or the current layer or child
 * span), or undefined outside any span. Works under any OpenTelemetry SDK.
 */
export function getLogContext(): LogContext | undefined {
  const span = trace.getSpan(context.active());
  if (span === undefined) return undefined;
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return undefined;
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0'),
  };
}

/**
 * The fields to merge into a log line: `getLogContext()`, or `{}` outside a span. Its shape
 * fits pino's `mixin` option as is: `pino({ mixin: logFields })`.
 */
export function logFields(): Partial<LogContext> {
  return getLogContext() ?? {};
}
