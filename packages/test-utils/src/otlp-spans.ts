/**
 * Flattens an ExportTraceServiceRequest (decoded from protobuf or parsed from OTLP/JSON) into
 * ReceivedSpan objects, each carrying its resource and scope.
 */
import {
  asArray,
  asObject,
  field,
  readEnum,
  readInt64,
  readKeyValues,
  readId,
  readRequiredId,
  readString,
  readUint32,
} from './otlp-values.js';
import type {
  OtlpProtocol,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanLink,
  ReceivedSpanStatus,
  SpanKindName,
  StatusCodeName,
} from './types.js';

const SPAN_KINDS: readonly SpanKindName[] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

export function spansFromExportRequest(request: unknown, protocol: OtlpProtocol): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  const resourceSpansList = asArray(field(asObject(request, 'request'), 'resourceSpans'), 'resourceSpans');
  resourceSpansList.forEach((resourceSpansValue, r) => {
    const path = `resourceSpans[${r}]`;
    const resourceSpans = asObject(resourceSpansValue, path);
    const resourceValue = field(resourceSpans, 'resource');
    const resource =
      resourceValue === undefined || resourceValue === null
        ? {}
        : readKeyValues(field(asObject(resourceValue, `${path}.resource`), 'attributes'), `${path}.resource.attributes`);
    asArray(field(resourceSpans, 'scopeSpans'), `${path}.scopeSpans`).forEach((scopeSpansValue, s) => {
      const scopePath = `${path}.scopeSpans[${s}]`;
      const scopeSpans = asObject(scopeSpansValue, scopePath);
      const scope = readScope(field(scopeSpans, 'scope'), `${scopePath}.scope`);
      asArray(field(scopeSpans, 'spans'), `${scopePath}.spans`).forEach((spanValue, i) => {
        spans.push({ ...readSpan(spanValue, `${scopePath}.spans[${i}]`), resource, scope, protocol });
      });
    });
  });
  return spans;
}

function readScope(value: unknown, path: string): ReceivedScope {
  if (value === undefined || value === null) return { name: '' };
  const scope = asObject(value, path);
  const result: ReceivedScope = { name: readString(field(scope, 'name'), `${path}.name`) };
  const version = readString(field(scope, 'version'), `${path}.version`);
  if (version !== '') result.version = version;
  return result;
}

type SpanWithoutContext = Omit<ReceivedSpan, 'resource' | 'scope' | 'protocol'>;

function readSpan(value: unknown, path: string): SpanWithoutContext {
  const span = asObject(value, path);
  const result: SpanWithoutContext = {
    traceId: readRequiredId(field(span, 'traceId'), TRACE_ID_BYTES, `${path}.traceId`),
    spanId: readRequiredId(field(span, 'spanId'), SPAN_ID_BYTES, `${path}.spanId`),
    name: readString(field(span, 'name'), `${path}.name`),
    kind: SPAN_KINDS[readEnum(field(span, 'kind'), SPAN_KINDS, 'SPAN_KIND_', `${path}.kind`)] ?? 'UNSPECIFIED',
    startTimeUnixNano: readInt64(field(span, 'startTimeUnixNano'), `${path}.startTimeUnixNano`),
    endTimeUnixNano: readInt64(field(span, 'endTimeUnixNano'), `${path}.endTimeUnixNano`),
    attributes: readKeyValues(field(span, 'attributes'), `${path}.attributes`),
    status: readStatus(field(span, 'status'), `${path}.status`),
    events: asArray(field(span, 'events'), `${path}.events`).map((event, i) => readEvent(event, `${path}.events[${i}]`)),
    links: asArray(field(span, 'links'), `${path}.links`).map((link, i) => readLink(link, `${path}.links[${i}]`)),
  };
  const parentSpanId = readId(field(span, 'parentSpanId'), SPAN_ID_BYTES, `${path}.parentSpanId`);
  if (parentSpanId !== undefined) result.parentSpanId = parentSpanId;
  const traceState = readString(field(span, 'traceState'), `${path}.traceState`);
  if (traceState !== '') result.traceState = traceState;
  const flags = readUint32(field(span, 'flags'), `${path}.flags`);
  if (flags !== 0) result.flags = flags;
  return result;
}

function readStatus(value: unknown, path: string): ReceivedSpanStatus {
  if (value === undefined || value === null) return { code: 'UNSET' };
  const status = asObject(value, path);
  const code = readEnum(field(status, 'code'), STATUS_CODES, 'STATUS_CODE_', `${path}.code`);
  const result: ReceivedSpanStatus = { code: STATUS_CODES[code] ?? 'UNSET' };
  const message = readString(field(status, 'message'), `${path}.message`);
  if (message !== '') result.message = message;
  return result;
}

function readEvent(value: unknown, path: string): ReceivedSpanEvent {
  const event = asObject(value, path);
  return {
    name: readString(field(event, 'name'), `${path}.name`),
    timeUnixNano: readInt64(field(event, 'timeUnixNano'), `${path}.timeUnixNano`),
    attributes: readKeyValues(field(event, 'attributes'), `${path}.attributes`),
  };
}

function readLink(value: unknown, path: string): ReceivedSpanLink {
  const link = asObject(value, path);
  const result: ReceivedSpanLink = {
    traceId: readRequiredId(field(link, 'traceId'), TRACE_ID_BYTES, `${path}.traceId`),
    spanId: readRequiredId(field(link, 'spanId'), SPAN_ID_BYTES, `${path}.spanId`),
    attributes: readKeyValues(field(link, 'attributes'), `${path}.attributes`),
  };
  const traceState = readString(field(link, 'traceState'), `${path}.traceState`);
  if (traceState !== '') result.traceState = traceState;
  const flags = readUint32(field(link, 'flags'), `${path}.flags`);
  if (flags !== 0) result.flags = flags;
  return result;
}
