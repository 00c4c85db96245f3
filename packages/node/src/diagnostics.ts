import { DiagConsoleLogger, DiagLogLevel, diag, type DiagLogger } from '@opentelemetry/api';
import type { LogLevel } from './types.js';

const LEVELS: Record<LogLevel, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

const NAMESPACE = '@tracekit/node';

/**
 * Installs the console diag logger at OTEL_LOG_LEVEL (default info), so configuration and
 * export warnings are visible by default and not only when debugging.
 */
export function installDiagLogger(level: LogLevel): DiagLogger {
  diag.setLogger(new QuietUpstreamInfoLogger(new DiagConsoleLogger(), LEVELS[level]), {
    logLevel: LEVELS[level],
    suppressOverrideMessage: true,
  });
  return diag.createComponentLogger({ namespace: NAMESPACE });
}

/**
 * At the default level (info) only tracekit's own info messages are shown. The upstream OTLP
 * exporters log one info line per failed batch ("Export failed after maximum retry attempts",
 * "Export retry time … exceeds remaining timeout"), which would flood the log during an
 * outage; tracekit reports outages once and counts dropped spans instead. From debug on,
 * everything is shown.
 */
class QuietUpstreamInfoLogger implements DiagLogger {
  constructor(
    private readonly inner: DiagLogger,
    private readonly level: DiagLogLevel,
  ) {}

  error(message: string, ...args: unknown[]): void {
    this.inner.error(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    if (message === NAMESPACE || this.level >= DiagLogLevel.DEBUG) this.inner.info(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(message, ...args);
  }

  verbose(message: string, ...args: unknown[]): void {
    this.inner.verbose(message, ...args);
  }
}
