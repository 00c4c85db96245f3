/**
 * Properties of resolveConfig that are not about one variable: coverage of the corpus itself,
 * freezing, purity (no process.env), and what warnings say.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OTEL_ENV_NAMES, PLATFORM_ENV_NAMES, TRACEKIT_ENV_NAMES, type EnvName } from '../../src/config/env-names.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import type { TracekitOptions } from '../../src/types.js';
import { defaultsRow } from './corpus/general.js';
import { allRows } from './corpus/index.js';
import { DEFAULT_SERVICE_NAME, namesVariable, rowName } from './row.js';

const ALL_NAMES: readonly EnvName[] = [...OTEL_ENV_NAMES, ...TRACEKIT_ENV_NAMES, ...PLATFORM_ENV_NAMES];

describe('the corpus', () => {
  it('has at least 150 rows', () => {
    expect(allRows.length).toBeGreaterThanOrEqual(150);
  });

  it.each(ALL_NAMES.map((name) => [name]))('covers %s with at least a good, an empty and a bad value', (name) => {
    const values = allRows.flatMap((row) => (row.env[name] === undefined ? [] : [row.env[name]]));
    expect(values.length, `rows setting ${name}`).toBeGreaterThanOrEqual(3);
    expect(values.some((value) => value.trim() === ''), `${name} set to empty or whitespace`).toBe(true);
  });

  it('pins every key of the resolved config in the defaults row', () => {
    const keys = Object.keys(resolveConfig({}, {}).config).sort();
    expect(Object.keys(defaultsRow.exact ?? {}).sort()).toEqual(keys);
  });

  it('has unique test names', () => {
    const names = allRows.map(rowName);
    const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
    expect(duplicates).toEqual([]);
  });

  it('only uses variable names tracekit reads', () => {
    const unknown = allRows.flatMap((row) => Object.keys(row.env)).filter((name) => !ALL_NAMES.includes(name as EnvName));
    expect(unknown).toEqual([]);
  });
});

describe('warnings', () => {
  it('every warning of every row names one of the variables the row sets', () => {
    const unnamed: string[] = [];
    for (const row of allRows) {
      const { warnings } = resolveConfig(row.options ?? {}, row.env);
      const names = Object.keys(row.env);
      for (const warning of warnings) {
        if (!names.some((name) => namesVariable(warning, name))) unnamed.push(`${rowName(row)} → ${warning}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('never reveal header entries, good or bad', () => {
    const { warnings } = resolveConfig(
      {},
      {
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'authorization=Bearer%20tok3n,s3cr3t-no-equals,x=%ZZhunter2',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=g3neric',
      },
    );
    expect(warnings).toHaveLength(2);
    for (const secret of ['tok3n', 's3cr3t', 'hunter2', 'g3neric']) {
      expect(warnings.join('\n')).not.toContain(secret);
    }
  });

  it('never reveal URL credentials', () => {
    const { warnings } = resolveConfig(
      {},
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:s3cret@',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://admin:p4ss@collector',
      },
    );
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).not.toMatch(/s3cret|p4ss/);
  });

  it('is an empty frozen list when everything is valid', () => {
    const { warnings } = resolveConfig({}, { OTEL_SERVICE_NAME: 'checkout', OTEL_TRACES_SAMPLER: 'always_on' });
    expect(warnings).toEqual([]);
    expect(Object.isFrozen(warnings)).toBe(true);
  });
});

describe('the returned config', () => {
  const cases: Array<[string, TracekitOptions, Record<string, string>]> = [
    ['defaults', {}, {}],
    [
      'from env',
      {},
      {
        OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote',
        OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
        OTEL_EXPORTER_OTLP_CERTIFICATE: '/ca.pem',
        OTEL_RESOURCE_ATTRIBUTES: 'team=pay',
      },
    ],
    [
      'from options',
      {
        sampler: { name: 'traceidratio', ratio: 0.5 },
        otlp: { headers: { b: '2' } },
        resourceAttributes: { team: 'pay' },
        ignorePaths: ['/ping'],
        instrumentations: ['http'],
      },
      {},
    ],
  ];

  it.each(cases)('is deeply frozen (%s)', (_, options, env) => {
    const { config } = resolveConfig(structuredClone(options), env);
    const unfrozen = notFrozen(config, 'config');
    expect(unfrozen).toEqual([]);
    expect(() => {
      (config as { serviceName: string }).serviceName = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (config.otlp.headers as Record<string, string>).injected = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (config.propagators as string[]).push('b3');
    }).toThrow(TypeError);
    expect(() => {
      (config.batch as { maxQueueSize: number }).maxQueueSize = 1;
    }).toThrow(TypeError);
  });

  it('does not freeze or change the options passed in', () => {
    const options: TracekitOptions = {
      ignorePaths: ['/ping'],
      propagators: ['b3'],
      sampler: { name: 'traceidratio', ratio: 0.5 },
      otlp: { headers: { a: '1' } },
      resourceAttributes: { team: 'pay' },
      instrumentations: ['http'],
    };
    const copy = structuredClone(options);
    resolveConfig(options, {});
    expect(options).toEqual(copy);
    expect(frozen(options, 'options')).toEqual([]);
  });

  it('is the same for the same input', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'a=1', OTEL_PROPAGATORS: 'b3,jaeger', OTEL_BSP_MAX_QUEUE_SIZE: '10' };
    expect(resolveConfig({}, env)).toEqual(resolveConfig({}, env));
  });
});

describe('purity', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('ignores process.env when an env object is passed', () => {
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-process-env');
    vi.stubEnv('OTEL_SDK_DISABLED', 'true');
    vi.stubEnv('OTEL_TRACES_SAMPLER', 'always_off');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://process-env:4318');
    const { config, warnings } = resolveConfig({}, {});
    expect(config).toMatchObject({
      serviceName: DEFAULT_SERVICE_NAME,
      disabled: false,
      sampler: { name: 'parentbased_always_on' },
      otlp: { endpoint: 'http://localhost:4318/v1/traces' },
    });
    expect(warnings).toEqual([]);
  });

  it('never touches process.env while resolving a passed env', () => {
    const descriptor = Object.getOwnPropertyDescriptor(process, 'env');
    if (!descriptor) throw new Error('process.env has no own property descriptor');
    let reads = 0;
    const original = process.env;
    Object.defineProperty(process, 'env', {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get() {
        reads += 1;
        return original;
      },
    });
    try {
      resolveConfig({ serviceName: 'x' }, { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' });
    } finally {
      Object.defineProperty(process, 'env', descriptor);
    }
    expect(reads).toBe(0);
  });

  it('reads only the variables it declares from the env it is given', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    });
    resolveConfig({}, env);
    expect([...read].filter((name) => !ALL_NAMES.includes(name as EnvName))).toEqual([]);
  });

  it('reads process.env when no env is passed', () => {
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-process-env');
    expect(resolveConfig().config.serviceName).toBe('from-process-env');
  });
});

/** Paths of every object or array under `value` that is frozen. */
function frozen(value: unknown, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Object.isFrozen(value) ? [path] : [];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => frozen(child, `${path}.${key}`))];
}

/** Paths of every object or array under `value` that is not frozen. */
function notFrozen(value: unknown, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [
    ...own,
    ...Object.entries(value).flatMap(([key, child]) => notFrozen(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`)),
  ];
}
