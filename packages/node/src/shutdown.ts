import type { DiagLogger } from '@opentelemetry/api';
import type { RunningSdk } from './sdk.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** When the Collector is already known to be unreachable there is no point waiting long. */
const UNREACHABLE_COLLECTOR_DEADLINE_MILLIS = 1000;

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
    void sdk.shutdown(deadline());
  };

  const onSignal = (signal: NodeJS.Signals) => {
    const appHandlesSignal = process.listenerCount(signal) > 1;
    if (appHandlesSignal) {
      void sdk.forceFlush(deadline());
      return;
    }
    logger.debug(`${signal} received: flushing spans before exiting`);
    void sdk.shutdown(deadline()).then(() => {
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
