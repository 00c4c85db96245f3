import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { routeTemplate, type RoutingTrace } from '@tracekit/express';
import { LinkedContext } from '../trace/linked-context.js';
import { methodAttributes, parseHost } from './attributes.js';

/**
 * The RPC metadata of a server span: what the OpenTelemetry contract carries (the route an
 * Express instrumentation or middleware sets) plus, when tracekit's own Express route
 * instrumentation follows the request, its routing, read once the response ends.
 */
export type ServerRpcMetadata = RPCMetadata & { routing?: RoutingTrace };

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
export type IgnoreIncoming = (url: string | undefined, userAgent: string | undefined) => boolean;

/**
 * One SERVER span per inbound request, by wrapping `emit('request')` of the http and https
 * servers. Written for tracekit instead of using @opentelemetry/instrumentation-http because
 * of its cost: on the bench's /hello route it alone added about 21 µs of CPU per request with
 * sampling off, where all of tracekit minus export adds 7–12 µs (CPU µs/req, bench/). It
 * computes every attribute for the sampler and again for the span, binds the request and
 * response emitters, and records duration metrics even with no meter provider. This keeps to
 * the stable HTTP semantic conventions and to the RPC metadata contract, so the Express
 * instrumentation (and @tracekit/express) name the span after the matched route template.
 */
export class HttpServerInstrumentation {
  private readonly originals = new Map<object, Emit>();

  constructor(
    private tracer: Tracer,
    private readonly ignore: IgnoreIncoming,
  ) {}

  setTracer(tracer: Tracer): void {
    this.tracer = tracer;
  }

  enable(): void {
    for (const [prototype, scheme] of [
      [http.Server.prototype, 'http'],
      [https.Server.prototype, 'https'],
    ] as const) {
      if (this.originals.has(prototype)) continue;
      const original = prototype.emit as Emit;
      this.originals.set(prototype, original);
      const instrumentation = this;
      prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
        if (event !== 'request') return original.call(this, event, ...args);
        return instrumentation.handle(scheme, original, this, args[0] as IncomingMessage, args[1] as ServerResponse, args);
      } as typeof prototype.emit;
    }
  }

  disable(): void {
    for (const [prototype, original] of this.originals) (prototype as { emit: Emit }).emit = original;
    this.originals.clear();
  }

  private handle(
    scheme: 'http' | 'https',
    emit: Emit,
    server: http.Server,
    request: IncomingMessage,
    response: ServerResponse,
    args: unknown[],
  ): boolean {
    const userAgent = request.headers['user-agent'];
    if (this.ignore(request.url, userAgent)) return emit.call(server, 'request', ...args);
    // A request one server hands on to another (`other.emit('request', req, res)`) already has
    // its span, which stays active: one request, one server span.
    if ((response as TracedResponse)[SERVER_RPC] !== undefined) return emit.call(server, 'request', ...args);

    // Contexts from here on are LinkedContexts: each value set is one small object.
    const parent = propagation.extract(LinkedContext.EMPTY, request.headers);
    const method = methodAttributes(request.method);
    const span = this.tracer.startSpan(
      method.name,
      { kind: SpanKind.SERVER, attributes: requestAttributes(scheme, request, method.attributes, userAgent) },
      parent,
    );
    const rpcMetadata: ServerRpcMetadata = { type: RPCType.HTTP, span, route: undefined, routing: undefined };
    const active = setRPCMetadata(trace.setSpan(parent, span), rpcMetadata);
    // One shared listener, with what it needs on the response: no closure per request.
    const traced = response as TracedResponse;
    traced[SERVER_RPC] = rpcMetadata;
    traced[METHOD_NAME] = method.name;
    response.on('close', endServerSpanOfResponse);
    return context.with(active, emit, server, 'request', ...args);
  }
}

function requestAttributes(
  scheme: 'http' | 'https',
  request: IncomingMessage,
  methodAttrs: Attributes,
  userAgent: string | undefined,
): Attributes {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const host = parseHost(request.headers.host, scheme === 'https' ? 443 : 80);
  const attributes: Attributes = {
    ...methodAttrs,
    'url.scheme': scheme,
    'url.path': queryStart === -1 ? url : url.slice(0, queryStart),
    'network.protocol.version': request.httpVersion,
  };
  if (queryStart !== -1) attributes['url.query'] = url.slice(queryStart + 1);
  if (host.address !== undefined) attributes['server.address'] = host.address;
  if (host.port !== undefined) attributes['server.port'] = host.port;
  if (userAgent !== undefined) attributes['user_agent.original'] = userAgent;
  const clientAddress = request.socket.remoteAddress;
  if (clientAddress !== undefined) attributes['client.address'] = clientAddress;
  return attributes;
}

const SERVER_RPC = Symbol('tracekit.http.serverRpc');
const METHOD_NAME = Symbol('tracekit.http.methodName');
type TracedResponse = ServerResponse & { [SERVER_RPC]?: ServerRpcMetadata; [METHOD_NAME]?: string };

function endServerSpanOfResponse(this: TracedResponse): void {
  const rpc = this[SERVER_RPC];
  if (rpc === undefined) return;
  this[SERVER_RPC] = undefined;
  endServerSpan(rpc.span as Span, this[METHOD_NAME] ?? 'HTTP', this, rpc);
}

function endServerSpan(span: Span, methodName: string, response: ServerResponse, rpc: ServerRpcMetadata): void {
  const route = routeOf(rpc, response);
  if (route) {
    span.setAttribute('http.route', route);
    span.updateName(`${methodName} ${route}`);
  }
  if (!response.writableFinished && !response.headersSent) {
    span.setAttribute('error.type', 'aborted');
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection before a response was sent' });
  } else {
    const status = response.statusCode;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  span.end();
}


/**
 * The route set by an Express instrumentation or middleware, else the one tracekit's own route
 * instrumentation followed. When later layers took the request over from the matched route,
 * an error status other than 404 means an error left the route (`next(err)`, a throw) and an
 * error handler answered: the route still names the request. A 404 after it is the route
 * passing the request on (`next()`), and is not named by it.
 */
function routeOf(rpc: ServerRpcMetadata, response: ServerResponse): string | undefined {
  if (rpc.route !== undefined) return rpc.route;
  if (rpc.routing === undefined) return undefined;
  const status = response.statusCode;
  return routeTemplate(rpc.routing, status >= 400 && status !== 404);
}
