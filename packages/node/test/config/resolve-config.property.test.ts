/**
 * resolveConfig never throws, whatever the env says, and always returns a well-formed config:
 * enums within their sets, numbers in range, every warning naming a variable that was set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OTEL_ENV_NAMES, TRACEKIT_ENV_NAMES, type EnvName } from '../../src/config/env-names.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import {
  EXPORTER_NAMES,
  INSTRUMENTATION_NAMES,
  LOG_LEVELS,
  OTLP_COMPRESSIONS,
  OTLP_PROTOCOLS,
  PROPAGATOR_NAMES,
  SAMPLER_NAMES,
  type ResolvedConfig,
} from '../../src/types.js';
import { ALL_DETECTORS, namesVariable } from './row.js';

const ALL_NAMES: readonly EnvName[] = [...OTEL_ENV_NAMES, ...TRACEKIT_ENV_NAMES];

/** Values that mean something to some variable, so the property reaches past the first check. */
const meaningful = fc.constantFrom(
  '', ' ', '\t\n', 'true', 'TRUE', 'false', 'yes', '1', '0', '-1', '1.5', '.5', '1e3', '2147483648', '9007199254740993',
  'none', 'all', 'otlp', 'console', 'none,otlp', 'tracecontext,baggage,b3', 'grpc', 'http/json', 'HTTP/PROTOBUF', 'gzip',
  'traceidratio', 'parentbased_jaeger_remote', 'jaeger_remote', 'debug',
  'endpoint=http://x:5778,pollingIntervalMs=1,initialSamplingRate=0.5', 'endpoint=,pollingIntervalMs=', 'pollingIntervalMs=1e309',
  'http://collector:4318', 'http://collector:4318/base/', 'collector:4317', '[::1]:4317', 'http://', 'http://u:p@', 'unix:///s',
  'a=1,b=2', 'a=1,b', '=x', 'a=%ZZ', 'a=%E0%A4%A', '__proto__=x', 'constructor=1,toString=2', 'service.name=', 'service.name=x',
  ',', ',,,', '\u0000', '\uD800', '\uDFFF\uD800', '💥', 'e\u0301', '\u202Eevil', 'http,express,fs', 'env,host,aws',
);

const keyValueList = fc
  .array(fc.tuple(fc.oneof(fc.string({ maxLength: 6 }), meaningful), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 6 })
  .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join(','));

const huge = fc.oneof(
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 10_000, max: 200_000 }))
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length))),
  fc.integer({ min: 1_000, max: 50_000 }).map((count) => 'a=1,'.repeat(count)),
  fc.integer({ min: 1_000, max: 50_000 }).map((count) => '9'.repeat(count)),
);

const value: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 5, arbitrary: meaningful },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(meaningful, { maxLength: 5 }).map((parts) => parts.join(',')) },
  { weight: 2, arbitrary: keyValueList },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const envArbitrary = fc.dictionary(fc.constantFrom(...ALL_NAMES), value, { maxKeys: 12 });
const fullEnvArbitrary = fc.record(Object.fromEntries(ALL_NAMES.map((name) => [name, value])) as Record<EnvName, typeof value>);

