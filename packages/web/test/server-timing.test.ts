import { afterEach, describe, expect, it, vi } from 'vitest';
import { continueServerTrace, serverTraceparent } from '../src/index.js';
import { startTracing } from './helpers.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const performanceWith = (serverTiming: { name: string; description: string }[]) => ({
  getEntriesByType: (type: string) => (type === 'navigation' ? [{ serverTiming }] : []),
});

describe('Server-Timing: traceparent', () => {
  afterEach(() => {
    for (const meta of document.querySelectorAll('meta[name="traceparent"]')) meta.remove();
  });

  it('is read from the navigation entry', () => {
    expect(serverTraceparent(performanceWith([{ name: 'db', description: '' }, { name: 'traceparent', description: TRACEPARENT }]) as never)).toBe(TRACEPARENT);
  });

  it.each([
    ['missing', []],
    ['malformed', [{ name: 'traceparent', description: 'hello' }]],
    ['all-zero trace id', [{ name: 'traceparent', description: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' }]],
    ['unknown version', [{ name: 'traceparent', description: '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }]],
  ])('is ignored when %s', (_name, entries) => {
    expect(serverTraceparent(performanceWith(entries) as never)).toBeUndefined();
  });

  it('becomes the <meta name="traceparent"> the document-load instrumentation reads', () => {
    expect(continueServerTrace(document, performanceWith([{ name: 'traceparent', description: TRACEPARENT }]) as never)).toBe(TRACEPARENT);
    expect(document.querySelector<HTMLMetaElement>('meta[name="traceparent"]')?.content).toBe(TRACEPARENT);
  });

  it('does not replace a meta tag the page rendered itself', () => {
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    const meta = document.createElement('meta');
    meta.name = 'traceparent';
    meta.content = own;
    document.head.append(meta);
    expect(continueServerTrace(document, performanceWith([{ name: 'traceparent', description: TRACEPARENT }]) as never)).toBe(own);
    expect(document.querySelectorAll('meta[name="traceparent"]')).toHaveLength(1);
  });
});

describe('the page load', () => {
  let tracing: ReturnType<typeof startTracing> | undefined;
  afterEach(async () => {
    await tracing?.stop();
    vi.restoreAllMocks();
    for (const meta of document.querySelectorAll('meta[name="traceparent"]')) meta.remove();
  });

  it('is a child of the server span that rendered the page (Server-Timing → meta → documentLoad)', async () => {
    const navigation = { fetchStart: 1, responseStart: 4, responseEnd: 5, domComplete: 9, loadEventEnd: 10, serverTiming: [{ name: 'traceparent', description: TRACEPARENT }] };
    vi.spyOn(performance, 'getEntriesByType').mockImplementation(((type: string) => (type === 'navigation' ? [navigation] : [])) as never);
    tracing = startTracing({ documentLoad: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const documentLoad = tracing.spans().find((span) => span.name === 'documentLoad');
    expect(documentLoad, 'a documentLoad span').toBeDefined();
    expect(documentLoad!.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(documentLoad!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    const documentFetch = tracing.spans().find((span) => span.name === 'documentFetch');
    expect(documentFetch?.parentSpanContext?.spanId).toBe(documentLoad!.spanContext().spanId);
  });

  it('with serverTiming: false, starts its own trace', async () => {
    const navigation = { fetchStart: 1, responseEnd: 5, loadEventEnd: 10, serverTiming: [{ name: 'traceparent', description: TRACEPARENT }] };
    vi.spyOn(performance, 'getEntriesByType').mockImplementation(((type: string) => (type === 'navigation' ? [navigation] : [])) as never);
    tracing = startTracing({ documentLoad: true, serverTiming: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const documentLoad = tracing.spans().find((span) => span.name === 'documentLoad');
    expect(documentLoad!.spanContext().traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(documentLoad!.parentSpanContext).toBeUndefined();
  });
});
