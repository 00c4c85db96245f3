import { describe, expect, it } from 'vitest';
import { messages, resolveConfig, SAMPLER_NAMES } from '../src/index.js';
import type { TracekitWebOptions } from '../src/types.js';

const PAGE = 'https://shop.example/checkout';

// Each row: options → the parts of the resolved config that matter, and the warning expected.
const rows: { name: string; options: Record<string, unknown>; expected: Record<string, unknown>; warning?: string }[] = [
  {
    name: 'defaults',
    options: { serviceName: 'shop-web' },
    expected: {
      serviceName: 'shop-web',
      collectorUrl: 'https://shop.example/v1/traces',
      propagateTo: ['https://shop.example'],
      sampler: 'parentbased_always_on',
      sampleRatio: 1,
      documentLoad: true,
      fetch: true,
      xhr: true,
      errors: true,
      serverTiming: true,
      userInteraction: [],
      session: { storage: 'localStorage', inactivityTimeoutMinutes: 30, maxDurationMinutes: 240 },
      batch: { scheduledDelayMillis: 5000, maxExportBatchSize: 100, maxQueueSize: 1000 },
      debug: false,
    },
  },
  {
    name: 'missing serviceName',
    options: {},
    expected: { serviceName: 'unknown_service' },
    warning: messages.missingServiceName(undefined),
  },
  { name: 'blank serviceName', options: { serviceName: '  ' }, expected: { serviceName: 'unknown_service' }, warning: messages.missingServiceName('  ') },
  {
    name: 'a relative collectorUrl is resolved against the page',
    options: { serviceName: 's', collectorUrl: '/otel/v1/traces' },
    expected: { collectorUrl: 'https://shop.example/otel/v1/traces' },
  },
  { name: 'collector on another origin', options: { serviceName: 's', collectorUrl: 'https://otel.example/v1/traces' }, expected: { collectorUrl: 'https://otel.example/v1/traces' } },
  {
    name: 'collectorUrl that is not http(s)',
    options: { serviceName: 's', collectorUrl: 'javascript:alert(1)' },
    expected: { collectorUrl: 'https://shop.example/v1/traces' },
    warning: messages.badCollectorUrl('javascript:alert(1)', 'https://shop.example/v1/traces'),
  },
  {
    name: "propagateTo: 'self', origins normalised, the page always included",
    options: { serviceName: 's', propagateTo: ['self', 'https://API.shop.example:443', 'http://localhost:8081'] },
    expected: { propagateTo: ['https://shop.example', 'https://api.shop.example', 'http://localhost:8081'] },
  },
  {
    name: 'propagateTo entry with a path keeps its origin',
    options: { serviceName: 's', propagateTo: ['https://api.shop.example/v2'] },
    expected: { propagateTo: ['https://shop.example', 'https://api.shop.example'] },
    warning: messages.propagationTargetHasPath('https://api.shop.example/v2', 'https://api.shop.example'),
  },
  {
    name: 'propagateTo wildcard is refused',
    options: { serviceName: 's', propagateTo: ['*'] },
    expected: { propagateTo: ['https://shop.example'] },
    warning: messages.wildcardPropagationTarget('*'),
  },
  {
    name: 'propagateTo entry that is not an origin',
    options: { serviceName: 's', propagateTo: ['api.shop.example'] },
    expected: { propagateTo: ['https://shop.example'] },
    warning: messages.badPropagationTarget('api.shop.example'),
  },
  {
    name: 'propagateTo that is not a list',
    options: { serviceName: 's', propagateTo: 'https://api.shop.example' },
    expected: { propagateTo: ['https://shop.example'] },
    warning: messages.badPropagateTo('https://api.shop.example'),
  },
  { name: 'sampler names are case-insensitive', options: { serviceName: 's', sampler: 'ParentBased_TraceIdRatio', sampleRatio: 0.25 }, expected: { sampler: 'parentbased_traceidratio', sampleRatio: 0.25 } },
  {
    name: 'unknown sampler',
    options: { serviceName: 's', sampler: 'sometimes' },
    expected: { sampler: 'parentbased_always_on' },
    warning: messages.badSampler('sometimes', SAMPLER_NAMES, 'parentbased_always_on'),
  },
  { name: 'sampleRatio out of range', options: { serviceName: 's', sampleRatio: 2 }, expected: { sampleRatio: 1 }, warning: messages.badSampleRatio(2) },
  { name: 'userInteraction: true means clicks', options: { serviceName: 's', userInteraction: true }, expected: { userInteraction: ['click'] } },
  { name: 'userInteraction event list', options: { serviceName: 's', userInteraction: ['click', 'Submit'] }, expected: { userInteraction: ['click', 'submit'] } },
  {
    name: 'userInteraction that is neither',
    options: { serviceName: 's', userInteraction: 'clicks please' },
    expected: { userInteraction: [] },
    warning: messages.badUserInteraction('clicks please'),
  },
  { name: 'a boolean option given as text', options: { serviceName: 's', xhr: 'no' }, expected: { xhr: true }, warning: messages.badBoolean('xhr', 'no', true) },
  { name: 'session: false', options: { serviceName: 's', session: false }, expected: { session: false } },
  {
    name: 'session storage that does not exist',
    options: { serviceName: 's', session: { storage: 'cookie' } },
    expected: { session: { storage: 'localStorage', inactivityTimeoutMinutes: 30, maxDurationMinutes: 240 } },
    warning: messages.badSessionStorage('cookie', ['localStorage', 'sessionStorage', 'memory']),
  },
  {
    name: 'batch delay that is not positive',
    options: { serviceName: 's', batch: { scheduledDelayMillis: -1 } },
    expected: { batch: { scheduledDelayMillis: 5000, maxExportBatchSize: 100, maxQueueSize: 1000 } },
    warning: messages.badPositiveNumber('batch.scheduledDelayMillis', -1, 5000),
  },
  {
    name: 'serviceVersion and resource attributes',
    options: { serviceName: 's', serviceVersion: '1.2.3', resourceAttributes: { 'service.namespace': 'shop' } },
    expected: { resourceAttributes: { 'service.namespace': 'shop', 'service.version': '1.2.3' } },
  },
  {
    name: 'a misspelt option',
    options: { serviceName: 's', colectorUrl: '/x' },
    expected: { collectorUrl: 'https://shop.example/v1/traces' },
    warning: messages.unknownOption('colectorUrl', [
      'serviceName', 'serviceVersion', 'resourceAttributes', 'collectorUrl', 'propagateTo', 'sampler', 'sampleRatio', 'documentLoad',
      'serverTiming', 'fetch', 'xhr', 'userInteraction', 'errors', 'session', 'batch', 'spanProcessors', 'debug',
    ]),
  },
];

