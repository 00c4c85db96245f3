import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTracing } from './helpers.js';

describe('uncaught errors', () => {
  let tracing: ReturnType<typeof startTracing> | undefined;
  afterEach(() => tracing?.stop());

  it('an uncaught error becomes an `exception` span with the exception event', () => {
    tracing = startTracing();
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('cart is undefined'), message: 'cart is undefined' }));
    const [span] = tracing.spans();
    expect(span!.name).toBe('exception');
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'cart is undefined' });
    expect(span!.attributes).toMatchObject({ 'error.type': 'TypeError', 'tracekit.error.source': 'error', 'url.full': 'https://shop.example/checkout' });
    expect(span!.events[0]).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'TypeError', 'exception.message': 'cart is undefined' } });
  });

  it('an unhandled rejection too, whatever its reason', () => {
    tracing = startTracing();
    const event = new Event('unhandledrejection');
    Object.defineProperty(event, 'reason', { value: { code: 42 } });
    window.dispatchEvent(event);
    const [span] = tracing.spans();
    expect(span!.attributes['tracekit.error.source']).toBe('unhandledrejection');
    expect(span!.status.message).toBe('{"code":42}');
  });

  it('errors: false captures nothing', () => {
    tracing = startTracing({ errors: false });
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('x') }));
    expect(tracing.spans()).toEqual([]);
  });
});
