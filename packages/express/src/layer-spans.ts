import { SpanStatusCode, context, trace, type Context, type Span } from '@opentelemetry/api';
import { rootRouter, type ExpressApp, type ExpressLayer, type ExpressRequest } from './express-internals.js';
import { getRequestState, type RequestState } from './request-state.js';
import { routeTemplate } from './route-template.js';
import { recordError } from './span-status.js';

/** Attribute names of the upstream Express instrumentation's layer spans, kept for familiarity. */
export const ATTR_EXPRESS_TYPE = 'express.type';
export const ATTR_EXPRESS_NAME = 'express.name';

type LayerType = 'middleware' | 'request_handler';
type Handler = (this: unknown, req: ExpressRequest, res: NodeJS.EventEmitter, next: (error?: unknown) => void) => unknown;

/** Registered, so wrappers made by another copy of this package are recognised too. */
const WRAPPED = Symbol.for('@tracekit/express.layer-span');
const OWN_MIDDLEWARE = Symbol.for('@tracekit/express.middleware');

export function markOwnMiddleware(fn: object): void {
  Object.defineProperty(fn, OWN_MIDDLEWARE, { value: true });
}

/**
 * With `layerSpans: true`: wraps each middleware and route handler that comes after
 * tracekit() in the app's router (nested routers and routes included) so that it runs in a
 * span of its own. The walk repeats on each request, so layers added later are covered;
 * wrapped layers are marked and skipped. Error handlers (four arguments) are left alone, and so
 * are layers of mounted sub-apps, which Express does not expose (the sub-app itself gets a span).
 */
export function instrumentLayers(app: ExpressApp | undefined, own: object): void {
  const stack = rootRouter(app)?.stack;
  if (!Array.isArray(stack)) return;
  // Under an Express instrumentation our handle may be wrapped (shimmer keeps `__original`).
  const start = stack.findIndex((layer) => layer.handle === own || (layer.handle as { __original?: unknown } | undefined)?.__original === own);
  if (start === -1) return;
  wrapStack(stack.slice(start + 1));
}

function wrapStack(stack: readonly ExpressLayer[]): void {
  for (const layer of stack) {
    if (layer.route !== undefined) {
      if (Array.isArray(layer.route.stack)) wrapLeaves(layer.route.stack, 'request_handler');
      continue;
    }
    const nested = (layer.handle as { stack?: unknown } | undefined)?.stack;
    if (Array.isArray(nested)) wrapStack(nested as ExpressLayer[]);
    else wrapLeaves([layer], 'middleware');
  }
}

function wrapLeaves(layers: readonly ExpressLayer[], type: LayerType): void {
  for (const layer of layers) {
    const handle = layer.handle;
    if (typeof handle !== 'function' || handle.length > 3 || WRAPPED in handle || OWN_MIDDLEWARE in handle) continue;
    layer.handle = withSpan(handle as Handler, type, layer.name ?? handle.name);
  }
}

function withSpan(handle: Handler, type: LayerType, layerName: string | undefined): Handler {
  const wrapped = function (this: unknown, req: ExpressRequest, res: NodeJS.EventEmitter, next: (error?: unknown) => void): unknown {
    const state = getRequestState(req);
    if (state === undefined || !state.span.isRecording()) return handle.call(this, req, res, next);
    const parent = context.active();
    const span = startLayerSpan(state, type, layerName || '<anonymous>', parent);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      res.removeListener('close', end);
      span.end();
    };
    const fail = (error: unknown) => {
      if (!ended) {
        recordError(span, error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      end();
    };
    res.once('close', end);
    const nextInParent = function (this: unknown, error?: unknown) {
      if (error !== undefined && error !== null && error !== 'route' && error !== 'router') fail(error);
      else end();
      // The rest of the chain belongs to the parent, not to this layer.
      return context.with(parent, () => next.call(this, error));
    };
    try {
      const result = context.with(trace.setSpan(parent, span), () => handle.call(this, req, res, nextInParent));
      if (isPromiseLike(result)) result.then(undefined, fail);
      return result;
    } catch (error) {
      fail(error);
      throw error;
    }
  };
  Object.defineProperty(wrapped, WRAPPED, { value: handle });
  Object.defineProperty(wrapped, 'name', { value: handle.name });
  return wrapped;
}

function startLayerSpan(state: RequestState, type: LayerType, layerName: string, parent: Context): Span {
  const name = type === 'request_handler' ? (routeTemplate(state.routing, false) ?? layerName) : layerName;
  const spanName = type === 'request_handler' ? `request handler - ${name}` : `middleware - ${name}`;
  return state.tracer.startSpan(spanName, { attributes: { [ATTR_EXPRESS_TYPE]: type, [ATTR_EXPRESS_NAME]: name } }, parent);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
