import type { Context, Span, Tracer } from '@opentelemetry/api';
import type { ResolvedConfig } from './config.js';
import type { ExpressRequest } from './express-internals.js';
import type { RoutingTrace } from './route-template.js';
import type { RpcMetadata } from './server-span.js';

/** What tracekit() knows about one request; stored on the request itself. */
export interface RequestState {
  readonly config: ResolvedConfig;
  /** The request's server span: ours, or the one an HTTP instrumentation already started. */
  readonly span: Span;
  /** The tracer of tracekit()'s own spans (the server span when owned, layer spans). */
  readonly tracer: Tracer;
  /** True when tracekit() started `span` (and so ends it). */
  readonly owned: boolean;
  /** The context the rest of the app runs in (`span` active). */
  readonly context: Context;
  /** The HTTP instrumentation's per-request record, when it started the span. */
  readonly rpc: RpcMetadata | undefined;
  /** What Express's routing did with the request so far (route-template.ts). */
  readonly routing: RoutingTrace;
  /** The first error passed to tracekitErrorHandler(). */
  error?: { readonly value: unknown };
  /** Set once the status line was written. */
  statusCode?: number;
}

/**
 * A registered symbol, so that the ES module and CommonJS copies of this package (or two
 * installed versions) see each other's state and never trace a request twice.
 */
const STATE = Symbol.for('@tracekit/express.request-state');

interface WithState {
  [STATE]?: RequestState;
}

export function getRequestState(req: object): RequestState | undefined {
  return (req as WithState)[STATE];
}

export function setRequestState(req: ExpressRequest, state: RequestState): void {
  Object.defineProperty(req, STATE, { value: state, enumerable: false, configurable: true });
}