function assertWellFormed(config: ResolvedConfig, warnings: readonly string[], env: Record<string, string | undefined>): void {
  expect(typeof config.disabled).toBe('boolean');
  expect(typeof config.serviceName).toBe('string');
  expect(config.resourceAttributes['service.name']).toBe(config.serviceName);
  for (const attribute of Object.values(config.resourceAttributes)) expect(typeof attribute).toBe('string');

  expectSubset(config.tracesExporters, EXPORTER_NAMES.filter((name) => name !== 'none'));
  expectSubset(config.propagators, PROPAGATOR_NAMES);
  if (config.propagators.includes('none')) expect(config.propagators).toEqual(['none']);
  expectSubset(config.resourceDetectors, ALL_DETECTORS);
  expectSubset(config.instrumentations, INSTRUMENTATION_NAMES);
  expect(LOG_LEVELS).toContain(config.logLevel);

  const { otlp } = config;
  expect(OTLP_PROTOCOLS).toContain(otlp.protocol);
  expect(OTLP_COMPRESSIONS).toContain(otlp.compression);
  expect(typeof otlp.insecure).toBe('boolean');
  expectNonNegativeInteger(otlp.timeoutMillis);
  for (const [key, header] of Object.entries(otlp.headers)) {
    expect(key).toBe(key.toLowerCase());
    expect(typeof header).toBe('string');
  }
  if (otlp.protocol === 'grpc') {
    expect(isHttpUrl(otlp.endpoint) || /^[^\s/]+:\d+$/.test(otlp.endpoint), otlp.endpoint).toBe(true);
  } else {
    expect(isHttpUrl(otlp.endpoint), otlp.endpoint).toBe(true);
  }

  const { sampler } = config;
  expect(SAMPLER_NAMES).toContain(sampler.name);
  if (sampler.name.endsWith('traceidratio')) {
    expect(sampler.ratio).toBeGreaterThanOrEqual(0);
    expect(sampler.ratio).toBeLessThanOrEqual(1);
  }
  if (sampler.name.endsWith('jaeger_remote')) {
    const remote = sampler.jaegerRemote;
    expect(remote && isHttpUrl(remote.endpoint)).toBe(true);
    expect(Number.isSafeInteger(remote?.pollingIntervalMs) && (remote?.pollingIntervalMs ?? 0) > 0).toBe(true);
    expect(remote?.initialSamplingRate).toBeGreaterThanOrEqual(0);
    expect(remote?.initialSamplingRate).toBeLessThanOrEqual(1);
  }

  for (const size of Object.values(config.batch)) expectNonNegativeInteger(size);
  expect(config.batch.maxExportBatchSize).toBeLessThanOrEqual(config.batch.maxQueueSize);
  const { attributeValueLengthLimit, ...counts } = config.spanLimits;
  if (attributeValueLengthLimit !== Infinity) expectNonNegativeInteger(attributeValueLengthLimit);
  for (const count of Object.values(counts)) expectNonNegativeInteger(count);

  for (const path of config.ignorePaths) expect(path.length).toBeGreaterThan(0);
  expect(typeof config.ignoreProbes).toBe('boolean');
  expect(typeof config.handleSignals).toBe('boolean');
  expect(typeof config.expressLayerSpans).toBe('boolean');
  expectNonNegativeInteger(config.shutdownTimeoutMillis);

  expect(Object.isFrozen(config) && Object.isFrozen(config.otlp.headers) && Object.isFrozen(config.sampler)).toBe(true);

  const set = Object.keys(env).filter((name) => (env[name] ?? '').trim() !== '');
  for (const warning of warnings) {
    expect(typeof warning).toBe('string');
    expect(set.some((name) => namesVariable(warning, name)), warning).toBe(true);
    // Values are shortened in warnings, so a huge value cannot flood the log.
    expect(warning.length).toBeLessThan(2_000);
  }
}

function expectSubset(values: readonly string[], allowed: readonly string[]): void {
  for (const entry of values) expect(allowed).toContain(entry);
  expect(new Set(values).size).toBe(values.length);
}

function expectNonNegativeInteger(value: number): void {
  expect(Number.isSafeInteger(value) && value >= 0, String(value)).toBe(true);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

describe('resolveConfig on arbitrary env values', () => {
  it('never throws and returns a well-formed config (a few variables set)', () => {
    fc.assert(
      fc.property(envArbitrary, (env) => {
        const { config, warnings } = resolveConfig({}, env);
        assertWellFormed(config, warnings, env);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws and returns a well-formed config (every variable set)', () => {
    fc.assert(
      fc.property(fullEnvArbitrary, (env) => {
        const { config, warnings } = resolveConfig({}, env);
        assertWellFormed(config, warnings, env);
      }),
      { numRuns: 100 },
    );
  });
});
