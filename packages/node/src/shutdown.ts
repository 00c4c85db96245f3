import type { DiagLogger } from '@opentelemetry/api';
import { isCollectorUnreachable } from './export/collector-probe.js';
import type { RunningSdk } from './sdk.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** When the Collector is known to be unreachable there is no point waiting long. */
const UNREACHABLE_COLLECTOR_DEADLINE_MILLIS = 1000;
const COLLECTOR_PROBE_TIMEOUT_MILLIS = 500;

/**
 * Flushes spans when the process is asked to stop, while keeping Node's signal semantics:
 * - if the app does not handle the signal, tracekit flushes within the deadline and re-raises
 *   the signal, so the process ends with the usual signal status;
 * - if the app handles it, tracekit starts a flush and the app decides when to exit: when its
 *   event loop drains, the final flush runs on `beforeExit`; when it calls `process.exit()`,
 *   even synchronously in its own handler, the `exit` listener sends what is still unsent
 *   synchronously (see export/exit-flush.ts), within what is left of the deadline.
 * The deadline is TRACEKIT_SHUTDOWN_TIMEOUT (1 s while export is failing), counted from the
 * signal, the drained event loop or the app's process.exit(); a Collector that refuses
 * connections ends the wait at once.
 */
export function installShutdownHooks(sdk: RunningSdk, logger: DiagLogger): () => void {
  const deadline = () =>
    sdk.exportStats().some((stats) => stats.failing)
      ? Math.min(UNREACHABLE_COLLECTOR_DEADLINE_MILLIS, sdk.config.shutdownTimeoutMillis)
      : sdk.config.shutdownTimeoutMillis;
  /**
   * When tracekit's own shutdown began (signal without an app handler, or beforeExit): its
   * deadline counts from there. An exit the app decides on (process.exit) gets the whole
   * deadline: tracekit never adds more than that to the app's own way of stopping.
   */
  let stoppingSince: number | undefined;
  const remaining = () => (stoppingSince === undefined ? deadline() : Math.max(0, stoppingSince + deadline() - Date.now()));

  /**
   * Flushes and stops within the deadline; resolves early when the Collector refuses
   * connections. Resolves with whether the flush completed.
   */
  const stop = async () => {
    stoppingSince ??= Date.now();
    const completed = await Promise.race([sdk.shutdown(remaining()), collectorDown(sdk).then(() => false)]);
    // Whatever is still unsent now will not be sent: count it and print the last report.
    sdk.flushBeforeExit(0);
    return completed;
  };

  const onBeforeExit = () => {
    void stop().then((completed) => {
      // The app had finished (its event loop was empty); only an export that is still
      // waiting for the Collector (the OTLP exporters' own timeout, 10 s by default) can keep
      // the process alive now. The deadline holds: exit as the app would have without tracing,
      // unless someone else listens to beforeExit and may have scheduled more work.
      if (!completed && process.listenerCount('beforeExit') === 0) process.exit();
    });
  };

  const onExit = () => {
    sdk.flushBeforeExit(remaining());
  };

  const onSignal = (signal: NodeJS.Signals) => {
    const appHandlesSignal = process.listenerCount(signal) > 1;
    if (appHandlesSignal) {
      void sdk.forceFlush(deadline());
      return;
    }
    logger.debug(`${signal} received: flushing spans before exiting`);
    void stop().then(() => {
      uninstall();
      process.kill(process.pid, signal);
    });
  };

  process.once('beforeExit', onBeforeExit);
  process.once('exit', onExit);
  // Prepended, so the flush has started before any handler of the app runs, even one
  // registered before tracing started.
  if (sdk.config.handleSignals) for (const signal of SIGNALS) process.prependListener(signal, onSignal);

  function uninstall() {
    process.removeListener('beforeExit', onBeforeExit);
    process.removeListener('exit', onExit);
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
