import {
  EXPORTER_NAMES,
  INSTRUMENTATION_NAMES,
  LOG_LEVELS,
  PROPAGATOR_NAMES,
  RESOURCE_DETECTOR_NAMES,
  type ExporterName,
  type InstrumentationName,
  type PropagatorName,
  type ResolvedConfig,
  type ResourceDetectorName,
  type TracekitOptions,
} from '../types.js';
import type { Env } from './env-names.js';
import { EnvReader } from './env-reader.js';
import { resolveBatch, resolveSpanLimits } from './resolve-limits.js';
import { resolveOtlp } from './resolve-otlp.js';
import { resolveResourceAttributes } from './resolve-resource.js';
import { resolveSampler } from './resolve-sampler.js';
import { warningText } from './warnings.js';

export const DEFAULT_PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage'];
export const DEFAULT_IGNORE_PATHS: readonly string[] = ['/healthz', '/readyz', '/livez'];
export const DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 5000;
const ALL_DETECTORS: readonly ResourceDetectorName[] = ['env', 'host', 'os', 'process', 'serviceinstance', 'container'];
/**
 * In a pod the k8s detector replaces the container one: it reads container.id from the same
 * cgroup files, and the container detector reports the pod sandbox's id on CRI-O and
 * cri-dockerd with cgroup v2.
 */
const ALL_DETECTORS_IN_KUBERNETES: readonly ResourceDetectorName[] = ['env', 'host', 'os', 'process', 'serviceinstance', 'k8s'];

export interface ConfigResolution {
  readonly config: ResolvedConfig;
  /** One sentence per invalid value, in the order they were found. */
  readonly warnings: readonly string[];
}

/**
 * Turns code options and environment variables into one frozen configuration.
 * Precedence: options, then env, then the specification's defaults. Pure: reads only `env`.
 */
export function resolveConfig(options: TracekitOptions = {}, env: Env = process.env): ConfigResolution {
  const reader = new EnvReader(env);
  const resource = resolveResourceAttributes(reader);
  const serviceName = options.serviceName ?? options.resourceAttributes?.['service.name'] ?? resource.serviceName;

  const config: ResolvedConfig = {
    disabled: options.disabled ?? readDisabled(reader),
    serviceName,
    resourceAttributes: { ...resource.attributes, ...options.resourceAttributes, 'service.name': serviceName },
    tracesExporters: options.tracesExporters ?? readExporters(reader),
    otlp: resolveOtlp(reader, options.otlp),
    sampler: options.sampler ?? resolveSampler(reader),
    propagators: options.propagators ?? readPropagators(reader),
    batch: resolveBatch(reader, options.batch),
    spanLimits: { ...resolveSpanLimits(reader), ...options.spanLimits },
    logLevel: options.logLevel ?? reader.enumOf('OTEL_LOG_LEVEL', LOG_LEVELS, 'info'),
    resourceDetectors: options.resourceDetectors ?? readDetectors(reader),
    instrumentations: options.instrumentations ?? readInstrumentations(reader),
    ignorePaths: options.ignorePaths ?? reader.list('TRACEKIT_IGNORE_PATHS') ?? DEFAULT_IGNORE_PATHS,
    ignoreProbes: options.ignoreProbes ?? reader.boolean('TRACEKIT_IGNORE_PROBES', true),
    shutdownTimeoutMillis:
      options.shutdownTimeoutMillis ?? reader.integer('TRACEKIT_SHUTDOWN_TIMEOUT', DEFAULT_SHUTDOWN_TIMEOUT_MILLIS),
    handleSignals: options.handleSignals ?? reader.boolean('TRACEKIT_HANDLE_SIGNALS', true),
    expressLayerSpans: options.expressLayerSpans ?? reader.boolean('TRACEKIT_EXPRESS_LAYER_SPANS', false),
    baggageAttributes: options.baggageAttributes ?? reader.list('TRACEKIT_BAGGAGE_ATTRIBUTES') ?? [],
  };
  // A copy is frozen, so arrays and objects passed in as options stay the caller's.
  return { config: deepFreeze(structuredClone(config)), warnings: Object.freeze([...reader.warnings]) };
}

/** True only for case-insensitive "true"; anything but "false" is also reported. */
function readDisabled(reader: EnvReader): boolean {
  return reader.boolean('OTEL_SDK_DISABLED', false);
}

function readExporters(reader: EnvReader): ExporterName[] {
  const names = reader.enumList('OTEL_TRACES_EXPORTER', EXPORTER_NAMES, ['otlp']) ?? ['otlp'];
  return withoutNone(reader, 'OTEL_TRACES_EXPORTER', names);
}

function readPropagators(reader: EnvReader): PropagatorName[] {
  const names = reader.enumList('OTEL_PROPAGATORS', PROPAGATOR_NAMES, DEFAULT_PROPAGATORS) ?? [...DEFAULT_PROPAGATORS];
  const kept = withoutNone(reader, 'OTEL_PROPAGATORS', names);
  return kept.length === 0 ? ['none'] : kept;
}

/** `none` alone means nothing; `none` next to real values is ignored with a warning. */
function withoutNone<T extends string>(reader: EnvReader, name: 'OTEL_TRACES_EXPORTER' | 'OTEL_PROPAGATORS', names: T[]): Exclude<T, 'none'>[] {
  const others = names.filter((entry): entry is Exclude<T, 'none'> => entry !== 'none');
  if (others.length > 0 && others.length < names.length) reader.warn(warningText.noneWithOthers(name, others));
  return others;
}

function readDetectors(reader: EnvReader): ResourceDetectorName[] {
  const names = reader.enumList('OTEL_NODE_RESOURCE_DETECTORS', RESOURCE_DETECTOR_NAMES, ['all']) ?? ['all'];
  if (names.includes('none')) return [];
  if (names.includes('all')) return [...(reader.raw('KUBERNETES_SERVICE_HOST') === undefined ? ALL_DETECTORS : ALL_DETECTORS_IN_KUBERNETES)];
  return names.filter((entry): entry is ResourceDetectorName => entry !== 'all' && entry !== 'none');
}

function readInstrumentations(reader: EnvReader): InstrumentationName[] {
  const enabled = reader.enumList('OTEL_NODE_ENABLED_INSTRUMENTATIONS', INSTRUMENTATION_NAMES, INSTRUMENTATION_NAMES);
  const disabled = reader.enumList('OTEL_NODE_DISABLED_INSTRUMENTATIONS', INSTRUMENTATION_NAMES, []) ?? [];
  return (enabled ?? [...INSTRUMENTATION_NAMES]).filter((name) => !disabled.includes(name));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
