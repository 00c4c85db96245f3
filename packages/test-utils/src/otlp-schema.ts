/**
 * The OTLP trace protobuf schema, written from the public opentelemetry-proto definitions
 * (common/v1, resource/v1, trace/v1, collector/trace/v1), plus the few google.rpc messages a
 * receiver needs to answer errors. Only what a trace receiver reads is declared; unknown fields on
 * the wire are skipped by the decoder, as protobuf requires.
 */
import protobuf from 'protobufjs';

const COMMON_PROTO = `
syntax = "proto3";
package opentelemetry.proto.common.v1;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
`;

const RESOURCE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;

message Resource {
  repeated .opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}
`;

const TRACE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.trace.v1;

message ResourceSpans {
  .opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
}
message ScopeSpans {
  .opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  enum SpanKind {
    SPAN_KIND_UNSPECIFIED = 0;
    SPAN_KIND_INTERNAL = 1;
    SPAN_KIND_SERVER = 2;
    SPAN_KIND_CLIENT = 3;
    SPAN_KIND_PRODUCER = 4;
    SPAN_KIND_CONSUMER = 5;
  }
  SpanKind kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated .opentelemetry.proto.common.v1.KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated .opentelemetry.proto.common.v1.KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4;
  }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  message Link {
    bytes trace_id = 1;
    bytes span_id = 2;
    string trace_state = 3;
    repeated .opentelemetry.proto.common.v1.KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5;
    fixed32 flags = 6;
  }
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status {
  reserved 1;
  string message = 2;
  enum StatusCode {
    STATUS_CODE_UNSET = 0;
    STATUS_CODE_OK = 1;
    STATUS_CODE_ERROR = 2;
  }
  StatusCode code = 3;
}
`;

const TRACE_SERVICE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.collector.trace.v1;

message ExportTraceServiceRequest {
  repeated .opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1;
}
message ExportTraceServiceResponse {
  ExportTracePartialSuccess partial_success = 1;
}
message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}
`;

const RPC_STATUS_PROTO = `
syntax = "proto3";
package google.rpc;

message Status {
  int32 code = 1;
  string message = 2;
  repeated .google.protobuf.Any details = 3;
}
message RetryInfo {
  .google.protobuf.Duration retry_delay = 1;
}
`;

const WELL_KNOWN_PROTO = `
syntax = "proto3";
package google.protobuf;

message Any {
  string type_url = 1;
  bytes value = 2;
}
message Duration {
  int64 seconds = 1;
  int32 nanos = 2;
}
`;

function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  for (const source of [
    WELL_KNOWN_PROTO,
    RPC_STATUS_PROTO,
    COMMON_PROTO,
    RESOURCE_PROTO,
    TRACE_PROTO,
    TRACE_SERVICE_PROTO,
  ]) {
    protobuf.parse(source, root, { keepCase: false });
  }
  root.resolveAll();
  return root;
}

const root = buildRoot();

const exportRequestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const exportResponseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
const rpcStatusType = root.lookupType('google.rpc.Status');
const retryInfoType = root.lookupType('google.rpc.RetryInfo');

/** The gRPC method every OTLP trace exporter calls. */
export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * Decodes a binary ExportTraceServiceRequest into a plain object with camelCase keys, the shape of
 * OTLP/JSON except that ids and bytes stay `Uint8Array` and 64-bit integers become decimal strings.
 * Throws on malformed input.
 */
export function decodeExportRequest(body: Uint8Array): unknown {
  const message = exportRequestType.decode(body);
  return exportRequestType.toObject(message, { longs: String, enums: Number, arrays: true });
}

/** Encodes an ExportTraceServiceRequest from its protobufjs object form: camelCase keys, ids and
 * bytes as Uint8Array, 64-bit integers as numbers or decimal strings. Tests use it to send
 * hand-made requests. */
export function encodeExportRequest(request: Record<string, unknown>): Buffer {
  return Buffer.from(exportRequestType.encode(exportRequestType.fromObject(request)).finish());
}

/** Encodes an empty ExportTraceServiceResponse, which means full success. */
export function encodeExportResponse(): Buffer {
  return Buffer.from(exportResponseType.encode(exportResponseType.create({})).finish());
}

/** Encodes a google.rpc.Status, with a RetryInfo detail when a retry delay is given. */
export function encodeRpcStatus(code: number, message: string, retryAfterSeconds?: number): Buffer {
  const details: { typeUrl: string; value: Uint8Array }[] = [];
  if (retryAfterSeconds !== undefined) {
    const seconds = Math.floor(retryAfterSeconds);
    const nanos = Math.round((retryAfterSeconds - seconds) * 1e9);
    const retryInfo = retryInfoType.fromObject({ retryDelay: { seconds, nanos } });
    details.push({ typeUrl: RETRY_INFO_TYPE_URL, value: retryInfoType.encode(retryInfo).finish() });
  }
  const status = rpcStatusType.fromObject({ code, message, details });
  return Buffer.from(rpcStatusType.encode(status).finish());
}

/** Decodes a google.rpc.Status, returning the retry delay of a RetryInfo detail if present. */
export function decodeRpcStatus(body: Uint8Array): { code: number; message: string; retryAfterSeconds?: number } {
  const object = rpcStatusType.toObject(rpcStatusType.decode(body), { longs: Number, defaults: true, arrays: true });
  const result: { code: number; message: string; retryAfterSeconds?: number } = {
    code: Number(object['code']),
    message: String(object['message']),
  };
  const details = object['details'] as { typeUrl?: string; value?: Uint8Array }[];
  for (const detail of details) {
    if (detail.typeUrl === RETRY_INFO_TYPE_URL && detail.value) {
      const info = retryInfoType.toObject(retryInfoType.decode(detail.value), { longs: Number, defaults: true });
      const delay = info['retryDelay'] as { seconds?: number; nanos?: number } | undefined;
      result.retryAfterSeconds = (delay?.seconds ?? 0) + (delay?.nanos ?? 0) / 1e9;
    }
  }
  return result;
}
