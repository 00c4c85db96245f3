import {
  isSpanContextValid,
  propagation,
  trace,
  TraceFlags,
  type Baggage,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { BAGGAGE_MAX_BYTES, BaggageBudget } from './baggage-limits.js';
import { readSingleHeaderValue } from './carrier-headers.js';
import { isToken, trimOptionalWhitespace } from './http-text.js';
import { percentDecode, percentEncode } from './percent-encoding.js';

export const UBER_TRACE_ID_HEADER = 'uber-trace-id';
export const UBER_BAGGAGE_HEADER_PREFIX = 'uberctx-';

const JAEGER_FLAG_SAMPLED = 0x01;
const JAEGER_FLAG_DEBUG = 0x02;
// OpenTelemetry does not reuse a span id for both sides of a call, so there is no parent to
// send; Jaeger documents the field as deprecated and 0 as its value.
const DEPRECATED_PARENT_SPAN_ID = '0';

const TRACE_ID_HEX = /^[0-9a-fA-F]{1,32}$/;
const SPAN_ID_HEX = /^[0-9a-fA-F]{1,16}$/;
const FLAGS_HEX = /^[0-9a-fA-F]{1,2}$/;
// Long enough for any valid header, even percent-encoded; longer values are not parsed at all.
const MAX_UBER_TRACE_ID_LENGTH = 256;

/**
 * Jaeger propagator: `uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}` and one
 * `uberctx-{key}` header per baggage item, values URL-encoded. Injects as well as extracts.
 *
 * Jaeger clients drop leading zeros from ids, so shorter ids are left-padded (64-bit trace ids
 * become 128-bit ones with a zero high half). The debug flag implies sampled. Baggage obeys
 * the same limits as W3C baggage. `fields()` lists only `uber-trace-id`: the baggage header
 * names depend on the baggage.
 */
export class JaegerPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (isTracingSuppressed(context)) return;
    const spanContext = trace.getSpanContext(context);
    if (spanContext && isSpanContextValid(spanContext)) {
      setter.set(carrier, UBER_TRACE_ID_HEADER, formatUberTraceId(spanContext));
    }
    const baggage = propagation.getBaggage(context);
    if (baggage) injectBaggage(baggage, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let extracted = context;
    const uberTraceId = readSingleHeaderValue(getter, carrier, UBER_TRACE_ID_HEADER);
    const spanContext = uberTraceId === undefined ? undefined : parseUberTraceId(uberTraceId);
    if (spanContext) extracted = trace.setSpanContext(extracted, spanContext);

    const items = readBaggageItems(carrier, getter);
    if (items.length > 0) {
      let baggage: Baggage = propagation.getBaggage(extracted) ?? propagation.createBaggage();
      for (const [key, value] of items) baggage = baggage.setEntry(key, { value });
      extracted = propagation.setBaggage(extracted, baggage);
    }
    return extracted;
  }

  fields(): string[] {
    return [UBER_TRACE_ID_HEADER];
  }
}

export function parseUberTraceId(headerValue: string): SpanContext | undefined {
  if (headerValue.length > MAX_UBER_TRACE_ID_LENGTH) return undefined;
  const parts = trimOptionalWhitespace(percentDecode(headerValue)).split(':');
  if (parts.length !== 4) return undefined;
  const [traceId = '', spanId = '', parentSpanId = '', flags = ''] = parts;
  if (!TRACE_ID_HEX.test(traceId) || !SPAN_ID_HEX.test(spanId) || !SPAN_ID_HEX.test(parentSpanId)) {
    return undefined;
  }
  if (!FLAGS_HEX.test(flags)) return undefined;

  const jaegerFlags = Number.parseInt(flags, 16);
  const sampled = (jaegerFlags & (JAEGER_FLAG_SAMPLED | JAEGER_FLAG_DEBUG)) !== 0;
  const spanContext: SpanContext = {
    traceId: traceId.toLowerCase().padStart(32, '0'),
    spanId: spanId.toLowerCase().padStart(16, '0'),
    isRemote: true,
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}

function formatUberTraceId(spanContext: SpanContext): string {
  const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0;
  const flags = sampled ? '01' : '00';
  return `${spanContext.traceId}:${spanContext.spanId}:${DEPRECATED_PARENT_SPAN_ID}:${flags}`;
}

function injectBaggage(baggage: Baggage, carrier: unknown, setter: TextMapSetter): void {
  const budget = new BaggageBudget();
  for (const [key, entry] of baggage.getAllEntries()) {
    // The key becomes part of a header name, so it must be a token.
    if (!isToken(key) || typeof entry.value !== 'string') continue;
    const value = percentEncode(entry.value);
    if (budget.tryAdmit(`${key}=${value}`)) setter.set(carrier, UBER_BAGGAGE_HEADER_PREFIX + key, value);
    if (budget.isFull) return;
  }
}

function readBaggageItems(carrier: unknown, getter: TextMapGetter): Array<[string, string]> {
  const budget = new BaggageBudget();
  const items: Array<[string, string]> = [];
  for (const headerName of getter.keys(carrier)) {
    if (typeof headerName !== 'string' || headerName.length <= UBER_BAGGAGE_HEADER_PREFIX.length) continue;
    if (headerName.slice(0, UBER_BAGGAGE_HEADER_PREFIX.length).toLowerCase() !== UBER_BAGGAGE_HEADER_PREFIX) {
      continue;
    }
    const key = headerName.slice(UBER_BAGGAGE_HEADER_PREFIX.length);
    const value = firstString(getter.get(carrier, headerName));
    if (value === undefined || key.length + value.length > BAGGAGE_MAX_BYTES) continue;
    const decoded = percentDecode(value);
    if (budget.tryAdmit(`${key}=${decoded}`)) items.push([key, decoded]);
    if (budget.isFull) break;
  }
  return items;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
  return undefined;
}
