import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

// OTLP/HTTP JSON (opentelemetry-proto's JSON mapping): ids as hex strings, enums as numbers,
// 64-bit integers as decimal strings. Written here rather than taken from otlp-transformer,
// which is several times larger once bundled.

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | Record<string, never>;
interface KeyValue {
  key: string;
  value: AnyValue;
}

function anyValue(value: AttributeValue | null | undefined): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => anyValue(item)) } };
  return {};
}

function keyValues(attributes: Attributes): KeyValue[] {
  const list: KeyValue[] = [];
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) list.push({ key, value: anyValue(value) });
  return list;
}

function nanos([seconds, nanoseconds]: HrTime): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)).toString();
}

/** One span as an OTLP JSON object. */
export function otlpSpan(span: ReadableSpan): Record<string, unknown> {
  const context = span.spanContext();
  const json: Record<string, unknown> = {
    traceId: context.traceId,
    spanId: context.spanId,
    name: span.name,
    kind: span.kind + 1, // API INTERNAL = 0; OTLP SPAN_KIND_INTERNAL = 1
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
    attributes: keyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      timeUnixNano: nanos(event.time),
      name: event.name,
      attributes: keyValues(event.attributes ?? {}),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: keyValues(link.attributes ?? {}),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
    })),
    droppedLinksCount: span.droppedLinksCount,
    status: span.status.message ? { code: span.status.code, message: span.status.message } : { code: span.status.code },
    flags: context.traceFlags,
  };
  const traceState = context.traceState?.serialize();
  if (traceState) json.traceState = traceState;
  if (span.parentSpanContext?.spanId) json.parentSpanId = span.parentSpanContext.spanId;
  return json;
}

/**
 * ExportTraceServiceRequest bodies for `spans`, grouped by resource and scope, each at most
 * `maxBytes` long (a span larger than that alone goes in a body of its own), so a body fits in
 * the browser's keepalive budget.
 */
export function otlpJsonBodies(spans: readonly ReadableSpan[], maxBytes: number): string[] {
  const bodies: string[] = [];
  let batch: { span: ReadableSpan; json: string }[] = [];
  let batchBytes = 0;
  const ENVELOPE_BYTES = 2048; // resource and scope wrappers, generously
  for (const span of spans) {
    const json = JSON.stringify(otlpSpan(span));
    const bytes = utf8Length(json);
    if (batch.length > 0 && batchBytes + bytes + ENVELOPE_BYTES > maxBytes) {
      bodies.push(envelope(batch));
      batch = [];
      batchBytes = 0;
    }
    batch.push({ span, json });
    batchBytes += bytes + 1;
  }
  if (batch.length > 0) bodies.push(envelope(batch));
  return bodies;
}

function envelope(batch: { span: ReadableSpan; json: string }[]): string {
  const byResource = new Map<ReadableSpan['resource'], Map<string, { scope: ReadableSpan['instrumentationScope']; spans: string[] }>>();
  for (const { span, json } of batch) {
    let scopes = byResource.get(span.resource);
    if (!scopes) {
      scopes = new Map();
      byResource.set(span.resource, scopes);
    }
    const { name, version = '', schemaUrl = '' } = span.instrumentationScope;
    const key = `${name}\n${version}\n${schemaUrl}`;
    let scope = scopes.get(key);
    if (!scope) {
      scope = { scope: span.instrumentationScope, spans: [] };
      scopes.set(key, scope);
    }
    scope.spans.push(json);
  }
  const resourceSpans = [...byResource].map(([resource, scopes]) => {
    const scopeSpans = [...scopes.values()].map(({ scope, spans }) => {
      const head = JSON.stringify({ scope: { name: scope.name, version: scope.version ?? '' }, ...(scope.schemaUrl ? { schemaUrl: scope.schemaUrl } : {}) });
      return `${head.slice(0, -1)},"spans":[${spans.join(',')}]}`;
    });
    const head = JSON.stringify({ resource: { attributes: keyValues(resource.attributes), droppedAttributesCount: 0 } });
    return `${head.slice(0, -1)},"scopeSpans":[${scopeSpans.join(',')}]}`;
  });
  return `{"resourceSpans":[${resourceSpans.join(',')}]}`;
}

export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) bytes += code <= 0x7ff || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2; // a surrogate pair is 4 bytes
  }
  return bytes;
}
