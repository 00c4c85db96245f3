import type * as Grpc from '@grpc/grpc-js';
import { requireModule } from '../load-module.js';
import { TRACEKIT_VERSION } from '../version.js';
import type { TlsFiles } from './exporters.js';

/**
 * One gRPC channel to the Collector and the one call OTLP/gRPC needs: a unary
 * `TraceService/Export` with the request and response as raw bytes (serializing spans is the
 * exporter's job). @grpc/grpc-js is loaded only when a transport is made, so apps exporting
 * over HTTP never load it.
 */

export const TRACE_EXPORT_METHOD = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/**
 * What the upstream OTLP/gRPC exporter leaves at grpc-js's defaults, and why tracekit does not.
 * - Reconnect backoff: grpc-js waits 1 s after a failed connection attempt, 1.6× longer after
 *   each further one, up to 120 s (±20 % jitter): after a Collector outage of a few minutes,
 *   export resumed only up to ~2 minutes after the Collector was back. Capped here at 5 s, so
 *   connection attempts never lie more than ~6 s apart (5 s + 20 % jitter) and export resumes
 *   within a few seconds, the same bound as OTLP/HTTP's retries (5 s). A down Collector costs
 *   one refused TCP connection every few seconds. The same options bound the backoff of DNS
 *   re-resolution.
 * - DNS re-resolution after a failure is rate-limited to once per 30 s by default; 5 s here,
 *   so a Collector that comes back at a new address (a restarted container or a pod behind a
 *   headless Service) is found as quickly. It only applies while connections fail.
 * - A local subchannel pool: by default channels to the same address share one connection and
 *   its backoff state across the process, including the app's own gRPC clients, so one
 *   component's backoff delayed the other. Now tracekit's channel is its own.
 * No keepalive pings: a Collector's default enforcement policy (grpc-go: one ping per 5 min
 * without calls) would answer frequent pings with GOAWAY; a connection that silently died is
 * replaced after repeated deadlines instead (see MAX_DEADLINES_IN_A_ROW).
 */
const CHANNEL_OPTIONS: Grpc.ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 5000,
  'grpc.dns_min_time_between_resolutions_ms': 5000,
  'grpc.use_local_subchannel_pool': 1,
};

/** grpc-js compression algorithm numbers. */
const GRPC_COMPRESSION = { none: 0, gzip: 2 } as const;

/**
 * After this many calls in a row ended with DEADLINE_EXCEEDED the channel is replaced by a new
 * one (the upstream exporter's rule and number): a connection whose peer vanished without
 * closing it stays READY for grpc-js, and every call on it would time out.
 */
const MAX_DEADLINES_IN_A_ROW = 5;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * `tracekit/<version>` first, then the generic OTLP JavaScript exporter token (without a
 * version: this is not the upstream exporter); grpc-js appends `grpc-node-js/<version>`.
 */
export const GRPC_USER_AGENT = `tracekit/${TRACEKIT_VERSION} OTel-OTLP-Exporter-JavaScript`;

export interface GrpcTransportOptions {
  /** The OTLP endpoint as configured: a URL, `host:port`, or a `unix:` address. */
  readonly endpoint: string;
  /** Sent as call metadata with every export. */
  readonly headers: Readonly<Record<string, string>>;
  readonly compression: 'gzip' | 'none';
  /** Plaintext HTTP/2 instead of TLS (decided by the caller from the endpoint and OTEL_EXPORTER_OTLP_INSECURE). */
  readonly plaintext: boolean;
  readonly tls: TlsFiles;
}

/** Called once per send: a grpc-js `ServiceError` (code, details, metadata) or the response bytes. */
export type SendCallback = (error: Grpc.ServiceError | Error | null, response?: Buffer) => void;

export class GrpcTransport {
  private readonly grpc: typeof Grpc;
  private readonly target: string;
  private readonly credentials: Grpc.ChannelCredentials;
  private readonly metadata: Grpc.Metadata;
  private readonly channelOptions: Grpc.ChannelOptions;
  private client: Grpc.Client | undefined;
  private deadlinesInARow = 0;
  private closed = false;

  constructor(options: GrpcTransportOptions) {
    const grpc = requireModule('@grpc/grpc-js') as typeof Grpc;
    this.grpc = grpc;
    this.target = grpcTarget(options.endpoint);
    const { ca, key, cert } = options.tls;
    this.credentials = options.plaintext ? grpc.credentials.createInsecure() : grpc.credentials.createSsl(ca ?? null, key ?? null, cert ?? null);
    this.metadata = new grpc.Metadata();
    for (const [name, value] of Object.entries(options.headers)) this.metadata.set(name, value);
    this.channelOptions = {
      ...CHANNEL_OPTIONS,
      'grpc.default_compression_algorithm': GRPC_COMPRESSION[options.compression],
      'grpc.primary_user_agent': GRPC_USER_AGENT,
    };
  }

  /**
   * One Export call with a deadline of `timeoutMillis`. Never waits for the channel to become
   * ready: while the Collector cannot be reached the call fails at once with UNAVAILABLE.
   */
  send(body: Uint8Array, timeoutMillis: number, callback: SendCallback): void {
    if (this.closed) {
      callback(new Error('the OTLP/gRPC exporter was shut down'));
      return;
    }
    let client: Grpc.Client;
    try {
      client = this.client ??= new this.grpc.Client(this.target, this.credentials, this.channelOptions);
      // grpc-js takes Buffers only; this one is a view of the same memory, not a copy.
      const request = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      client.makeUnaryRequest(TRACE_EXPORT_METHOD, identity, identity, request, this.metadata.clone(), { deadline: Date.now() + timeoutMillis }, (error, response) => {
        this.noteOutcome(client, error);
        callback(error, response);
      });
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.closed = true;
    this.client?.close();
    this.client = undefined;
  }

  private noteOutcome(client: Grpc.Client, error: Grpc.ServiceError | null): void {
    if (error?.code !== GRPC_DEADLINE_EXCEEDED) {
      this.deadlinesInARow = 0;
      return;
    }
    this.deadlinesInARow += 1;
    if (this.deadlinesInARow < MAX_DEADLINES_IN_A_ROW || this.client !== client) return;
    this.deadlinesInARow = 0;
    client.close();
    this.client = undefined;
  }
}

const identity = (bytes: Buffer): Buffer => bytes;

/**
 * The address grpc-js dials for an OTLP endpoint, by the upstream exporter's rules: a `unix:`
 * address as is; otherwise the URL's host and port (a scheme-less `host:port` is read as a URL),
 * path and query ignored. Unlike upstream, a URL without a port keeps its scheme's default
 * (`http://collector` → `collector:80`) instead of grpc-js's default 443.
 */
export function grpcTarget(endpoint: string): string {
  const trimmed = endpoint.trim();
  if (/^unix:/i.test(trimmed)) return trimmed;
  const url = new URL(/^[a-z][\w+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  if (url.port !== '') return url.host;
  return `${url.hostname}:${url.protocol === 'http:' ? 80 : 443}`;
}
