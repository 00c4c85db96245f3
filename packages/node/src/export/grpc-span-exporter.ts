import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { GrpcTransport, type GrpcTransportOptions } from './grpc-transport.js';
import { protobufFields } from './protobuf-reader.js';

/** Spans to an OTLP `ExportTraceServiceRequest` in protobuf. */
export type TraceSerializer = (spans: ReadableSpan[]) => Uint8Array;

export interface GrpcSpanExporterOptions extends GrpcTransportOptions {
  /** The OTLP timeout: the deadline of each call. */
  readonly timeoutMillis: number;
  readonly serialize: TraceSerializer;
  /** Where the spans go, for messages (URL credentials already redacted). */
  readonly description: string;
  /** Receives the partial-success warning. */
  readonly warn: (message: string) => void;
}

export const grpcExporterMessages = {
  partialSuccess: (target: string, rejectedSpans: number, errorMessage: string) =>
    `the Collector at ${target} accepted a batch only in part: ${rejectedSpans} of its spans were rejected${errorMessage ? ` (${errorMessage})` : ''}. Rejected spans are not retried. This is reported once.`,
} as const;

/**
 * OTLP/gRPC span exporter: serialize, one Export call, result. It makes exactly one attempt
 * per batch (retries are RetryingExporter's job) and reports a gRPC failure as grpc-js's
 * ServiceError, which export-outcome.ts classifies.
 */
export class GrpcSpanExporter implements SpanExporter {
  private readonly transport: GrpcTransport;
  private warnedPartialSuccess = false;

  constructor(private readonly options: GrpcSpanExporterOptions) {
    this.transport = new GrpcTransport(options);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let body: Uint8Array;
    try {
      body = this.options.serialize(spans);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    this.transport.send(body, this.options.timeoutMillis, (error, response) => {
      if (error) {
        resultCallback({ code: ExportResultCode.FAILED, error });
        return;
      }
      if (response) this.notePartialSuccess(response);
      resultCallback({ code: ExportResultCode.SUCCESS });
    });
  }

  async shutdown(): Promise<void> {
    this.transport.close();
  }

  async forceFlush(): Promise<void> {}

  /**
   * The OTLP specification: a partially accepted batch is a success and is not retried; the
   * exporter may log it. Warned about once per exporter (a Collector that drops some spans on
   * purpose, e.g. a filter, would otherwise print a line per batch).
   */
  private notePartialSuccess(response: Buffer): void {
    if (this.warnedPartialSuccess) return;
    const partial = partialSuccessOf(response);
    if (!partial || (partial.rejectedSpans === 0 && partial.errorMessage === '')) return;
    this.warnedPartialSuccess = true;
    this.options.warn(grpcExporterMessages.partialSuccess(this.options.description, partial.rejectedSpans, partial.errorMessage));
  }
}

export interface PartialSuccess {
  readonly rejectedSpans: number;
  readonly errorMessage: string;
}

const MAX_ERROR_MESSAGE_LENGTH = 300;

/**
 * `ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }` with
 * `ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }`;
 * undefined when the field is absent (full success) or the bytes are malformed.
 */
export function partialSuccessOf(response: Uint8Array): PartialSuccess | undefined {
  try {
    for (const field of protobufFields(response)) {
      if (field.number !== 1 || !field.bytes) continue;
      let rejectedSpans = 0;
      let errorMessage = '';
      for (const inner of protobufFields(field.bytes)) {
        if (inner.number === 1 && inner.varint !== undefined) rejectedSpans = inner.varint;
        if (inner.number === 2 && inner.bytes) errorMessage = new TextDecoder().decode(inner.bytes);
      }
      if (errorMessage.length > MAX_ERROR_MESSAGE_LENGTH) errorMessage = `${errorMessage.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…`;
      return { rejectedSpans, errorMessage };
    }
  } catch {
    // Malformed: the call succeeded, so the spans count as delivered.
  }
  return undefined;
}
