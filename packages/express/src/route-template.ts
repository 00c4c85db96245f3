import { IncomingMessage } from 'node:http';
import type { ExpressRequest } from './express-internals.js';

/**
 * `req.baseUrl` as Express set it at one mount level, and its template: `/users/42` and
 * `/users/:id` for a router mounted with `app.use('/users/:id', router)`.
 */
export interface MountFrame {
  readonly url: string;
  readonly template: string;
}

/** What the request's routing has shown so far; see `trackRouting`. */
export interface RoutingTrace {
  /** Mount frames, the outermost first. */
  readonly frames: MountFrame[];
  /** The last route Express matched, with its full template computed at that moment. */
  matched?: { readonly route: unknown; readonly template: string };
  /** Set when a later layer took the request over after `matched` (the route called `next()`). */
  superseded: boolean;
}

/** Per-request routing state, kept on the request under a symbol. */
interface TrackedRouting extends RoutingTrace {
  baseUrl: string;
  params: unknown;
  /** `req.route` was just set: the next `req.params` belongs to the same match. */
  sameMatch: boolean;
}

// Registered symbols: the ESM and CommonJS builds of this package (both loaded when an ESM
// register meets a CommonJS app) must share the state on the request and on the prototype.
const ROUTING = Symbol.for('tracekit.express.routing');
const VALUE = {
  baseUrl: Symbol.for('tracekit.express.baseUrl'),
  route: Symbol.for('tracekit.express.route'),
  params: Symbol.for('tracekit.express.params'),
};
type Watched = keyof typeof VALUE;
const WATCHED = Object.keys(VALUE) as Watched[];
type TrackedRequest = ExpressRequest & { [ROUTING]?: TrackedRouting } & { [key: symbol]: unknown };

const ON_SET: Record<Watched, (routing: TrackedRouting, value: unknown) => void> = {
  baseUrl(routing, value) {
    routing.baseUrl = typeof value === 'string' ? value : '';
    enterOrLeave(routing.frames, routing.baseUrl, routing.params);
  },
  route(routing, value) {
    if (value === undefined || value === null || value === routing.matched?.route) return;
    const frames = routing.frames;
    routing.matched = { route: value, template: joinTemplate(frames[frames.length - 1]!.template, (value as { path?: unknown }).path) };
    routing.superseded = false;
    routing.sameMatch = true;
  },
  params(routing, value) {
    routing.params = value;
    if (routing.sameMatch) routing.sameMatch = false;
    else if (routing.matched !== undefined) routing.superseded = true;
  },
};

/**
 * One getter and setter per watched property, shared by every request: the value lives under a
 * symbol on the request. Shared functions matter for speed: accessors made per request (one
 * closure each) turned every request object into a slow dictionary-mode object, which cost
 * Express itself about 10 µs per request (bench/, tracekit+express setup).
 */
const DESCRIPTORS = Object.fromEntries(
  WATCHED.map((name) => [
    name,
    {
      configurable: true,
      enumerable: true,
      get(this: TrackedRequest) {
        return this[VALUE[name]];
      },
      set(this: TrackedRequest, value: unknown) {
        this[VALUE[name]] = value;
        const routing = this[ROUTING];
        if (routing !== undefined) ON_SET[name](routing, value);
      },
    } satisfies PropertyDescriptor,
  ]),
) as Record<Watched, PropertyDescriptor>;

/** Per app request prototype: Express's own request prototype, with the accessors installed. */
const accessorPrototypes = new WeakMap<object, object | undefined>();

/**
 * Follows the request through Express's router, to know the full template of the route that
 * answers:
 * - Express does not keep mount templates, but each time it enters a mount it sets
 *   `req.params` to the mount's parameters and then extends `req.baseUrl` by the matched part;
 *   leaving restores `req.baseUrl`. So `app.use('/users/:id', router)` is seen as `/users/:id`,
 *   not as the user's id.
 * - When a route matches, Express sets `req.route`: its template is recorded right then, at
 *   its own mount level, so an error handler of an outer app still names the span by it.
 * - Any later layer match (Express assigns `req.params` for each) means the route fell
 *   through, so a 404 after it is not named by it.
 * The assignments are seen through accessors for `baseUrl`, `route` and `params` on Express's
 * request prototype (the one every app's `req` inherits from, sub-apps included), installed
 * on the first request; they behave as plain properties for requests that are not tracked.
 * Where the request already has those as own properties (the very first request; every
 * request under Express 4, which sets them before it gives the request its prototype), the same
 * accessors are defined on the request itself, which is slower.
 * Tracking a request twice (register and the middleware) returns the first trace.
 * `requestPrototype`: the prototype Express is about to give the request (`app.request`), for a
 * caller that runs before Express did so.
 */
