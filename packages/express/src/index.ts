export { tracekit } from './middleware.js';
export { tracekitErrorHandler } from './error-handler.js';
export { getLogContext, logFields } from './log-context.js';
export { resolveConfig, DEFAULT_IGNORE_PATHS, DEFAULT_KNOWN_METHODS } from './config.js';
export type { ConfigResolution, ResolvedConfig } from './config.js';
export { messages } from './messages.js';
export { createIgnoreRequest } from './ignore-requests.js';
export {
  SERVER_TIMING_METRIC,
  TRACERESPONSE_HEADER,
  traceResponseValue,
} from './trace-headers.js';
export { ERROR_TYPE_ABORTED } from './span-status.js';
export { routeTemplate, trackRouting } from './route-template.js';
export type { RoutingTrace } from './route-template.js';
export type {
  LogContext,
  NextFunction,
  TracekitErrorMiddleware,
  TracekitExpressOptions,
  TracekitMiddleware,
} from './types.js';
