import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { getRequestState } from './request-state.js';
import { existingServerSpan } from './server-span.js';
import { recordError } from './span-status.js';
import type { NextFunction, TracekitErrorMiddleware } from './types.js';

/**
 * The error middleware that records errors on the request's server span: a thrown error, a
 * rejected promise (Express 5) or `next(err)`. It then passes the error on unchanged, so
 * `app.use()` it after your routes and before your own error handlers.
 */
export function tracekitErrorHandler(): TracekitErrorMiddleware {
  return function tracekitErrorHandler(error: unknown, req: IncomingMessage, _res: ServerResponse, next: NextFunction): void {
    const state = getRequestState(req);
    if (state === undefined) {
      // Without tracekit() (or for an ignored request): the HTTP instrumentation's span, if any.
      const existing = existingServerSpan(context.active());
      if (existing !== undefined) recordError(existing.span, error);
    } else if (state.error === undefined) {
      state.error = { value: error };
      recordError(state.span, error);
    } else if (state.error.value !== error) {
      recordError(state.span, error);
    }
    next(error);
  };
}
