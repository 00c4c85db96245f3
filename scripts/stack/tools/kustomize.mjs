// kustomize, built from its Go module (it has no replace directives, so `go install` works; v5.8.3 needs Go 1.27)
// and cached under ${TRACEKIT_CACHE:-$HOME/.cache/tracekit}/bin/kustomize-<version>/.
import { join } from 'node:path';
import { ensureBuilt, goEnv, run, toolsCacheDir } from './cache.mjs';

export const KUSTOMIZE_VERSION = 'v5.8.2';

/** @param {{ cacheDir?: string, log?: (line: string) => void }} [options] @returns {Promise<string>} the binary */
export function ensureKustomize({ cacheDir, log } = {}) {
  return ensureBuilt({
    folder: join(toolsCacheDir(cacheDir), 'bin', `kustomize-${KUSTOMIZE_VERSION}`),
    file: 'kustomize',
    log,
    build: (scratch) =>
      run('go', ['install', `sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}`], {
        env: { ...goEnv(), GOBIN: scratch },
        log,
      }),
  });
}

/** Renders one kustomization folder to multi-document YAML. */
export function kustomizeBuild(kustomize, folder) {
  return run(kustomize, ['build', folder]);
}
