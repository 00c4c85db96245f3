import net from 'node:net';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Resolves true when a TCP connection to the endpoint's host and port is refused or its
 * host does not resolve, false when it connects or the answer is unclear within `timeoutMillis`.
 * Shutdown uses it so a Collector that is down costs milliseconds, not the whole deadline:
 * the exporters themselves keep retrying a refused connection until their own timeout.
 */
export function isCollectorUnreachable(endpoint: string, timeoutMillis: number): Promise<boolean> {
  const address = hostAndPort(endpoint);
  if (!address) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const finish = (unreachable: boolean) => {
      socket.destroy();
      resolve(unreachable);
    };
    socket.setTimeout(timeoutMillis, () => finish(false));
    socket.once('connect', () => finish(false));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(UNREACHABLE_CODES.has(error.code ?? '')));
    socket.unref();
  });
}

function hostAndPort(endpoint: string): { host: string; port: number } | undefined {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}
