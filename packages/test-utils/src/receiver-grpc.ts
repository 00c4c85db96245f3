/**
 * OTLP/gRPC: the TraceService/Export method, with a hand-written service definition whose
 * (de)serializers use the protobufjs schema. Decoding never throws inside grpc-js (which would
 * answer INTERNAL); a bad message reaches the handler as a failure and is answered
 * INVALID_ARGUMENT.
 */
import * as grpc from '@grpc/grpc-js';
import { MAX_BODY_BYTES, type ExportAnswer, type HandleExport } from './export-handler.js';
import {
  TRACE_EXPORT_PATH,
  decodeExportRequest,
  encodeExportRequest,
  encodeExportResponse,
  encodeRpcStatus,
} from './otlp-schema.js';
import { OtlpDecodeError } from './otlp-values.js';
import type { ReceiverTlsOptions } from './types.js';

type DecodedExport = { ok: true; request: unknown } | { ok: false; error: string };

/** The response is always the empty ExportTraceServiceResponse: full success. */
type ExportResponse = Record<string, never>;

const traceServiceDefinition: grpc.ServiceDefinition = {
  Export: {
    path: TRACE_EXPORT_PATH,
    originalName: 'export',
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: DecodedExport): Buffer => {
      if (!value.ok) throw new TypeError(value.error);
      return encodeExportRequest(value.request as Record<string, unknown>);
    },
    requestDeserialize: (bytes: Buffer): DecodedExport => {
      try {
        return { ok: true, request: decodeExportRequest(bytes) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    responseSerialize: (_value: ExportResponse): Buffer => encodeExportResponse(),
    responseDeserialize: (): ExportResponse => ({}),
  },
};

const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

export interface GrpcTransport {
  port: number;
  close(): Promise<void>;
}

function headersOf(metadata: grpc.Metadata): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(metadata.toJSON())) {
    if (name.startsWith(':')) continue;
    headers[name.toLowerCase()] = values
      .map((value) => (typeof value === 'string' ? value : value.toString('base64')))
      .join(', ');
  }
  return headers;
}

function reply(callback: grpc.sendUnaryData<ExportResponse>, answer: ExportAnswer): void {
  const { grpcCode, retryAfterSeconds } = answer.response;
  if (grpcCode === grpc.status.OK) {
    callback(null, {});
    return;
  }
  const metadata = new grpc.Metadata();
  metadata.set(STATUS_DETAILS_KEY, encodeRpcStatus(grpcCode, answer.message, retryAfterSeconds));
  const error: grpc.ServerErrorResponse = Object.assign(new Error(answer.message), {
    code: grpcCode,
    details: answer.message,
    metadata,
  });
  callback(error);
}

function credentialsFor(tls: ReceiverTlsOptions | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    tls.ca === undefined ? null : Buffer.from(tls.ca),
    [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }],
    tls.requireClientCert === true,
  );
}

export async function startGrpcTransport(handleExport: HandleExport, tls?: ReceiverTlsOptions): Promise<GrpcTransport> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_BODY_BYTES });
  server.addService(traceServiceDefinition, {
    Export: (call: grpc.ServerUnaryCall<DecodedExport, ExportResponse>, callback: grpc.sendUnaryData<ExportResponse>) => {
      const decoded = call.request;
      handleExport('grpc', headersOf(call.metadata), () => {
        if (!decoded.ok) throw new OtlpDecodeError(decoded.error);
        return decoded.request;
      })
        .then((answer) => reply(callback, answer))
        .catch((error: unknown) => {
          callback({ code: grpc.status.INTERNAL, details: `receiver error: ${String(error)}` });
        });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', credentialsFor(tls), (error, boundPort) => {
      if (error) reject(error);
      else resolve(boundPort);
    });
  });
  return {
    port,
    close: async () => {
      server.forceShutdown();
    },
  };
}
