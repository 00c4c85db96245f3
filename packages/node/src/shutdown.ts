import type { DiagLogger } from '@opentelemetry/api';
import { isCollectorUnreachable } from './collector-probe.js';
import type { RunningSdk } from './sdk.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** When the Collector is known to be unreachable there is no point waiting long. */
const UNREACHABLE_COLLECTOR_DEADLINE_MILLIS = 1000;
const COLLECTOR_PROBE_TIMEOUT_MILLIS = 500;

/**
 * Flushes spans when the process is asked to stop, while keeping Node's signal semantics:
 * if the app handles the signal itself, tracekit only flushes and the app decides when to
 * exit (the final flush then happens when the event loop drains); if it does not, tracekit
 * flushes within the deadline and re-raises the signal so the process ends with the usual
 * signal status.
 */
export function installShutdownHooks(sdk: RunningSdk, logger: DiagLogger): () => void {
  const deadline = () =>
    sdk.exportStats().some((stats) => stats.failing)
      ? Math.min(UNREACHABLE_COLLECTOR_DEADLINE_MILLIS, sdk.config.shutdownTimeoutMillis)
      : sdk.config.shutdownTimeoutMillis;

  const onBeforeExit = () => {
    void Promise.race([sdk.shutdown(deadline()), collectorDown(sdk)]);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    const appHandlesSignal = process.listenerCount(signal) > 1;
    if (appHandlesSignal) {
      void sdk.forceFlush(deadline());
      return;
    }
    logger.debug(`${signal} received: flushing spans before exiting`);
    void Promise.race([sdk.shutdown(deadline()), collectorDown(sdk)]).then(() => {
      uninstall();
      process.kill(process.pid, signal);
    });
  };

  process.once('beforeExit', onBeforeExit);
  if (sdk.config.handleSignals) for (const signal of SIGNALS) process.on(signal, onSignal);

  function uninstall() {
    process.removeListener('beforeExit', onBeforeExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  }
  return uninstall;
}

/** Settles only if every OTLP exporter's Collector refuses connections (never for console). */
async function collectorDown(sdk: RunningSdk): Promise<void> {
  const { tracesExporters, otlp } = sdk.config;
  if (!tracesExporters.includes('otlp') || tracesExporters.includes('console')) return new Promise(() => {});
  const unreachable = await isCollectorUnreachable(otlp.endpoint, COLLECTOR_PROBE_TIMEOUT_MILLIS);
  if (!unreachable) return new Promise(() => {});
  return undefined;
}
