// promtool (Prometheus's rule and config checker), built from the Prometheus Go module and
// cached under ${TRACEKIT_CACHE:-$HOME/.cache/tracekit}/bin/promtool-<version>/.
// `go install` is tried first; should a release carry replace directives again (which make
// `go install` refuse it), the module is downloaded, copied to a writable folder and built
// there as the main module, where its replace directives apply.
// Built with `-tags remove_all_sd`: Prometheus's service-discovery plugins are left out (rule
// checks do not need them, and one of their dependencies, hashicorp/nomad/api at the pseudo-
// version v0.316.0 pins, is refused by the Go module proxy).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, goEnv, run, toolsCacheDir } from './cache.mjs';

/** Prometheus v3.16's Go module version (Prometheus tags v3.x.y as Go module v0.3xx.y). */
export const PROMETHEUS_MODULE_VERSION = 'v0.316.0';
const MODULE = 'github.com/prometheus/prometheus';
const BUILD_TAGS = 'remove_all_sd';

/** @param {{ cacheDir?: string, log?: (line: string) => void }} [options] @returns {Promise<string>} the binary */
export function ensurePromtool({ cacheDir, log } = {}) {
  const env = goEnv();
  const ldflags = `-X github.com/prometheus/common/version.Version=${PROMETHEUS_MODULE_VERSION}`;
  const flags = [`-tags=${BUILD_TAGS}`, `-ldflags=${ldflags}`];
  return ensureBuilt({
    folder: join(toolsCacheDir(cacheDir), 'bin', `promtool-${PROMETHEUS_MODULE_VERSION}`),
    file: 'promtool',
    log,
    build: async (scratch) => {
      try {
        await run('go', ['install', ...flags, `${MODULE}/cmd/promtool@${PROMETHEUS_MODULE_VERSION}`], {
          env: { ...env, GOBIN: scratch },
          log,
        });
      } catch (error) {
        if (!/replace directives|cannot be the main module/.test(String(error))) throw error;
        log?.('go install refused the module; building it as the main module instead');
        await buildAsMainModule(scratch, env, flags, log);
      }
    },
  });
}

async function buildAsMainModule(scratch, env, flags, log) {
  const json = await run('go', ['mod', 'download', '-json', `${MODULE}@${PROMETHEUS_MODULE_VERSION}`], { env, log });
  const { Dir } = JSON.parse(json);
  const work = mkdtempSync(join(scratch, 'src-'));
  try {
    cpSync(Dir, work, { recursive: true });
    await run('chmod', ['-R', 'u+w', work]);
    await run('go', ['build', ...flags, '-o', join(scratch, 'promtool'), './cmd/promtool'], { cwd: work, env, log });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
