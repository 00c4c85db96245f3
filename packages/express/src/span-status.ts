import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

/** `error.type` when the response never completed and no error says why. */
export const ERROR_TYPE_ABORTED = 'aborted';
/** `error.type` for a thrown value that is not an Error (the conventions' fallback). */
export const ERROR_TYPE_OTHER = '_OTHER';

/**
 * The outcome rules of the HTTP server span conventions, with what Express tells us on top:
 * - 5xx: ERROR, `error.type` the status code;
 * - an error reached tracekitErrorHandler() and the app still answered 1xx–3xx: ERROR,
 *   `error.type` the error's class;
 * - 4xx: left UNSET even when an error was thrown (`throw createError(404)`): the app decided
 *   the client was at fault. The exception event stays on the span.
 */
export function applyResponseStatus(span: Span, statusCode: number, error: { readonly value: unknown } | undefined): void {
  if (statusCode >= 500) {
    span.setAttribute(ATTR_ERROR_TYPE, String(statusCode));
    span.setStatus({ code: SpanStatusCode.ERROR, ...statusMessage(error) });
  } else if (error !== undefined && statusCode < 400) {
    span.setAttribute(ATTR_ERROR_TYPE, errorType(error.value));
    span.setStatus({ code: SpanStatusCode.ERROR, ...statusMessage(error) });
  }
}

/** For a response that never completed (the client went away, or the socket was destroyed). */
export function applyIncompleteStatus(span: Span, error: { readonly value: unknown } | undefined): void {
  span.setAttribute(ATTR_ERROR_TYPE, error === undefined ? ERROR_TYPE_ABORTED : errorType(error.value));
  span.setStatus({ code: SpanStatusCode.ERROR, ...statusMessage(error) });
}

/** Records a thrown value as an `exception` event. */
export function recordError(span: Span, value: unknown): void {
  span.recordException(value instanceof Error ? value : String(value));
}

/** The error's class name (`TypeError`, `NotFoundError`): low cardinality, as `error.type` must be. */
export function errorType(value: unknown): string {
  if (!(value instanceof Error)) return ERROR_TYPE_OTHER;
  const className = value.constructor?.name;
  if (className !== undefined && className !== '' && className !== 'Error') return className;
  return value.name || 'Error';
}

function statusMessage(error: { readonly value: unknown } | undefined): { message?: string } {
  if (error === undefined) return {};
  return { message: error.value instanceof Error ? error.value.message : String(error.value) };
}
