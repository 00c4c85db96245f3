import {
  createContextKey,
  isSpanContextValid,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { readCombinedHeaderValue, readSingleHeaderValue } from './carrier-headers.js';
import {
  formatTraceParent,
  parseTraceParent,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
} from './traceparent.js';
import { W3CTraceState } from './trace-state.js';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** The flags of the `traceparent` a context was extracted from, and whose trace they belong to. */
interface IncomingTraceFlags {
  readonly traceId: string;
  readonly traceFlags: number;
}

// The SDK keeps only the sampled bit in SpanContext.traceFlags (its spans take their flags from
// the sampling decision), so the incoming random bit would be lost by the time we inject. The
// context remembers it instead, together with the trace id it was sent for.
const INCOMING_TRACE_FLAGS_KEY = createContextKey('tracekit incoming W3C trace flags');

/**
 * W3C Trace Context Level 2 propagator (`traceparent`, `tracestate`), including the random
 * trace-id flag. Invalid input is ignored, so a new trace starts; it never throws.
 */
export class W3CTraceContextPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (!spanContext || !isSpanContextValid(spanContext) || isTracingSuppressed(context)) return;

    const traceFlags =
      (spanContext.traceFlags & TRACE_FLAG_SAMPLED) |
      (hasRandomTraceId(context, spanContext) ? TRACE_FLAG_RANDOM : 0);
    setter.set(carrier, TRACEPARENT_HEADER, formatTraceParent(spanContext.traceId, spanContext.spanId, traceFlags));

    const traceState = serializeTraceState(spanContext);
    if (traceState !== '') setter.set(carrier, TRACESTATE_HEADER, traceState);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    // Two traceparent fields are ambiguous: the W3C test suite expects a restart, not a pick.
    const traceParentValue = readSingleHeaderValue(getter, carrier, TRACEPARENT_HEADER);
    if (traceParentValue === undefined) return context;
    const traceParent = parseTraceParent(traceParentValue);
    if (!traceParent) return context;

    const spanContext: SpanContext = {
      traceId: traceParent.traceId,
      spanId: traceParent.spanId,
      isRemote: true,
      traceFlags: traceParent.traceFlags & TraceFlags.SAMPLED,
    };
    const traceStateValue = readCombinedHeaderValue(getter, carrier, TRACESTATE_HEADER);
    if (traceStateValue !== undefined) {
      const traceState = W3CTraceState.fromHeader(traceStateValue);
      if (traceState.size > 0) spanContext.traceState = traceState;
    }

    const incoming: IncomingTraceFlags = {
      traceId: traceParent.traceId,
      traceFlags: traceParent.traceFlags & (TRACE_FLAG_SAMPLED | TRACE_FLAG_RANDOM),
    };
    return trace.setSpanContext(context, spanContext).setValue(INCOMING_TRACE_FLAGS_KEY, incoming);
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}

/**
 * Whether the outgoing `traceparent` may claim a random trace id (Level 2 §3.2.2.5.2).
 *
 * - The trace we extracted: the caller's bit is passed on unchanged.
 * - A span context that says so itself (set by code other than the SDK): trusted.
 * - Any other remote span context (extracted by another propagator): we cannot vouch for how
 *   its trace id was made, so no.
 * - Otherwise the trace was started here, by the SDK's random id generator: yes.
 */
function hasRandomTraceId(context: Context, spanContext: SpanContext): boolean {
  if ((spanContext.traceFlags & TRACE_FLAG_RANDOM) !== 0) return true;
  const incoming = context.getValue(INCOMING_TRACE_FLAGS_KEY) as IncomingTraceFlags | undefined;
  if (incoming?.traceId === spanContext.traceId) return (incoming.traceFlags & TRACE_FLAG_RANDOM) !== 0;
  return spanContext.isRemote !== true;
}

/** Applies our validation and size limits to any TraceState implementation before sending it. */
function serializeTraceState(spanContext: SpanContext): string {
  const traceState = spanContext.traceState;
  if (!traceState) return '';
  if (traceState instanceof W3CTraceState) return traceState.serialize();
  return W3CTraceState.fromHeader(traceState.serialize()).serialize();
}
