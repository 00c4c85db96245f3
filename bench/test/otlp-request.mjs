// An OTLP ExportTraceServiceRequest shaped like a real export, for tests:
// resource attributes, several scopes, spans with names, attributes and
// events, all of which the sink's counter must skip over.
import protobuf from 'protobufjs';

// A fuller slice of opentelemetry/proto/trace/v1/trace.proto than the counter's.
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
    AnyValue: { fields: { stringValue: { type: 'string', id: 1 } } },
    Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    Scope: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
    Event: { fields: { name: { type: 'string', id: 2 } } },
    Span: {
      fields: {
        traceId: { type: 'bytes', id: 1 },
        spanId: { type: 'bytes', id: 2 },
        name: { type: 'string', id: 5 },
        kind: { type: 'int32', id: 6 },
        startTimeUnixNano: { type: 'fixed64', id: 7 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 9 },
        events: { rule: 'repeated', type: 'Event', id: 11 },
      },
    },
    ScopeSpans: {
      fields: {
        scope: { type: 'Scope', id: 1 },
        spans: { rule: 'repeated', type: 'Span', id: 2 },
        schemaUrl: { type: 'string', id: 3 },
      },
    },
    ResourceSpans: {
      fields: {
        resource: { type: 'Resource', id: 1 },
        scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
        schemaUrl: { type: 'string', id: 3 },
      },
    },
    ExportTraceServiceRequest: { fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } } },
  },
});
const Request = root.lookupType('ExportTraceServiceRequest');

const span = (name) => ({
  traceId: Buffer.alloc(16, 1),
  spanId: Buffer.alloc(8, 2),
  name,
  kind: 2,
  startTimeUnixNano: 1_700_000_000_000_000_000n.toString(),
  attributes: [{ key: 'http.route', value: { stringValue: '/hello' } }],
  events: [{ name: 'exception' }],
});

/** Two resources; scopes of 2, 0 and 3 spans. */
export const sampleRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] },
      scopeSpans: [
        { scope: { name: '@opentelemetry/instrumentation-http', version: '1' }, spans: [span('GET'), span('GET')] },
        { scope: { name: 'empty' }, spans: [] },
      ],
      schemaUrl: 'https://opentelemetry.io/schemas/1.27.0',
    },
    { scopeSpans: [{ scope: { name: 'router' }, spans: [span('a'), span('b'), span('c')] }] },
  ],
};

export const SAMPLE_SPANS = 5;

export const encodeSampleRequest = () => Request.encode(Request.fromObject(sampleRequest)).finish();
