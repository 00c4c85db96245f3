/** Public types of @tracekit/test-utils. Private types stay next to the code that uses them. */

// ---------------------------------------------------------------------------------------------
// Received spans
// ---------------------------------------------------------------------------------------------

export type SpanKindName = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';

export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

/** How a batch of spans reached the receiver. */
export type OtlpProtocol = 'grpc' | 'http/protobuf' | 'http/json';

/** Attribute values with `AnyValue` unwrapped: strings, booleans, numbers (bigint when an int64 is
 * not a safe integer), `Uint8Array` for bytes, arrays and plain objects for kvlists. */
export type Attributes = Record<string, unknown>;

export interface ReceivedSpanEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Attributes;
}

export interface ReceivedSpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
  traceState?: string;
  flags?: number;
}

export interface ReceivedSpanStatus {
  code: StatusCodeName;
  message?: string;
}

export interface ReceivedScope {
  name: string;
  version?: string;
}

/** One span as the receiver decoded it, whatever protocol carried it. */
export interface ReceivedSpan {
  /** 32 lower-case hex digits. */
  traceId: string;
  /** 16 lower-case hex digits. */
  spanId: string;
  /** Absent for a root span (empty in the wire format). */
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  status: ReceivedSpanStatus;
  events: ReceivedSpanEvent[];
  links: ReceivedSpanLink[];
  traceState?: string;
  flags?: number;
  resource: Attributes;
  scope: ReceivedScope;
  protocol: OtlpProtocol;
}

// ---------------------------------------------------------------------------------------------
// OTLP receiver
// ---------------------------------------------------------------------------------------------

/** One export request as the receiver saw it, whether it was accepted or not. */
export interface ReceivedRequest {
  protocol: OtlpProtocol;
  /** Lower-case names. For gRPC these are the call metadata; binary (`-bin`) values are base64. */
  headers: Record<string, string>;
  spanCount: number;
  /** False when the body was malformed or the `respond` hook answered with an error. */
  accepted: boolean;
  /** Why the request was rejected, when it was. */
  error?: string;
}

/** What the `respond` hook sees: the request and the spans it carried. */
export interface ReceiverRequestInfo extends Omit<ReceivedRequest, 'accepted' | 'error'> {
  spans: readonly ReceivedSpan[];
}

/**
 * How the receiver answers one request. A missing `httpStatus` is derived from `grpcCode` and the
 * other way round, so `{ httpStatus: 503 }` also makes gRPC answer `UNAVAILABLE`.
 */
export interface ReceiverResponse {
  httpStatus?: number;
  grpcCode?: number;
  /** Sent as `Retry-After` over HTTP and as `google.rpc.RetryInfo` status details over gRPC. */
  retryAfterSeconds?: number;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type ReceiverRespondHook = (
  request: ReceiverRequestInfo,
) => ReceiverResponse | undefined | Promise<ReceiverResponse | undefined>;

export interface ReceiverTlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
  /** CA used to verify client certificates. */
  ca?: string | Buffer;
  /** Mutual TLS: reject clients without a certificate signed by `ca`. */
  requireClientCert?: boolean;
}

export interface OtlpReceiverOptions {
  /** Serve HTTPS and gRPC over TLS instead of plain text. */
  tls?: ReceiverTlsOptions;
  /** Decide per request how to answer (error codes, delays). Default: success at once. */
  respond?: ReceiverRespondHook;
}

export interface WaitOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/** Either a minimum number of spans, or a condition over all spans received so far. A condition
 * that throws counts as not yet met; its last error is reported on timeout. */
export type SpanCondition = number | ((spans: readonly ReceivedSpan[]) => boolean);

