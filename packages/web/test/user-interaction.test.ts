import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle, startTracing } from './helpers.js';

/** The EventTarget class the DOM's elements inherit from (under vitest, the global one is Node's). */
function domEventTarget(): typeof EventTarget {
  let proto = Object.getPrototypeOf(document.createElement('button'));
  while (proto && !Object.hasOwn(proto, 'addEventListener')) proto = Object.getPrototypeOf(proto);
  return proto.constructor;
}

describe('user interaction spans (opt-in)', () => {
  const nodeEventTarget = globalThis.EventTarget;
  let tracing: ReturnType<typeof startTracing> | undefined;
  beforeEach(() => {
    globalThis.EventTarget = domEventTarget();
  });
  afterEach(async () => {
    await tracing?.stop();
    globalThis.EventTarget = nodeEventTarget;
    document.body.innerHTML = '';
  });

  it('are off by default', async () => {
    tracing = startTracing();
    const button = document.createElement('button');
    document.body.append(button);
    button.addEventListener('click', () => {});
    button.click();
    await settle(20);
    expect(tracing.spans()).toEqual([]);
  });

  it('a click is the parent of the fetch its handler starts, and ends after it', async () => {
    tracing = startTracing({ userInteraction: true });
    const button = document.createElement('button');
    button.id = 'order';
    document.body.append(button);
    button.addEventListener('click', () => {
      void fetch('/api/orders/42');
    });
    button.click();
    await settle(500);
    const click = tracing.spans().find((span) => span.name === 'click');
    const request = tracing.spans().find((span) => span.name === 'GET');
    expect(click, 'a click span').toBeDefined();
    expect(click!.attributes).toMatchObject({ event_type: 'click', target_element: 'BUTTON', target_xpath: '//*[@id="order"]' });
    expect(request!.parentSpanContext?.spanId).toBe(click!.spanContext().spanId);
    expect(request!.spanContext().traceId).toBe(click!.spanContext().traceId);
    const end = (span: typeof click) => span!.endTime[0] * 1e9 + span!.endTime[1];
    expect(end(click)).toBeGreaterThanOrEqual(end(request));
    expect(tracing.pageRequests()[0]!.headers.traceparent).toContain(request!.spanContext().spanId);
  });

  it('one span per event, however many listeners; removeEventListener still works', async () => {
    tracing = startTracing({ userInteraction: ['click'] });
    const button = document.createElement('button');
    document.body.append(button);
    let calls = 0;
    const counted = () => calls++;
    button.addEventListener('click', counted);
    button.addEventListener('click', () => {});
    button.click();
    button.removeEventListener('click', counted);
    button.click();
    await settle(20);
    expect(calls).toBe(1);
    expect(tracing.spans().filter((span) => span.name === 'click')).toHaveLength(2);
  });

  it('records an exception a listener throws on the click span', async () => {
    tracing = startTracing({ userInteraction: true, errors: false });
    const button = document.createElement('button');
    document.body.append(button);
    button.addEventListener('click', () => {
      throw new RangeError('out of stock');
    });
    try {
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    } catch {
      // Some DOM implementations rethrow listener errors; browsers report them instead.
    }
    await settle(20);
    const click = tracing.spans().find((span) => span.name === 'click')!;
    expect(click.status.code).toBe(SpanStatusCode.ERROR);
    expect(click.events[0]).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'RangeError', 'exception.message': 'out of stock' } });
  });
});
