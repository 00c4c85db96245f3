import { redactUrlCredentials } from '../config/redact.js';
import { retryInfoDelayMillis } from './grpc-retry-info.js';

/** What a failed export means for its spans. */
export interface ExportFailure {
  /**
   * True for transient failures (Collector unreachable, timing out, throttling): retried
   * until the OTLP timeout, then dropped. False when the Collector rejected the data (e.g. HTTP
   * 400, gRPC INVALID_ARGUMENT): dropped at once, as the OTLP specification requires.
   */
  readonly retryable: boolean;
  /** The server's throttling hint (gRPC RetryInfo), when it gave one. */
  readonly retryAfterMillis?: number;
  /** A short description for warnings; URL credentials redacted, headers never included. */
  readonly description: string;
}

/** gRPC status codes by number (from the gRPC specification). */
const GRPC_CODE_NAMES: readonly string[] = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];
const GRPC_RESOURCE_EXHAUSTED = 8;
/** The OTLP specification's table; RESOURCE_EXHAUSTED only when the server sent RetryInfo. */
const RETRYABLE_GRPC_CODES = new Set([1, 4, 10, 11, 14, 15]);
/** The OTLP/HTTP retryable statuses (the upstream exporter retries exactly these). */
const RETRYABLE_HTTP_STATUSES = new Set([429, 502, 503, 504]);
/** Network errors worth retrying (the upstream HTTP exporter's list, plus a closed socket). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH',
  'ECONNABORTED', 'UND_ERR_SOCKET',
]);
/** Messages of the upstream OTLP/HTTP exporter for a retryable outcome whose retries ran out. */
const RETRYABLE_MESSAGES = [/^Request timed out$/, /retryable status/i, /^Concurrent export limit reached$/];

/** Classifies the error an exporter reported, for retries, drop counts and warnings. */
export function classifyExportError(error: unknown): ExportFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : error === undefined ? 'unknown error' : String(error);
  if (isGrpcServiceError(error)) {
    const name = GRPC_CODE_NAMES[error.code] ?? `code ${error.code}`;
    const retryAfterMillis = retryInfoDelayMillis(error);
    const retryable =
      RETRYABLE_GRPC_CODES.has(error.code) || (error.code === GRPC_RESOURCE_EXHAUSTED && retryAfterMillis !== undefined);
    const details = typeof error.details === 'string' && error.details !== '' ? error.details : message;
    return withDescription({ retryable, ...(retryAfterMillis === undefined ? {} : { retryAfterMillis }) }, `gRPC ${name}: ${details}`);
  }
  if (typeof code === 'number' && code >= 100 && code < 600) {
    return withDescription({ retryable: RETRYABLE_HTTP_STATUSES.has(code) }, `HTTP ${code}${message ? ` ${message}` : ''}`);
  }
  if (typeof code === 'string') {
    return withDescription({ retryable: RETRYABLE_NETWORK_CODES.has(code) }, `${code}: ${message}`);
  }
  return withDescription({ retryable: RETRYABLE_MESSAGES.some((pattern) => pattern.test(message)) }, message);
}

function withDescription(failure: Omit<ExportFailure, 'description'>, description: string): ExportFailure {
  const short = description.length > 300 ? `${description.slice(0, 300)}…` : description;
  return { ...failure, description: redactUrlCredentials(short) };
}

interface GrpcServiceErrorLike {
  code: number;
  details?: unknown;
  metadata: unknown;
}

function isGrpcServiceError(error: unknown): error is GrpcServiceErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'metadata' in error &&
    typeof (error as { metadata?: { get?: unknown } }).metadata?.get === 'function'
  );
}