export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT` (`https://` with TLS), for `OTEL_EXPORTER_OTLP_ENDPOINT` with gRPC. */
  readonly grpcEndpoint: string;
  /** `http://127.0.0.1:PORT` (`https://` with TLS), the base URL without a path. */
  readonly httpEndpoint: string;
  /** `httpEndpoint + '/v1/traces'`. */
  readonly tracesUrl: string;
  /** Every accepted span so far, in arrival order. */
  readonly spans: readonly ReceivedSpan[];
  /** Every export request so far, accepted or not. */
  readonly requests: readonly ReceivedRequest[];
  /** Resolves with all spans received so far as soon as the condition holds. */
  waitForSpans(condition: SpanCondition, options?: WaitOptions): Promise<ReceivedSpan[]>;
  /** Forgets all spans and requests. */
  clear(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Fixture runner
// ---------------------------------------------------------------------------------------------

export interface FixtureOptions {
  /** Absolute path of a `.js`, `.cjs` or `.mjs` file. */
  entry: string;
  /** Arguments for node itself, placed before the entry (for example `--import`). */
  nodeArgs?: string[];
  /** Arguments for the script, placed after the entry. */
  args?: string[];
  /** Variables for the child. `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Start from this process's environment instead of only `PATH` and `HOME`. Default false. */
  inheritEnv?: boolean;
  /** Make the child exit by itself if the test process dies without stopping it. Default true. */
  orphanGuard?: boolean;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface FixtureHandle {
  readonly pid: number;
  /** The port printed as `LISTENING <port>`, once seen. */
  readonly port: number | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match in stdout or stderr. */
  waitForOutput(pattern: RegExp | string, options?: WaitOptions): Promise<RegExpExecArray>;
  /** Waits for a `LISTENING <port>` line and returns the port. */
  waitForListening(options?: WaitOptions): Promise<number>;
  /** `http://127.0.0.1:<port><path>`; only after `waitForListening` resolved. */
  url(path?: string): string;
  waitForExit(options?: WaitOptions): Promise<ExitResult>;
  /** Sends a signal (default SIGTERM). Does not wait. */
  kill(signal?: NodeJS.Signals): void;
  /** Sends SIGTERM, then SIGKILL after `timeoutMs` (default 3000), and waits for the exit. */
  stop(options?: WaitOptions): Promise<ExitResult>;
}

// ---------------------------------------------------------------------------------------------
// Trace trees
// ---------------------------------------------------------------------------------------------

/** An expected value: a RegExp that a string must match, a predicate, or a value the actual one
 * must deeply equal (arrays and objects may hold matchers themselves). As an attribute matcher,
 * `undefined` means the attribute must be absent. */
export type ValueMatcher =
  | RegExp
  | ((value: unknown) => boolean)
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | Uint8Array
  | readonly ValueMatcher[]
  | { readonly [key: string]: ValueMatcher };

export type AttributeMatchers = Record<string, ValueMatcher>;

/** A span as a test expects it; only the fields given are checked. */
export interface SpanMatcher {
  name?: string | RegExp;
  kind?: SpanKindName;
  status?: StatusCodeName;
  attributes?: AttributeMatchers;
  resource?: AttributeMatchers;
  /** Instrumentation scope name. */
  scope?: string | RegExp;
}

export interface ExpectedSpan extends SpanMatcher {
  name: string | RegExp;
  children?: ExpectedSpan[];
  /** Fail when the actual span has children beyond the expected ones. Default false. */
  exactChildren?: boolean;
}

export interface SpanNode {
  span: ReceivedSpan;
  children: SpanNode[];
}

export interface TraceTree {
  traceId: string;
  /** Spans whose parent is not among the spans given. */
  roots: SpanNode[];
}

export interface ExpectTraceTreeOptions {
  /** Also try every span, not only roots, as the expected root. Default false. */
  anywhere?: boolean;
}

export interface FormatTraceOptions {
  /** Print every attribute instead of a few key ones. Default false. */
  allAttributes?: boolean;
}

export type SpanQuery = SpanMatcher | ((span: ReceivedSpan) => boolean);
