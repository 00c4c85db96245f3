import { SAMPLER_NAMES, type JaegerRemoteSamplerConfig, type SamplerConfig, type SamplerName } from '../types.js';
import type { EnvReader } from './env-reader.js';
import { parseKeyValueList } from './key-value-list.js';
import { warningText } from './warnings.js';

export const DEFAULT_SAMPLER: SamplerName = 'parentbased_always_on';
const DEFAULT_RATIO = 1;

/**
 * The JavaScript remote sampler speaks Jaeger's HTTP sampling API (`/sampling`), served on
 * port 5778 by Jaeger and by the Collector's jaegerremotesampling extension; the
 * specification's 14250 default is the gRPC port, which that sampler cannot use.
 */
export const DEFAULT_JAEGER_REMOTE: JaegerRemoteSamplerConfig = {
  endpoint: 'http://localhost:5778',
  pollingIntervalMs: 60_000,
  initialSamplingRate: 0.001,
};

export function resolveSampler(reader: EnvReader): SamplerConfig {
  const name = reader.enumOf('OTEL_TRACES_SAMPLER', SAMPLER_NAMES, DEFAULT_SAMPLER);
  if (name.endsWith('traceidratio')) return { name, ratio: readRatio(reader) };
  if (name.endsWith('jaeger_remote')) return { name, jaegerRemote: readJaegerRemote(reader) };
  if (reader.raw('OTEL_TRACES_SAMPLER_ARG') !== undefined) reader.warn(warningText.samplerArgIgnored(name));
  return { name };
}

function readRatio(reader: EnvReader): number {
  const value = reader.raw('OTEL_TRACES_SAMPLER_ARG');
  if (value === undefined) return DEFAULT_RATIO;
  const ratio = parseRatio(value);
  if (ratio !== undefined) return ratio;
  reader.warn(warningText.invalidRatio('OTEL_TRACES_SAMPLER_ARG', value, DEFAULT_RATIO));
  return DEFAULT_RATIO;
}

/**
 * `endpoint=…,pollingIntervalMs=…,initialSamplingRate=…`, each part optional. Any invalid or
 * unknown part voids the whole argument: the specification says to behave as if it were unset.
 */
function readJaegerRemote(reader: EnvReader): JaegerRemoteSamplerConfig {
  const value = reader.raw('OTEL_TRACES_SAMPLER_ARG');
  if (value === undefined) return DEFAULT_JAEGER_REMOTE;
  const parts = value.split(',').filter((part) => part.trim() !== '');
  let config = DEFAULT_JAEGER_REMOTE;
  for (const [index, item] of parseKeyValueList(value).entries()) {
    const applied = item.ok ? applyJaegerRemotePart(config, item.entry.key, item.entry.value) : undefined;
    if (applied === undefined) {
      reader.warn(warningText.jaegerRemoteArg(parts[index]?.trim() ?? ''));
      return DEFAULT_JAEGER_REMOTE;
    }
    config = applied;
  }
  return config;
}

function applyJaegerRemotePart(
  config: JaegerRemoteSamplerConfig,
  key: string,
  value: string,
): JaegerRemoteSamplerConfig | undefined {
  if (key === 'endpoint' && isHttpUrl(value)) return { ...config, endpoint: value.replace(/\/+$/, '') };
  if (key === 'pollingIntervalMs' && /^\d+$/.test(value) && Number(value) > 0) return { ...config, pollingIntervalMs: Number(value) };
  const rate = key === 'initialSamplingRate' ? parseRatio(value) : undefined;
  return rate === undefined ? undefined : { ...config, initialSamplingRate: rate };
}

function parseRatio(value: string): number | undefined {
  if (!/^\s*(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return undefined;
  const ratio = Number(value);
  return ratio >= 0 && ratio <= 1 ? ratio : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
