// Counts the spans in an OTLP ExportTraceServiceRequest without decoding them.
//
// The schema below keeps only the path to the spans:
//   ExportTraceServiceRequest.resource_spans = 1
//     ResourceSpans.scope_spans = 2
//       ScopeSpans.spans = 2
// Each span is read as opaque `bytes` (same wire type as a message), so its
// attributes, events and links are never parsed; every other field is skipped.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    ExportTraceServiceRequest: {
      fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } },
    },
    ResourceSpans: {
      fields: { scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 } },
    },
    ScopeSpans: {
      fields: { spans: { rule: 'repeated', type: 'bytes', id: 2 } },
    },
  },
});
const ExportTraceServiceRequest = root.lookupType('ExportTraceServiceRequest');

/** @param {Uint8Array} body an OTLP/HTTP protobuf request body */
export function countProtobufSpans(body) {
  const request = ExportTraceServiceRequest.decode(body);
  let spans = 0;
  for (const resourceSpans of request.resourceSpans) {
    for (const scopeSpans of resourceSpans.scopeSpans) spans += scopeSpans.spans.length;
  }
  return spans;
}

/** @param {string} body an OTLP/HTTP JSON request body */
export function countJsonSpans(body) {
  const request = JSON.parse(body);
  let spans = 0;
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) spans += scopeSpans.spans?.length ?? 0;
  }
  return spans;
}
