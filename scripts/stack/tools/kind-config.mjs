// A checker for kind cluster configs that needs no Docker: kind's own loader and validation
// (strict v1alpha4 decoding), compiled from kind-config-check/main.go.txt inside a writable
// copy of the kind Go module (its internal packages are importable only from within its pkg/ tree, so it goes there).
// Cached under ${TRACEKIT_CACHE:-$HOME/.cache/tracekit}/bin/kind-config-check-<kind version>/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, goEnv, run, toolsCacheDir } from './cache.mjs';

/** The kind release whose node image k8s/kind/cluster.yaml pins (its default image). */
export const KIND_VERSION = 'v0.33.0';
const MAIN = fileURLToPath(new URL('./kind-config-check/main.go.txt', import.meta.url));

/** @param {{ cacheDir?: string, log?: (line: string) => void }} [options] @returns {Promise<string>} the binary */
export function ensureKindConfigCheck({ cacheDir, log } = {}) {
  const env = goEnv();
  return ensureBuilt({
    folder: join(toolsCacheDir(cacheDir), 'bin', `kind-config-check-${KIND_VERSION}`),
    file: 'kind-config-check',
    log,
    build: async (scratch) => {
      const json = await run('go', ['mod', 'download', '-json', `sigs.k8s.io/kind@${KIND_VERSION}`], { env, log });
      const { Dir } = JSON.parse(json);
      const work = mkdtempSync(join(scratch, 'src-'));
      try {
        cpSync(Dir, work, { recursive: true });
        await run('chmod', ['-R', 'u+w', work]);
        mkdirSync(join(work, 'pkg', 'tracekitkindconfigcheck'), { recursive: true });
        cpSync(MAIN, join(work, 'pkg', 'tracekitkindconfigcheck', 'main.go'));
        await run('go', ['build', '-o', join(scratch, 'kind-config-check'), './pkg/tracekitkindconfigcheck'], { cwd: work, env, log });
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  });
}

/** Loads and validates kind configs; resolves with kind's view of them (nodes, images, ports). */
export async function checkKindConfig(binary, ...paths) {
  return JSON.parse(await run(binary, paths));
}

/** kind's default node image for KIND_VERSION, read from the module source (with its digest). */
export async function kindDefaultNodeImage({ log } = {}) {
  const json = await run('go', ['mod', 'download', '-json', `sigs.k8s.io/kind@${KIND_VERSION}`], { env: goEnv(), log });
  const { Dir } = JSON.parse(json);
  const source = readFileSync(join(Dir, 'pkg', 'apis', 'config', 'defaults', 'image.go'), 'utf8');
  return /const Image = "([^"]+)"/.exec(source)?.[1];
}
