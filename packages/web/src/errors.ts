import { SpanStatusCode, type Tracer } from '@opentelemetry/api';

export type ErrorSource = 'error' | 'unhandledrejection';

/**
 * A span named `exception` for each uncaught error and unhandled promise rejection of the page,
 * with the semantic conventions' `exception` event (`exception.type`, `exception.message`,
 * `exception.stacktrace`), `error.type`, ERROR status and `tracekit.error.source`.
 * Returns the function that removes the listeners.
 */
export function captureErrors(tracer: Tracer, win: Window = globalThis as unknown as Window): () => void {
  const report = (reason: unknown, source: ErrorSource) => {
    const error = reason instanceof Error ? reason : undefined;
    const message = error ? error.message : typeof reason === 'string' ? reason : safeString(reason);
    const span = tracer.startSpan('exception', {
      attributes: {
        'error.type': error?.name || 'Error',
        'tracekit.error.source': source,
        'url.full': win.location?.href ?? '',
      },
    });
    span.recordException(error ?? { name: 'Error', message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.end();
  };
  const onError = (event: Event) => {
    const { error, message } = event as ErrorEvent;
    report(error ?? message, 'error');
  };
  const onRejection = (event: Event) => report((event as PromiseRejectionEvent).reason, 'unhandledrejection');
  win.addEventListener('error', onError);
  win.addEventListener('unhandledrejection', onRejection);
  return () => {
    win.removeEventListener('error', onError);
    win.removeEventListener('unhandledrejection', onRejection);
  };
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}
