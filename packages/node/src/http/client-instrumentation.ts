import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { methodAttributes, parseHost } from './attributes.js';

const REQUEST_CREATED = 'http.client.request.created';
const RESPONSE_FINISH = 'http.client.response.finish';
const REQUEST_ERROR = 'http.client.request.error';

/**
 * A CLIENT span per outbound `http`/`https` request, from Node's diagnostics channels: no
 * patching of `http.request`, so every way of loading `http` (require, import, named
 * imports) is covered and nothing needs to be wrapped. The context is injected while the
 * request is created, before its headers are sent.
 */
export class HttpClientInstrumentation {
  private readonly spans = new WeakMap<ClientRequest, Span>();
  private enabled = false;

  constructor(private tracer: Tracer) {}

  setTracer(tracer: Tracer): void {
    this.tracer = tracer;
  }

  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    diagnosticsChannel.subscribe(REQUEST_CREATED, this.onCreated);
    diagnosticsChannel.subscribe(RESPONSE_FINISH, this.onResponse);
    diagnosticsChannel.subscribe(REQUEST_ERROR, this.onError);
  }

  disable(): void {
    if (!this.enabled) return;
    this.enabled = false;
    diagnosticsChannel.unsubscribe(REQUEST_CREATED, this.onCreated);
    diagnosticsChannel.unsubscribe(RESPONSE_FINISH, this.onResponse);
    diagnosticsChannel.unsubscribe(REQUEST_ERROR, this.onError);
  }

  private readonly onCreated = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const parent = context.active();
    if (isTracingSuppressed(parent)) return;
    const method = methodAttributes(request.method);
    const hostHeader = headerText(request.getHeader('host'));
    const host = parseHost(hostHeader, request.protocol === 'https:' ? 443 : 80);
    const attributes: Attributes = {
      'http.request.method': method.attributes['http.request.method'],
      'url.full': `${request.protocol}//${hostHeader ?? request.host}${request.path}`,
    };
    const original = method.attributes['http.request.method_original'];
    if (original !== undefined) attributes['http.request.method_original'] = original;
    if (host.address !== undefined) attributes['server.address'] = host.address;
    if (host.port !== undefined) attributes['server.port'] = host.port;
    const span = this.tracer.startSpan(method.name, { kind: SpanKind.CLIENT, attributes }, parent);
    this.spans.set(request, span);
    if (request.headersSent) return;
    propagation.inject(trace.setSpan(parent, span), request, HEADER_SETTER);
  };

  private readonly onResponse = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const span = this.spans.get(request);
    if (!span) return;
    this.spans.delete(request);
    const status = response.statusCode ?? 0;
    span.setAttribute('http.response.status_code', status);
    span.setAttribute('network.protocol.version', response.httpVersion);
    if (status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    // The body is part of the call: end when it has been read, or when the response closes.
    // Shared listeners with the span on the response: no closures per request.
    (response as ResponseWithSpan)[CLIENT_SPAN] = span;
    response.on('end', endSpanOfResponse);
    response.on('close', endSpanOfResponse);
  };

  private readonly onError = (message: unknown): void => {
    const { request, error } = message as { request: ClientRequest; error: Error & { code?: string } };
    const span = this.spans.get(request);
    if (!span) return;
    this.spans.delete(request);
    span.recordException(error);
    span.setAttribute('error.type', error.code ?? error.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();
  };
}

const CLIENT_SPAN = Symbol('tracekit.http.clientSpan');
type ResponseWithSpan = IncomingMessage & { [CLIENT_SPAN]?: Span };

function endSpanOfResponse(this: ResponseWithSpan): void {
  const span = this[CLIENT_SPAN];
  if (span === undefined) return;
  this[CLIENT_SPAN] = undefined;
  span.end();
}

const HEADER_SETTER = {
  set(carrier: ClientRequest, key: string, value: string): void {
    carrier.setHeader(key, value);
  },
};

function headerText(value: number | string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}
