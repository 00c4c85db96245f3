/**
 * The shape of one row of the configuration corpus, and how a row becomes a test.
 *
 * A row is `{ env, expected, warnings? }`: `expected` is a deep partial of ResolvedConfig
 * checked with `toMatchObject`; `exact` pins a sub-object with `toEqual` where extra keys
 * matter (headers, resource attributes, the sampler); `warnings` is the exact list of warning
 * texts, built with `warningText.*` so rows follow the source's wording, and `[]` means
 * "no warning". `warningsMention` is for rows whose exact wording is up to a pending fix: each
 * listed variable must be named by some warning.
 */
import { expect } from 'vitest';
import type { EnvName } from '../../src/config/env-names.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import type {
  BatchConfig,
  OtlpConfig,
  ResolvedConfig,
  ResourceDetectorName,
  SamplerConfig,
  SpanLimitsConfig,
  TracekitOptions,
} from '../../src/types.js';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export type Expected = { [K in keyof ResolvedConfig]?: DeepPartial<ResolvedConfig[K]> };

type ExactPath =
  | keyof ResolvedConfig
  | `otlp.${keyof OtlpConfig}`
  | `sampler.${keyof SamplerConfig}`
  | `batch.${keyof BatchConfig}`
  | `spanLimits.${keyof SpanLimitsConfig}`;

export type Exact = { [P in ExactPath]?: unknown };

export interface ConfigRow {
  readonly env: Partial<Record<EnvName, string>>;
  readonly options?: TracekitOptions;
  readonly expected: Expected;
  readonly exact?: Exact;
  readonly warnings?: readonly string[];
  readonly warningsMention?: readonly EnvName[];
  /** Shown in the test name when the env pairs alone do not say what the row is about. */
  readonly why?: string;
}

/** Specification defaults, written out here rather than imported, so the source is checked against them. */
export const DEFAULT_SERVICE_NAME = 'unknown_service:node';
export const DEFAULT_HTTP_ENDPOINT = 'http://localhost:4318/v1/traces';
export const DEFAULT_GRPC_ENDPOINT = 'http://localhost:4317';
export const DEFAULT_BATCH = { scheduledDelayMillis: 5000, exportTimeoutMillis: 30_000, maxQueueSize: 2048, maxExportBatchSize: 512 };
export const DEFAULT_SPAN_LIMITS = {
  attributeValueLengthLimit: Infinity,
  attributeCountLimit: 128,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
};
export const DEFAULT_JAEGER_REMOTE = { endpoint: 'http://localhost:5778', pollingIntervalMs: 60_000, initialSamplingRate: 0.001 };
export const ALL_DETECTORS: ResourceDetectorName[] = ['env', 'host', 'os', 'process', 'serviceinstance', 'container'];
export const DEFAULT_IGNORE_PATHS = ['/healthz', '/readyz', '/livez'];

/**
 * A timeout of 0 means "indefinite" (spec, Timeout type). The OTLP exporters reject Infinity
 * (`timeoutMillis` must be finite and > 0) and Node's setTimeout turns anything above 2^31 − 1
 * into 1 ms, so "a very long time" has to be a large finite number no larger than 2^31 − 1.
 */
export const INDEFINITE_TIMEOUT = expect.toSatisfy(
  (value: number) => Number.isFinite(value) && value >= 3_600_000 && value <= 2 ** 31 - 1,
  'an indefinite timeout: a very long finite time (>= 1 h, <= 2^31 - 1 ms)',
);

export function rowName(row: ConfigRow): string {
  const pairs = Object.entries(row.env).map(([name, value]) => `${name}=${showValue(value ?? '')}`);
  let name = pairs.length > 0 ? pairs.join(' ') : '(no env)';
  if (row.options) name += ` + options ${JSON.stringify(row.options)}`;
  if (row.why) name += ` (${row.why})`;
  return name;
}

function showValue(value: string): string {
  if (value.length <= 90 && /^[\x21-\x7e]+$/.test(value)) return value;
  return JSON.stringify(value.length > 90 ? `${value.slice(0, 87)}…` : value);
}

/** Matches a variable name as a whole word, so OTEL_TRACES_SAMPLER does not match OTEL_TRACES_SAMPLER_ARG. */
export function namesVariable(warning: string, name: string): boolean {
  return new RegExp(`(^|[^A-Z0-9_])${name}($|[^A-Z0-9_])`).test(warning);
}

export function checkRow(row: ConfigRow): void {
  const { config, warnings } = resolveConfig(row.options ?? {}, row.env);
  expect(config).toMatchObject(row.expected);
  for (const [path, value] of Object.entries(row.exact ?? {})) {
    expect(at(config, path), path).toEqual(value);
  }
  if (row.warnings) expect(warnings).toEqual(row.warnings);
  for (const name of row.warningsMention ?? []) {
    expect(
      warnings.some((warning) => namesVariable(warning, name)),
      `some warning names ${name}; got ${JSON.stringify(warnings)}`,
    ).toBe(true);
  }
}

function at(config: ResolvedConfig, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], config);
}
