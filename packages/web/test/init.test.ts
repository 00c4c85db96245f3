import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages, SAMPLER_NAMES } from '../src/index.js';
import { startTracing } from './helpers.js';

describe('init()', () => {
  let tracing: ReturnType<typeof startTracing> | undefined;
  afterEach(async () => {
    await tracing?.stop();
    vi.restoreAllMocks();
  });

  it('reports configuration problems with console.warn and starts anyway', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    tracing = startTracing({ sampler: 'sometimes' as never });
    expect(warn).toHaveBeenCalledWith(`[@tracekit/web] ${messages.badSampler('sometimes', SAMPLER_NAMES, 'parentbased_always_on')}`);
    tracing.web.getTracer().startSpan('still traced').end();
    expect(tracing.spans().map((span) => span.name)).toEqual(['still traced']);
  });

  it('a second call keeps the first configuration and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    tracing = startTracing();
    const again = startTracing({ serviceName: 'other' });
    expect(again.web).toBe(tracing.web);
    expect(warn).toHaveBeenCalledWith(`[@tracekit/web] ${messages.alreadyInitialized()}`);
  });

  it('registers the global provider, puts session.id and the resource on spans, and unregisters on shutdown', async () => {
    tracing = startTracing({ serviceVersion: '1.2.3' });
    trace.getTracer('app').startSpan('checkout').end();
    const [span] = tracing.spans();
    expect(span!.attributes['session.id']).toBe(tracing.web.sessionId);
    expect(span!.resource.attributes).toMatchObject({
      'service.name': 'test-web',
      'service.version': '1.2.3',
      'telemetry.distro.name': '@tracekit/web',
    });
    // (telemetry.sdk.language is "webjs" in a browser, checked by e2e/browser.test.ts: under
    // vitest, Node loads the SDK's Node platform build.)
    await tracing.stop();
    tracing = undefined;
    expect(trace.getTracer('app').startSpan('after').isRecording()).toBe(false);
  });

  it('session: false leaves session.id out', () => {
    tracing = startTracing({ session: false });
    tracing.web.getTracer().startSpan('x').end();
    expect(tracing.web.sessionId).toBeUndefined();
    expect(tracing.spans()[0]!.attributes['session.id']).toBeUndefined();
  });

  it("sampler 'always_off' records nothing", () => {
    tracing = startTracing({ sampler: 'always_off' });
    tracing.web.getTracer().startSpan('x').end();
    expect(tracing.spans()).toEqual([]);
  });
});
