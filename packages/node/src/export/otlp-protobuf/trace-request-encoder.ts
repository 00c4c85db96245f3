import type { Attributes, AttributeValue, HrTime, Link, SpanContext } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { RecordingSpan } from '../../trace/recording-span.js';
import { TIME_ORIGIN_SECONDS, nanosAfterOriginSecond } from '../../trace/span-clock.js';
import { ProtobufWriter } from './protobuf-writer.js';

// Wire types.
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

// OTLP span flags (trace.proto): bits 0-7 are the W3C trace flags.
const FLAGS_HAS_IS_REMOTE = 0x100;
const FLAGS_IS_REMOTE = 0x200;

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

const INITIAL_BUFFER_BYTES = 64 * 1024;
/** A larger buffer is dropped after its batch rather than kept for the life of the process. */
const RETAINED_BUFFER_BYTES = 1024 * 1024;
const writer = new ProtobufWriter(INITIAL_BUFFER_BYTES);

/**
 * Encodes spans as an OTLP `ExportTraceServiceRequest` (opentelemetry-proto
 * collector/trace/v1), grouped by resource and then by instrumentation scope, field for field
 * what upstream's serializer sends; fields at their default value are left out, as proto3 allows.
 * Returns a fresh copy: the caller may keep it while the next batch is encoded.
 */
export function encodeTraceRequest(spans: readonly ReadableSpan[]): Uint8Array {
  writer.reset();
  for (const [resource, scopes] of groupByResourceAndScope(spans)) {
    writer.tag(1, LENGTH_DELIMITED); // ExportTraceServiceRequest.resource_spans
    const resourceSpans = writer.begin();
    writeResource(resource);
    for (const scopeSpans of scopes.values()) writeScopeSpans(scopeSpans);
    if (resource.schemaUrl) {
      writer.tag(3, LENGTH_DELIMITED);
      writer.string(resource.schemaUrl);
    }
    writer.finish(resourceSpans);
  }
  const request = writer.copyOut();
  writer.shrinkTo(RETAINED_BUFFER_BYTES, INITIAL_BUFFER_BYTES);
  return request;
}

function groupByResourceAndScope(spans: readonly ReadableSpan[]): Map<Resource, Map<InstrumentationScope, ReadableSpan[]>> {
  const byResource = new Map<Resource, Map<InstrumentationScope, ReadableSpan[]>>();
  for (const span of spans) {
    let byScope = byResource.get(span.resource);
    if (byScope === undefined) {
      byScope = new Map();
      byResource.set(span.resource, byScope);
    }
    const scoped = byScope.get(span.instrumentationScope);
    if (scoped === undefined) byScope.set(span.instrumentationScope, [span]);
    else scoped.push(span);
  }
  return byResource;
}

function writeResource(resource: Resource): void {
  writer.tag(1, LENGTH_DELIMITED); // ResourceSpans.resource
  const start = writer.begin();
  writeAttributes(1, resource.attributes);
  writer.finish(start);
}

function writeScopeSpans(spans: ReadableSpan[]): void {
  const scope = spans[0]!.instrumentationScope;
  writer.tag(2, LENGTH_DELIMITED); // ResourceSpans.scope_spans
  const start = writer.begin();
  writer.tag(1, LENGTH_DELIMITED); // ScopeSpans.scope
  const scopeStart = writer.begin();
  writer.tag(1, LENGTH_DELIMITED);
  writer.string(scope.name);
  if (scope.version) {
    writer.tag(2, LENGTH_DELIMITED);
    writer.string(scope.version);
  }
  const scoped = scope as InstrumentationScope & { attributes?: Attributes };
  if (scoped.attributes) writeAttributes(3, scoped.attributes);
  writer.finish(scopeStart);
  for (const span of spans) writeSpan(span);
  if (scope.schemaUrl) {
    writer.tag(3, LENGTH_DELIMITED);
    writer.string(scope.schemaUrl);
  }
  writer.finish(start);
}

function writeSpan(span: ReadableSpan): void {
  writer.tag(2, LENGTH_DELIMITED); // ScopeSpans.spans
  const start = writer.beginWide();
  const context = span.spanContext();
  writeIds(context);
  const parent = span.parentSpanContext;
  if (parent?.spanId) {
    writer.tag(4, LENGTH_DELIMITED);
    writer.hexBytes(parent.spanId);
  }
  writer.tag(5, LENGTH_DELIMITED);
  writer.string(span.name);
  writer.tag(6, VARINT);
  writer.uint32((span.kind ?? -1) + 1); // SpanKind is the API's kind + 1 (0 is UNSPECIFIED)
  if (span instanceof RecordingSpan && span.timesFromClock) {
    // tracekit's spans keep times as milliseconds: no HrTime arrays to build and read.
    writeMillis(7, span.startMillis);
    writeMillis(8, span.endMillis);
  } else {
    writeTime(7, span.startTime);
    writeTime(8, span.endTime);
  }
  writeAttributes(9, span.attributes);
  writeCount(10, span.droppedAttributesCount);
  for (const event of span.events) writeEvent(event);
  writeCount(12, span.droppedEventsCount);
  for (const link of span.links) writeLink(link);
  writeCount(14, span.droppedLinksCount);
  const status = span.status;
  if (status.code !== 0 || status.message) {
    writer.tag(15, LENGTH_DELIMITED);
    const statusStart = writer.begin();
    if (status.message) {
      writer.tag(2, LENGTH_DELIMITED);
      writer.string(status.message);
    }
    if (status.code !== 0) {
      writer.tag(3, VARINT);
      writer.uint32(status.code);
    }
    writer.finish(statusStart);
  }
  writer.tag(16, FIXED32);
  writer.fixed32(spanFlags(context.traceFlags, parent?.isRemote));
  writer.finishWide(start);
}

