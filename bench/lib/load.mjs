// Drives HTTP load with autocannon: a fixed number of connections for a fixed
// duration, one request in flight per connection.
//
// autocannon's own latency histogram keeps whole milliseconds, too coarse for
// a sub-millisecond route, so the 2xx response times (float ms, from its
// `response` event) are also kept here and the percentiles computed from them.
import autocannon from 'autocannon';
import { quantile } from './stats.mjs';

/**
 * @param {{ url: string, connections: number, durationS: number }} options
 * @returns {Promise<LoadResult>}
 * @typedef {{
 *   requestsPerSecond: number, p50Ms: number, p99Ms: number,
 *   sent: number, completed: number, non2xx: number, errors: number, timeouts: number,
 *   elapsedS: number,
 * }} LoadResult
 */
export function runLoad({ url, connections, durationS }) {
  const latencies = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationS, pipelining: 1 },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          p50Ms: quantile(sorted, 0.5),
          p99Ms: quantile(sorted, 0.99),
          sent: result.requests.sent,
          completed: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          elapsedS: result.duration,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
    });
  });
}
