import { SpanKind, createContextKey, trace, type Context, type Span } from '@opentelemetry/api';

/**
 * The record OpenTelemetry's HTTP instrumentation puts in the context of each inbound request
 * (`RPCMetadata` of @opentelemetry/core): frameworks set `route`, and the instrumentation names
 * its server span `METHOD route` and sets `http.route` when the response ends. The key is a
 * registered symbol, so it is recreated here from the API alone.
 */
export interface RpcMetadata {
  type: string;
  span: Span;
  route?: string;
}

const RPC_METADATA_KEY = createContextKey('OpenTelemetry SDK Context Key RPC_METADATA');
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');
const RPC_TYPE_HTTP = 'http';

export function rpcMetadata(ctx: Context): RpcMetadata | undefined {
  const value = ctx.getValue(RPC_METADATA_KEY) as RpcMetadata | undefined;
  return value?.type === RPC_TYPE_HTTP && value.span !== undefined ? value : undefined;
}

/** True inside a request an HTTP instrumentation chose not to trace (an ignored path, say). */
export function isTracingSuppressed(ctx: Context): boolean {
  return ctx.getValue(SUPPRESS_TRACING_KEY) === true;
}

/**
 * The server span some other layer already started for this request, if any: the HTTP
 * instrumentation's (found through its RPC metadata, sampled or not), or an active span that
 * says it is a SERVER span (SDK spans expose `kind`).
 */
export function existingServerSpan(ctx: Context): { span: Span; rpc: RpcMetadata | undefined } | undefined {
  const rpc = rpcMetadata(ctx);
  if (rpc !== undefined) return { span: rpc.span, rpc };
  const active = trace.getSpan(ctx);
  if (active !== undefined && (active as { kind?: unknown }).kind === SpanKind.SERVER) return { span: active, rpc: undefined };
  return undefined;
}