/** trace_id (1), span_id (2) and trace_state (3), shared by Span and Span.Link. */
function writeIds(context: SpanContext): void {
  writer.tag(1, LENGTH_DELIMITED);
  writer.hexBytes(context.traceId);
  writer.tag(2, LENGTH_DELIMITED);
  writer.hexBytes(context.spanId);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    writer.tag(3, LENGTH_DELIMITED);
    writer.string(traceState);
  }
}

function writeEvent(event: TimedEvent): void {
  writer.tag(11, LENGTH_DELIMITED); // Span.events
  const start = writer.begin();
  writeTime(1, event.time);
  writer.tag(2, LENGTH_DELIMITED);
  writer.string(event.name);
  if (event.attributes) writeAttributes(3, event.attributes);
  writeCount(4, event.droppedAttributesCount);
  writer.finish(start);
}

function writeLink(link: Link & { droppedAttributesCount?: number }): void {
  writer.tag(13, LENGTH_DELIMITED); // Span.links
  const start = writer.begin();
  writeIds(link.context);
  if (link.attributes) writeAttributes(4, link.attributes);
  writeCount(5, link.droppedAttributesCount);
  writer.tag(6, FIXED32);
  writer.fixed32(spanFlags(link.context.traceFlags, link.context.isRemote));
  writer.finish(start);
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | FLAGS_HAS_IS_REMOTE | (isRemote ? FLAGS_IS_REMOTE : 0);
}

function writeTime(field: number, time: HrTime): void {
  writer.tag(field, FIXED64);
  writer.hrTime(time);
}

function writeMillis(field: number, millis: number): void {
  writer.tag(field, FIXED64);
  const nanos = nanosAfterOriginSecond(millis);
  const carry = Math.floor(nanos / 1e9);
  writer.epochNanos(TIME_ORIGIN_SECONDS + carry, nanos - carry * 1e9);
}

function writeCount(field: number, count: number | undefined): void {
  if (!count) return;
  writer.tag(field, VARINT);
  writer.uint32(count);
}

const encodedKeys = new Map<string, Uint8Array>();
// Attribute keys are few and short in practice; a flood of distinct ones only empties the cache.
const ENCODED_KEYS_LIMIT = 1024;
const CACHED_KEY_MAX_LENGTH = 128;
function encodeKey(key: string): Uint8Array {
  const keyWriter = new ProtobufWriter(key.length * 3 + 8);
  keyWriter.tag(1, LENGTH_DELIMITED);
  keyWriter.string(key);
  keyWriter.tag(2, LENGTH_DELIMITED);
  const encoded = keyWriter.copyOut();
  if (encodedKeys.size >= ENCODED_KEYS_LIMIT) encodedKeys.clear();
  encodedKeys.set(key, encoded);
  return encoded;
}

/** Repeated KeyValue in `field`. */
function writeAttributes(field: number, attributes: Attributes): void {
  // for-in over own keys, not Object.keys: no array per span. Attributes are plain objects.
  for (const key in attributes) {
    if (!Object.hasOwn(attributes, key)) continue;
    writer.tag(field, LENGTH_DELIMITED);
    const start = writer.begin();
    writeKeyValue(key, attributes[key]);
    writer.finish(start);
  }
}

function writeKeyValue(key: string, value: unknown): void {
  let encodedKey = encodedKeys.get(key);
  if (encodedKey === undefined && key.length <= CACHED_KEY_MAX_LENGTH) encodedKey = encodeKey(key);
  if (encodedKey !== undefined) {
    writer.raw(encodedKey);
  } else {
    writer.tag(1, LENGTH_DELIMITED);
    writer.string(key);
    writer.tag(2, LENGTH_DELIMITED);
  }
  const start = writer.begin();
  writeAnyValue(value);
  writer.finish(start);
}

/** The AnyValue oneof; a value of no representable type (null, undefined) is an empty AnyValue. */
function writeAnyValue(value: AttributeValue | unknown): void {
  switch (typeof value) {
    case 'string':
      writer.tag(1, LENGTH_DELIMITED);
      writer.string(value);
      return;
    case 'boolean':
      writer.tag(2, VARINT);
      writer.uint32(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        writer.tag(3, VARINT);
        writer.int64(value);
      } else {
        writer.tag(4, FIXED64);
        writer.double(value);
      }
      return;
    case 'object':
      if (value === null) return;
      if (value instanceof Uint8Array) {
        writer.tag(7, LENGTH_DELIMITED);
        writer.bytes(value);
      } else if (Array.isArray(value)) {
        writer.tag(5, LENGTH_DELIMITED);
        const arrayStart = writer.begin();
        for (const item of value) {
          writer.tag(1, LENGTH_DELIMITED);
          const itemStart = writer.begin();
          writeAnyValue(item);
          writer.finish(itemStart);
        }
        writer.finish(arrayStart);
      } else {
        writer.tag(6, LENGTH_DELIMITED);
        const listStart = writer.begin();
        writeAttributes(1, value as Attributes);
        writer.finish(listStart);
      }
      return;
    default:
      return;
  }
}
