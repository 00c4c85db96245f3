// The ESM app with a SIGTERM handler of its own that calls process.exit(0) at once, as many
// services do: whatever a tracing SDK has not sent by then is lost unless it flushes at exit.
import './express-app.mjs';

process.on('SIGTERM', () => process.exit(0));
