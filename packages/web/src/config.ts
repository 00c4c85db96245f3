import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace';
import { messages } from './messages.js';
import { resolvePropagationTargets } from './propagation.js';
import type { BatchOptions, SamplerName, SessionStorageKind, TracekitWebOptions } from './types.js';

export const SAMPLER_NAMES: readonly SamplerName[] = Object.freeze([
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
]);
export const SESSION_STORAGE_KINDS: readonly SessionStorageKind[] = Object.freeze(['localStorage', 'sessionStorage', 'memory']);
export const DEFAULT_COLLECTOR_URL = '/v1/traces';
export const DEFAULT_SAMPLER: SamplerName = 'parentbased_always_on';
export const UNKNOWN_SERVICE = 'unknown_service';

const OPTION_NAMES: readonly (keyof TracekitWebOptions)[] = [
  'serviceName',
  'serviceVersion',
  'resourceAttributes',
  'collectorUrl',
  'propagateTo',
  'sampler',
  'sampleRatio',
  'documentLoad',
  'serverTiming',
  'fetch',
  'xhr',
  'userInteraction',
  'errors',
  'session',
  'batch',
  'spanProcessors',
  'debug',
];

/** Options with defaults applied and bad values replaced; frozen. */
export interface ResolvedConfig {
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Attributes>;
  /** Absolute. */
  readonly collectorUrl: string;
  /** Normalised origins (`https://api.example.com`) and RegExps. */
  readonly propagateTo: readonly (string | RegExp)[];
  readonly sampler: SamplerName | Sampler;
  readonly sampleRatio: number;
  readonly documentLoad: boolean;
  readonly serverTiming: boolean;
  readonly fetch: boolean;
  readonly xhr: boolean;
  /** Event types; empty when off. */
  readonly userInteraction: readonly string[];
  readonly errors: boolean;
  readonly session: false | Readonly<{ storage: SessionStorageKind; inactivityTimeoutMinutes: number; maxDurationMinutes: number }>;
  readonly batch: Readonly<Required<BatchOptions>>;
  readonly debug: boolean;
}

export interface ConfigResolution {
  readonly config: ResolvedConfig;
  /** One sentence per ignored or replaced value (see `messages`). */
  readonly warnings: readonly string[];
}

/**
 * Turns `init()` options into the resolved configuration. Pure: the page's URL is passed in
 * (to resolve `'self'` and a relative collectorUrl), nothing global is read or changed.
 */
