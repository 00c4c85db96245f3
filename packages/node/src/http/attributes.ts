import type { Attributes } from '@opentelemetry/api';

export interface MethodAttributes {
  readonly name: string;
  readonly attributes: Readonly<Attributes>;
}

const KNOWN_METHODS = new Map<string, MethodAttributes>(
  ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY'].map((method) => [
    method,
    Object.freeze({ name: method, attributes: Object.freeze({ 'http.request.method': method }) }),
  ]),
);

/**
 * The stable HTTP semantic conventions' method handling: unknown methods become `_OTHER`,
 * with the original kept, so span names and metrics stay low-cardinality. Known methods get a
 * shared frozen result: this runs on every request.
 */
export function methodAttributes(method: string | undefined): MethodAttributes {
  const known = KNOWN_METHODS.get(method ?? 'GET') ?? KNOWN_METHODS.get((method ?? '').toUpperCase());
  if (known !== undefined) return known;
  return { name: 'HTTP', attributes: { 'http.request.method': '_OTHER', 'http.request.method_original': method ?? '' } };
}

export interface HostAndPort {
  readonly address?: string;
  readonly port?: number;
}

const NO_HOST: HostAndPort = Object.freeze({});
// A service sees few distinct Host headers, and parsing one costs a regular expression per
// request; the cache is cleared when full so that a client sending random Host headers can
// only make it as slow as no cache.
const HOST_CACHE_LIMIT = 64;
const hostCache = new Map<string, HostAndPort>();

/** `host[:port]` from a Host header, IPv6 brackets included. */
export function parseHost(host: string | undefined, defaultPort: number): HostAndPort {
  if (!host) return NO_HOST;
  const key = defaultPort === 443 ? `s${host}` : host;
  let parsed = hostCache.get(key);
  if (parsed === undefined) {
    parsed = parseHostUncached(host, defaultPort);
    if (hostCache.size >= HOST_CACHE_LIMIT) hostCache.clear();
    hostCache.set(key, parsed);
  }
  return parsed;
}

function parseHostUncached(host: string, defaultPort: number): HostAndPort {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match) return NO_HOST;
  return Object.freeze({ address: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : defaultPort });
}
