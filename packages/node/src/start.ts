import type { DiagLogger } from '@opentelemetry/api';
import { redactHeaders, redactUrlCredentials, resolveConfig } from './config/index.js';
import { installDiagLogger } from './diagnostics.js';
import type { ExportStats } from './export/export-health.js';
import { esmModuleNames } from './instrumentations.js';
import { startSdk, type RunningSdk } from './sdk.js';
import { installShutdownHooks } from './shutdown.js';
import type { ResolvedConfig, TracekitOptions } from './types.js';
import { TRACEKIT_VERSION } from './version.js';
import { registerEsmHooks } from './esm-hooks.js';

export const startMessages = {
  alreadyStarted: (version: string) =>
    `tracing is already started (by @tracekit/node ${version}); this start() is ignored and the running setup is kept.`,
  disabled: 'OTEL_SDK_DISABLED is true: tracing is off.',
  failed: (error: unknown) =>
    `tracing could not start (${error instanceof Error ? error.message : String(error)}); the app runs untraced.`,
} as const;

/** What `start()` returns: the effective configuration and controls over the running SDK. */
export interface TracekitHandle {
  readonly config: ResolvedConfig;
  readonly warnings: readonly string[];
  /** Export counters per exporter (empty when tracing is off). */
  exportStats(): ExportStats[];
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

interface GlobalState {
  readonly version: string;
  readonly handle: TracekitHandle;
  warnedAboutSecondStart: boolean;
}

/** Shared by every copy of the package loaded in the process, so two copies never both start. */
const GLOBAL_KEY = Symbol.for('@tracekit/node');
type GlobalWithState = typeof globalThis & { [GLOBAL_KEY]?: GlobalState };

export interface StartOptions extends TracekitOptions {
  /** Register the ES module hooks (done by `register`; a programmatic start is usually too late for them). */
  esmHooks?: boolean;
}

/**
 * Starts tracing: options override env, env overrides the specification's defaults. Never
 * throws into the app; a second call warns once and returns the running setup.
 */
export function start(options: StartOptions = {}): TracekitHandle {
  const global = globalThis as GlobalWithState;
  const running = global[GLOBAL_KEY];
  if (running) {
    if (!running.warnedAboutSecondStart) {
      running.warnedAboutSecondStart = true;
      installDiagLogger(running.handle.config.logLevel).warn(startMessages.alreadyStarted(running.version));
    }
    return running.handle;
  }
  const { esmHooks = false, ...tracekitOptions } = options;
  const { config, warnings } = resolveConfig(tracekitOptions);
  const logger = installDiagLogger(config.logLevel);
  for (const warning of warnings) logger.warn(warning);
  logger.debug(`effective configuration: ${describeConfig(config)}`);

  const handle = config.disabled ? disabledHandle(config, warnings, logger) : startTracing(config, warnings, logger, esmHooks);
  global[GLOBAL_KEY] = { version: TRACEKIT_VERSION, handle, warnedAboutSecondStart: false };
  return handle;
}

/**
 * Export counters per exporter of the tracing started by `start()` or `register` (empty when
 * tracing is off or not started): for tests and for an app's health endpoint.
 */
export function exportStats(): ExportStats[] {
  return (globalThis as GlobalWithState)[GLOBAL_KEY]?.handle.exportStats() ?? [];
}

/** Stops the tracing started by `start()` or `register`, flushing pending spans first. */
export async function shutdown(): Promise<void> {
  await (globalThis as GlobalWithState)[GLOBAL_KEY]?.handle.shutdown();
}

function startTracing(config: ResolvedConfig, warnings: readonly string[], logger: DiagLogger, esmHooks: boolean): TracekitHandle {
  let sdk: RunningSdk;
  try {
    if (esmHooks) registerEsmHooks(esmModuleNames(config.instrumentations));
    sdk = startSdk(config, logger);
  } catch (error) {
    logger.warn(startMessages.failed(error));
    return disabledHandle(config, warnings, logger);
  }
  const uninstallHooks = installShutdownHooks(sdk, logger);
  return {
    config,
    warnings,
    exportStats: () => sdk.exportStats(),
    forceFlush: () => sdk.forceFlush(config.shutdownTimeoutMillis),
    shutdown: async () => {
      uninstallHooks();
      await sdk.shutdown(config.shutdownTimeoutMillis);
    },
  };
}

function disabledHandle(config: ResolvedConfig, warnings: readonly string[], logger: DiagLogger): TracekitHandle {
  if (config.disabled) logger.info(startMessages.disabled);
  return {
    config,
    warnings,
    exportStats: () => [],
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

/** The configuration as JSON with OTLP header values and URL credentials redacted. */
export function describeConfig(config: ResolvedConfig): string {
  const safe = {
    ...config,
    otlp: { ...config.otlp, endpoint: redactUrlCredentials(config.otlp.endpoint), headers: redactHeaders(config.otlp.headers) },
    sampler: config.sampler.jaegerRemote
      ? { ...config.sampler, jaegerRemote: { ...config.sampler.jaegerRemote, endpoint: redactUrlCredentials(config.sampler.jaegerRemote.endpoint) } }
      : config.sampler,
  };
  return JSON.stringify(safe, (_key, value: unknown) => (value === Infinity ? 'no limit' : value));
}
