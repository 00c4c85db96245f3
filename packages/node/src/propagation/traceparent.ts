import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { trimOptionalWhitespace } from './http-text.js';

/** W3C Trace Context Level 2 `traceparent` fields, as sent in version 00. */
export interface TraceParent {
  readonly traceId: string;
  readonly spanId: string;
  /** The 8-bit trace-flags field as received; callers mask the bits they understand. */
  readonly traceFlags: number;
}

/** `traceparent` flag bits defined by W3C Trace Context Level 2. */
export const TRACE_FLAG_SAMPLED = 0x01;
export const TRACE_FLAG_RANDOM = 0x02;

const SUPPORTED_VERSION = '00';
const FORBIDDEN_VERSION = 'ff';
const VERSION_00_LENGTH = 55;
const TRACE_ID_START = 3;
const SPAN_ID_START = 36;
const FLAGS_START = 53;
const LOWERCASE_HEX = /^[0-9a-f]+$/;

/**
 * Parses a `traceparent` value. Returns `undefined` for anything the spec says to ignore, so
 * that the caller starts a new trace; never throws.
 *
 * Version 00 must match the format exactly. A higher version (other than the forbidden `ff`) is
 * read by its first 55 characters, which must be followed by the end of the value or a `-`
 * introducing fields this version does not know (§3.2.4, versioning of traceparent).
 * Surrounding spaces and tabs are HTTP optional whitespace, not part of the value.
 */
export function parseTraceParent(headerValue: string): TraceParent | undefined {
  const value = trimOptionalWhitespace(headerValue);
  if (value.length < VERSION_00_LENGTH) return undefined;

  const version = value.slice(0, 2);
  if (!isLowercaseHex(version) || version === FORBIDDEN_VERSION) return undefined;
  if (version === SUPPORTED_VERSION) {
    if (value.length !== VERSION_00_LENGTH) return undefined;
  } else if (value.length > VERSION_00_LENGTH && value[VERSION_00_LENGTH] !== '-') {
    return undefined;
  }

  if (value[2] !== '-' || value[SPAN_ID_START - 1] !== '-' || value[FLAGS_START - 1] !== '-') {
    return undefined;
  }
  const traceId = value.slice(TRACE_ID_START, SPAN_ID_START - 1);
  const spanId = value.slice(SPAN_ID_START, FLAGS_START - 1);
  const flags = value.slice(FLAGS_START, VERSION_00_LENGTH);
  if (!isLowercaseHex(traceId) || !isLowercaseHex(spanId) || !isLowercaseHex(flags)) {
    return undefined;
  }
  // The api's validators also reject the all-zero ids the spec forbids.
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;

  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) };
}

/** Formats a version 00 `traceparent`; only the flag bits this version defines are written. */
export function formatTraceParent(traceId: string, spanId: string, traceFlags: number): string {
  const knownFlags = traceFlags & (TRACE_FLAG_SAMPLED | TRACE_FLAG_RANDOM);
  return `${SUPPORTED_VERSION}-${traceId}-${spanId}-${knownFlags.toString(16).padStart(2, '0')}`;
}

function isLowercaseHex(text: string): boolean {
  return LOWERCASE_HEX.test(text);
}
