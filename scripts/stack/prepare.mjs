// Builds (or finds in the cache) everything the shop stack and the manifest checks need: the
// Collector, Jaeger, the Go, Python and Java services, kustomize, kubernetes-validate, promtool
// and kind's config checker. The test command starts it in the background so the slow
// first-time builds overlap with building and checking the packages.
import { ensureBackends } from './backends/build.mjs';
import { prepareAllServices } from './services/index.mjs';
import { ensureManifestTools } from './tools/index.mjs';

const log = (line) => console.log(`[prepare] ${line}`);
const started = Date.now();
await Promise.all([ensureBackends({ log }), prepareAllServices({ log }), ensureManifestTools({ log })]);
log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
