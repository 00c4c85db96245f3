import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_NETWORK_PEER_ADDRESS,
  ATTR_NETWORK_PEER_PORT,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import type { ResolvedConfig } from './config.js';
import { firstHeaderValue, parseForwarded, splitHostPort } from './forwarded.js';

/** `http.request.method` for a method outside the known list. */
export const OTHER_METHOD = '_OTHER';
/** Replaces sensitive query values (the semantic conventions' list). */
export const REDACTED = 'REDACTED';
const REDACTED_QUERY_KEYS = new Set(['AWSAccessKeyId', 'Signature', 'sig', 'X-Goog-Signature']);

/** The `http.request.method` value: the method, or `_OTHER` when it is not a known one. */
export function normalizedMethod(method: string | undefined, known: ReadonlySet<string>): string {
  const upper = (method ?? 'GET').toUpperCase();
  return known.has(upper) ? upper : OTHER_METHOD;
}

/**
 * The span name: `METHOD route`, or `METHOD` without a route; `HTTP` stands for a method the
 * semantic conventions call `_OTHER`.
 */
export function spanName(method: string, route: string | undefined): string {
  const name = method === OTHER_METHOD ? 'HTTP' : method;
  return route === undefined ? name : `${name} ${route}`;
}

/**
 * The stable HTTP server span attributes known when the request arrives, given at span
 * creation because samplers may use them.
 */
export function requestAttributes(req: IncomingMessage & { originalUrl?: string }, config: ResolvedConfig): Attributes {
  const { headers, socket } = req;
  const method = normalizedMethod(req.method, config.knownMethods);
  const target = req.originalUrl ?? req.url ?? '/';
  const queryStart = target.indexOf('?');
  const forwarded = parseForwarded(firstHeaderValue(headers, 'forwarded'));
  const host = forwarded.host ?? firstHeaderValue(headers, 'x-forwarded-host') ?? headers.host;
  const server = host === undefined ? undefined : splitHostPort(host);
  const scheme = forwarded.proto ?? firstHeaderValue(headers, 'x-forwarded-proto') ?? ((socket as TLSSocket | null)?.encrypted ? 'https' : 'http');
  const client = forwarded.for ?? firstHeaderValue(headers, 'x-forwarded-for');

  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: method,
    [ATTR_URL_PATH]: queryStart === -1 ? target : target.slice(0, queryStart),
    [ATTR_URL_SCHEME]: scheme.toLowerCase(),
  };
  if (method !== req.method && req.method !== undefined) attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = req.method;
  if (queryStart !== -1 && queryStart < target.length - 1) attributes[ATTR_URL_QUERY] = redactQuery(target.slice(queryStart + 1));
  if (server !== undefined && server.address !== '') {
    attributes[ATTR_SERVER_ADDRESS] = server.address;
    if (server.port !== undefined) attributes[ATTR_SERVER_PORT] = server.port;
  }
  const peer = socket?.remoteAddress;
  const clientAddress = client === undefined ? peer : splitHostPort(client).address;
  if (clientAddress !== undefined) attributes[ATTR_CLIENT_ADDRESS] = clientAddress;
  if (peer !== undefined) {
    attributes[ATTR_NETWORK_PEER_ADDRESS] = peer;
    if (socket.remotePort !== undefined) attributes[ATTR_NETWORK_PEER_PORT] = socket.remotePort;
  }
  if (req.httpVersion) attributes[ATTR_NETWORK_PROTOCOL_VERSION] = protocolVersion(req.httpVersion);
  const userAgent = headers['user-agent'];
  if (userAgent !== undefined) attributes[ATTR_USER_AGENT_ORIGINAL] = userAgent;
  return Object.assign(attributes, capturedHeaders(req, config.requestHeaders));
}

/** `http.request.header.<name>` for each configured header the request has (string arrays). */
export function capturedHeaders(req: IncomingMessage, names: readonly string[]): Attributes {
  const attributes: Attributes = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value === undefined) continue;
    attributes[`http.request.header.${name}`] = Array.isArray(value) ? value : [value];
  }
  return attributes;
}

/** Keeps the query as received except the values of the keys the conventions call sensitive. */
export function redactQuery(query: string): string {
  if (![...REDACTED_QUERY_KEYS].some((key) => query.includes(key))) return query;
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && REDACTED_QUERY_KEYS.has(safeDecode(key)) ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
}

/** Node says `2.0` for HTTP/2; the conventions say `2` (and `1.0`, `1.1` for HTTP/1). */
function protocolVersion(version: string): string {
  return version.startsWith('1.') ? version : version.replace(/\.0$/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
