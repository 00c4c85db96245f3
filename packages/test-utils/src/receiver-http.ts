/**
 * OTLP/HTTP on POST /v1/traces: binary protobuf or JSON, optionally gzip-compressed, over HTTP or
 * HTTPS. Answers follow the OTLP/HTTP specification: the response message in the request's
 * content type on success, a google.rpc.Status on failure.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { BodyTooLargeError, MAX_BODY_BYTES, type ExportAnswer, type HandleExport } from './export-handler.js';
import { decodeExportRequest, encodeExportResponse, encodeRpcStatus } from './otlp-schema.js';
import { OtlpDecodeError } from './otlp-values.js';
import type { OtlpProtocol, ReceiverTlsOptions } from './types.js';

export const TRACES_PATH = '/v1/traces';

const PROTOBUF_TYPE = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

const gunzip = promisify(zlib.gunzip);

export interface HttpTransport {
  port: number;
  close(): Promise<void>;
}

function protocolFor(contentType: string | undefined): OtlpProtocol | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === PROTOBUF_TYPE) return 'http/protobuf';
  if (mediaType === JSON_TYPE) return 'http/json';
  return undefined;
}

function headersOf(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > MAX_BODY_BYTES) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error): void => {
      if (done) return;
      done = true;
      request.removeListener('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) fail(new BodyTooLargeError());
      else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    request.on('error', fail);
    request.on('close', () => fail(new Error('the client closed the request before its end')));
  });
}

async function decompress(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return body;
  if (name !== 'gzip' && name !== 'x-gzip') throw new OtlpDecodeError(`unsupported Content-Encoding ${name}`);
  try {
    return await gunzip(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError();
    throw new OtlpDecodeError('the body is not valid gzip');
  }
}

function decodeBody(protocol: OtlpProtocol, body: Buffer): unknown {
  if (protocol === 'http/protobuf') return decodeExportRequest(body);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new OtlpDecodeError(`the body is not JSON: ${(error as Error).message}`);
  }
}

function sendText(response: http.ServerResponse, status: number, text: string, extra: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra });
  response.end(text);
}

function sendAnswer(response: http.ServerResponse, protocol: OtlpProtocol, answer: ExportAnswer): void {
  const { httpStatus, grpcCode, retryAfterSeconds } = answer.response;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': protocol === 'http/protobuf' ? PROTOBUF_TYPE : JSON_TYPE,
  };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(retryAfterSeconds));
  // A body the server stopped reading early cannot be kept alive.
  if (httpStatus === 413) headers['connection'] = 'close';
  let body: Buffer | string;
  if (answer.accepted) {
    body = protocol === 'http/protobuf' ? encodeExportResponse() : '{}';
  } else if (protocol === 'http/protobuf') {
    body = encodeRpcStatus(grpcCode, answer.message, retryAfterSeconds);
  } else {
    body = JSON.stringify({ code: grpcCode, message: answer.message });
  }
  response.writeHead(httpStatus, headers);
  response.end(body);
}

function createListener(handleExport: HandleExport): http.RequestListener {
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    if (path !== TRACES_PATH) {
      sendText(response, 404, `not found: this receiver serves POST ${TRACES_PATH}`);
      return;
    }
    if (request.method !== 'POST') {
      sendText(response, 405, `method not allowed: use POST ${TRACES_PATH}`, { allow: 'POST' });
      return;
    }
    const protocol = protocolFor(request.headers['content-type']);
    if (protocol === undefined) {
      sendText(response, 415, `unsupported Content-Type: use ${PROTOBUF_TYPE} or ${JSON_TYPE}`);
      request.resume();
      return;
    }
    const answer = await handleExport(protocol, headersOf(request), async () => {
      const body = await decompress(await readBody(request), request.headers['content-encoding']);
      return decodeBody(protocol, body);
    });
    if (!response.destroyed) sendAnswer(response, protocol, answer);
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return;
      sendText(response, 500, `receiver error: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
}

export async function startHttpTransport(handleExport: HandleExport, tls?: ReceiverTlsOptions): Promise<HttpTransport> {
  const listener = createListener(handleExport);
  const server = tls
    ? https.createServer(
        {
          key: tls.key,
          cert: tls.cert,
          ...(tls.ca === undefined ? {} : { ca: tls.ca }),
          requestCert: tls.requireClientCert === true,
          rejectUnauthorized: tls.requireClientCert === true,
        },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  // Errors on single sockets (a client that hangs up, a failed TLS handshake) must not crash.
  server.on('clientError', (_error, socket) => socket.destroy());
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
