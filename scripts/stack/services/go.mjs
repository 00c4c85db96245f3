// inventory (Go): `go build` once per content of go.mod, go.sum and the sources, into
// <cacheDir>/bin/inventory-<hash>. Modules come from the Go module proxy into the usual
// module cache; the repository is not written to.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_BUILD_TIMEOUT_MS,
  EXAMPLES_DIR,
  defaultCacheDir,
  elapsedSince,
  exists,
  hashInputs,
  listFiles,
  requireTool,
  run,
  withLock,
} from './build-tools.mjs';

const SERVICE = 'inventory';

export async function prepareGoService({
  cacheDir = defaultCacheDir(),
  log = () => {},
  timeoutMs = DEFAULT_BUILD_TIMEOUT_MS,
} = {}) {
  const source = path.join(EXAMPLES_DIR, SERVICE);
  const go = await requireTool(
    'go',
    `The ${SERVICE} example is written in Go: install Go 1.26 or newer (https://go.dev/dl/, or your package manager) and put \`go\` on PATH.`,
  );
  const goVersion = (await run(go, ['env', 'GOVERSION'], { label: 'go env', timeoutMs: 60_000 })).trim();

  const inputs = await listFiles(source, (file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum');
  const hash = await hashInputs(source, inputs, [goVersion]);
  const binary = path.join(cacheDir, 'bin', `${SERVICE}-${hash}`);

  if (await exists(binary)) {
    log(`${SERVICE}: using cached Go binary ${binary}`);
  } else {
    await withLock(
      binary,
      async () => {
        if (await exists(binary)) return; // built by another process meanwhile
        const startedAt = performance.now();
        log(`${SERVICE}: go build (${goVersion}) → ${binary}`);
        const partial = `${binary}.partial`;
        try {
          // -buildvcs=false: no git call to stamp the binary; -mod=readonly: go.mod/go.sum as committed.
          await run(go, ['build', '-trimpath', '-buildvcs=false', '-mod=readonly', '-o', partial, '.'], {
            cwd: source,
            env: { ...process.env, CGO_ENABLED: '0' },
            timeoutMs,
            label: `${SERVICE}: go build`,
          });
          await rename(partial, binary); // only a complete binary ever has the final name
        } finally {
          await rm(partial, { force: true });
        }
        log(`${SERVICE}: built in ${elapsedSince(startedAt)}`);
      },
      { timeoutMs, log: (line) => log(`${SERVICE}: ${line}`) },
    );
  }

  return { command: binary, args: [], cwd: source, env: {} };
}