export function resolveConfig(options: TracekitWebOptions, pageUrl: string): ConfigResolution {
  const warnings: string[] = [];
  const given = (options ?? {}) as Partial<TracekitWebOptions> & Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) warnings.push(messages.unknownOption(name, OPTION_NAMES));
  }

  const bool = (name: keyof TracekitWebOptions, fallback: boolean): boolean => {
    const value = given[name];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    warnings.push(messages.badBoolean(name, value, fallback));
    return fallback;
  };
  const positive = (name: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    warnings.push(messages.badPositiveNumber(name, value, fallback));
    return fallback;
  };

  let serviceName = UNKNOWN_SERVICE;
  if (typeof given.serviceName === 'string' && given.serviceName.trim() !== '') serviceName = given.serviceName.trim();
  else warnings.push(messages.missingServiceName(given.serviceName));

  const resourceAttributes: Attributes = {};
  if (given.resourceAttributes !== undefined) {
    if (isAttributes(given.resourceAttributes)) Object.assign(resourceAttributes, given.resourceAttributes);
    else warnings.push(messages.badResourceAttributes(given.resourceAttributes));
  }
  if (typeof given.serviceVersion === 'string' && given.serviceVersion !== '') resourceAttributes['service.version'] = given.serviceVersion;

  const fallbackCollector = new URL(DEFAULT_COLLECTOR_URL, pageUrl).href;
  let collectorUrl = fallbackCollector;
  if (given.collectorUrl !== undefined) {
    const url = typeof given.collectorUrl === 'string' && given.collectorUrl !== '' ? parseUrl(given.collectorUrl, pageUrl) : undefined;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) collectorUrl = url.href;
    else warnings.push(messages.badCollectorUrl(given.collectorUrl, fallbackCollector));
  }

  // The page's own origin always gets trace headers (the fetch instrumentation sends them to
  // it in any case); other origins only when listed.
  let propagateTo: (string | RegExp)[] = [new URL(pageUrl).origin];
  if (given.propagateTo !== undefined) {
    if (Array.isArray(given.propagateTo)) {
      const resolved = resolvePropagationTargets(given.propagateTo, pageUrl);
      propagateTo = [...new Set([...propagateTo, ...resolved.targets])];
      warnings.push(...resolved.warnings);
    } else {
      warnings.push(messages.badPropagateTo(given.propagateTo));
    }
  }

  let sampler: SamplerName | Sampler = DEFAULT_SAMPLER;
  if (given.sampler !== undefined) {
    const name = typeof given.sampler === 'string' ? given.sampler.trim().toLowerCase() : undefined;
    if (name !== undefined && (SAMPLER_NAMES as readonly string[]).includes(name)) sampler = name as SamplerName;
    else if (isSampler(given.sampler)) sampler = given.sampler;
    else warnings.push(messages.badSampler(given.sampler, SAMPLER_NAMES, DEFAULT_SAMPLER));
  }
  let sampleRatio = 1;
  if (given.sampleRatio !== undefined) {
    if (typeof given.sampleRatio === 'number' && given.sampleRatio >= 0 && given.sampleRatio <= 1) sampleRatio = given.sampleRatio;
    else warnings.push(messages.badSampleRatio(given.sampleRatio));
  }

  let userInteraction: string[] = [];
  const interaction = given.userInteraction;
  if (interaction === true) userInteraction = ['click'];
  else if (Array.isArray(interaction) && interaction.every((type) => typeof type === 'string' && /^[a-z]+$/i.test(type))) {
    userInteraction = [...new Set(interaction.map((type) => type.toLowerCase()))];
  } else if (interaction !== undefined && interaction !== false) warnings.push(messages.badUserInteraction(interaction));

  let session: ResolvedConfig['session'] = false;
  if (given.session !== false) {
    const options = given.session && typeof given.session === 'object' ? given.session : {};
    let storage: SessionStorageKind = 'localStorage';
    if (options.storage !== undefined) {
      if (SESSION_STORAGE_KINDS.includes(options.storage)) storage = options.storage;
      else warnings.push(messages.badSessionStorage(options.storage, SESSION_STORAGE_KINDS));
    }
    session = Object.freeze({
      storage,
      inactivityTimeoutMinutes: positive('session.inactivityTimeoutMinutes', options.inactivityTimeoutMinutes, 30),
      maxDurationMinutes: positive('session.maxDurationMinutes', options.maxDurationMinutes, 240),
    });
  }

  const batchOptions = given.batch ?? {};
  const batch = Object.freeze({
    scheduledDelayMillis: positive('batch.scheduledDelayMillis', batchOptions.scheduledDelayMillis, 5000),
    maxExportBatchSize: Math.floor(positive('batch.maxExportBatchSize', batchOptions.maxExportBatchSize, 100)),
    maxQueueSize: Math.floor(positive('batch.maxQueueSize', batchOptions.maxQueueSize, 1000)),
  });

  const config: ResolvedConfig = {
    serviceName,
    resourceAttributes: Object.freeze(resourceAttributes),
    collectorUrl,
    propagateTo: Object.freeze(propagateTo),
    sampler,
    sampleRatio,
    documentLoad: bool('documentLoad', true),
    serverTiming: bool('serverTiming', true),
    fetch: bool('fetch', true),
    xhr: bool('xhr', true),
    userInteraction: Object.freeze(userInteraction),
    errors: bool('errors', true),
    session,
    batch,
    debug: bool('debug', false),
  };
  return { config: Object.freeze(config), warnings: Object.freeze(warnings) };
}

function parseUrl(value: string, base: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

function isSampler(value: unknown): value is Sampler {
  return typeof value === 'object' && value !== null && typeof (value as Sampler).shouldSample === 'function';
}

function isAttributeValue(value: unknown): value is AttributeValue {
  const scalar = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item);
  return scalar(value) || (Array.isArray(value) && value.every((item) => item == null || scalar(item)));
}

function isAttributes(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isAttributeValue);
}