describe('resolveConfig', () => {
  for (const { name, options, expected, warning } of rows) {
    it(name, () => {
      const { config, warnings } = resolveConfig(options as unknown as TracekitWebOptions, PAGE);
      expect(config).toMatchObject(expected);
      expect(warnings).toEqual(warning ? [warning] : []);
      expect(Object.isFrozen(config)).toBe(true);
    });
  }

  it('keeps RegExp targets and a Sampler object as they are', () => {
    const sampler = { shouldSample: () => ({ decision: 1 }), toString: () => 'mine' };
    const pattern = /^https:\/\/[a-z]+\.shop\.example\//;
    const { config, warnings } = resolveConfig({ serviceName: 's', sampler: sampler as never, propagateTo: [pattern] }, PAGE);
    expect(config.sampler).toBe(sampler);
    expect(config.propagateTo).toEqual(['https://shop.example', pattern]);
    expect(warnings).toEqual([]);
  });

  it('every warning is a sentence naming the bad value', () => {
    const { warnings } = resolveConfig({ serviceName: '', sampler: 'x', sampleRatio: -1, propagateTo: ['ftp://x'] } as never, PAGE);
    expect(warnings).toHaveLength(4);
    for (const warning of warnings) expect(warning).toMatch(/\.$/);
  });
});
