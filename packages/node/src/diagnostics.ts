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

/**
 * Installs the console diag logger at OTEL_LOG_LEVEL (default info), so configuration and
 * export warnings are visible by default and not only when debugging.
 */
export function installDiagLogger(level: LogLevel): DiagLogger {
  diag.setLogger(new DiagConsoleLogger(), { logLevel: LEVELS[level], suppressOverrideMessage: true });
  return diag.createComponentLogger({ namespace: '@tracekit/node' });
}

export function tracekitLogger(): DiagLogger {
  return diag.createComponentLogger({ namespace: '@tracekit/node' });
}
