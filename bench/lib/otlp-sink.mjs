// A minimal OTLP/HTTP trace receiver for the benchmark: accepts POST /v1/traces
// (protobuf or JSON, optionally gzip), counts requests, bytes and spans, and
// answers 200 with an empty ExportTraceServiceResponse. It stores nothing.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { countJsonSpans, countProtobufSpans } from './span-count.mjs';

const TRACES_PATH = '/v1/traces';

/**
 * @returns {Promise<{ endpoint: string, snapshot: () => SinkCounts, close: () => Promise<void> }>}
 * @typedef {{ requests: number, bytes: number, spans: number, rejected: number }} SinkCounts
 */
export async function startOtlpSink({ host = '127.0.0.1', port = 0 } = {}) {
  const counts = { requests: 0, bytes: 0, spans: 0, rejected: 0 };

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== TRACES_PATH) {
      counts.rejected += 1;
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
      try {
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        counts.spans += isJson ? countJsonSpans(body.toString('utf8')) : countProtobufSpans(body);
        counts.requests += 1;
        counts.bytes += raw.length;
      } catch {
        counts.rejected += 1;
        res.writeHead(400).end();
        return;
      }
      if (isJson) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '0' }).end();
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();

  return {
    endpoint: `http://${host}:${address.port}`,
    snapshot: () => ({ ...counts }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Counts received between two snapshots. */
export function sinkDelta(before, after) {
  return {
    requests: after.requests - before.requests,
    bytes: after.bytes - before.bytes,
    spans: after.spans - before.spans,
    rejected: after.rejected - before.rejected,
  };
}