export function trackRouting(req: ExpressRequest, requestPrototype?: object): RoutingTrace {
  const tracked = req as TrackedRequest;
  const existing = tracked[ROUTING];
  if (existing !== undefined) return existing;
  const baseUrl = req.baseUrl ?? '';
  const routing: TrackedRouting = {
    frames: [{ url: baseUrl, template: baseUrl }],
    superseded: false,
    baseUrl,
    params: req.params,
    sameMatch: false,
  };
  const prototype = prototypeWithAccessors(requestPrototype ?? Object.getPrototypeOf(req));
  if (prototype === undefined || WATCHED.some((name) => Object.hasOwn(req, name))) {
    for (const name of WATCHED) tracked[VALUE[name]] = req[name];
    Object.defineProperties(req, DESCRIPTORS);
  }
  tracked[ROUTING] = routing;
  return routing;
}

/**
 * Express's own request prototype (`express.request`) above `start` (an app's `app.request`),
 * below Node's IncomingMessage.prototype, with the accessors installed on it; undefined when
 * the chain is not that shape. Found once per app prototype.
 */
function prototypeWithAccessors(start: object | null): object | undefined {
  if (start === null) return undefined;
  if (accessorPrototypes.has(start)) return accessorPrototypes.get(start);
  const found = expressRequestPrototype(start);
  if (found !== undefined && accessorPrototypes.get(found) !== found) {
    Object.defineProperties(found, DESCRIPTORS);
    accessorPrototypes.set(found, found);
  }
  accessorPrototypes.set(start, found);
  return found;
}

function expressRequestPrototype(start: object): object | undefined {
  for (let candidate: object | null = start; candidate !== null; candidate = Object.getPrototypeOf(candidate)) {
    if (Object.getPrototypeOf(candidate) !== IncomingMessage.prototype) continue;
    const plain = WATCHED.some((name) => Object.hasOwn(candidate!, name) && Object.getOwnPropertyDescriptor(candidate!, name)?.set === undefined);
    return plain ? undefined : candidate;
  }
  return undefined;
}

function enterOrLeave(frames: MountFrame[], url: string, params: unknown): void {
  while (frames.length > 1 && !isWithin(url, frames[frames.length - 1]!.url)) frames.pop();
  const top = frames[frames.length - 1]!;
  if (url === top.url) return;
  const template = isWithin(url, top.url) ? top.template + templateOf(url.slice(top.url.length), params) : url;
  frames.push({ url, template });
}

function isWithin(url: string, base: string): boolean {
  return base === '' || url === base || url.startsWith(base.endsWith('/') ? base : `${base}/`);
}

/**
 * Replaces the parameter values in a matched mount path by `:name`. A value standing as a
 * whole path segment is replaced first; otherwise its first occurrence is (`/:file.json`).
 */
export function templateOf(matched: string, params: unknown): string {
  if (params === null || typeof params !== 'object') return matched;
  let template = matched.split('/').map(decodeSegment).join('/');
  const values = Object.entries(params as Record<string, unknown>)
    .map(([name, value]) => [name, Array.isArray(value) ? value.join('/') : value] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && entry[1].length > 0)
    .sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of values) {
    const segment = findSegment(template, value);
    const at = segment === -1 ? template.indexOf(value) : segment;
    if (at !== -1) template = `${template.slice(0, at)}:${name}${template.slice(at + value.length)}`;
  }
  return template;
}

function findSegment(path: string, value: string): number {
  for (let at = path.indexOf(`/${value}`); at !== -1; at = path.indexOf(`/${value}`, at + 1)) {
    const after = path[at + 1 + value.length];
    if (after === undefined || after === '/') return at + 1;
  }
  return -1;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The full template of the route that answers the request, or undefined when no route did (a
 * 404, or a middleware that answered by itself): the span is then named by the method alone,
 * never by the URL. `errorInFlight`: an error left the route, so it still names the request
 * even though outer layers handled the error.
 */
export function routeTemplate(routing: RoutingTrace, errorInFlight: boolean): string | undefined {
  const { matched } = routing;
  if (matched === undefined || (routing.superseded && !errorInFlight)) return undefined;
  return matched.template;
}

function joinTemplate(base: string, routePath: unknown): string {
  const path = pathText(routePath);
  const joined = path === '/' && base !== '' ? base : base + path;
  return joined === '' ? '/' : joined.replace(/\/{2,}/g, '/');
}

function pathText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.map(pathText).join(',');
  return String(path);
}
