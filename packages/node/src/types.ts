/** Public types of @tracekit/node. */

export const EXPORTER_NAMES = ['otlp', 'console', 'none'] as const;
export type ExporterName = Exclude<(typeof EXPORTER_NAMES)[number], 'none'>;

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export const OTLP_COMPRESSIONS = ['none', 'gzip'] as const;
export type OtlpCompression = (typeof OTLP_COMPRESSIONS)[number];

export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'jaeger_remote',
  'parentbased_jaeger_remote',
] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export const PROPAGATOR_NAMES = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace', 'none'] as const;
export type PropagatorName = (typeof PROPAGATOR_NAMES)[number];

export const LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const RESOURCE_DETECTOR_NAMES = ['env', 'host', 'os', 'process', 'serviceinstance', 'container', 'k8s', 'all', 'none'] as const;
export type ResourceDetectorName = Exclude<(typeof RESOURCE_DETECTOR_NAMES)[number], 'all' | 'none'>;

export const INSTRUMENTATION_NAMES = [
  'http',
  'express',
  'undici',
  'pg',
  'mysql2',
  'ioredis',
  'redis',
  'mongodb',
  'grpc',
  'kafkajs',
  'pino',
  'winston',
] as const;
export type InstrumentationName = (typeof INSTRUMENTATION_NAMES)[number];

export interface JaegerRemoteSamplerConfig {
  /** Base URL of the HTTP remote sampling API (Jaeger or the Collector); `/sampling` is appended. */
  readonly endpoint: string;
  readonly pollingIntervalMs: number;
  readonly initialSamplingRate: number;
}

export interface SamplerConfig {
  readonly name: SamplerName;
  /** For the *traceidratio samplers. */
  readonly ratio?: number;
  /** For the *jaeger_remote samplers. */
  readonly jaegerRemote?: JaegerRemoteSamplerConfig;
}

export interface OtlpConfig {
  readonly protocol: OtlpProtocol;
  /** The full URL spans are sent to (for HTTP it includes `/v1/traces`). */
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly compression: OtlpCompression;
  /** gRPC only: plaintext when the endpoint has no scheme. */
  readonly insecure: boolean;
  readonly certificateFile?: string;
  readonly clientKeyFile?: string;
  readonly clientCertificateFile?: string;
}

export interface BatchConfig {
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
}

export interface SpanLimitsConfig {
  readonly attributeValueLengthLimit: number;
  readonly attributeCountLimit: number;
  readonly eventCountLimit: number;
  readonly linkCountLimit: number;
  readonly attributePerEventCountLimit: number;
  readonly attributePerLinkCountLimit: number;
}

/** The one resolved, frozen configuration tracekit runs with. */
export interface ResolvedConfig {
  readonly disabled: boolean;
  readonly serviceName: string;
  /** Resource attributes from OTEL_RESOURCE_ATTRIBUTES and options, `service.name` included. */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** Empty when OTEL_TRACES_EXPORTER=none: spans are still created and propagated. */
  readonly tracesExporters: readonly ExporterName[];
  readonly otlp: OtlpConfig;
  readonly sampler: SamplerConfig;
  readonly propagators: readonly PropagatorName[];
  readonly batch: BatchConfig;
  readonly spanLimits: SpanLimitsConfig;
  readonly logLevel: LogLevel;
  readonly resourceDetectors: readonly ResourceDetectorName[];
  readonly instrumentations: readonly InstrumentationName[];
  /** Inbound request paths that are never traced (exact match, query string ignored). */
  readonly ignorePaths: readonly string[];
  /** Whether requests from Kubernetes probes (User-Agent `kube-probe/…`) are left untraced. */
  readonly ignoreProbes: boolean;
  /** How long shutdown may take to flush spans, in milliseconds. */
  readonly shutdownTimeoutMillis: number;
  /** Whether tracekit flushes on SIGTERM/SIGINT. */
  readonly handleSignals: boolean;
  /** Whether Express middleware and handler layers get spans of their own (off: one server span per request). */
  readonly expressLayerSpans: boolean;
  /** Baggage keys copied onto every span started where the baggage is present. */
  readonly baggageAttributes: readonly string[];
}

/** Options for `start()`. Each one overrides the matching environment variable. */
export interface TracekitOptions {
  disabled?: boolean;
  serviceName?: string;
  resourceAttributes?: Record<string, string>;
  tracesExporters?: ExporterName[];
  otlp?: Partial<OtlpConfig>;
  sampler?: SamplerConfig;
  propagators?: PropagatorName[];
  batch?: Partial<BatchConfig>;
  spanLimits?: Partial<SpanLimitsConfig>;
  logLevel?: LogLevel;
  resourceDetectors?: ResourceDetectorName[];
  instrumentations?: InstrumentationName[];
  ignorePaths?: string[];
  ignoreProbes?: boolean;
  shutdownTimeoutMillis?: number;
  handleSignals?: boolean;
  expressLayerSpans?: boolean;
  baggageAttributes?: string[];
}
