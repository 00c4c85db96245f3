/** Raw senders for hand-made requests, bypassing the exporters. */
import * as grpc from '@grpc/grpc-js';
import { TRACE_EXPORT_PATH } from '../../src/otlp-schema.js';

export interface RawHttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export async function postTraces(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<RawHttpResponse> {
  const response = await fetch(url, method === 'GET' ? { method, headers } : { method, headers, body });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

export function postJson(url: string, request: unknown): Promise<RawHttpResponse> {
  return postTraces(url, JSON.stringify(request), { 'content-type': 'application/json' });
}

export interface RawGrpcResult {
  error: grpc.ServiceError | null;
}

/** Calls TraceService/Export with raw bytes as the request message. */
export function callGrpcExport(endpoint: string, message: Buffer, metadata = new grpc.Metadata()): Promise<RawGrpcResult> {
  const client = new grpc.Client(new URL(endpoint).host, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      TRACE_EXPORT_PATH,
      (value: Buffer) => value,
      (value: Buffer) => value,
      message,
      metadata,
      (error) => {
        client.close();
        resolve({ error });
      },
    );
  });
}
