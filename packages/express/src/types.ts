/** Public types of @tracekit/express. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Attributes, TracerProvider } from '@opentelemetry/api';

/**
 * Options of `tracekit()`. `Req` is your request type (for example `express.Request`), so that
 * `requestAttributes` sees the properties your own middleware adds, such as `req.user`.
 */
export interface TracekitExpressOptions<Req extends IncomingMessage = IncomingMessage> {
  /** Paths never traced: exact match, query string ignored. Default `['/healthz', '/readyz', '/livez']`. */
  ignorePaths?: readonly string[];
  /** Leave requests with `User-Agent: kube-probe/…` untraced. Default `true`. */
  ignoreProbes?: boolean;
  /**
   * Extra attributes for the server span, computed when the response starts, that is after
   * your authentication middleware ran: `(req) => ({ 'enduser.id': req.user?.id })`.
   * `undefined` values are skipped; an exception is reported once and the request goes on.
   */
  requestAttributes?: (req: Req) => Attributes | undefined;
  /**
   * Request headers recorded as `http.request.header.<name>` (string array, as the HTTP
   * semantic conventions say), for example `['x-request-id']`. Case-insensitive. Default none.
   */
  requestHeaders?: readonly string[];
  /** A span per middleware and route handler, children of the server span. Default `false`. */
  layerSpans?: boolean;
  /** Answer with `traceresponse` and a `Server-Timing: traceparent;desc="…"` entry. Default `true`. */
  traceResponseHeaders?: boolean;
  /**
   * The HTTP methods kept as they are in `http.request.method`; any other becomes `_OTHER`.
   * Default: the methods of RFC 9110 and PATCH.
   */
  knownMethods?: readonly string[];
  /** Where the server span's tracer comes from. Default: the global tracer provider. */
  tracerProvider?: TracerProvider;
}

/** Express's `next`. */
export type NextFunction = (error?: unknown) => void;

/** What `tracekit()` returns: pass it to `app.use()` before anything else. */
export type TracekitMiddleware<Req extends IncomingMessage = IncomingMessage> = (
  req: Req,
  res: ServerResponse,
  next: NextFunction,
) => void;

/** What `tracekitErrorHandler()` returns: pass it to `app.use()` after your routes. */
export type TracekitErrorMiddleware = (
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: NextFunction,
) => void;

/** The active span's identifiers under the field names OpenTelemetry's log bridges use. */
export interface LogContext {
  /** 32 lowercase hex characters. */
  trace_id: string;
  /** 16 lowercase hex characters. */
  span_id: string;
  /** 2 lowercase hex characters, `01` when sampled. */
  trace_flags: string;
}
