import { type Attributes, context, propagation, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';

interface Request {
  method: string;
  url: string;
}

export interface XhrOptions {
  /** Whether a request to this absolute URL may carry trace headers. */
  propagate(url: string): boolean;
  /** Requests not traced at all (the exporter's own). */
  ignore(url: string): boolean;
  pageUrl: string;
}

const KNOWN_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE']);

/**
 * A CLIENT span per XMLHttpRequest, named and attributed like the fetch instrumentation's
 * (`GET`, `http.request.method`, `url.full`, `server.address`, `server.port`,
 * `http.response.status_code`, `error.type`), with trace headers for allowed origins only.
 * Patches the prototype's `open` and `send`; returns the function that restores them.
 */
export function instrumentXhr(tracer: Tracer, options: XhrOptions, Xhr: typeof XMLHttpRequest | undefined = globalThis.XMLHttpRequest): () => void {
  if (!Xhr) return () => {};
  const proto = Xhr.prototype;
  const { open, send, setRequestHeader } = proto;
  const requests = new WeakMap<XMLHttpRequest, Request>();

  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    try {
      requests.set(this, { method: String(method).toUpperCase(), url: new URL(String(url), options.pageUrl).href });
    } catch {
      requests.delete(this);
    }
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = requests.get(this);
    if (!request || options.ignore(request.url) || isTracingSuppressed(context.active())) return send.call(this, body);
    const span = tracer.startSpan(KNOWN_METHODS.has(request.method) ? request.method : 'HTTP', {
      kind: SpanKind.CLIENT,
      attributes: requestAttributes(request),
    });
    const spanContext = trace.setSpan(context.active(), span);
    if (options.propagate(request.url)) {
      const headers: Record<string, string> = {};
      propagation.inject(spanContext, headers);
      for (const [name, value] of Object.entries(headers)) setRequestHeader.call(this, name, value);
    }
    watch(this, span);
    return context.with(spanContext, () => send.call(this, body));
  };

  return () => {
    proto.open = open;
    proto.send = send;
  };
}

function requestAttributes({ method, url }: Request): Attributes {
  const parsed = new URL(url);
  const attributes: Attributes = {
    'http.request.method': KNOWN_METHODS.has(method) ? method : '_OTHER',
    'url.full': url,
    'server.address': parsed.hostname,
  };
  if (!KNOWN_METHODS.has(method)) attributes['http.request.method_original'] = method;
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  if (port) attributes['server.port'] = port;
  return attributes;
}

function watch(xhr: XMLHttpRequest, span: Span): void {
  let failure: string | undefined;
  const fail = (event: Event) => {
    failure = event.type; // 'error', 'abort' or 'timeout'
  };
  xhr.addEventListener('error', fail);
  xhr.addEventListener('abort', fail);
  xhr.addEventListener('timeout', fail);
  xhr.addEventListener(
    'loadend',
    () => {
      const status = xhr.status;
      if (status > 0) span.setAttribute('http.response.status_code', status);
      if (failure || status === 0) {
        span.setAttribute('error.type', failure ?? 'error');
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else if (status >= 400) {
        span.setAttribute('error.type', String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
    { once: true },
  );
}
