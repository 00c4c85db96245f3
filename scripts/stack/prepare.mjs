// Builds (or finds in the cache) everything the shop stack needs: the Collector, Jaeger and
// the Go, Python and Java services. The test command starts it in the background so the slow
// first-time builds overlap with building and unit-testing the packages.
import { ensureBackends } from './backends/build.mjs';
import { prepareAllServices } from './services/index.mjs';

const log = (line) => console.log(`[prepare] ${line}`);
const started = Date.now();
await Promise.all([ensureBackends({ log }), prepareAllServices({ log })]);
log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
