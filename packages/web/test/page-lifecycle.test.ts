import { afterEach, describe, expect, it } from 'vitest';
import { ATTR_ENDED_BY_PAGEHIDE } from '../src/index.js';
import { startTracing } from './helpers.js';

function pagehide(persisted = false) {
  const event = new Event('pagehide') as Event & { persisted: boolean };
  Object.defineProperty(event, 'persisted', { value: persisted });
  window.dispatchEvent(event);
}

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

interface OtlpBody {
  resourceSpans: { resource: { attributes: { key: string }[] }; scopeSpans: { spans: { name: string; attributes: { key: string; value: unknown }[] }[] }[] }[];
}
const spanNames = (body: string) =>
  (JSON.parse(body) as OtlpBody).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name)));

describe('flushing when the page goes away', () => {
  let tracing: ReturnType<typeof startTracing> | undefined;
  afterEach(async () => {
    await tracing?.stop();
    setVisibility('visible');
  });

  it('pagehide ends the spans still open, marks them, and sends everything at once with keepalive', () => {
    tracing = startTracing({ batch: { scheduledDelayMillis: 60_000 } });
    const tracer = tracing.web.getTracer('test');
    tracer.startSpan('finished').end();
    const running = tracer.startSpan('still running');
    expect(tracing.exports()).toHaveLength(0);

    pagehide();

    // Sent during the event itself: nothing may wait for a later task on a closing page.
    const [sent] = tracing.exports();
    expect(sent, 'an export request').toBeDefined();
    expect(sent!.init.keepalive).toBe(true);
    expect(sent!.init.method).toBe('POST');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(spanNames(String(sent!.init.body)).sort()).toEqual(['finished', 'still running']);
    expect(running.isRecording()).toBe(false);
    const ended = tracing.spans().find((span) => span.name === 'still running')!;
    expect(ended.attributes[ATTR_ENDED_BY_PAGEHIDE]).toBe(true);
    expect(tracing.spans().find((span) => span.name === 'finished')!.attributes[ATTR_ENDED_BY_PAGEHIDE]).toBeUndefined();
  });

  it('visibilitychange to hidden flushes finished spans but leaves running ones alone (the user may come back)', () => {
    tracing = startTracing({ batch: { scheduledDelayMillis: 60_000 } });
    const tracer = tracing.web.getTracer('test');
    tracer.startSpan('finished').end();
    const running = tracer.startSpan('still running');

    setVisibility('hidden');

    expect(tracing.exports()).toHaveLength(1);
    expect(spanNames(String(tracing.exports()[0]!.init.body))).toEqual(['finished']);
    expect(running.isRecording()).toBe(true);
    running.end();
  });

  it('a pagehide into the back/forward cache does not end running spans', () => {
    tracing = startTracing({ batch: { scheduledDelayMillis: 60_000 } });
    const running = tracing.web.getTracer('test').startSpan('still running');
    pagehide(true);
    expect(running.isRecording()).toBe(true);
    running.end();
  });
});
