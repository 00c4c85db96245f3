import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/** W3C Trace Context Level 2 response header: the callee's trace id, span id and flags. */
export const TRACERESPONSE_HEADER = 'traceresponse';
export const SERVER_TIMING_HEADER = 'server-timing';
/** The Server-Timing metric browser SDKs read the server's trace context from. */
export const SERVER_TIMING_METRIC = 'traceparent';

/** `00-<trace-id>-<span-id>-<flags>`, or undefined for a context that is not ours to give. */
export function traceResponseValue(spanContext: SpanContext): string | undefined {
  // A remote context is the caller's own (no SDK, or an instrumentation that reuses the
  // parent): echoing it back would point the caller at its own span.
  if (!isSpanContextValid(spanContext) || spanContext.isRemote === true) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

export function serverTimingEntry(traceResponse: string): string {
  return `${SERVER_TIMING_METRIC};desc="${traceResponse}"`;
}

/**
 * Adds `traceresponse` (unless the app set one) and appends a Server-Timing entry to whatever
 * Server-Timing the app set, through `res.setHeader` or the headers given to `writeHead`.
 */
export function addTraceHeaders(res: ServerResponse, writeHeadHeaders: OutgoingHttpHeaders | undefined, spanContext: SpanContext): void {
  const value = traceResponseValue(spanContext);
  if (value === undefined) return;
  const entry = serverTimingEntry(value);
  const given = writeHeadHeaders === undefined ? undefined : findKey(writeHeadHeaders, SERVER_TIMING_HEADER);
  if (given !== undefined) {
    writeHeadHeaders![given] = appendEntry(writeHeadHeaders![given], entry);
  } else {
    res.setHeader(SERVER_TIMING_HEADER, appendEntry(res.getHeader(SERVER_TIMING_HEADER), entry));
  }
  const hasTraceResponse = res.hasHeader(TRACERESPONSE_HEADER) || (writeHeadHeaders !== undefined && findKey(writeHeadHeaders, TRACERESPONSE_HEADER) !== undefined);
  if (!hasTraceResponse) res.setHeader(TRACERESPONSE_HEADER, value);
}

function appendEntry(existing: OutgoingHttpHeaders[string], entry: string): string | string[] {
  if (existing === undefined || existing === '') return entry;
  if (Array.isArray(existing)) return [...existing, entry];
  return `${String(existing)}, ${entry}`;
}

function findKey(headers: OutgoingHttpHeaders, name: string): string | undefined {
  return Object.keys(headers).find((key) => key.toLowerCase() === name);
}
