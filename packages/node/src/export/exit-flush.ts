import { Worker } from 'node:worker_threads';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { requireModule } from '../load-module.js';
import type { OtlpConfig } from '../types.js';
import type { TlsFiles } from './exporters.js';
import { grpcTarget } from './grpc-transport.js';
import { encodeTraceRequest } from './otlp-protobuf/trace-request-encoder.js';

/**
 * The last resort when the process exits (`process.exit()`, also from an app's own SIGTERM
 * handler) while spans are still unsent: an `exit` listener may only run synchronous code and
 * the process ends right after it, so an ordinary export never leaves the process. Instead the
 * spans are serialized here and sent by a worker thread while this thread blocks in
 * `Atomics.wait`, for at most the given time. Worker threads keep running while the main
 * thread waits; a measured send to a local Collector took ~50 ms (HTTP) on Node 24.
 *
 * The worker gets an empty environment and no `execArgv`, so `NODE_OPTIONS` /
 * `--import @tracekit/node/register` do not load tracing into it.
 */
export function sendBeforeExit(otlp: OtlpConfig, tls: TlsFiles, plaintext: boolean, spans: ReadableSpan[], timeoutMillis: number): boolean {
  if (spans.length === 0) return true;
  if (timeoutMillis <= 0) return false;
  const payload = serialize(otlp.protocol, spans);
  if (!payload) return true;
  const shared = new SharedArrayBuffer(4);
  const state = new Int32Array(shared);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      env: {},
      workerData: {
        shared,
        protocol: otlp.protocol,
        endpoint: otlp.endpoint,
        address: otlp.protocol === 'grpc' ? grpcTarget(otlp.endpoint) : undefined,
        grpcPath: otlp.protocol === 'grpc' ? requireModule.resolve('@grpc/grpc-js') : undefined,
        headers: { ...otlp.headers },
        gzip: otlp.compression === 'gzip',
        plaintext,
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        timeoutMillis,
        payload,
      },
    });
  } catch {
    return false;
  }
  worker.unref();
  Atomics.wait(state, 0, 0, timeoutMillis);
  const sent = Atomics.load(state, 0) === 1;
  void worker.terminate().catch(() => {});
  return sent;
}

/** The OTLP request body, made by the same encoder the exporter uses. */
function serialize(protocol: OtlpConfig['protocol'], spans: ReadableSpan[]): Uint8Array | undefined {
  if (protocol !== 'http/json') return encodeTraceRequest(spans);
  const { JsonTraceSerializer } = requireModule('@opentelemetry/otlp-transformer') as typeof import('@opentelemetry/otlp-transformer');
  return JsonTraceSerializer.serializeRequest(spans);
}

/** Runs in the worker thread: one OTLP request, then the result in `shared[0]` (1 sent, 2 not). */
const WORKER_SOURCE = `
'use strict';
const { workerData: data } = require('node:worker_threads');
const state = new Int32Array(data.shared);
function done(sent) {
  if (Atomics.load(state, 0) !== 0) return;
  Atomics.store(state, 0, sent ? 1 : 2);
  Atomics.notify(state, 0);
}
// Buffers arrive as plain Uint8Arrays; grpc-js insists on Buffers.
const asBuffer = (bytes) => (bytes ? Buffer.from(bytes) : undefined);
const tls = { ca: asBuffer(data.ca), cert: asBuffer(data.cert), key: asBuffer(data.key) };
function sendHttp() {
  const url = new URL(data.endpoint);
  const transport = require(url.protocol === 'https:' ? 'node:https' : 'node:http');
  let body = Buffer.from(data.payload);
  const headers = { ...data.headers, 'content-type': data.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf' };
  if (data.gzip) {
    body = require('node:zlib').gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  const request = transport.request(url, { method: 'POST', headers, agent: false, timeout: data.timeoutMillis, ...tls }, (response) => {
    response.on('error', () => done(false));
    response.on('end', () => done(response.statusCode >= 200 && response.statusCode < 300));
    response.resume();
  });
  request.on('timeout', () => request.destroy(new Error('timed out')));
  request.on('error', () => done(false));
  request.end(body);
}
function sendGrpc() {
  const grpc = require(data.grpcPath);
  const identity = (bytes) => bytes;
  const Client = grpc.makeGenericClientConstructor({
    Export: {
      path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      responseDeserialize: identity,
    },
  }, 'TraceService');
  const credentials = data.plaintext
    ? grpc.credentials.createInsecure()
    : grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
  const client = new Client(data.address, credentials, data.gzip ? { 'grpc.default_compression_algorithm': 2 } : {});
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(data.headers)) metadata.set(key, value);
  client.Export(Buffer.from(data.payload), metadata, { deadline: Date.now() + data.timeoutMillis }, (error) => {
    done(!error);
    client.close();
  });
}
try {
  if (data.protocol === 'grpc') sendGrpc();
  else sendHttp();
} catch {
  done(false);
}
`;
