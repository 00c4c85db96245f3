import { describe, expect, it } from 'vitest';
import { PROPAGATOR_NAMES, SAMPLER_NAMES, startMessages, warningText } from '../src/index.js';
import { exportTo, getJson, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('bad configuration', () => {
  it('warns once per bad value, by default, and the app still starts and is traced', async () => {
    const app = await startTracedApp({
      fixture: 'http-app.mjs',
      env: {
        ...exportTo(receiver),
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
        OTEL_PROPAGATORS: 'tracecontext,zipkin',
        OTEL_SDK_DISABLED: 'nope',
      },
    });
    await getJson(app.url('/chain'));
    await receiver.waitForSpans(3);
    const stderr = app.stderr();
    const expected = [
      warningText.invalidEnum('OTEL_TRACES_SAMPLER', 'sometimes', SAMPLER_NAMES, 'parentbased_always_on'),
      warningText.invalidPositiveInteger('OTEL_BSP_MAX_QUEUE_SIZE', 'lots', '2048'),
      warningText.invalidListEntry('OTEL_PROPAGATORS', 'zipkin', PROPAGATOR_NAMES),
      warningText.invalidBoolean('OTEL_SDK_DISABLED', 'nope', false),
    ];
    for (const warning of expected) expect(countOccurrences(stderr, warning), warning).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(expected.length);
  });

  it('OTEL_LOG_LEVEL=debug prints the effective configuration once, with secrets redacted', async () => {
    const app = await startTracedApp({
      fixture: 'http-app.mjs',
      env: {
        ...exportTo(receiver),
        OTEL_LOG_LEVEL: 'debug',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cr3t-token,x-api-key=k3y',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://user:pa55word@127.0.0.1:${new URL(receiver.httpEndpoint).port}/v1/traces`,
      },
    });
    await getJson(app.url('/leaf'));
    await app.stop();
    const output = app.stdout() + app.stderr();
    expect(countOccurrences(output, 'effective configuration:')).toBe(1);
    expect(output).not.toMatch(/s3cr3t|k3y|pa55word/);
    expect(output).toContain('"authorization":"[redacted]"');
  });

  it('OTEL_SDK_DISABLED=true leaves the app untraced and unpatched', async () => {
    const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), OTEL_SDK_DISABLED: 'TRUE' } });
    const headers = await getJson(app.url('/chain'));
    expect(headers).not.toHaveProperty('traceparent');
    await app.stop();
    expect(receiver.spans).toHaveLength(0);
  });
});

describe('starting twice', () => {
  it('register plus start() warns once and keeps one SDK: spans are not duplicated', async () => {
    const app = await startTracedApp({ fixture: 'double-start.mjs', env: exportTo(receiver) });
    await getJson(app.url('/chain'));
    await app.stop();
    expect(receiver.spans).toHaveLength(3);
    expect(new Set(receiver.spans.map((span) => span.resource['service.name']))).toEqual(new Set(['fixture-app']));
    expect(countOccurrences(app.stderr(), startMessages.alreadyStarted('0.1.0').split('(')[0]!)).toBe(1);
  });
});
