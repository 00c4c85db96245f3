import { diag, type DiagLogger } from '@opentelemetry/api';
import { PACKAGE_NAME } from './version.js';

/** The package's diag logger: silent unless the app (or @tracekit/node) installed one. */
export function logger(): DiagLogger {
  return diag.createComponentLogger({ namespace: PACKAGE_NAME });
}

/** Reports a message once per `key`, so a per-request failure does not flood the log. */
export function warnOnce(seen: Set<string>, key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  logger().warn(message);
}
