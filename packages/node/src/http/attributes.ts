import type { Attributes } from '@opentelemetry/api';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/**
 * The stable HTTP semantic conventions' method handling: unknown methods become `_OTHER`,
 * with the original kept, so span names and metrics stay low-cardinality.
 */
export function methodAttributes(method: string | undefined): { name: string; attributes: Attributes } {
  const upper = (method ?? 'GET').toUpperCase();
  if (KNOWN_METHODS.has(upper)) return { name: upper, attributes: { 'http.request.method': upper } };
  return { name: 'HTTP', attributes: { 'http.request.method': '_OTHER', 'http.request.method_original': method ?? '' } };
}

/** `host[:port]` from a Host header, IPv6 brackets included. */
export function parseHost(host: string | undefined, defaultPort: number): { address?: string; port?: number } {
  if (!host) return {};
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match) return {};
  return { address: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : defaultPort };
}
