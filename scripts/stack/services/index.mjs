// Builds (or finds in the cache) the three non-Node example services at once.
//
//   const services = await prepareAllServices({ log: console.error });
//   spawn(services.inventory.command, services.inventory.args, {
//     cwd: services.inventory.cwd,
//     env: { ...process.env, ...services.inventory.env, OTEL_SERVICE_NAME: 'inventory', PORT: '0', ... },
//   });
//
// Each service prints `LISTENING <port>` once it accepts requests.
import { defaultCacheDir } from './build-tools.mjs';
import { prepareGoService } from './go.mjs';
import { prepareJavaService } from './java.mjs';
import { preparePythonService } from './python.mjs';

export { defaultCacheDir } from './build-tools.mjs';
export { prepareGoService } from './go.mjs';
export { prepareJavaService } from './java.mjs';
export { preparePythonService } from './python.mjs';

/**
 * @returns {Promise<{ inventory: PreparedService, pricing: PreparedService, payments: PreparedService }>}
 *   where PreparedService is `{ command, args, cwd, env }`.
 */
export async function prepareAllServices({ cacheDir = defaultCacheDir(), log = () => {}, timeoutMs } = {}) {
  const options = { cacheDir, log, timeoutMs };
  // Like Promise.all, but waits for every build so that all failures are reported together.
  const results = await Promise.allSettled([
    prepareGoService(options),
    preparePythonService(options),
    prepareJavaService(options),
  ]);
  const failures = results.filter((result) => result.status === 'rejected').map((result) => result.reason);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new Error(`${failures.length} services could not be prepared:\n\n${failures.map((error) => error.message).join('\n\n')}`);
  }
  const [inventory, pricing, payments] = results.map((result) => result.value);
  return { inventory, pricing, payments };
}
