import type { Attributes, Tracer, TracerProvider } from '@opentelemetry/api';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';

/** The samplers of the OpenTelemetry specification (`OTEL_TRACES_SAMPLER` values), case-insensitive. */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

/**
 * Where trace headers may go: an origin (`'https://api.shop.example'`), `'self'` for the page's
 * own origin, or a RegExp tested against the full request URL.
 */
export type PropagationTarget = string | RegExp;

/** Where the session id is kept. */
export type SessionStorageKind = 'localStorage' | 'sessionStorage' | 'memory';

export interface SessionOptions {
  /** Default `'localStorage'`: one session across the site's tabs. Falls back to memory when storage is blocked. */
  storage?: SessionStorageKind;
  /** A new session starts after this long without a span. Default 30. */
  inactivityTimeoutMinutes?: number;
  /** A new session starts after this long in any case. Default 240. */
  maxDurationMinutes?: number;
}

export interface BatchOptions {
  /** How long a finished span may wait before its batch is sent. Default 5000. */
  scheduledDelayMillis?: number;
  /** Spans per export request. Default 100. */
  maxExportBatchSize?: number;
  /** Finished spans held before new ones are dropped. Default 1000. */
  maxQueueSize?: number;
}

export interface TracekitWebOptions {
  /** `service.name` of every span, e.g. `'shop-web'`. Required. */
  serviceName: string;
  /** `service.version`. */
  serviceVersion?: string;
  /** More resource attributes (`service.namespace`, `deployment.environment.name`, …). */
  resourceAttributes?: Attributes;
  /**
   * OTLP/HTTP JSON traces endpoint, absolute or relative to the page. Default `'/v1/traces'`
   * (a route of your own site that forwards to the Collector).
   */
  collectorUrl?: string;
  /**
   * Origins that receive `traceparent`, `tracestate` and `baggage`. Default `['self']`.
   * Nothing else does, so trace context never leaks to third-party origins (see the README
   * for the CORS headers those origins must send).
   */
  propagateTo?: PropagationTarget[];
  /** Default `'parentbased_always_on'`. A `Sampler` object is used as it is. */
  sampler?: SamplerName | Sampler;
  /** Ratio for the `traceidratio` samplers, 0…1. Default 1. */
  sampleRatio?: number;
  /** Spans for the page load and its resources. Default true. */
  documentLoad?: boolean;
  /** Continue the page's server trace from its `Server-Timing: traceparent` entry. Default true. */
  serverTiming?: boolean;
  /** A CLIENT span per `fetch`. Default true. */
  fetch?: boolean;
  /** A CLIENT span per `XMLHttpRequest`. Default true. */
  xhr?: boolean;
  /** Spans for user interactions: `true` means `['click']`, or list event types. Default false. */
  userInteraction?: boolean | string[];
  /** A span for each uncaught error and unhandled promise rejection. Default true. */
  errors?: boolean;
  /** `session.id` on every span, or `false` for none. */
  session?: SessionOptions | false;
  batch?: BatchOptions;
  /** Extra span processors, run before the exporting one (e.g. to filter or enrich spans). */
  spanProcessors?: SpanProcessor[];
  /** Print OpenTelemetry's diagnostics and the effective configuration to the console. */
  debug?: boolean;
}

/** What `init()` returns. */
export interface TracekitWeb {
  readonly tracerProvider: TracerProvider;
  /** A tracer for your own spans; they get `session.id` and are exported with the rest. */
  getTracer(name?: string, version?: string): Tracer;
  /** The current session id, or undefined with `session: false`. */
  readonly sessionId: string | undefined;
  /** Sends every finished span now. */
  flush(): Promise<void>;
  /** Flushes, removes every patch and listener, and unregisters the global provider. */
  shutdown(): Promise<void>;
}
