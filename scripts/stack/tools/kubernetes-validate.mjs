// kubernetes-validate (PyPI), which bundles the Kubernetes OpenAPI schemas of many releases
// and validates objects against them offline. Installed into a private venv under
// ${TRACEKIT_CACHE:-$HOME/.cache/tracekit}/venv/kubernetes-validate-<version>/.
import { join } from 'node:path';
import { ensureBuilt, run, toolsCacheDir } from './cache.mjs';

export const KUBERNETES_VALIDATE_VERSION = '1.37.0';

/** @param {{ cacheDir?: string, log?: (line: string) => void, python?: string }} [options] @returns {Promise<string>} the CLI */
export function ensureKubernetesValidate({ cacheDir, log, python = 'python3' } = {}) {
  const folder = join(toolsCacheDir(cacheDir), 'venv', `kubernetes-validate-${KUBERNETES_VALIDATE_VERSION}`);
  return ensureBuilt({
    folder,
    file: join('bin', 'kubernetes-validate'),
    log,
    build: async (scratch) => {
      // A venv records its own path, so it is created at its final place and moved there
      // only by name: build it in `scratch`, then rewrite nothing, because the console script is
      // run through the venv's python explicitly (see validateCommand).
      await run(python, ['-m', 'venv', scratch], { log });
      await run(join(scratch, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `kubernetes-validate==${KUBERNETES_VALIDATE_VERSION}`], { log });
    },
  });
}

/**
 * The command that runs kubernetes-validate from its venv: the venv's python running the
 * package's module, which works even though the venv was built under another folder name.
 */
export function kubernetesValidateCommand(cli) {
  const venv = join(cli, '..', '..');
  return { command: join(venv, 'bin', 'python'), args: ['-m', 'kubernetes_validate'] };
}
