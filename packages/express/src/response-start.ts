import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Calls `listener` once, just before the status line and headers are written, whichever way
 * the app answers (`res.send`, `res.end`, streams, an explicit `writeHead`): Node always goes
 * through `writeHead`. Only this response object is touched. `headers` is the object given to
 * `writeHead`, if any, which the listener may change.
 */
export function onResponseStart(
  res: ServerResponse,
  listener: (statusCode: number, headers: OutgoingHttpHeaders | undefined) => void,
): void {
  const writeHead = res.writeHead;
  let called = false;
  res.writeHead = function writeHeadWithTracing(this: ServerResponse, ...args: unknown[]) {
    if (!called && !res.headersSent) {
      called = true;
      const statusCode = typeof args[0] === 'number' ? args[0] : res.statusCode;
      const headers = [args[1], args[2]].find(isHeaderObject);
      try {
        listener(statusCode, headers);
      } catch {
        // Tracing never breaks a response.
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

function isHeaderObject(value: unknown): value is OutgoingHttpHeaders {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
