/**
 * The transport-independent part of an export: decode, ask the `respond` hook, wait, record, and
 * say how to answer. Never throws: every failure becomes an answer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spansFromExportRequest } from './otlp-spans.js';
import { GrpcCode, isSuccess, resolveResponse, type ResolvedResponse } from './receiver-response.js';
import type { SpanStore } from './span-store.js';
import type { OtlpProtocol, ReceivedRequest, ReceivedSpan, ReceiverRespondHook } from './types.js';

/** Largest request body taken, after decompression as well as before. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A body over MAX_BODY_BYTES. Answered with HTTP 413 / gRPC RESOURCE_EXHAUSTED. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
}

export interface ExportAnswer {
  accepted: boolean;
  response: ResolvedResponse;
  /** For error answers: the text sent in the google.rpc.Status message. */
  message: string;
}

export type HandleExport = (
  protocol: OtlpProtocol,
  headers: Record<string, string>,
  decode: () => Promise<unknown> | unknown,
) => Promise<ExportAnswer>;

function errorAnswer(httpStatus: number, grpcCode: number, message: string): ExportAnswer {
  return { accepted: false, response: { httpStatus, grpcCode, delayMs: 0 }, message };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createExportHandler(
  store: SpanStore,
  respond: ReceiverRespondHook | undefined,
  closing: AbortSignal,
): HandleExport {
  return async (protocol, headers, decode) => {
    let spans: ReceivedSpan[];
    try {
      spans = spansFromExportRequest(await decode(), protocol);
    } catch (error) {
      // OtlpDecodeError, a JSON SyntaxError or a protobuf decoding error: all mean a bad body.
      const answer =
        error instanceof BodyTooLargeError
          ? errorAnswer(413, GrpcCode.RESOURCE_EXHAUSTED, error.message)
          : errorAnswer(400, GrpcCode.INVALID_ARGUMENT, `malformed OTLP request: ${errorMessage(error)}`);
      store.record({ protocol, headers, spanCount: 0, accepted: false, error: answer.message }, []);
      return answer;
    }

    let answer: ExportAnswer;
    try {
      const response = resolveResponse(await respond?.({ protocol, headers, spanCount: spans.length, spans }));
      const accepted = isSuccess(response, protocol);
      answer = { accepted, response, message: accepted ? '' : 'rejected by the test receiver' };
    } catch (error) {
      answer = errorAnswer(500, GrpcCode.INTERNAL, `the respond hook threw: ${errorMessage(error)}`);
    }

    if (answer.response.delayMs > 0) {
      await sleep(answer.response.delayMs, undefined, { signal: closing }).catch(() => undefined);
    }
    const request: ReceivedRequest = { protocol, headers, spanCount: spans.length, accepted: answer.accepted };
    if (!answer.accepted) request.error = answer.message;
    store.record(request, answer.accepted ? spans : []);
    return answer;
  };
}
