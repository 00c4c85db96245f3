/**
 * Reads the server's retry delay from a gRPC error: the `google.rpc.RetryInfo` detail of the
 * `google.rpc.Status` carried in the `grpc-status-details-bin` trailer (the OTLP/gRPC throttling
 * signal). A few fields of three small messages are all that is needed, so they are read with
 * the minimal protobuf reader rather than a schema library; anything malformed reads as "no
 * delay given".
 */

import { protobufFields as fields } from './protobuf-reader.js';

const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';
/** A delay beyond this is not a throttling hint we follow (it would stop export for days). */
const MAX_RETRY_DELAY_MILLIS = 10 * 60 * 1000;

interface MetadataLike {
  get(key: string): unknown[];
}

/** The delay the server asked for, in milliseconds, or undefined when it sent no RetryInfo. */
export function retryInfoDelayMillis(error: unknown): number | undefined {
  const metadata = (error as { metadata?: unknown } | undefined)?.metadata;
  if (!metadata || typeof (metadata as MetadataLike).get !== 'function') return undefined;
  let values: unknown[];
  try {
    values = (metadata as MetadataLike).get(STATUS_DETAILS_KEY);
  } catch {
    return undefined;
  }
  for (const value of values) {
    if (!(value instanceof Uint8Array)) continue;
    const delay = safely(() => delayFromStatus(value));
    if (delay !== undefined) return delay;
  }
  return undefined;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** google.rpc.Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; } */
function delayFromStatus(bytes: Uint8Array): number | undefined {
  for (const field of fields(bytes)) {
    if (field.number !== 3 || !field.bytes) continue;
    let typeUrl = '';
    let value: Uint8Array | undefined;
    // google.protobuf.Any { string type_url = 1; bytes value = 2; }
    for (const anyField of fields(field.bytes)) {
      if (anyField.number === 1 && anyField.bytes) typeUrl = new TextDecoder().decode(anyField.bytes);
      if (anyField.number === 2 && anyField.bytes) value = anyField.bytes;
    }
    if (typeUrl === RETRY_INFO_TYPE) return delayFromRetryInfo(value ?? new Uint8Array());
  }
  return undefined;
}

/** google.rpc.RetryInfo { google.protobuf.Duration retry_delay = 1; } Duration { int64 seconds = 1; int32 nanos = 2; } */
function delayFromRetryInfo(bytes: Uint8Array): number {
  let seconds = 0;
  let nanos = 0;
  for (const field of fields(bytes)) {
    if (field.number !== 1 || !field.bytes) continue;
    for (const durationField of fields(field.bytes)) {
      if (durationField.number === 1 && durationField.varint !== undefined) seconds = durationField.varint;
      if (durationField.number === 2 && durationField.varint !== undefined) nanos = durationField.varint;
    }
  }
  const millis = seconds * 1000 + nanos / 1e6;
  return Number.isFinite(millis) ? Math.min(Math.max(0, millis), MAX_RETRY_DELAY_MILLIS) : 0;
}
