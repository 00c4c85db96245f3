import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** Set on spans that were still open when the page went away, and were ended then. */
export const ATTR_ENDED_BY_PAGEHIDE = 'tracekit.ended_by_pagehide';

/**
 * Knows the spans that started and have not ended, so that when the page is closed the ones
 * still running (a fetch the user did not wait for, the click that started it) are ended and
 * exported instead of being lost with the page.
 */
export class OpenSpans implements SpanProcessor {
  private readonly open = new Set<Span | ReadableSpan>();

  onStart(span: Span, _parentContext: Context): void {
    this.open.add(span);
  }

  onEnd(span: ReadableSpan): void {
    this.open.delete(span);
  }

  get size(): number {
    return this.open.size;
  }

  /** Ends every open span now, oldest first, marked with `tracekit.ended_by_pagehide`. */
  endAll(): void {
    for (const span of [...this.open] as Span[]) {
      this.open.delete(span);
      span.setAttribute(ATTR_ENDED_BY_PAGEHIDE, true);
      span.end();
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.open.clear();
    return Promise.resolve();
  }
}
