// Every tool the offline checks of k8s/ need, built or installed on first use and cached under
// ${TRACEKIT_CACHE:-$HOME/.cache/tracekit}. Go builds run one after the other (they use every
// core); the Python venv is installed meanwhile.
import { ensureCollector, ensureJaeger } from '../backends/build.mjs';
import { ensureKindConfigCheck } from './kind-config.mjs';
import { ensureKubernetesValidate } from './kubernetes-validate.mjs';
import { ensureKustomize } from './kustomize.mjs';
import { ensurePromtool } from './promtool.mjs';
import { toolsCacheDir } from './cache.mjs';

export { KIND_VERSION } from './kind-config.mjs';
export { KUBERNETES_VALIDATE_VERSION } from './kubernetes-validate.mjs';
export { KUSTOMIZE_VERSION } from './kustomize.mjs';
export { PROMETHEUS_MODULE_VERSION } from './promtool.mjs';

/**
 * @param {{ cacheDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ kustomize: string, kubernetesValidate: string, promtool: string, kindConfigCheck: string,
 *                     collector: string, jaeger: string, timings: Record<string, number> }>}
 */
export async function ensureManifestTools({ cacheDir, log = () => {} } = {}) {
  const dir = toolsCacheDir(cacheDir);
  const timings = {};
  const timed = (name, promise) => {
    const started = Date.now();
    return promise.then((value) => {
      timings[name] = Date.now() - started;
      return value;
    });
  };
  const python = timed('kubernetes-validate', ensureKubernetesValidate({ cacheDir: dir, log }));
  const goTools = (async () => {
    const kustomize = await timed('kustomize', ensureKustomize({ cacheDir: dir, log }));
    const promtool = await timed('promtool', ensurePromtool({ cacheDir: dir, log }));
    const kindConfigCheck = await timed('kind-config-check', ensureKindConfigCheck({ cacheDir: dir, log }));
    const collector = await timed('collector', ensureCollector({ cacheDir: dir, log }));
    const jaeger = await timed('jaeger', ensureJaeger({ cacheDir: dir, log }));
    return { kustomize, promtool, kindConfigCheck, collector, jaeger };
  })();
  const [kubernetesValidate, go] = await Promise.all([python, goTools]);
  return { kubernetesValidate, ...go, timings };
}
