import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, context, propagation, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { resolveConfig, type ResolvedConfig } from './config.js';
import { logger, warnOnce } from './diagnostics.js';
import type { ExpressRequest } from './express-internals.js';
import { createIgnoreRequest } from './ignore-requests.js';
import { instrumentLayers, markOwnMiddleware } from './layer-spans.js';
import { messages } from './messages.js';
import { capturedHeaders, normalizedMethod, requestAttributes, spanName } from './request-attributes.js';
import { getRequestState, setRequestState, type RequestState } from './request-state.js';
import { onResponseStart } from './response-start.js';
import { routeTemplate, trackRouting } from './route-template.js';
import { existingServerSpan, isTracingSuppressed } from './server-span.js';
import { applyIncompleteStatus, applyResponseStatus } from './span-status.js';
import { addTraceHeaders } from './trace-headers.js';
import type { TracekitExpressOptions, TracekitMiddleware } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/**
 * The middleware that gives each request one server span named by its route. `app.use()` it
 * before any other middleware.
 *
 * If an HTTP instrumentation (@tracekit/node's, or any OpenTelemetry SDK's) already started a
 * server span for the request, that span is enriched; otherwise one is started here, continuing
 * the trace of the incoming `traceparent` through the global propagator.
 */
export function tracekit<Req extends IncomingMessage = IncomingMessage>(options: TracekitExpressOptions<Req> = {}): TracekitMiddleware<Req> {
  const { config, warnings } = resolveConfig(options);
  for (const warning of warnings) logger().warn(warning);
  const ignore = createIgnoreRequest(config);
  const reported = new Set<string>();

  const middleware = function tracekitMiddleware(req: Req, res: ServerResponse, next: (error?: unknown) => void): void {
    const request = req as unknown as ExpressRequest;
    const active = context.active();
    if (
      getRequestState(request) !== undefined || // an outer tracekit() (a parent app) has it
      isTracingSuppressed(active) ||
      ignore(request.originalUrl ?? request.url, request.headers['user-agent'])
    ) {
      next();
      return;
    }
    const state = startOrEnrich(request, config, active);
    setRequestState(request, state);
    onResponseStart(res, (statusCode, headers) => onResponse(request, res, state, statusCode, headers, reported));
    if (config.layerSpans) instrumentLayers(request.app, middleware);
    if (!state.owned) {
      next();
      return;
    }
    let finished = false;
    res.once('finish', () => (finished = true));
    res.once('close', () => endOwnedSpan(state, finished));
    // Listeners the app adds to req/res (body parsers, say) run in the request's context too,
    // whatever the context manager and however Node schedules the stream's events.
    context.bind(state.context, req);
    context.bind(state.context, res);
    context.with(state.context, next);
  };
  markOwnMiddleware(middleware);
  return middleware;
}

function tracerFor(config: ResolvedConfig): Tracer {
  return (config.tracerProvider ?? trace.getTracerProvider()).getTracer(PACKAGE_NAME, PACKAGE_VERSION);
}

function startOrEnrich(req: ExpressRequest, config: ResolvedConfig, active: Context): RequestState {
  const routing = trackRouting(req);
  const tracer = tracerFor(config);
  const existing = existingServerSpan(active);
  if (existing !== undefined) {
    existing.span.setAttributes(capturedHeaders(req, config.requestHeaders));
    return { config, tracer, span: existing.span, owned: false, context: active, rpc: existing.rpc, routing };
  }
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = normalizedMethod(req.method, config.knownMethods);
  const span: Span = tracer.startSpan(
    spanName(method, undefined),
    { kind: SpanKind.SERVER, attributes: requestAttributes(req, config) },
    parent,
  );
  return { config, tracer, span, owned: true, context: trace.setSpan(parent, span), rpc: undefined, routing };
}

/** Route, status and app attributes are known once the app answers; the headers go out with it. */
function onResponse(
  req: ExpressRequest,
  res: ServerResponse,
  state: RequestState,
  statusCode: number,
  headers: OutgoingHttpHeaders | undefined,
  reported: Set<string>,
): void {
  const { span, config } = state;
  state.statusCode = statusCode;
  const route = routeTemplate(state.routing, state.error !== undefined);
  span.updateName(spanName(normalizedMethod(req.method, config.knownMethods), route));
  if (route !== undefined) span.setAttribute(ATTR_HTTP_ROUTE, route);
  // The HTTP instrumentation renames its span from this when the response ends.
  if (state.rpc !== undefined) state.rpc.route = route;
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
  if (config.requestAttributes !== undefined) {
    try {
      const extra = config.requestAttributes(req);
      if (extra !== undefined) span.setAttributes(extra);
    } catch (error) {
      warnOnce(reported, 'requestAttributes', messages.requestAttributesFailed(error));
    }
  }
  applyResponseStatus(span, statusCode, state.error);
  if (config.traceResponseHeaders) addTraceHeaders(res, headers, span.spanContext());
}

function endOwnedSpan(state: RequestState, finished: boolean): void {
  if (!finished) applyIncompleteStatus(state.span, state.error);
  state.span.end();
}
