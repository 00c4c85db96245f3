/**
 * Zero-code entry point: `node -r @tracekit/node/register app.js`,
 * `node --import @tracekit/node/register app.mjs`, or NODE_OPTIONS with either.
 * Configured only by OTEL_* / TRACEKIT_* environment variables; never throws into the app.
 */
import { start, startMessages } from './start.js';

try {
  start({ esmHooks: true });
} catch (error) {
  console.warn(`@tracekit/node ${startMessages.failed(error)}`);
}
