/**
 * Turns what the `respond` hook returned into one answer for both transports, deriving the HTTP
 * status from the gRPC code or the other way round, as the OTLP specification pairs them.
 */
import type { OtlpProtocol, ReceiverResponse } from './types.js';

/** The gRPC status codes the receiver uses by name. */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export interface ResolvedResponse {
  httpStatus: number;
  grpcCode: number;
  retryAfterSeconds?: number;
  delayMs: number;
}

const HTTP_TO_GRPC: Readonly<Record<number, number>> = {
  400: GrpcCode.INVALID_ARGUMENT,
  401: GrpcCode.UNAUTHENTICATED,
  403: GrpcCode.PERMISSION_DENIED,
  404: GrpcCode.UNIMPLEMENTED,
  408: GrpcCode.DEADLINE_EXCEEDED,
  413: GrpcCode.RESOURCE_EXHAUSTED,
  429: GrpcCode.RESOURCE_EXHAUSTED,
  502: GrpcCode.UNAVAILABLE,
  503: GrpcCode.UNAVAILABLE,
  504: GrpcCode.DEADLINE_EXCEEDED,
};

const GRPC_TO_HTTP: Readonly<Record<number, number>> = {
  [GrpcCode.OK]: 200,
  [GrpcCode.INVALID_ARGUMENT]: 400,
  [GrpcCode.UNAUTHENTICATED]: 401,
  [GrpcCode.PERMISSION_DENIED]: 403,
  [GrpcCode.NOT_FOUND]: 404,
  [GrpcCode.UNIMPLEMENTED]: 404,
  [GrpcCode.ABORTED]: 409,
  [GrpcCode.RESOURCE_EXHAUSTED]: 429,
  [GrpcCode.UNAVAILABLE]: 503,
  [GrpcCode.DEADLINE_EXCEEDED]: 504,
};

export function httpStatusToGrpcCode(status: number): number {
  if (status >= 200 && status < 300) return GrpcCode.OK;
  return HTTP_TO_GRPC[status] ?? (status >= 500 ? GrpcCode.INTERNAL : GrpcCode.UNKNOWN);
}

export function grpcCodeToHttpStatus(code: number): number {
  return GRPC_TO_HTTP[code] ?? 500;
}

export function resolveResponse(response: ReceiverResponse | undefined): ResolvedResponse {
  const httpStatus =
    response?.httpStatus ?? (response?.grpcCode === undefined ? 200 : grpcCodeToHttpStatus(response.grpcCode));
  const grpcCode = response?.grpcCode ?? httpStatusToGrpcCode(httpStatus);
  const resolved: ResolvedResponse = {
    httpStatus,
    grpcCode,
    delayMs: Math.max(0, response?.delayMs ?? 0),
  };
  if (response?.retryAfterSeconds !== undefined) resolved.retryAfterSeconds = response.retryAfterSeconds;
  return resolved;
}

/** Whether the answer tells the exporter its spans were taken. */
export function isSuccess(response: ResolvedResponse, protocol: OtlpProtocol): boolean {
  if (protocol === 'grpc') return response.grpcCode === GrpcCode.OK;
  return response.httpStatus >= 200 && response.httpStatus < 300;
}
