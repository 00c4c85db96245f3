import type { IncomingHttpHeaders } from 'node:http';

/**
 * Where the original request came from and went to, from the proxy headers the HTTP semantic
 * conventions name (`Forwarded`, then `X-Forwarded-*`), falling back to the Host header.
 */
export interface ForwardedInfo {
  readonly host?: string;
  readonly proto?: string;
  readonly for?: string;
}

/** The first element of a `Forwarded` header (RFC 7239): the one the client's proxy added. */
export function parseForwarded(header: string | undefined): ForwardedInfo {
  if (header === undefined) return {};
  const first = header.split(',')[0] ?? '';
  const info: Record<string, string> = {};
  for (const pair of first.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const key = pair.slice(0, equals).trim().toLowerCase();
    let value = pair.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (value !== '' && (key === 'host' || key === 'proto' || key === 'for')) info[key] = value;
  }
  return info;
}

export function firstHeaderValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  const item = first.split(',')[0]?.trim();
  return item === '' ? undefined : item;
}

/** `example.com:8080` → `{ address: 'example.com', port: 8080 }`; IPv6 brackets removed. */
export function splitHostPort(host: string): { address: string; port?: number } {
  let address = host;
  let portText: string | undefined;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    address = close === -1 ? host : host.slice(1, close);
    if (close !== -1 && host[close + 1] === ':') portText = host.slice(close + 2);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && host.indexOf(':') === colon) {
      address = host.slice(0, colon);
      portText = host.slice(colon + 1);
    }
  }
  const port = portText !== undefined && /^\d{1,5}$/.test(portText) ? Number(portText) : undefined;
  return port === undefined ? { address } : { address, port };
}
