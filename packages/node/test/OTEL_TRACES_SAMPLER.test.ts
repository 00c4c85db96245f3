import { describe, expect, it } from 'vitest';
import { exportTo, getJson, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const REQUESTS = 20;

const receiver = useOtlpReceiver();

/**
 * Sends requests, then stops the app with SIGTERM: tracekit flushes before the process
 * ends, so once it has exited every span it kept has reached the receiver.
 */
async function spansAfterRequests(env: Record<string, string>, headers: Record<string, string> = {}) {
  const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), ...env } });
  for (let i = 0; i < REQUESTS; i++) await getJson(app.url('/leaf'), headers);
  const exit = await app.stop();
  expect(exit.signal).toBe('SIGTERM');
  return receiver.spans;
}

describe('OTEL_TRACES_SAMPLER', () => {
  it('always_off records nothing', async () => {
    expect(await spansAfterRequests({ OTEL_TRACES_SAMPLER: 'always_off' })).toHaveLength(0);
  });

  it('always_on records every request', async () => {
    expect(await spansAfterRequests({ OTEL_TRACES_SAMPLER: 'always_on' })).toHaveLength(REQUESTS);
  });

  it('traceidratio with ratio 0 records nothing and ratio 1 records everything', async () => {
    expect(await spansAfterRequests({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' })).toHaveLength(0);
    receiver.clear();
    expect(await spansAfterRequests({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' })).toHaveLength(REQUESTS);
  });

  it('parentbased_always_on follows an incoming unsampled traceparent', async () => {
    const spans = await spansAfterRequests({}, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-00` });
    expect(spans).toHaveLength(0);
  });

  it('parentbased_always_on continues an incoming sampled trace', async () => {
    const spans = await spansAfterRequests({}, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    expect(spans).toHaveLength(REQUESTS);
    for (const span of spans) {
      expect(span.traceId).toBe(TRACE_ID);
      expect(span.parentSpanId).toBe(PARENT_ID);
    }
  });

  it('parentbased_always_off samples a sampled parent but starts no new trace', async () => {
    expect(await spansAfterRequests({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' })).toHaveLength(0);
    receiver.clear();
    const spans = await spansAfterRequests(
      { OTEL_TRACES_SAMPLER: 'parentbased_always_off' },
      { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
    );
    expect(spans).toHaveLength(REQUESTS);
  });

  it('parentbased_traceidratio 0 still follows a sampled parent', async () => {
    const spans = await spansAfterRequests(
      { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' },
      { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
    );
    expect(spans).toHaveLength(REQUESTS);
  });
});
